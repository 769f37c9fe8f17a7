{#- Rows whose `column_name` lies outside [min_value, max_value], among those `where_clause`
    selects. Used with severity warn for plausibility: an outlier is listed in the build
    output for a reader to check, it does not stop the build. -#}
{% test value_in_range(model, column_name, min_value, max_value, where_clause='true') %}
    select *
    from {{ model }}
    where
        ({{ where_clause }})
        and ({{ column_name }} < {{ min_value }} or {{ column_name }} > {{ max_value }})
{% endtest %}
