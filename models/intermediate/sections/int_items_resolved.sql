-- The numbered items under each part: "(一)…" headings (counted while their numbers rise),
-- ")…" headings that lost their opening bracket and number, mojibake headings the loader
-- repaired, and, in a part that has at least two bracketed items, standalone heading lines whose
-- marker was stripped. A part with no bracketed items may number its items "一是…二是…" at the
-- start of lines instead. Items run from their heading to the next item or the part's end.
{% set only_new_reports = new_reports_only() -%}

with

classified_lines as (
    select * from {{ ref('int_section_lines_classified') }}
    where {{ only_new_reports }}
),

parts as (
    select * from {{ ref('int_parts_resolved') }}
    where {{ only_new_reports }}
),

part_lines as (
    {{ spans_by_line(
        "(select report_id, start_offset, end_offset from parts"
        ~ " where kind not in ('preamble', 'glossary', 'appendix'))",
        "(select report_id, line_number, content_start_offset as start_offset"
        ~ " from classified_lines)"
    ) }}
),

lines_in_parts as (
    select
        classified_lines.*,
        parts.start_offset as part_start_offset,
        parts.end_offset as part_end_offset,
        max(classified_lines.item_numeral) filter (
            where classified_lines.line_role = 'numbered_item'
        ) over (
            partition by classified_lines.report_id, parts.start_offset
            order by classified_lines.line_number
            rows between unbounded preceding and 1 preceding
        ) as highest_item_numeral_before
    from classified_lines
    inner join part_lines as parts
        on
            classified_lines.report_id = parts.report_id
            and classified_lines.line_number = parts.covered_line_number
            and classified_lines.content_start_offset > parts.start_offset
            and classified_lines.content_start_offset < parts.end_offset
    where
        classified_lines.line_role in (
            'numbered_item', 'item_lost_bracket', 'garbled_item', 'shi_item', 'heading_shaped'
        )
),

bracket_items as (
    select
        *,
        case line_role
            when 'numbered_item' then 'present'
            when 'item_lost_bracket' then 'partial'
            when 'garbled_item' then 'garbled'
        end as marker_status
    from lines_in_parts
    where
        (line_role = 'numbered_item' and item_numeral > coalesce(highest_item_numeral_before, 0))
        or line_role in ('item_lost_bracket', 'garbled_item')
),

parts_with_bracket_items as (
    select
        report_id,
        part_start_offset,
        count(*) as bracket_items
    from bracket_items
    group by report_id, part_start_offset
),

unmarked_items as (
    -- a standalone heading among bracketed siblings is an item whose marker was stripped
    select
        lines_in_parts.*,
        'missing' as marker_status
    from lines_in_parts
    inner join parts_with_bracket_items
        on
            lines_in_parts.report_id = parts_with_bracket_items.report_id
            and lines_in_parts.part_start_offset = parts_with_bracket_items.part_start_offset
    where lines_in_parts.line_role = 'heading_shaped' and parts_with_bracket_items.bracket_items >= 2
),

shi_items as (
    select
        *,
        'present' as marker_status
    from (
        select
            lines_in_parts.*,
            row_number() over (
                partition by lines_in_parts.report_id, lines_in_parts.part_start_offset
                order by lines_in_parts.line_number
            ) as shi_rank
        from lines_in_parts
        left join parts_with_bracket_items
            on
                lines_in_parts.report_id = parts_with_bracket_items.report_id
                and lines_in_parts.part_start_offset = parts_with_bracket_items.part_start_offset
        where lines_in_parts.line_role = 'shi_item' and parts_with_bracket_items.report_id is null
    ) as ranked
    -- only the first run 一是, 二是, … counts; a second list further down restarts at 一是
    where item_numeral = shi_rank
),

all_items as (
    select
        * exclude (marker_status),
        marker_status
    from bracket_items
    union all
    select
        * exclude (marker_status),
        marker_status
    from unmarked_items
    union all
    select
        * exclude (shi_rank, marker_status),
        marker_status
    from shi_items
),

final as (
    select
        report_id,
        part_start_offset,
        line_number,
        content_start_offset as start_offset,
        coalesce(
            lead(content_start_offset) over (
                partition by report_id, part_start_offset order by line_number
            ),
            part_end_offset
        ) as end_offset,
        row_number() over (partition by report_id, part_start_offset order by line_number)
            as ordinal,
        case
            when line_role in ('numbered_item', 'shi_item') then written_label
            else
                '(' || {{ chinese_numeral(
                    'row_number() over (partition by report_id, part_start_offset order by line_number)'
                ) }} || ')'
        end as number_label,
        marker_status,
        split_part(heading_text, '。', 1) as title
    from all_items
)

select * from final
