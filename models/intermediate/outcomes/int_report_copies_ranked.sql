-- One report counts per government and year: a report saved from two sites is loaded twice
-- (its boilerplate differs), and the better graded, longer copy is the one used. A table, not
-- incremental: a copy loaded later may outrank one ranked before.
{{ config(materialized='table') }}

with

reports as (
    select * from {{ ref('reports') }}
),

report_quality as (
    select * from {{ ref('report_quality') }}
),

final as (
    select
        reports.report_id,
        reports.report_year,
        {{ government_key('reports') }} as region_key,
        row_number() over (
            partition by {{ government_key('reports') }}, reports.report_year
            order by
                report_quality.grade asc nulls last,
                report_quality.body_chars desc nulls last,
                reports.report_id asc
        ) = 1 as is_preferred_copy
    from reports
    left join report_quality on reports.report_id = report_quality.report_id
)

select * from final
