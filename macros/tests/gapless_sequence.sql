{#- Fails for every group whose `column_name` is not exactly 1, 2, 3 … n (no gap, no repeat):
    ordinals of sections within their parent, entries within a glossary. -#}
{% test gapless_sequence(model, column_name, group_by) %}
    select
        {{ group_by | join(', ') }},
        count(*) as members,
        count(distinct {{ column_name }}) as distinct_values,
        min({{ column_name }}) as lowest,
        max({{ column_name }}) as highest
    from {{ model }}
    group by {{ group_by | join(', ') }}
    having
        min({{ column_name }}) <> 1
        or max({{ column_name }}) <> count(*)
        or count(distinct {{ column_name }}) <> count(*)
{% endtest %}
