{#- Tell the dbt-duckdb plugin how the run ended: how many nodes failed. dbt run by hand
    publishes its working copy only after a run with none (govreports/dbt_guard.py). -#}
{% macro record_run_outcome(results) -%}
    {%- if execute -%}
        {%- set failed = results | selectattr('status', 'in', ['error', 'fail', 'runtime error']) | list -%}
        select govreports_record_run_outcome({{ failed | length }})
    {%- endif -%}
{%- endmacro %}
