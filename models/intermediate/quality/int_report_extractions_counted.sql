-- The targets (`goals`) and figures (`metrics`) read from each report, counted: all of them,
-- the headline targets, and those read from a damaged span. One row per loaded report, zero
-- where none was read.
{% set only_new_reports = new_reports_only() -%}

with

reports as (
    select * from {{ ref('int_reports_placed') }}
    where {{ only_new_reports }}
),

goals as (
    select * from {{ ref('goals') }}
    where {{ only_new_reports }}
),

metrics as (
    select * from {{ ref('metrics') }}
    where {{ only_new_reports }}
),

goal_summary as (
    select
        report_id,
        count(*) as goal_count,
        count(*) filter (where is_headline) as headline_goal_count,
        count(*) filter (where is_damaged_span) as damaged_goal_count
    from goals
    group by report_id
),

metric_summary as (
    select
        report_id,
        count(*) as metric_count,
        count(*) filter (where is_damaged_span) as damaged_metric_count
    from metrics
    group by report_id
),

final as (
    select
        reports.report_id,
        coalesce(goal_summary.goal_count, 0) as goal_count,
        coalesce(goal_summary.headline_goal_count, 0) as headline_goal_count,
        coalesce(goal_summary.damaged_goal_count, 0) as damaged_goal_count,
        coalesce(metric_summary.metric_count, 0) as metric_count,
        coalesce(metric_summary.damaged_metric_count, 0) as damaged_metric_count
    from reports
    left join goal_summary on reports.report_id = goal_summary.report_id
    left join metric_summary on reports.report_id = metric_summary.report_id
)

select * from final
