-- Each annual headline target of a region beside what the same region's report of the next
-- year (its preferred copy) first states for the target year: same canonical indicator and
-- kind. A reduction target (下降3%) is met by a fall, so its actual and gap are magnitudes.
-- A target without an actual says why: no next report loaded, the next report states only a
-- figure over several years (年均, 累计: never the year's), or it does not state the series.
-- A table: it joins reports.
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

stated_in_review as (
    select * from {{ ref('int_review_actuals_stated') }}
),

review_actuals as (
    select * from stated_in_review
    where is_single_year and mention = 1
),

-- series a next report states only over a span of years
review_spans as (
    select distinct
        report_id,
        canonical_indicator,
        metric_kind
    from stated_in_review
    where not is_single_year
),

units as (
    select * from {{ ref('units') }}
),

annual_goals as (
    select
        goals.*,
        reports.region,
        reports.file_name,
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
        ranked_reports.report_id,
        ranked_reports.report_year,
        ranked_reports.region_key,
        reports.file_name
    from ranked_reports
    inner join reports on ranked_reports.report_id = reports.report_id
    where ranked_reports.is_preferred_copy
),

final as (
    select
        annual_goals.goal_id,
        annual_goals.report_id as goal_report_id,
        annual_goals.file_name as goal_file_name,
        annual_goals.region,
        annual_goals.level,
        annual_goals.admin_code,
        annual_goals.current_admin_code,
        annual_goals.target_year,
        annual_goals.canonical_indicator,
        annual_goals.indicator as target_indicator,
        annual_goals.metric_kind,
        annual_goals.comparator,
        annual_goals.direction,
        annual_goals.value as target_value,
        annual_goals.value_high as target_value_high,
        annual_goals.unit as target_unit,
        next_reports.report_id as actual_report_id,
        next_reports.file_name as actual_file_name,
        review_actuals.metric_id as actual_metric_id,
        review_actuals.indicator as actual_indicator,
        review_actuals.is_estimate as is_actual_estimate,
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
        case
            when review_actuals.metric_id is not null then null
            when next_reports.report_id is null then 'no_next_report'
            when review_spans.report_id is not null then 'only_multi_year_figure'
            else 'not_stated'
        end as missing_actual_reason,
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
    left join review_spans
        on
            next_reports.report_id = review_spans.report_id
            and annual_goals.canonical_indicator = review_spans.canonical_indicator
            and annual_goals.metric_kind = review_spans.metric_kind
    left join units as actual_units on review_actuals.unit = actual_units.unit
)

select * from final
