-- Each annual headline target of a region, joined to what the same region's report of the
-- next year says happened in the target year (same canonical indicator and kind). Targets
-- whose next report is not loaded keep null actuals, so the gaps in the record show.
with

goals as (
    select * from {{ ref('goals') }}
),

reports as (
    select * from {{ ref('reports') }}
),

metrics as (
    select * from {{ ref('metrics') }}
),

sections as (
    select * from {{ ref('sections') }}
),

report_quality as (
    select * from {{ ref('report_quality') }}
),

units as (
    select * from {{ ref('units') }}
),

ranked_reports as (
    -- one report counts per government and year: a report saved from two sites is loaded
    -- twice (its boilerplate differs), and the better graded, longer copy is the one used
    select
        reports.report_id,
        reports.report_year,
        {{ government_key('reports') }} as region_key,
        row_number() over (
            partition by {{ government_key('reports') }}, reports.report_year
            order by
                report_quality.grade asc nulls last,
                report_quality.body_chars desc nulls last,
                reports.report_id asc
        ) = 1 as is_preferred_copy
    from reports
    left join report_quality on reports.report_id = report_quality.report_id
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
        goals.value * goal_units.multiplier as target_normalized
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

review_actuals as (
    -- what a report states for its review year, in its review parts, first mention first
    select
        metrics.*,
        coalesce(parents.kind, sections.kind) as part_kind,
        row_number() over (
            partition by metrics.report_id, metrics.canonical_indicator, metrics.metric_kind, metrics.year
            order by metrics.start_offset
        ) as mention
    from metrics
    inner join sections on metrics.section_id = sections.section_id
    left join sections as parents on sections.parent_section_id = parents.section_id
    where
        metrics.canonical_indicator is not null
        and coalesce(parents.kind, sections.kind) in ('review', 'five_year_review', 'preamble')
        and metrics.period = 'year'
),

joined as (
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
        -- a reduction target (下降3%) is met by a fall: compare magnitudes
        case
            when annual_goals.direction = 'decrease' then -review_actuals.value
            else review_actuals.value
        end as actual_value,
        review_actuals.unit as actual_unit,
        review_actuals.quote as actual_quote,
        annual_goals.quote as target_quote,
        case
            when annual_goals.target_normalized is null or review_actuals.value_normalized is null then null
            when annual_goals.direction = 'decrease'
                then (-review_actuals.value_normalized - annual_goals.target_normalized) / goal_units.multiplier
            else (review_actuals.value_normalized - annual_goals.target_normalized) / goal_units.multiplier
        end as gap,
        annual_goals.comparator = 'at_most'
        or list_contains({{ var('lower_is_better_indicators') }}, annual_goals.canonical_indicator)
            as is_ceiling,
        annual_goals.unit = '%' as is_percent,
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
            and review_actuals.mention = 1
    left join units as goal_units on annual_goals.unit = goal_units.unit
),

final as (
    select
        goal_id,
        goal_report_id,
        region,
        level,
        admin_code,
        current_admin_code,
        cast(target_year as integer) as target_year,
        canonical_indicator,
        metric_kind,
        comparator,
        direction,
        target_value,
        target_value_high,
        target_unit,
        actual_value,
        actual_unit,
        actual_metric_id,
        actual_report_id,
        round(gap, 6) as gap,
        case
            when gap is null or comparator = 'qualitative' then null
            when comparator = 'range' and is_ceiling then actual_value <= target_value_high
            when comparator = 'range' then actual_value >= target_value
            when comparator = 'about' and is_ceiling
                then gap <= case
                    when is_percent then {{ var('about_tolerance_pp') }}
                    else {{ var('about_tolerance_share') }} * abs(target_value)
                end
            when comparator = 'about'
                then gap >= -case
                    when is_percent then {{ var('about_tolerance_pp') }}
                    else {{ var('about_tolerance_share') }} * abs(target_value)
                end
            when is_ceiling then gap <= 0
            else gap >= 0
        end as is_met,
        has_next_report,
        is_preferred_copy,
        target_quote,
        actual_quote
    from joined
)

select * from final
