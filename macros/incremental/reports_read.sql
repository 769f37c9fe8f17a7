{#- Incremental models, keyed by report.

    Every model that reads one report at a time (the intermediate models and the per-report
    marts) is materialised `incremental`: a run reads only the reports the model has not read
    yet (intermediate.incremental_reports) and appends their rows. A report's rows depend on that report's text and on the seeds
    alone, so appending a report never changes the rows of another, and the incremental path
    gives the rows a full build gives (tests/test_incremental.py checks it). Marts that join
    reports with each other (goal_outcomes, gdp_targets) stay tables, rebuilt every run.

    A model rebuilds from scratch, as with --full-refresh, whenever the rules it was built with
    changed: the project's models, macros or seeds (units, indicators, regions), or the
    figure extractor's Python code. The fingerprint of those rules is kept per model in
    intermediate.incremental_fingerprints, so an edited seed or model is never applied to new
    reports only. -#}


{#- The filter each input of an incremental model gets: the reports the model has not read
    yet. The ledger intermediate.incremental_reports says which it has read, so a report that
    gives a model no rows (most have no damage span, few a glossary) is not read again on every
    run. Up to max_listed_reports() of them are named in the filter: DuckDB then filters while
    it scans and reads the other columns of the few rows that pass, where `not in (subquery)`
    reads every column of every row. More are found by that subquery, within the range of
    their ids, which DuckDB filters while it scans: a build copies new reports in slices in
    the order of their ids (govreports/publish.py), so the rows of earlier slices, and their
    texts, are passed over instead of read at every slice. Report
    ids are hexadecimal (the start of a SHA-256): nothing to escape. dbt unit tests have no
    `this` and test the full build. -#}
{% macro new_reports_only(report_id_column='report_id') -%}
    {%- if this is not none and is_incremental() -%}
        {{ unread_reports_filter(report_id_column) }}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}


{% macro unread_reports_filter(report_id_column) -%}
    {%- set pending = unread_report_ids() -%}
    {%- if pending | length <= max_listed_reports() -%}
        {{- report_id_column }} in ({{ "'" ~ pending | join("', '") ~ "'" if pending else "null" }})
    {%- else -%}
        {%- set first_and_last = run_query(unread_reports_range_query()).rows[0] -%}
        {{- report_id_column }} between '{{ first_and_last[0] }}' and '{{ first_and_last[1] }}'
        and {{ report_id_column }} not in ({{ reports_read_by(fingerprint_key()) }})
    {%- endif -%}
{%- endmacro %}


{#- Nothing while dbt parses the project (no database yet) or sqlfluff lints it. -#}
{% macro unread_report_ids() -%}
    {%- if execute -%}
        {{- return(run_query(unread_reports_query()).columns[0].values()) -}}
    {%- endif -%}
    {{- return([]) -}}
{%- endmacro %}


{#- The loaded reports this model has not read, one more than can be named in its filter. -#}
{% macro unread_reports_query() -%}
    select loaded.report_id
    from ({{ loaded_report_ids() }}) as loaded
    where loaded.report_id not in ({{ reports_read_by(fingerprint_key()) }})
    order by loaded.report_id
    limit {{ max_listed_reports() + 1 }}
{%- endmacro %}


{% macro unread_reports_range_query() -%}
    select min(loaded.report_id), max(loaded.report_id)
    from ({{ loaded_report_ids() }}) as loaded
    where loaded.report_id not in ({{ reports_read_by(fingerprint_key()) }})
{%- endmacro %}


{#- Up to this many new reports are named in the filter; more are found by a subquery. -#}
{% macro max_listed_reports() -%}
    {{- return(var('max_listed_reports', 1000) | int) -}}
{%- endmacro %}


{#- Entries of other rules never stay: a model whose rules changed rebuilds in full (reading
    every report whatever this says), and its post-hook then drops them. -#}
{% macro reports_read_by(model_key) -%}
    select done.report_id
    from intermediate.incremental_reports as done
    where done.model_name = '{{ model_key }}'
{%- endmacro %}


{#- The id of every loaded report (the start of its SHA-256), as the staging model makes it. -#}
{% macro loaded_report_ids() -%}
    select left(loaded_file.sha256, 16) as report_id
    from {{ source('raw', 'report_files') }} as loaded_file
{%- endmacro %}


{#- Pre-hook: rows of reports no longer in the raw table go, as they would in a full build. -#}
{% macro forget_removed_reports() -%}
    {%- if config.get('materialized') == 'incremental' and is_incremental() -%}
        delete from {{ this }}
        where report_id not in ({{ loaded_report_ids() }})
    {%- endif -%}
{%- endmacro %}


{#- Post-hook, in the model's transaction: the reports the model has now read, and in which
    run. A report counts once every incremental model the model reads from has read it too, so
    a model run on its own (dbt build -s) ahead of its inputs does not count reports it could
    not see. Entries of other rules or of reports no longer loaded go, and all of them after a
    --full-refresh (every report was read again, in this run). -#}
{% macro record_reports_read() -%}
    {%- if config.get('materialized') == 'incremental' -%}
        {%- set fingerprint = rules_fingerprint() -%}
        delete from intermediate.incremental_reports
        where model_name = '{{ fingerprint_key() }}'
            and ({{ 'true or ' if full_refresh_asked() }}fingerprint <> '{{ fingerprint }}'
                or report_id not in ({{ loaded_report_ids() }}));
        insert into intermediate.incremental_reports (model_name, report_id, fingerprint, run_id)
        select '{{ fingerprint_key() }}', loaded.report_id, '{{ fingerprint }}', '{{ invocation_id }}'
        from ({{ loaded_report_ids() }}) as loaded
        where loaded.report_id not in ({{ reports_read_by(fingerprint_key()) }})
        {%- for upstream_key in incremental_models_read(model.depends_on.nodes) %}
            and loaded.report_id in ({{ reports_read_by(upstream_key) }})
        {%- endfor %}
    {%- endif -%}
{%- endmacro %}


{#- The incremental models (schema.alias) that the nodes `node_ids` are or read through views
    (marts.sections and marts.reports are views over incremental models): the models whose
    ledger says which reports those nodes can show. -#}
{% macro incremental_models_read(node_ids) -%}
    {%- set found = [] -%}
    {%- for node_id in node_ids -%}
        {%- set node = graph.nodes.get(node_id) -%}
        {%- if node is not none and node.resource_type == 'model' -%}
            {%- if node.config.materialized == 'incremental' -%}
                {%- do found.append(node.schema ~ '.' ~ node.alias) -%}
            {%- elif node.config.materialized in ('view', 'ephemeral') -%}
                {%- do found.extend(incremental_models_read(node.depends_on.nodes)) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{- return(found | unique | list) -}}
{%- endmacro %}


{#- The fingerprint of the rules every row depends on besides the reports: one value for the
    whole project, computed in Python (govreports/fingerprint.py says what it covers) and
    handed to SQL by the dbt plugin, so that govreports build and this macro agree. -#}
{% macro rules_fingerprint() -%}
    {%- set fingerprint = run_query('select govreports_rules_version()') -%}
    {{- return(fingerprint.columns[0].values()[0]) -}}
{%- endmacro %}


{% macro fingerprint_key() -%}
    {{- return(this.schema ~ '.' ~ this.identifier) -}}
{%- endmacro %}


{#- on-run-start: the table of fingerprints (with the run that last built each model) and the
    ledger of reports read (with the run that read each: the rows a model's tests read,
    macros/overrides/get_where_subquery.sql). Warehouses built before runs were kept gain the columns. -#}
{% macro create_fingerprint_table() -%}
    create schema if not exists intermediate;
    create table if not exists intermediate.incremental_fingerprints (
        model_name varchar primary key,
        fingerprint varchar not null,
        built_at timestamptz not null,
        run_id varchar
    );
    alter table intermediate.incremental_fingerprints add column if not exists run_id varchar;
    create table if not exists intermediate.incremental_reports (
        model_name varchar not null,
        report_id varchar not null,
        fingerprint varchar not null,
        run_id varchar
    );
    alter table intermediate.incremental_reports add column if not exists run_id varchar
{%- endmacro %}


{#- True when this incremental model was built with other rules than the current ones, or its
    fingerprint is unknown (a warehouse built before fingerprints were kept). -#}
{% macro rules_changed_since_last_build() -%}
    {%- set known = run_query(
        "select count(*) from information_schema.tables"
        ~ " where table_schema = 'intermediate' and table_name = 'incremental_fingerprints'"
    ) -%}
    {%- if known.columns[0].values()[0] == 0 -%}
        {{- return(true) -}}
    {%- endif -%}
    {%- set stored = run_query(
        "select fingerprint from intermediate.incremental_fingerprints where model_name = '"
        ~ fingerprint_key() ~ "'"
    ) -%}
    {%- if stored.rows | length == 0 -%}
        {{- return(true) -}}
    {%- endif -%}
    {{- return(stored.columns[0].values()[0] != rules_fingerprint()) -}}
{%- endmacro %}


{#- Post-hook: the rules this model was just built with. -#}
{% macro record_rules_fingerprint() -%}
    {%- if config.get('materialized') == 'incremental' -%}
        insert or replace into intermediate.incremental_fingerprints
            (model_name, fingerprint, built_at, run_id)
        values ('{{ fingerprint_key() }}', '{{ rules_fingerprint() }}', now(), '{{ invocation_id }}')
    {%- endif -%}
{%- endmacro %}
