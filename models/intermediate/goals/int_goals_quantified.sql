-- Targets with a number, in the shape of a goal: a growth, a rate (a share, a rate or a change
-- in points) or a level; a reduction target stated as a magnitude (下降3%左右 is 3, about, with
-- direction decrease). Counts of a plan's indicators and facts told to explain a target are
-- left out.
-- A view: one model reads it (int_goals_deduplicated), which filters it to the reports it lacks, so storing
-- its rows (and their quotes) again would only copy them. It calls no Python function, so it
-- reads outside dbt too.
{{ config(materialized='view') }}

with

figures as (
    select * from {{ ref('int_goal_figures_dated') }}
),

final as (
    select
        metric_id as source_id,
        report_id,
        section_id,
        indicator,
        canonical_indicator,
        case
            when metric_kind = 'growth_pct' then 'growth_pct'
            when metric_kind in ('rate_pct', 'change_pp', 'percent') then 'rate_pct'
            else 'level'
        end as metric_kind,
        case
            when metric_kind = 'growth_pct' then abs(value)
            else value
        end as value,
        case
            when metric_kind = 'growth_pct' then abs(value_high)
            else value_high
        end as value_high,
        -- 增长6%以上,力争7%: the value the target strives for, a magnitude as the value is
        case
            when metric_kind = 'growth_pct' then abs(stretch_value)
            else stretch_value
        end as stretch_value,
        unit,
        unit_family,
        case when value < 0 then 'decrease' else 'increase' end as direction,
        comparator,
        null::varchar as relation,
        target_year,
        horizon,
        is_headline,
        quote,
        start_offset,
        is_damaged_span
    from figures
    where
        -- "提出6项指标", "共计28项指标": a count of a plan's indicators, not a target
        not (unit in ('项', '个') and regexp_matches(indicator, '指标$'))
        -- "由于已经连续三年增长速度在百分之十一以上": a fact told to explain a target
        and not regexp_matches(quote, '已经')
)

select * from final
