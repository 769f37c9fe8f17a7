-- The number of each part: its own, or, for a heading whose number was stripped
-- ("2022年工作回顾"), the number missing at its place when the count of missing numbers there
-- fits; otherwise it stays unnumbered (a chapter heading above 一、 in some provincial
-- reports). The closing-note heading is a part without number.
{% set only_new_reports = new_reports_only() -%}

with

headings as (
    select * from {{ ref('int_part_headings_accepted') }}
    where {{ only_new_reports }}
),

gaps as (
    -- each unnumbered heading sits in a gap between numbered ones (or after the last one)
    select
        *,
        coalesce(max(part_numeral) over (
            partition by report_id order by line_number
            rows between unbounded preceding and current row
        ), 0) as numeral_before,
        min(part_numeral) over (
            partition by report_id order by line_number
            rows between current row and unbounded following
        ) as numeral_after,
        count(part_numeral) over (partition by report_id) as numbered_parts
    from headings
    where line_role <> 'glossary_heading'
),

numbered as (
    select
        *,
        row_number() over (
            partition by report_id, numeral_before, part_numeral is null order by line_number
        ) as position_in_gap,
        count(*) over (
            partition by report_id, numeral_before, part_numeral is null
        ) as headings_in_gap
    from gaps
),

labelled as (
    select
        report_id,
        line_number,
        content_start_offset,
        title,
        case
            when part_numeral is not null then part_numeral
            -- the stripped numbers fill the gap exactly
            when numeral_after is not null and numeral_after - numeral_before - 1 = headings_in_gap
                then numeral_before + position_in_gap
            -- after the last numbered part (or in a report with none): numbering goes on
            when numeral_after is null then numeral_before + position_in_gap
        end as numeral,
        case
            when part_numeral is not null then 'present'
            when
                (numeral_after is not null and numeral_after - numeral_before - 1 = headings_in_gap)
                or numeral_after is null
                then case when line_role = 'part_lost_numeral' then 'partial' else 'missing' end
            else 'none'
        end as marker_status
    from numbered
),

glossary_parts as (
    select
        report_id,
        line_number,
        content_start_offset,
        title,
        null::integer as numeral,
        'none' as marker_status,
        true as is_closing_note
    from headings
    where line_role = 'glossary_heading'
),

final as (
    select
        *,
        false as is_closing_note
    from labelled
    union all
    select * from glossary_parts
)

select * from final
