-- The sections of each report (the published `sections`), counted: parts, items, and the
-- markers that had to be inferred, with their lines. One row per loaded report, zero for a
-- quarantined one, which has no sections.
{% set only_new_reports = new_reports_only() -%}

with

reports as (
    select * from {{ ref('int_reports_placed') }}
    where {{ only_new_reports }}
),

sections as (
    select * from {{ ref('sections') }}
    where {{ only_new_reports }}
),

section_summary as (
    select
        report_id,
        count(*) filter (where depth = 1) as part_count,
        count(*) filter (where depth = 2) as item_count,
        count(*) filter (where marker_status = 'missing') as marker_missing_count,
        count(*) filter (where marker_status = 'partial') as marker_partial_count,
        count(*) filter (where marker_status = 'garbled') as marker_garbled_count,
        list_sort(
            list(start_line) filter (where marker_status in ('missing', 'partial', 'garbled'))
        ) as marker_problem_lines
    from sections
    group by report_id
),

final as (
    select
        reports.report_id,
        coalesce(section_summary.part_count, 0) as part_count,
        coalesce(section_summary.item_count, 0) as item_count,
        coalesce(section_summary.marker_missing_count, 0) as marker_missing_count,
        coalesce(section_summary.marker_partial_count, 0) as marker_partial_count,
        coalesce(section_summary.marker_garbled_count, 0) as marker_garbled_count,
        coalesce(section_summary.marker_problem_lines, []) as marker_problem_lines
    from reports
    left join section_summary on reports.report_id = section_summary.report_id
)

select * from final
