-- Every target a report sets: the figures of its main-targets passages (headline), the other
-- figures of its plan parts (tasks such as 完成户厕改造1204座), and the qualitative targets of
-- the passages (与经济增长基本同步). Figures that describe the past are not targets.
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

qualitative as (
    select * from {{ ref('int_goals_qualitative') }}
    where {{ only_new_reports }}
),

damage as (
    select * from {{ ref('damage_spans') }}
),

metric_parts as (
    select
        metrics.*,
        coalesce(parents.kind, sections.kind) as part_kind,
        coalesce(parents.section_id, sections.section_id) as part_section_id,
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
    -- the figures that set targets, with the year each is for and the span it belongs to
    select
        metric_parts.*,
        passages.metric_id is not null as is_in_passage,
        -- a report with no main-targets passage (the plan era's) sets its targets as the year's
        -- figures of the headline series in its plan parts
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
            -- 年均 targets outside a five-year part: the current plan's last year (years ≡ 0 mod 5)
            when metric_parts.period = 'five_year' and metric_parts.part_kind <> 'five_year_plan'
                then ((metric_parts.report_year + 4) // 5) * 5
            when metric_parts.period = 'five_year' then metric_parts.year
            else metric_parts.report_year
        end as target_year,
        -- annual, or a span of years: the passage's, or the one a named later year opens
        case
            when metric_parts.is_later_year_named then 'five_year'
            when passages.metric_id is not null then passages.horizon
            when metric_parts.part_kind = 'five_year_plan' or metric_parts.period = 'five_year'
                then 'five_year'
            else 'annual'
        end as span
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

headline_metrics as (
    -- a plan-era series' headline figure is its first: the budget's total revenue before the
    -- central and local shares, the plan's output before a department's
    select
        *,
        is_in_passage or (
            is_plan_series
            and row_number() over (
                partition by report_id, is_plan_series, canonical_indicator, metric_kind
                order by start_offset
            ) = 1
        ) as is_headline
    from targeted_metrics
),

quantified as (
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
        -- a reduction target is stated as a magnitude: 下降3%左右 is 3, about
        case
            when metric_kind = 'growth_pct' then abs(value)
            else value
        end as value,
        case
            when metric_kind = 'growth_pct' then abs(value_high)
            else value_high
        end as value_high,
        unit,
        unit_family,
        case when value < 0 then 'decrease' else 'increase' end as direction,
        comparator,
        null as relation,
        target_year,
        case
            when span <> 'five_year' then span
            -- five years end a plan (years ≡ 0 mod 5) or a government's term (今后五年 of a 2022
            -- report: 2022-2026); a target for any other later year (到2027年 of a three-year
            -- action, 到2035年 of a long-range vision) is multi-year
            when target_year % 5 = 0 and target_year - report_year <= 5 then 'five_year'
            when target_year = report_year + 4 then 'five_year'
            when target_year > report_year then 'multi_year'
            -- "…到2024年…主要目标是" in a report of 2024: this year's targets after all
            else 'annual'
        end as horizon,
        is_headline,
        quote,
        start_offset,
        is_damaged_span
    from headline_metrics
),

qualitative_keys as (
    select
        *,
        clause_start_offset::varchar || ':' || indicator as qualitative_key
    from qualitative
),

qualitative_codes as (
    {{ longest_indicator_phrase('qualitative_keys', 'indicator', ['report_id', 'qualitative_key']) }}
),

qualitative_indicators as (
    select
        qualitative_keys.*,
        qualitative_codes.canonical_indicator
    from qualitative_keys
    left join qualitative_codes
        on
            qualitative_keys.report_id = qualitative_codes.report_id
            and qualitative_keys.qualitative_key = qualitative_codes.qualitative_key
),

qualitative_goals as (
    select
        md5(qualitative_lines.report_id || ':' || qualitative_lines.qualitative_key) as source_id,
        qualitative_lines.report_id,
        qualitative_lines.section_id,
        qualitative_lines.indicator,
        qualitative_lines.canonical_indicator,
        case
            when regexp_matches(qualitative_lines.indicator, '率|比重') then 'rate_pct'
            else 'growth_pct'
        end as metric_kind,
        null::double as value,
        null::double as value_high,
        null as unit,
        null as unit_family,
        null as direction,
        'qualitative' as comparator,
        qualitative_lines.relation,
        qualitative_lines.target_year,
        qualitative_lines.horizon,
        true as is_headline,
        qualitative_lines.quote,
        qualitative_lines.clause_start_offset as start_offset,
        -- decided in final, where the clause is the quote that starts at start_offset
        null::boolean as is_damaged_span
    from ({{ in_deepest_section('qualitative_indicators', 'sections', 'clause_start_offset') }})
        as qualitative_lines
),

all_goals as (
    select * from quantified
    where
        -- "提出6项指标", "共计28项指标": a count of a plan's indicators, not a target
        not (unit in ('项', '个') and regexp_matches(indicator, '指标$'))
        -- "由于已经连续三年增长速度在百分之十一以上": a fact told to explain a target
        and not regexp_matches(quote, '已经')
    union all
    select * from qualitative_goals
),

distinct_goals as (
    -- a page that states a headline target twice (a summary before the list, a repeated
    -- paragraph, "提出8%左右的国内生产总值增长目标" after "国内生产总值增长8%左右") gives one
    -- row: the first; a canonical series is one target however it is worded
    select *
    from all_goals
    qualify not is_headline or row_number() over (
        partition by
            report_id, is_headline, horizon, target_year,
            coalesce(nullif(canonical_indicator, 'other'), indicator), metric_kind, value, unit, comparator
        order by start_offset
    ) = 1
),

-- a qualitative goal's quote is its clause, which may overlap damage
checked_goals as (
    {{ with_overlap(
        "(select *, start_offset as check_start_offset,"
        ~ " start_offset + length(quote) as check_end_offset from distinct_goals)",
        'damage'
    ) }}
),

final as (
    select
        left(md5('goal:' || source_id), 16) as goal_id,
        report_id,
        section_id,
        indicator,
        canonical_indicator,
        metric_kind,
        value,
        value_high,
        unit,
        unit_family,
        direction,
        comparator,
        relation,
        target_year::integer as target_year,
        horizon,
        is_headline,
        quote,
        start_offset::bigint as start_offset,
        coalesce(is_damaged_span, is_overlapping) as is_damaged_span
    from checked_goals
)

select * from final
