-- The sections of the reports the marts publish (int_sections_assembled), with their text:
-- the one copy of it the warehouse keeps besides the report's own, put together from the
-- report's lines.
{% set only_new_reports = new_reports_only() -%}

with

sections as (
    select * from {{ ref('int_sections_assembled') }}
    where {{ only_new_reports }}
),

report_lines as (
    select * from {{ ref('int_report_lines_split') }}
    where {{ only_new_reports }}
),

section_texts as (
    {{ span_texts('sections', 'report_lines') }}
),

placed_reports as (
    -- a quarantined report has no sections (int_reports_placed)
    select report_id from {{ ref('reports') }}
    where {{ only_new_reports }}
),

final as (
    select
        sections.section_id,
        sections.report_id,
        sections.parent_section_id,
        (sections.depth)::integer as depth,
        (sections.ordinal)::integer as ordinal,
        (sections.number)::integer as number,
        sections.number_label,
        sections.marker_status,
        sections.title,
        sections.kind,
        (sections.start_line)::integer as start_line,
        (sections.start_offset)::bigint as start_offset,
        (sections.end_offset)::bigint as end_offset,
        section_texts.span_text as section_text
    from sections
    inner join placed_reports on sections.report_id = placed_reports.report_id
    inner join section_texts
        on
            sections.report_id = section_texts.report_id
            and sections.start_offset = section_texts.start_offset
            and sections.end_offset = section_texts.end_offset
)

select * from final
