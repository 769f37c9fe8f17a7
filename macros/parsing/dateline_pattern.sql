{#- The head of a dateline ("——2023年3月30日在…会议上"): optional bracket and dashes, a year in
    Arabic or Chinese digits (二〇二三年), then 在 within a few characters. Fused digits
    ("——2023223在") match too; the date itself is read in int_reports_described. -#}
{% macro dateline_pattern() -%}
    '^[(\[]?\s*[-—―–]*\s*((19|20)[0-9]{2}|[一二][〇○零O0一二三四五六七八九]{3}年)[^在]{0,12}在'
{%- endmacro %}
