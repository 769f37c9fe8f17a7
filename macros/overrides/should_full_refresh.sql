{#- Override of dbt-core's should_full_refresh (dbt-core 1.11: global_project
    macros/materializations/configs.sql; dbt-duckdb 1.11 has none of its own). Why: an
    incremental model must rebuild in full when the rules it was built with changed
    (macros/incremental/reports_read.sql), and dbt's incremental materialisation and
    is_incremental() both ask this macro, so answering here is the one place that makes both
    agree. Check it again when dbt-core changes minor version. -#}


{#- dbt's own should_full_refresh (--full-refresh or the full_refresh config), and for
    incremental models also a change of rules since their last build. -#}
{% macro should_full_refresh() -%}
    {%- set full_refresh = full_refresh_asked() -%}
    {%- if not full_refresh and execute and model.resource_type == 'model'
        and config.get('materialized') == 'incremental' -%}
        {%- set full_refresh = rules_changed_since_last_build() -%}
    {%- endif -%}
    {{- return(full_refresh) -}}
{%- endmacro %}


{#- dbt's own answer: the model's full_refresh config, else the --full-refresh flag. -#}
{% macro full_refresh_asked() -%}
    {%- set full_refresh = config.get('full_refresh') -%}
    {{- return(flags.FULL_REFRESH if full_refresh is none else full_refresh) -}}
{%- endmacro %}
