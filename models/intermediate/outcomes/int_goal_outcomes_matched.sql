-- Each annual headline target of a region beside what the same region's report of the next
-- year (its preferred copy) first states for the target year: same canonical indicator and
-- kind. A reduction target (下降3%) is met by a fall, so its actual and gap are magnitudes.
-- Targets whose next report is not loaded keep null actuals. A table: it joins reports.
{{ config(materialized='table') }}

with

goals as (
    select * from {{ ref('goals') }}
),

reports as (
    select * from {{ ref('reports') }}
),

ranked_reports as (
    select * from {{ ref('int_report_copies_ranked') }}
),

review_actuals as (
    select * from {{ ref('int_review_actuals_stated') }}
    where mention = 1
),

units as (
    select * from {{ ref('units') }}
),

annual_goals as (
    select
        goals.*,
        reports.region,
        reports.level,
        reports.admin_code,
        reports.current_admin_code,
        ranked_reports.region_key,
        ranked_reports.is_preferred_copy,
        goals.value * goal_units.multiplier as target_normalized,
        goal_units.multiplier,
        goal_units.normalized_unit
    from goals
    inner join reports on goals.report_id = reports.report_id
    inner join ranked_reports on goals.report_id = ranked_reports.report_id
    left join units as goal_units on goals.unit = goal_units.unit
    where goals.horizon = 'annual' and goals.is_headline and goals.canonical_indicator is not null
),

next_reports as (
    select
        report_id,
        report_year,
        region_key
    from ranked_reports
    where is_preferred_copy
),

final as (
    select
        annual_goals.goal_id,
        annual_goals.report_id as goal_report_id,
        annual_goals.region,
        annual_goals.level,
        annual_goals.admin_code,
        annual_goals.current_admin_code,
        annual_goals.target_year,
        annual_goals.canonical_indicator,
        annual_goals.metric_kind,
        annual_goals.comparator,
        annual_goals.direction,
        annual_goals.value as target_value,
        annual_goals.value_high as target_value_high,
        annual_goals.unit as target_unit,
        next_reports.report_id as actual_report_id,
        review_actuals.metric_id as actual_metric_id,
        case
            when annual_goals.direction = 'decrease' then -review_actuals.value
            else review_actuals.value
        end as actual_value,
        review_actuals.unit as actual_unit,
        review_actuals.quote as actual_quote,
        annual_goals.quote as target_quote,
        case
            when annual_goals.target_normalized is null or review_actuals.value_normalized is null then null
            -- a target in US dollars (亿美元) against an actual in yuan is no gap: one family,
            -- two currencies, and no exchange rate here
            when annual_goals.normalized_unit <> actual_units.normalized_unit then null
            when annual_goals.direction = 'decrease'
                then (-review_actuals.value_normalized - annual_goals.target_normalized) / annual_goals.multiplier
            else (review_actuals.value_normalized - annual_goals.target_normalized) / annual_goals.multiplier
        end as gap,
        next_reports.report_id is not null as has_next_report,
        annual_goals.is_preferred_copy
    from annual_goals
    left join next_reports
        on
            annual_goals.region_key = next_reports.region_key
            and next_reports.report_year = annual_goals.target_year + 1
    left join review_actuals
        on
            next_reports.report_id = review_actuals.report_id
            and annual_goals.canonical_indicator = review_actuals.canonical_indicator
            and annual_goals.metric_kind = review_actuals.metric_kind
            and annual_goals.target_year = review_actuals.year
    left join units as actual_units on review_actuals.unit = actual_units.unit
)

select * from final
