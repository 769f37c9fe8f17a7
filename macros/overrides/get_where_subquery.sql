{#- Override of dbt-core's default__get_where_subquery (dbt-core 1.11: global_project
    macros/materializations/tests/where_subquery.sql). Why: a data test of an incremental model
    should read the rows its latest run wrote, not every row of every report ever built; dbt
    offers only the `where` config, which cannot name the run. Check it again when dbt-core
    changes minor version.

    The rows a data test of a model reads (dbt's get_where_subquery, with its `where` config).

    An incremental model's tests read the rows of the reports its latest run wrote: all of
    them after a full build, the new reports' after an incremental one. A view over incremental
    models (marts.sections) is tested on the reports their latest runs wrote. A report's rows depend
    on its own text and the seeds alone (macros/incremental/reports_read.sql), so rows a green build
    tested stay as they were until a rule changes, and then the model rebuilds in full and is
    tested in full. Every key of these models hashes the report id, and a report's rows are
    filtered by report, old ones included: a report appended twice fails `unique`.

    `dbt build --vars '{test_all_rows: true}'` (`govreports build --test-all-rows`) tests
    every row. Relationship tests read their parent in full, and singular tests (data-tests/)
    every row, always.

    A warehouse built before runs were recorded has none, in the ledger or the model's
    fingerprint: every row matches, and is tested, until the next build records its run.

    One macro on purpose: dbt's partial parsing, on adding this file to a parsed project,
    re-parses the tests before it knows the file's other macros. -#}
{% macro default__get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do conditions.append('(' ~ where ~ ')') -%}
    {%- endif -%}
    {%- set tested = graph.get('nodes', {}).get(model.get('attached_node') or '') if execute else none -%}
    {%- set ledgers = incremental_models_read([tested.unique_id])
        if tested is not none and not var('test_all_rows', false)
        and tested.resource_type == 'model' and tested.package_name == project_name
        else [] -%}
    {%- if ledgers -%}
        {%- set written = "select distinct written.report_id"
            ~ " from intermediate.incremental_reports as written"
            ~ " inner join intermediate.incremental_fingerprints as latest_run"
            ~ " on written.model_name = latest_run.model_name"
            ~ " and written.run_id is not distinct from latest_run.run_id"
            ~ " where written.model_name in ('" ~ ledgers | join("', '") ~ "')" -%}
        {%- set listed = run_query(
            written ~ " order by 1 limit " ~ (max_listed_reports() + 1)
        ).columns[0].values() if execute else [] -%}
        {%- if listed | length <= max_listed_reports() -%}
            {#- named, as the models name their new reports: DuckDB filters while it scans, and
                through the windows of a view, where a subquery read every row -#}
            {%- do conditions.append(
                "report_id in (" ~ ("'" ~ listed | join("', '") ~ "'" if listed else "null") ~ ")"
            ) -%}
        {%- else -%}
            {%- do conditions.append("report_id in (" ~ written ~ ")") -%}
        {%- endif -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ conditions | join(' and ') ~ ') as dbt_subquery') -%}
    {%- endif -%}
    {%- do return(relation) -%}
{%- endmacro %}
