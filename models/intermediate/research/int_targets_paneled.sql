-- One annual headline target per government, year, canonical indicator and metric kind: the
-- rows of a research panel. goal_outcomes already keeps one report per government and year
-- (is_preferred_copy); what is left to resolve is a report that states the same indicator
-- twice (a passage that repeats its GDP target, 增长7%左右 and later 力争8%).
{{ config(materialized='table') }}

with

goal_outcomes as (
    select * from {{ ref('goal_outcomes') }}
),

goals as (
    select * from {{ ref('goals') }}
),

reports as (
    select * from {{ ref('reports') }}
),

candidates as (
    select
        goal_outcomes.*,
        {{ government_key('goal_outcomes') }} as government_key,
        goals.start_offset,
        goals.stretch_value,
        reports.province
    from goal_outcomes
    inner join goals on goal_outcomes.goal_id = goals.goal_id
    inner join reports on goal_outcomes.goal_report_id = reports.report_id
    where
        goal_outcomes.is_preferred_copy
        and goal_outcomes.canonical_indicator <> 'other'
),

ranked as (
    -- the figure beats a qualitative clause on the same indicator; among figures, the first
    -- in the text is the target as the passage sets it (a later repeat is a stretch or a recap)
    select
        *,
        count(*) over (
            partition by government_key, target_year, canonical_indicator, metric_kind
        ) as stated_count,
        row_number() over (
            partition by government_key, target_year, canonical_indicator, metric_kind
            order by
                (comparator = 'qualitative') asc,
                start_offset asc,
                goal_id asc
        ) as statement_rank
    from candidates
),

final as (
    select
        government_key,
        region,
        level,
        admin_code,
        current_admin_code,
        province,
        target_year as year,
        canonical_indicator,
        target_indicator,
        metric_kind,
        goal_id,
        comparator,
        direction,
        target_value,
        target_value_high,
        -- the stretch figure of the target kept (增长6%以上,力争7%: 7), from goals
        stretch_value,
        target_unit,
        actual_value,
        actual_unit,
        is_actual_estimate,
        is_met,
        gap,
        has_next_report,
        missing_actual_reason,
        target_quote,
        actual_quote,
        goal_report_id,
        goal_file_name,
        actual_report_id,
        actual_file_name,
        actual_metric_id,
        cast(stated_count as integer) as stated_count
    from ranked
    where statement_rank = 1
)

select * from final
