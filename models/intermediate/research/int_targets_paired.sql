-- Each government's annual target beside its parent's for the same year, indicator and metric
-- kind (county → city → province → nation): the pairs in which top-down amplification shows.
-- A target whose parent states none that year (or whose parent's report is not loaded) keeps
-- its row with the parent's side empty, so the coverage of the comparison shows.
{{ config(materialized='table') }}

with

targets as (
    select * from {{ ref('int_targets_paneled') }}
),

governments as (
    select * from {{ ref('int_governments_parented') }}
),

units as (
    select * from {{ ref('units') }}
),

paired as (
    select
        children.*,
        governments.parent_government_key,
        coalesce(parents.region, governments.parent_region) as parent_region,
        coalesce(parents.level, governments.parent_level) as parent_level,
        coalesce(parents.admin_code, governments.parent_admin_code) as parent_admin_code,
        parents.goal_id is not null as has_parent_target,
        parents.goal_id as parent_goal_id,
        parents.comparator as parent_comparator,
        parents.direction as parent_direction,
        parents.target_value as parent_target_value,
        parents.target_value_high as parent_target_value_high,
        parents.target_unit as parent_target_unit,
        parents.target_quote as parent_target_quote,
        parents.goal_report_id as parent_goal_report_id,
        child_units.unit_family as child_unit_family,
        child_units.multiplier as child_multiplier,
        child_units.normalized_unit as child_normalized_unit,
        parent_units.unit_family as parent_unit_family,
        parent_units.multiplier as parent_multiplier,
        parent_units.normalized_unit as parent_normalized_unit
    from targets as children
    inner join governments
        on
            children.government_key = governments.government_key
            and children.year = governments.year
            and governments.parent_government_key is not null
    left join targets as parents
        on
            governments.parent_government_key = parents.government_key
            and children.year = parents.year
            and children.canonical_indicator = parents.canonical_indicator
            and children.metric_kind = parents.metric_kind
    left join units as child_units on children.target_unit = child_units.unit
    left join units as parent_units on parents.target_unit = parent_units.unit
),

signed as (
    -- goals state a reduction (下降3%) as a magnitude; signed values make 下降3.5% under a
    -- parent's 下降3% a gap of -0.5, the same reading as 增长 targets
    select
        *,
        case when direction = 'decrease' then -target_value else target_value end as signed_value,
        case
            when parent_direction = 'decrease' then -parent_target_value else parent_target_value
        end as parent_signed_value
    from paired
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
        goal_id,
        parent_goal_id,
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
        -- a difference of two rates is in points (% minus %, ‰ read as tenths of a %); levels
        -- are compared in the child's unit (万人 against 人), units of two families or two currencies
        -- (亿美元 against 亿元) not at all
        round(
            case
                when child_unit_family is null or parent_unit_family is null then null
                when child_unit_family <> parent_unit_family then null
                -- one family, two currencies (亿美元 against 亿元): no exchange rate here
                when child_normalized_unit <> parent_normalized_unit then null
                when child_unit_family in ('percent', 'percentage_point')
                    then signed_value * child_multiplier - parent_signed_value * parent_multiplier
                else (signed_value * child_multiplier - parent_signed_value * parent_multiplier) / child_multiplier
            end,
            6
        ) as gap,
        case
            when child_unit_family is null or parent_unit_family is null then null
            when child_unit_family <> parent_unit_family then null
            when child_normalized_unit <> parent_normalized_unit then null
            when child_unit_family in ('percent', 'percentage_point') then 'percentage_point'
            else target_unit
        end as gap_unit,
        target_quote,
        parent_target_quote,
        goal_report_id,
        parent_goal_report_id
    from signed
)

select * from final
