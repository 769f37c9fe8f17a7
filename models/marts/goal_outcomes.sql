-- Each annual headline target of a region, joined to what the same region's report of the
-- next year says happened in the target year (same canonical indicator and kind), and whether
-- it was met. Targets whose next report is not loaded keep null actuals, so the gaps in the
-- record show. The rules: int_report_copies_ranked (which copy of a report counts),
-- int_review_actuals_stated (the actuals), int_goal_outcomes_matched, int_goal_outcomes_judged.
with

outcomes as (
    select * from {{ ref('int_goal_outcomes_judged') }}
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
        cast(target_year as integer) as target_year,
        canonical_indicator,
        target_indicator,
        metric_kind,
        comparator,
        direction,
        target_value,
        target_value_high,
        target_unit,
        actual_value,
        actual_unit,
        actual_indicator,
        is_actual_estimate,
        actual_metric_id,
        actual_report_id,
        actual_file_name,
        round(gap, 6) as gap,
        about_tolerance,
        is_met,
        has_next_report,
        missing_actual_reason,
        is_preferred_copy,
        target_quote,
        actual_quote
    from outcomes
)

select * from final
