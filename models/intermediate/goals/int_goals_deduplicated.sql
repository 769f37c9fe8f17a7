-- Every target once: a page that states a target twice (a summary before the list, a repeated
-- paragraph, "提出8%左右的国内生产总值增长目标" after "国内生产总值增长8%左右") gives one row,
-- the first; a canonical series is one target however it is worded. A headline target and the
-- same figure among the tasks stay apart: they are told apart by is_headline.
-- A view: one model reads it (goals), which filters it to the reports it lacks, so storing
-- its rows (and their quotes) again would only copy them. It calls no Python function, so it
-- reads outside dbt too.
{{ config(materialized='view') }}

with

quantified as (
    select * from {{ ref('int_goals_quantified') }}
),

qualitative as (
    select * from {{ ref('int_qualitative_goals_coded') }}
),

all_goals as (
    select * from quantified
    union all
    select * from qualitative
),

final as (
    select
        source_id,
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
        direction,
        comparator,
        relation,
        target_year,
        horizon,
        is_headline,
        quote,
        start_offset,
        is_damaged_span
    from all_goals
    qualify row_number() over (
        partition by
            report_id, is_headline, horizon, target_year,
            coalesce(nullif(canonical_indicator, 'other'), indicator), metric_kind, value, unit, comparator
        order by start_offset
    ) = 1
)

select * from final
