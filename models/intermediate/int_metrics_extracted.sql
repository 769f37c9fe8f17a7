-- Every figure in every part of every report, as the Python extractor reads it
-- (loaders/metrics.py, registered in DuckDB by loaders/dbt_plugin.py). Glossaries are left
-- out: their figures define terms, they do not report anything.
{% set only_new_reports = new_reports_only() -%}

with

parts as (
    select * from {{ ref('int_parts_resolved') }}
    where {{ only_new_reports }}
),

report_lines as (
    select * from {{ ref('int_report_lines_split') }}
    where {{ only_new_reports }}
),

units as (
    select * from {{ ref('units') }}
),

unit_lists as (
    -- one string for every text: passed whole to the extractor, read once there
    select
        json_object(
            'names', list(unit order by unit),
            'families', list(unit_family order by unit)
        )::varchar as units_json
    from units
),

read_parts as (
    select * from parts
    where kind <> 'glossary'
),

part_spans as (
    {{ span_texts('read_parts', 'report_lines') }}
),

part_texts as (
    select
        read_parts.report_id,
        read_parts.start_offset as part_start_offset,
        read_parts.kind as part_kind,
        read_parts.title as part_title,
        part_spans.span_text as part_text
    from read_parts
    inner join part_spans
        on
            read_parts.report_id = part_spans.report_id
            and read_parts.start_offset = part_spans.start_offset
            and read_parts.end_offset = part_spans.end_offset
),

extractions as (
    -- the extractor works on every core: see loaders/dbt_plugin.py
    select
        part_texts.report_id,
        part_texts.part_start_offset,
        part_texts.part_kind,
        part_texts.part_title,
        govreports_extract_figures(part_texts.part_text, unit_lists.units_json)
            as columns_of_figures
    from part_texts
    cross join unit_lists
),

figures as (
    -- one list per field, a value per figure: unnested side by side, one row per figure
    select
        report_id,
        part_start_offset,
        part_kind,
        part_title,
        unnest(columns_of_figures.start_offset) as start_offset,
        unnest(columns_of_figures.end_offset) as end_offset,
        unnest(columns_of_figures.number_text) as number_text,
        unnest(columns_of_figures.value) as value,
        unnest(columns_of_figures.value_high) as value_high,
        unnest(columns_of_figures.unit) as unit,
        unnest(columns_of_figures.indicator) as indicator,
        unnest(columns_of_figures.metric_kind) as metric_kind,
        unnest(columns_of_figures.is_approximate) as is_approximate,
        unnest(columns_of_figures.is_inherited) as is_inherited,
        unnest(columns_of_figures.lead_words) as lead_words,
        unnest(columns_of_figures.trail_word) as trail_word,
        unnest(columns_of_figures.year_hint) as year_hint,
        unnest(columns_of_figures.is_year_hint_in_sentence) as is_year_hint_in_sentence,
        unnest(columns_of_figures.years_before_report) as years_before_report,
        unnest(columns_of_figures.period) as period,
        unnest(columns_of_figures.quote) as quote,
        unnest(columns_of_figures.quote_start) as quote_start
    from extractions
),

final as (
    select
        report_id,
        part_start_offset,
        part_kind,
        part_title,
        part_start_offset + start_offset as start_offset,
        part_start_offset + end_offset as end_offset,
        number_text,
        value,
        value_high,
        unit,
        indicator,
        metric_kind as extracted_kind,
        is_approximate,
        is_inherited,
        lead_words,
        trail_word,
        year_hint,
        is_year_hint_in_sentence,
        years_before_report,
        period as extracted_period,
        quote,
        part_start_offset + quote_start as quote_start_offset
    from figures
)

select * from final
