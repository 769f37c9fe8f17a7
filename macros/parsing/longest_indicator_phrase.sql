{#- For each row of `source_cte`, the seeds/indicators.csv row of the longest phrase its
    `text_column` contains (ties broken by the phrase itself, so the result is stable): the
    one rule that maps an indicator as written to its canonical code. -#}
{% macro longest_indicator_phrase(source_cte, text_column, key_columns) -%}
    select
        {% for key in key_columns %}{{ source_cte }}.{{ key }},{% endfor %}
        matched_phrases.canonical_indicator,
        matched_phrases.unit_families as allowed_families,
        matched_phrases.metric_kinds as allowed_kinds
    from {{ source_cte }}
    inner join {{ ref('indicators') }} as matched_phrases
        on strpos({{ source_cte }}.{{ text_column }}, matched_phrases.phrase) > 0
    qualify row_number() over (
        partition by {% for key in key_columns %}{{ source_cte }}.{{ key }}{% if not loop.last %}, {% endif %}{% endfor %}
        order by length(matched_phrases.phrase) desc, matched_phrases.phrase
    ) = 1
{%- endmacro %}
