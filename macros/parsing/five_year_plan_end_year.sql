{#- Last year of the n-th five-year plan (十三五 → 2020, 十四五 → 2025). The third plan started in
    1966 after a three-year gap, and every plan since has run five years, so the rule holds from
    the third plan on; earlier plans are not named this way in reports. -#}
{% macro five_year_plan_end_year(ordinal_expr) -%}
    (case when {{ ordinal_expr }} >= 3 then 1970 + 5 * ({{ ordinal_expr }} - 3) end)
{%- endmacro %}
