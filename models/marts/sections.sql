-- The sections of the reports the marts publish (int_sections_assembled), with their text:
-- the one copy of it the warehouse keeps besides the report's own. A part's text is put
-- together from the report's lines. An item of a part of ordinary length is cut from its
-- part's text, so the lines are not gathered twice (memory, at 10,000 reports); an item of a
-- very long part is gathered from its own lines, since cutting costs the item's offset
-- inside the part (quadratic in a part's length).
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
    -- and whether a part is too long to cut its items from
    select
        *,
        end_offset - start_offset > {{ var('longest_part_to_cut_items_from') }} as is_long
    from sections
    where depth = 1
),

part_texts as (
    {{ span_texts('parts', 'report_lines') }}
),

parts_with_text as (
    select
        parts.section_id,
        parts.start_offset,
        parts.is_long,
        part_texts.span_text
    from parts
    inner join part_texts
        on
            parts.report_id = part_texts.report_id
            and parts.start_offset = part_texts.start_offset
            and parts.end_offset = part_texts.end_offset
),

items_of_long_parts as (
    select items.* from sections as items
    inner join parts on items.parent_section_id = parts.section_id
    where parts.is_long
),

long_part_item_texts as (
    {{ span_texts('items_of_long_parts', 'report_lines') }}
),

section_texts as (
    -- a part's own text
    select
        section_id,
        span_text as section_text
    from parts_with_text
    union all
    -- an item of a part of ordinary length, cut from the part's text
    select
        items.section_id,
        substr(
            parts.span_text,
            (items.start_offset - parts.start_offset + 1)::bigint,
            (items.end_offset - items.start_offset)::bigint
        ) as section_text
    from sections as items
    inner join parts_with_text as parts on items.parent_section_id = parts.section_id
    where not parts.is_long
    union all
    -- an item of a very long part, from its own lines
    select
        items.section_id,
        long_part_item_texts.span_text as section_text
    from items_of_long_parts as items
    inner join long_part_item_texts
        on
            items.report_id = long_part_item_texts.report_id
            and items.start_offset = long_part_item_texts.start_offset
            and items.end_offset = long_part_item_texts.end_offset
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
