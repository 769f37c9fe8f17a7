-- A government's annual target beside its parent's (county → city → province → nation) for
-- the same year, indicator and metric kind, with the gap child minus parent: the table of
-- top-down amplification. The pairing and the gap are int_targets_paired's; a target whose
-- parent states none keeps its row, with has_parent_target false.
with

pairs as (
    select * from {{ ref('int_targets_paired') }}
),

final as (
    select
        year,
        canonical_indicator,
        metric_kind,
        government_key,
        region,
        level,
        admin_code,
        province,
        parent_government_key,
        parent_region,
        parent_level,
        parent_admin_code,
        has_parent_target,
        comparator,
        parent_comparator,
        direction,
        parent_direction,
        target_value,
        target_value_high,
        target_unit,
        parent_target_value,
        parent_target_value_high,
        parent_target_unit,
        gap,
        gap_unit,
        target_quote,
        parent_target_quote,
        goal_id,
        parent_goal_id,
        goal_report_id,
        parent_goal_report_id
    from pairs
)

select * from final
