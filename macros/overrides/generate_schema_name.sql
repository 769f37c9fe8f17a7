{#- Override of dbt-core's generate_schema_name (dbt-core 1.11: global_project
    macros/get_custom_name/get_custom_schema.sql), the override dbt documents for this.
    Use the folder's schema name as written (staging, intermediate, marts, seeds) instead of
    dbt's default "<target>_<custom>", so users query marts.reports, not main_marts.reports. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
