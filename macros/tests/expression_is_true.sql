{#- Fails with every row of the model for which `expression` is not true (dbt_utils is out of
    reach offline, so the few generic tests govreports needs live here). -#}
{% test expression_is_true(model, expression, where_clause=none) %}
    select *
    from {{ model }}
    where
        not coalesce(({{ expression }}), false)
        {% if where_clause %} and ({{ where_clause }}){% endif %}
{% endtest %}
