-- The table an analyst opens first: per region and year, the GDP growth target the region set,
-- what it reported a year later, and whether the target was met.
with

goal_outcomes as (
    select * from {{ ref('goal_outcomes') }}
),

goals as (
    select * from {{ ref('goals') }}
),

gdp_growth as (
    -- one report counts per government and year (goal_outcomes); a report states one GDP
    -- growth target, and should its passage repeat it, the first in the text is kept
    select goal_outcomes.*
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
),

final as (
    select
        region,
        level,
        admin_code,
        current_admin_code,
        target_year as year,
        comparator as target_comparator,
        target_value as target_growth_pct,
        target_value_high as target_growth_pct_high,
        actual_value as actual_growth_pct,
        gap as gap_pp,
        is_met,
        has_next_report,
        goal_report_id,
        actual_report_id,
        target_quote,
        actual_quote
    from gdp_growth
)

select * from final
