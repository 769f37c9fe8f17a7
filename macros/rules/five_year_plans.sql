{#- Last year of the n-th five-year plan (十三五 → 2020, 十四五 → 2025). The third plan started in
    1966 after a three-year gap, and every plan since has run five years, so the rule holds from
    the third plan on; earlier plans are not named this way in reports. -#}
{% macro five_year_plan_end_year(ordinal_expr) -%}
    (case when {{ ordinal_expr }} >= 3 then 1970 + 5 * ({{ ordinal_expr }} - 3) end)
{%- endmacro %}


{#- The last year of the plan a text names (十四五规划 → 2025), else null. The name's pattern
    is the extractor's (govreports/figures/shared_patterns.py), handed to SQL by the plugin. -#}
{% macro named_five_year_plan_end_year(text_expr) -%}
    {{ five_year_plan_end_year(chinese_small_number(
        "regexp_extract(" ~ text_expr ~ ", govreports_five_year_plan_name(), 1)"
    )) }}
{%- endmacro %}


{#- A plan that names no end (今后五年): the five years the report opens. -#}
{% macro plan_end_year_or_term_end(plan_end_year_expr, report_year_expr) -%}
    coalesce({{ plan_end_year_expr }}, {{ report_year_expr }} + 4)
{%- endmacro %}


{#- The last year of the plan a year falls in: plans end in the years ≡ 0 mod 5 (2025 for 2021
    to 2025), as they have since the third (1966-1970). -#}
{% macro five_year_plan_end_year_of(year_expr) -%}
    ((({{ year_expr }}) + 4) // 5 * 5)
{%- endmacro %}
