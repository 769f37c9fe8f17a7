{#- The fields of a figure, in the extractor's order (govreports/figures/extractor.py, Figure):
    the dbt plugin hands them to SQL, so the list is written once, in Python. Empty while dbt
    parses the project or sqlfluff lints it (no database). -#}
{% macro figure_fields() -%}
    {%- if execute -%}
        {{- return(run_query('select unnest(govreports_figure_fields())').columns[0].values()) -}}
    {%- endif -%}
    {{- return([]) -}}
{%- endmacro %}
