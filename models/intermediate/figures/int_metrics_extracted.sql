-- Every figure in every part of every report, as the Python extractor reads it
-- (govreports/figures/extractor.py, registered in DuckDB by govreports/figures/duckdb_functions.py). Glossaries are left
-- out: their figures define terms, they do not report anything.
{% set only_new_reports = new_reports_only() -%}

with

parts as (
    select * from {{ ref('int_parts_resolved') }}
    where {{ only_new_reports }}
),

report_lines as (
    select * replace ({{ line_as_written() }} as line_text)
    from {{ ref('int_report_lines_split') }}
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
    -- the extractor works on every core: see govreports/figures/duckdb_functions.py
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
    -- one list per field, a value per figure: unnested side by side, one row per figure;
    -- the fields are the extractor's (govreports/figures/extractor.py, Figure)
    select
        report_id,
        part_start_offset,
        part_kind,
        {%- for field in figure_fields() %}
            unnest(columns_of_figures.{{ field }}) as {{ field }},
        {%- endfor %}
        part_title
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
        is_estimate,
        is_comparable_basis,
        lead_words,
        trail_word,
        comparator,
        year_hint,
        is_year_hint_in_sentence,
        years_before_report,
        period as extracted_period,
        quote,
        part_start_offset + quote_start as quote_start_offset
    from figures
)

select * from final
