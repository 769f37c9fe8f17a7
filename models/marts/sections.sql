-- The sections of the reports the marts publish (int_sections_assembled), with their text.
-- A view: the text is cut from the report's normalised text when it is read, so the warehouse
-- keeps the text once (bench/README.md, issue 21). Cutting counts characters from the start of
-- the text for each section, so reading every section of a report costs its sections times its
-- length; a model that needs no text reads no text.

with

sections as (
    select * from {{ ref('int_sections_assembled') }}
),

placed_reports as (
    -- a quarantined report has no sections (int_reports_placed)
    select report_id from {{ ref('reports') }}
),

report_files as (
    select * from {{ ref('stg_raw__report_files') }}
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
        substr(
            report_files.normalized_text,
            sections.start_offset + 1,
            sections.end_offset - sections.start_offset
        ) as section_text
    from sections
    inner join placed_reports on sections.report_id = placed_reports.report_id
    inner join report_files on sections.report_id = report_files.report_id
)

select * from final
