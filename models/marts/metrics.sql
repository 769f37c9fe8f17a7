{% set only_new_reports = new_reports_only() -%}

with

figures as (
    select * from {{ ref('int_metrics_classified') }}
    where {{ only_new_reports }}
),

sections as (
    select * from {{ ref('sections') }}
    where {{ only_new_reports }}
),

damage as (
    select * from {{ ref('damage_spans') }}
),

containing_sections as (
    -- the deepest section (an item if there is one, else the part) holding the figure
    select
        figures.report_id,
        figures.start_offset,
        arg_max(sections.section_id, sections.depth) as section_id
    from figures
    inner join sections
        on
            figures.report_id = sections.report_id
            and figures.start_offset >= sections.start_offset
            and figures.start_offset < sections.end_offset
    group by figures.report_id, figures.start_offset
),

final as (
    select
        -- one number may be shared by two indicators ("A和B分别增长10%")
        left(md5(figures.report_id || ':' || figures.start_offset::varchar || ':' || figures.indicator), 16)
            as metric_id,
        figures.report_id,
        containing_sections.section_id,
        figures.indicator,
        figures.canonical_indicator,
        figures.metric_kind,
        figures.value,
        figures.value_high,
        figures.unit,
        figures.unit_family,
        figures.value * figures.multiplier as value_normalized,
        figures.normalized_unit,
        (figures.year)::integer as year,
        figures.year_source,
        figures.period,
        figures.is_approximate,
        figures.is_inherited,
        figures.lead_words,
        figures.trail_word,
        figures.quote,
        (figures.quote_start_offset)::bigint as quote_start_offset,
        (figures.start_offset)::bigint as start_offset,
        (figures.end_offset)::bigint as end_offset,
        -- the figure or its clause overlaps mojibake or stripped characters
        exists(
            select 1
            from damage
            where
                damage.report_id = figures.report_id
                and damage.start_offset
                < greatest(figures.quote_start_offset + length(figures.quote), figures.end_offset)
                and damage.end_offset > least(figures.quote_start_offset, figures.start_offset)
        ) as is_damaged_span
    from figures
    inner join containing_sections
        on
            figures.report_id = containing_sections.report_id
            and figures.start_offset = containing_sections.start_offset
)

select * from final
