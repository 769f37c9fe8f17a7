{#- Fails for every figure whose canonical indicator does not allow its unit family or its
    metric kind (a GDP level must be currency, its growth a percent…), per seeds/indicators.csv. -#}
{% test unit_allowed_for_indicator(model, indicator_column, family_column, kind_column) %}
    with checked as (
        select * from {{ model }}
    ),

    allowed as (
        select
            canonical_indicator,
            list_distinct(flatten(list(string_split(unit_families, '|')))) as families,
            list_distinct(flatten(list(string_split(metric_kinds, '|')))) as kinds
        from {{ ref('indicators') }}
        group by canonical_indicator
    )

    select checked.*
    from checked
    left join allowed on checked.{{ indicator_column }} = allowed.canonical_indicator
    where
        checked.{{ indicator_column }} is not null
        and (
            allowed.canonical_indicator is null
            or not list_contains(allowed.families, checked.{{ family_column }})
            or not list_contains(allowed.kinds, checked.{{ kind_column }})
        )
{% endtest %}
