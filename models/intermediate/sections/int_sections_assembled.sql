-- The tree of each report as sections: its parts (depth 1, from int_parts_resolved) and the
-- numbered items under them (depth 2, from int_items_resolved), each with a stable id, its
-- parent's, the label its marker shows when present, and its offsets: the text is put
-- together once, in marts.sections, not kept twice.
{% set only_new_reports = new_reports_only() -%}

with

parts as (
    select * from {{ ref('int_parts_resolved') }}
    where {{ only_new_reports }}
),

items as (
    select * from {{ ref('int_items_resolved') }}
    where {{ only_new_reports }}
),

part_sections as (
    select
        left(md5(report_id || ':1:' || start_offset::varchar), 16) as section_id,
        report_id,
        null::varchar as parent_section_id,
        1 as depth,
        ordinal,
        numeral as number,
        case when marker_status = 'present' then {{ chinese_numeral('numeral') }} end
            as number_label,
        marker_status,
        rtrim(title, ':') as title,
        kind,
        line_number as start_line,
        start_offset,
        end_offset
    from parts
),

item_sections as (
    select
        left(md5(items.report_id || ':2:' || items.start_offset::varchar), 16) as section_id,
        items.report_id,
        left(md5(items.report_id || ':1:' || items.part_start_offset::varchar), 16)
            as parent_section_id,
        2 as depth,
        items.ordinal,
        items.ordinal as number,
        case when items.marker_status = 'present' then items.number_label end as number_label,
        items.marker_status,
        items.title,
        null as kind,
        items.line_number as start_line,
        items.start_offset,
        items.end_offset
    from items
),

all_sections as (
    select * from part_sections
    union all
    select * from item_sections
),

final as (
    select * from all_sections
)

select * from final
