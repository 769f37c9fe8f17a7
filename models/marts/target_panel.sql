-- The research panel of annual headline targets: one row per government, year, canonical
-- indicator and metric kind, with the outcome the next report states and the files both
-- come from (int_targets_paneled says which statement a row keeps).
with

targets as (
    select * from {{ ref('int_targets_paneled') }}
),

final as (
    select
        targets.government_key,
        targets.region,
        targets.level,
        targets.admin_code,
        targets.current_admin_code,
        targets.province,
        targets.year,
        targets.canonical_indicator,
        targets.target_indicator,
        targets.metric_kind,
        targets.goal_id,
        targets.comparator,
        targets.direction,
        targets.target_value,
        targets.target_value_high,
        targets.stretch_value,
        targets.target_unit,
        targets.actual_value,
        targets.actual_unit,
        targets.is_actual_estimate,
        targets.is_met,
        targets.gap,
        targets.has_next_report,
        targets.missing_actual_reason,
        targets.target_quote,
        targets.actual_quote,
        targets.goal_report_id,
        targets.goal_file_name,
        targets.actual_report_id,
        targets.actual_file_name,
        targets.actual_metric_id,
        targets.stated_count
    from targets
)

select * from final
