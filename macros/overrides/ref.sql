{#- Overrides of dbt's ref() and source() (dbt-core 1.11 documents overriding them with
    builtins). Why: dbt-duckdb names a relation with its database, the warehouse file's stem
    (govreports.staging.stg_raw__report_files), and a view stores the names it reads as
    written. Such a view stops working when the file is renamed, copied or attached under
    another name (`attach 'govreports.duckdb' as g`): "Catalog govreports does not exist".
    A view names what it reads without the database, which DuckDB resolves in the view's own
    file. Tables run their SQL at build time and keep the full name. -#}
{% macro ref() -%}
    {%- if builtins is not defined -%}
        {#- sqlfluff lints with a templater of its own, which has no builtins -#}
        {{- return(varargs | join('.')) -}}
    {%- endif -%}
    {%- set version = kwargs.get('version') or kwargs.get('v') -%}
    {%- if varargs | length == 1 -%}
        {%- set relation = builtins.ref(varargs[0], version=version) -%}
    {%- else -%}
        {%- set relation = builtins.ref(varargs[0], varargs[1], version=version) -%}
    {%- endif -%}
    {{- return(without_database_in_views(relation)) -}}
{%- endmacro %}


{% macro source(source_name, table_name) -%}
    {%- if builtins is not defined -%}
        {{- return(source_name ~ '.' ~ table_name) -}}
    {%- endif -%}
    {{- return(without_database_in_views(builtins.source(source_name, table_name))) -}}
{%- endmacro %}


{% macro without_database_in_views(relation) -%}
    {%- if model is mapping and model.get('config', {}).get('materialized') == 'view'
        and model.get('resource_type') == 'model' and relation.include is defined -%}
        {{- return(relation.include(database=false)) -}}
    {%- endif -%}
    {{- return(relation) -}}
{%- endmacro %}
