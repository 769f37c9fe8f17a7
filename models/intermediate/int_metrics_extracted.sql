-- Every figure in every part of every report, as the Python extractor reads it
-- (loaders/metrics.py, registered in DuckDB by loaders/dbt_plugin.py). Glossaries are left
-- out: their figures define terms, they do not report anything.
{% set only_new_reports = new_reports_only() -%}

with

parts as (
    select * from {{ ref('int_parts_resolved') }}
    where {{ only_new_reports }}
),

report_files as (
    select * from {{ ref('stg_raw__report_files') }}
    where {{ only_new_reports }}
),

units as (
    select * from {{ ref('units') }}
),

unit_lists as (
    select
        list(unit order by unit) as unit_names,
        list(unit_family order by unit) as unit_families
    from units
),

part_texts as (
    select
        parts.report_id,
        parts.start_offset as part_start_offset,
        parts.kind as part_kind,
        parts.title as part_title,
        substr(
            report_files.normalized_text, parts.start_offset + 1, parts.end_offset - parts.start_offset
        ) as part_text
    from parts
    inner join report_files on parts.report_id = report_files.report_id
    where parts.kind <> 'glossary'
),

figures as (
    -- the extractor works on every core: see loaders/dbt_plugin.py
    select
        part_texts.report_id,
        part_texts.part_start_offset,
        part_texts.part_kind,
        part_texts.part_title,
        unnest(
            govreports_extract_figures(
                part_texts.part_text, unit_lists.unit_names, unit_lists.unit_families
            )
        ) as figure
    from part_texts
    cross join unit_lists
),

final as (
    select
        report_id,
        part_start_offset,
        part_kind,
        part_title,
        part_start_offset + figure.start_offset as start_offset,
        part_start_offset + figure.end_offset as end_offset,
        figure.number_text,
        figure.value,
        figure.value_high,
        figure.unit,
        figure.indicator,
        figure.metric_kind as extracted_kind,
        figure.is_approximate,
        figure.is_inherited,
        figure.lead_words,
        figure.trail_word,
        figure.year_hint,
        figure.years_before_report,
        figure.period as extracted_period,
        figure.quote,
        part_start_offset + figure.quote_start as quote_start_offset
    from figures
)

select * from final
