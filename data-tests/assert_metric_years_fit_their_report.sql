-- Year consistency of metrics: no figure describes a year after its report unless it is a
-- five-year target or its sentence names that year; a figure in the review part dated by its
-- section describes review_year; figures of a five-year plan part carry a five-year period (or
-- are the 从 side of a change).
with

metrics as (
    select * from {{ ref('metrics') }}
),

sections as (
    select * from {{ ref('sections') }}
),

reports as (
    select * from {{ ref('reports') }}
),

metric_parts as (
    select
        metrics.*,
        coalesce(parents.kind, sections.kind) as part_kind,
        reports.report_year,
        reports.review_year
    from metrics
    inner join sections on metrics.section_id = sections.section_id
    left join sections as parents on sections.parent_section_id = parents.section_id
    inner join reports on metrics.report_id = reports.report_id
)

select
    metric_id,
    year,
    report_year,
    review_year,
    part_kind,
    period,
    year_source
from metric_parts
where
    (year > report_year and period <> 'five_year' and year_source <> 'clause_year')
    or (part_kind = 'review' and year_source = 'section' and year <> review_year)
    or (part_kind = 'five_year_plan' and period not in ('five_year', 'start_of_change'))
