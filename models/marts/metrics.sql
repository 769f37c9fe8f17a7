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
    {{ in_deepest_section("(select distinct report_id, start_offset from figures)", 'sections') }}
),

-- the figure or its clause overlaps mojibake or stripped characters
checked_figures as (
    {{ with_overlap(
        "(select *, least(quote_start_offset, start_offset) as check_start_offset,"
        ~ " greatest(quote_start_offset + length(quote), end_offset) as check_end_offset"
        ~ " from figures)",
        'damage'
    ) }}
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
        figures.is_estimate,
        figures.is_comparable_basis,
        figures.lead_words,
        figures.trail_word,
        figures.comparator,
        figures.quote,
        (figures.quote_start_offset)::bigint as quote_start_offset,
        (figures.start_offset)::bigint as start_offset,
        (figures.end_offset)::bigint as end_offset,
        figures.is_overlapping as is_damaged_span
    from checked_figures as figures
    inner join containing_sections
        on
            figures.report_id = containing_sections.report_id
            and figures.start_offset = containing_sections.start_offset
)

select * from final
