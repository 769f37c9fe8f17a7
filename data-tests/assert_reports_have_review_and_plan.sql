-- A work report reviews a year and plans the next. A report where either part was not found
-- is listed as a warning (the build goes on: one odd report must not block the warehouse),
-- and pytest holds the samples to zero.
{{ config(severity='warn') }}

with

part_kinds as (
    select
        report_id,
        bool_or(kind in ('review', 'five_year_review')) as has_review,
        bool_or(kind in ('plan', 'five_year_plan')) as has_plan
    from {{ ref('sections') }}
    where depth = 1
    group by report_id
)

select reports.report_id
from {{ ref('reports') }} as reports
left join part_kinds on reports.report_id = part_kinds.report_id
where not coalesce(part_kinds.has_review and part_kinds.has_plan, false)
