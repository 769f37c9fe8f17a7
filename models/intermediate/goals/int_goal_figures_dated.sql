-- The figures that set targets, each with the year it is for, its horizon and whether it is a
-- headline target: the figures of a report's main-targets passages (headline), and the other
-- figures of its plan parts (tasks such as 完成户厕改造1204座). Figures that describe the past
-- set no target. A report with no main-targets passage (the plan era's) sets its headline
-- targets as the year's figures of the headline series in its plan parts. A stretch figure
-- (增长6%以上,力争7%) is no target of its own: it is the stretch_value of the target before it.
{% set only_new_reports = new_reports_only() -%}

with

metrics as (
    select * from {{ ref('metrics') }}
    where {{ only_new_reports }}
),

sections as (
    select * from {{ ref('sections') }}
    where {{ only_new_reports }}
),

reports as (
    select * from {{ ref('reports') }}
    where {{ only_new_reports }}
),

passages as (
    select * from {{ ref('int_goal_passages_found') }}
    where {{ only_new_reports }}
),

metric_parts as (
    select
        metrics.*,
        coalesce(parents.kind, sections.kind) as part_kind,
        reports.report_year,
        metrics.year_source = 'clause_year' and metrics.year > reports.report_year as is_later_year_named
    from metrics
    inner join sections on metrics.section_id = sections.section_id
    left join sections as parents on sections.parent_section_id = parents.section_id
    inner join reports on metrics.report_id = reports.report_id
),

metric_passages as (
    -- the passage that opens nearest before the figure, if it holds it: a passage that starts
    -- inside another ends no earlier (int_goal_passages_found tests it), so no passage that
    -- opens further back can hold a figure this one does not
    select
        metric_parts.metric_id,
        nearest.horizon,
        nearest.target_year
    from metric_parts
    asof inner join passages as nearest
        on
            metric_parts.report_id = nearest.report_id
            and metric_parts.start_offset >= nearest.passage_start_offset
    where metric_parts.start_offset < nearest.passage_end_offset
),

reports_with_passages as (
    select distinct report_id from passages
),

targeted_metrics as (
    select
        metric_parts.*,
        passages.metric_id is not null as is_in_passage,
        reports_with_passages.report_id is null
        and metric_parts.part_kind = 'plan'
        and metric_parts.period = 'year'
        and metric_parts.year = metric_parts.report_year
        and list_contains({{ var('plan_headline_indicators') }}, metric_parts.canonical_indicator)
            as is_plan_series,
        case
            -- "到2025年,…达到6500亿元": the sentence names the year, in a main-targets passage too
            when metric_parts.is_later_year_named then metric_parts.year
            when passages.metric_id is not null then passages.target_year
            -- 年均 targets outside a five-year part: the current plan's last year
            when metric_parts.period = 'five_year' and metric_parts.part_kind <> 'five_year_plan'
                then {{ five_year_plan_end_year_of('metric_parts.report_year') }}
            when metric_parts.period = 'five_year' then metric_parts.year
            else metric_parts.report_year
        end as target_year,
        -- a span of years: the passage's, or the one a named later year opens
        case
            when metric_parts.is_later_year_named then true
            when passages.metric_id is not null then passages.horizon = 'five_year'
            else metric_parts.part_kind = 'five_year_plan' or metric_parts.period = 'five_year'
        end as spans_years
    from metric_parts
    left join metric_passages as passages on metric_parts.metric_id = passages.metric_id
    left join reports_with_passages on metric_parts.report_id = reports_with_passages.report_id
    where
        (
            passages.metric_id is not null
            or metric_parts.part_kind in ('plan', 'five_year_plan')
        )
        -- facts about past years, and the 从 side of 从…提高到…, set no target; a figure of a
        -- targets passage outside a plan part (a summary with no parts) is dated by the passage
        and (
            metric_parts.year >= metric_parts.report_year
            or (passages.metric_id is not null and metric_parts.year_source = 'section')
        )
        and metric_parts.period <> 'start_of_change'
),

ordered as (
    -- each figure beside the one after it among the report's target figures
    select
        *,
        lead(metric_id) over by_offset as next_metric_id,
        lead(indicator) over by_offset as next_indicator,
        lead(unit) over by_offset as next_unit,
        lead(metric_kind) over by_offset as next_metric_kind,
        lead(value) over by_offset as next_value,
        lead(is_inherited) over by_offset as is_next_inherited,
        lead(lead_words) over by_offset as next_lead_words
    from targeted_metrics
    window by_offset as (partition by report_id order by start_offset, metric_id)
),

stretched as (
    -- 增长6%以上,力争7%: a figure that a stretch word (govreports_stretch_lead) opens and
    -- that inherits its indicator from the figure just before it, in the same unit, is that
    -- target's stretch, not a target of its own; the extractor calls a bare 7% a percent
    select
        *,
        coalesce(
            is_next_inherited
            and regexp_matches(next_lead_words, govreports_stretch_lead())
            and next_indicator = indicator
            and next_unit = unit
            and next_metric_kind in (metric_kind, 'percent'),
            false
        ) as has_stretch
    from ordered
),

stretches as (
    select next_metric_id as metric_id from stretched
    where has_stretch
),

paired as (
    select
        stretched.*,
        case when stretched.has_stretch then stretched.next_value end as stretch_value
    from stretched
    anti join stretches on stretched.metric_id = stretches.metric_id
),

final as (
    select
        metric_id,
        report_id,
        section_id,
        indicator,
        canonical_indicator,
        metric_kind,
        value,
        value_high,
        stretch_value,
        unit,
        unit_family,
        comparator,
        report_year,
        target_year,
        case
            when not spans_years then 'annual'
            -- a span ends a plan or a government's term (今后五年 of a 2022 report: 2022-2026);
            -- a target for any other later year (到2027年 of a three-year action, 到2035年 of a
            -- long-range vision) is multi-year
            when
                target_year = {{ five_year_plan_end_year_of('target_year') }}
                and target_year - report_year <= 5
                then 'five_year'
            when target_year = {{ plan_end_year_or_term_end('null', 'report_year') }} then 'five_year'
            when target_year > report_year then 'multi_year'
            -- "…到2024年…主要目标是" in a report of 2024: this year's targets after all
            else 'annual'
        end as horizon,
        -- a plan-era series' headline figure is its first: the budget's total revenue before the
        -- central and local shares, the plan's output before a department's
        is_in_passage or (
            is_plan_series
            and row_number() over (
                partition by report_id, is_plan_series, canonical_indicator, metric_kind
                order by start_offset
            ) = 1
        ) as is_headline,
        quote,
        start_offset,
        is_damaged_span
    from paired
)

select * from final
