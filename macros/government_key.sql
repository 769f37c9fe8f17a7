{#- The same government across reports and years: the code of today's division it is (so a
    county that became a district stays one government), else the code it had (a division
    abolished since), else its level and name (a region the seeds do not know). `relation`
    names the table the columns come from. -#}
{% macro government_key(relation=none) -%}
    {%- set prefix = relation ~ '.' if relation else '' -%}
    coalesce(
        {{ prefix }}current_admin_code,
        {{ prefix }}admin_code,
        {{ prefix }}level || ':' || {{ prefix }}region
    )
{%- endmacro %}
