-- The GDP growth target of each government and year, with its outcome: one report counts per
-- government and year (its preferred copy), and a report states one GDP growth target; should
-- its passage repeat it, the first in the text is kept. A table, as goal_outcomes.
{{ config(materialized='table') }}

with

goal_outcomes as (
    select * from {{ ref('goal_outcomes') }}
),

goals as (
    select * from {{ ref('goals') }}
),

final as (
    select
        goal_outcomes.goal_id,
        goal_outcomes.goal_report_id,
        goal_outcomes.goal_file_name,
        goal_outcomes.region,
        goal_outcomes.level,
        goal_outcomes.admin_code,
        goal_outcomes.current_admin_code,
        goal_outcomes.target_year,
        goal_outcomes.canonical_indicator,
        goal_outcomes.target_indicator,
        goal_outcomes.metric_kind,
        goal_outcomes.comparator,
        goal_outcomes.direction,
        goal_outcomes.target_value,
        goal_outcomes.target_value_high,
        goal_outcomes.target_unit,
        goal_outcomes.actual_value,
        goal_outcomes.actual_unit,
        goal_outcomes.actual_indicator,
        goal_outcomes.is_actual_estimate,
        goal_outcomes.actual_metric_id,
        goal_outcomes.actual_report_id,
        goal_outcomes.actual_file_name,
        goal_outcomes.gap,
        goal_outcomes.about_tolerance,
        goal_outcomes.is_met,
        goal_outcomes.has_next_report,
        goal_outcomes.missing_actual_reason,
        goal_outcomes.is_preferred_copy,
        goal_outcomes.target_quote,
        goal_outcomes.actual_quote
    from goal_outcomes
    inner join goals on goal_outcomes.goal_id = goals.goal_id
    where
        goal_outcomes.canonical_indicator = 'gdp'
        and goal_outcomes.metric_kind = 'growth_pct'
        and goal_outcomes.is_preferred_copy
    qualify row_number() over (
        partition by {{ government_key('goal_outcomes') }}, goal_outcomes.target_year
        order by goals.start_offset asc, goal_outcomes.goal_id asc
    ) = 1
)

select * from final
