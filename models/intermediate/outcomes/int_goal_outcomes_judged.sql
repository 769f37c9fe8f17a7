-- Whether each matched target was met. A ceiling (an at-most target, or a series where lower
-- is better: var lower_is_better_indicators) is met at or under its value, any other target at
-- or over it; a range by its far bound; an `about` target within a tolerance (vars
-- about_tolerance_pp for targets in %, about_tolerance_share of the target for levels).
-- Qualitative targets and targets without an actual are not judged. A table, as its input.
{{ config(materialized='table') }}

with

outcomes as (
    select * from {{ ref('int_goal_outcomes_matched') }}
),

bounded as (
    select
        *,
        comparator = 'at_most'
        or list_contains({{ var('lower_is_better_indicators') }}, canonical_indicator) as is_ceiling,
        case
            when target_unit = '%' then {{ var('about_tolerance_pp') }}
            else {{ var('about_tolerance_share') }} * abs(target_value)
        end as about_tolerance
    from outcomes
),

final as (
    select
        goal_id,
        goal_report_id,
        goal_file_name,
        region,
        level,
        admin_code,
        current_admin_code,
        target_year,
        canonical_indicator,
        target_indicator,
        metric_kind,
        comparator,
        direction,
        target_value,
        target_value_high,
        target_unit,
        actual_report_id,
        actual_file_name,
        actual_metric_id,
        actual_indicator,
        is_actual_estimate,
        actual_value,
        actual_unit,
        actual_quote,
        target_quote,
        gap,
        has_next_report,
        missing_actual_reason,
        is_preferred_copy,
        is_ceiling,
        case when comparator = 'about' then about_tolerance end as about_tolerance,
        case
            when gap is null or comparator = 'qualitative' then null
            when comparator = 'range' and is_ceiling then actual_value <= target_value_high
            when comparator = 'range' then actual_value >= target_value
            when comparator = 'about' and is_ceiling then gap <= about_tolerance
            when comparator = 'about' then gap >= -about_tolerance
            when is_ceiling then gap <= 0
            else gap >= 0
        end as is_met
    from bounded
)

select * from final
