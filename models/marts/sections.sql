-- The sections of the reports the marts publish (int_sections_assembled), with their text:
-- the one copy of it the warehouse keeps besides the report's own. A part's text is put
-- together from the report's lines, an item's cut from its part's: the lines are gathered
-- once, not once for the part and again for each item.
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

parts as (
    select * from sections
    where depth = 1
),

part_texts as (
    {{ span_texts('parts', 'report_lines') }}
),

section_texts as (
    select
        sections.section_id,
        case
            when sections.depth = 1 then part_texts.span_text
            else substr(
                part_texts.span_text,
                (sections.start_offset - part_texts.start_offset + 1)::bigint,
                (sections.end_offset - sections.start_offset)::bigint
            )
        end as section_text
    from sections
    left join parts on coalesce(sections.parent_section_id, sections.section_id) = parts.section_id
    inner join part_texts
        on
            parts.report_id = part_texts.report_id
            and parts.start_offset = part_texts.start_offset
            and parts.end_offset = part_texts.end_offset
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
        section_texts.section_text
    from sections
    inner join placed_reports on sections.report_id = placed_reports.report_id
    inner join section_texts on sections.section_id = section_texts.section_id
)

select * from final
