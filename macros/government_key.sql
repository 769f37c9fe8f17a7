{#- The same government across reports and years: its division code, else its level and name
    (a region the seed does not know). `relation` names the table the columns come from. -#}
{% macro government_key(relation=none) -%}
    {%- set prefix = relation ~ '.' if relation else '' -%}
    coalesce({{ prefix }}admin_code, {{ prefix }}level || ':' || {{ prefix }}region)
{%- endmacro %}
