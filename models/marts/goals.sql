-- Every target a report sets: the figures of its main-targets passages (headline), the other
-- figures of its plan parts (tasks such as 完成户厕改造1204座), and the qualitative targets of
-- the passages (与经济增长基本同步), once each (int_goals_deduplicated), with whether its figure
-- or clause overlaps damaged text.
{% set only_new_reports = new_reports_only() -%}

with

goals as (
    select * from {{ ref('int_goals_deduplicated') }}
    where {{ only_new_reports }}
),

damage as (
    select * from {{ ref('damage_spans') }}
),

-- a qualitative goal's quote is its clause, which may overlap damage
checked_goals as (
    {{ with_overlap(
        "(select *, start_offset as check_start_offset,"
        ~ " start_offset + length(quote) as check_end_offset from goals)",
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
        stretch_value,
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
