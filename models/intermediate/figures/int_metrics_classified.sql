-- Figures with their canonical indicator, unit family, normalised value, kind and year.
-- The canonical code is the one of the longest indicator phrase the figure's indicator
-- contains (seeds/indicators.csv), kept only when the code allows the figure's unit family
-- and kind; a percentage the text does not call a growth or a rate takes the kind its
-- indicator allows. The year is the part's (the review describes review_year, the plan
-- report_year, a five-year plan its last year) unless the paragraph names one before the
-- figure (a later year than the report's only from the figure's own sentence).
{% set only_new_reports = new_reports_only() -%}

with

figures as (
    select * from {{ ref('int_metrics_extracted') }}
    where {{ only_new_reports }}
),

units as (
    select * from {{ ref('units') }}
),

descriptions as (
    select * from {{ ref('int_reports_dated') }}
    where {{ only_new_reports }}
),

indicator_texts as (
    -- the phrase depends on the indicator's text alone: each text is matched once, not once per
    -- figure (a tenth of the pairs to test at 10,000 reports); 的 and the blanks a bracketed
    -- aside left name nothing ("基本建设(包括…)的投资" is 基本建设投资)
    select distinct
        indicator,
        regexp_replace(indicator, '[的\s]', '', 'g') as phrase_text
    from figures
),

phrase_matches as (
    {{ longest_indicator_phrase('indicator_texts', 'phrase_text', ['indicator']) }}
),

typed as (
    select
        figures.*,
        units.unit_family,
        units.multiplier,
        units.normalized_unit,
        phrase_matches.canonical_indicator as matched_indicator,
        phrase_matches.allowed_families,
        phrase_matches.allowed_kinds,
        case
            when figures.extracted_kind <> 'percent' then figures.extracted_kind
            when list_contains(string_split(phrase_matches.allowed_kinds, '|'), 'growth_pct')
                then 'growth_pct'
            when list_contains(string_split(phrase_matches.allowed_kinds, '|'), 'rate_pct')
                then 'rate_pct'
            else 'percent'
        end as metric_kind
    from figures
    inner join units on figures.unit = units.unit
    left join phrase_matches on figures.indicator = phrase_matches.indicator
),

dated as (
    select
        typed.*,
        case
            when
                list_contains(string_split(typed.allowed_families, '|'), typed.unit_family)
                and list_contains(string_split(typed.allowed_kinds, '|'), typed.metric_kind)
                then typed.matched_indicator
        end as canonical_indicator,
        case
            when typed.extracted_period = 'start_of_change' then 'start_of_change'
            when typed.part_kind = 'five_year_plan' then 'five_year'
            else typed.extracted_period
        end as period,
        case
            -- the 从 side of 从…提高到… is dated only when the text names its year
            when typed.extracted_period = 'start_of_change'
                then case when typed.year_hint <= descriptions.report_year then typed.year_hint end
            -- a five-year plan's figures are targets for its last year, or for a year it names
            when typed.part_kind = 'five_year_plan'
                then coalesce(
                    case when typed.year_hint > descriptions.report_year then typed.year_hint end,
                    {{ plan_end_year_or_term_end(
                        named_five_year_plan_end_year('typed.part_title'), 'descriptions.report_year'
                    ) }}
                )
            when typed.year_hint between 1949 and descriptions.report_year then typed.year_hint
            -- a later year dates a figure only from its own sentence ("到2025年,…达到6500亿元"):
            -- one named sentences before may be a plan's end, not this figure's year
            when
                typed.is_year_hint_in_sentence
                and typed.year_hint between descriptions.report_year + 1 and descriptions.report_year + 30
                then typed.year_hint
            when typed.years_before_report is not null
                then descriptions.report_year - typed.years_before_report
            when typed.part_kind in ('preamble', 'review', 'five_year_review') then descriptions.review_year
            else descriptions.report_year
        end as year,
        case
            when typed.extracted_period = 'start_of_change'
                then case when typed.year_hint <= descriptions.report_year then 'clause_year' end
            when typed.part_kind = 'five_year_plan' then 'five_year_plan'
            when typed.year_hint between 1949 and descriptions.report_year then 'clause_year'
            when
                typed.is_year_hint_in_sentence
                and typed.year_hint between descriptions.report_year + 1 and descriptions.report_year + 30
                then 'clause_year'
            when typed.years_before_report is not null then 'clause_relative_year'
            else 'section'
        end as year_source
    from typed
    inner join descriptions on typed.report_id = descriptions.report_id
),

final as (
    select
        report_id,
        part_kind,
        start_offset,
        end_offset,
        number_text,
        indicator,
        canonical_indicator,
        metric_kind,
        value,
        value_high,
        unit,
        unit_family,
        multiplier,
        normalized_unit,
        year,
        year_source,
        period,
        is_approximate,
        is_inherited,
        is_estimate,
        is_comparable_basis,
        lead_words,
        trail_word,
        comparator,
        quote,
        quote_start_offset
    from dated
)

select * from final
