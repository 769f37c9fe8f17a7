-- Where the report proper starts and ends inside the scraped text, and which lines carry its
-- header: the start and header lines (int_report_body_starts_found), the end
-- (int_report_body_ends_found) and a second copy on the same page
-- (int_report_repeated_copies_found), with the body's offsets in the normalised text.
{% set only_new_reports = new_reports_only() -%}

with

report_lines as (
    select * from {{ ref('int_report_lines_split') }}
    where {{ only_new_reports }}
),

starts as (
    select * from {{ ref('int_report_body_starts_found') }}
    where {{ only_new_reports }}
),

ends as (
    select * from {{ ref('int_report_body_ends_found') }}
    where {{ only_new_reports }}
),

repeated_copies as (
    select * from {{ ref('int_report_repeated_copies_found') }}
    where {{ only_new_reports }}
),

bounded as (
    select
        starts.report_id,
        starts.title_line,
        starts.title_end_line,
        starts.dateline_line,
        starts.salutation_line,
        starts.body_start_line,
        ends.body_end_line,
        repeated_copies.repeated_copy_line
    from starts
    inner join ends on starts.report_id = ends.report_id
    left join repeated_copies on starts.report_id = repeated_copies.report_id
),

final as (
    select
        bounded.*,
        start_lines.content_start_offset as body_start_offset,
        end_lines.content_end_offset as body_end_offset
    from bounded
    inner join report_lines as start_lines
        on
            bounded.report_id = start_lines.report_id
            and bounded.body_start_line = start_lines.line_number
    inner join report_lines as end_lines
        on
            bounded.report_id = end_lines.report_id
            and bounded.body_end_line = end_lines.line_number
)

select * from final
