-- Where a page that holds the report twice begins its second copy: the body's first long
-- line, which no report repeats, recurs there. The body ends before it. One row per report,
-- null when the page holds one copy.
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

first_long_lines as (
    -- the body's first long line, which no report repeats: where it recurs, a second copy of
    -- the report begins
    select
        report_lines.report_id,
        min(report_lines.line_number) as line_number
    from report_lines
    inner join starts
        on
            report_lines.report_id = starts.report_id
            and report_lines.line_number >= starts.body_start_line
    where length(report_lines.line_clean) >= 30
    group by report_lines.report_id
),

repeated_copies as (
    select
        first_long_lines.report_id,
        min(report_lines.line_number) as repeated_copy_line
    from first_long_lines
    inner join report_lines as first_lines
        on
            first_long_lines.report_id = first_lines.report_id
            and first_long_lines.line_number = first_lines.line_number
    inner join report_lines
        on
            first_long_lines.report_id = report_lines.report_id
            and first_long_lines.line_number < report_lines.line_number
            and first_lines.line_clean = report_lines.line_clean
    group by first_long_lines.report_id
),

final as (
    select
        starts.report_id,
        repeated_copies.repeated_copy_line
    from starts
    left join repeated_copies on starts.report_id = repeated_copies.report_id
)

select * from final
