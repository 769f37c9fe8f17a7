-- The lines a report opens with, from the body start to the salutation: where its title,
-- dateline and speaker stand. Spaces go, since scrapers pad names and dates with them
-- ("李  刚", "2023 年"); the next line is kept for a dateline broken over two lines.
{% set only_new_reports = new_reports_only() -%}

with

report_lines as (
    select * from {{ ref('int_report_lines_split') }}
    where {{ only_new_reports }}
),

bounds as (
    select * from {{ ref('int_reports_bounded') }}
    where {{ only_new_reports }}
),

final as (
    select
        report_lines.report_id,
        report_lines.line_number,
        replace(report_lines.line_clean, ' ', '') as line_compact,
        lead(replace(report_lines.line_clean, ' ', '')) over (
            partition by report_lines.report_id order by report_lines.line_number
        ) as next_line_compact
    from report_lines
    inner join bounds on report_lines.report_id = bounds.report_id
    where
        not report_lines.is_blank
        and report_lines.line_number >= bounds.body_start_line
        -- no salutation: the header is never longer than this
        and report_lines.line_number
        < coalesce(bounds.salutation_line, bounds.body_start_line + 8)
)

select * from final
