-- An outcome describes the target year, one year alone (never 年均, 累计 or a five-year
-- figure), and is read from the region's report of the year after.
with

outcomes as (
    select * from {{ ref('goal_outcomes') }}
    where actual_metric_id is not null
),

metrics as (
    select * from {{ ref('metrics') }}
),

reports as (
    select * from {{ ref('reports') }}
)

select
    outcomes.goal_id,
    outcomes.target_year,
    metrics.year as actual_year,
    metrics.period as actual_period,
    reports.report_year as actual_report_year
from outcomes
inner join metrics on outcomes.actual_metric_id = metrics.metric_id
inner join reports on metrics.report_id = reports.report_id
where
    metrics.year <> outcomes.target_year
    or metrics.period <> 'year'
    or reports.report_year <> outcomes.target_year + 1
