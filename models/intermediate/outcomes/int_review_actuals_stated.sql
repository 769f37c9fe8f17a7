-- What a report states in its review parts (review, five-year review, preamble), per canonical
-- series and kind, first mention first: its single-year figures are the actuals a target of the
-- year before is judged by; its figures over a span of years (年均, 累计, 五年, 以来) are kept to
-- say why a target has no actual, never to judge it.
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

final as (
    select
        metrics.metric_id,
        metrics.report_id,
        metrics.canonical_indicator,
        metrics.indicator,
        metrics.metric_kind,
        metrics.year,
        metrics.period,
        metrics.period = 'year' as is_single_year,
        metrics.is_estimate,
        metrics.value,
        metrics.value_normalized,
        metrics.unit,
        metrics.quote,
        row_number() over (
            partition by
                metrics.report_id, metrics.canonical_indicator, metrics.metric_kind, metrics.year,
                metrics.period = 'year'
            order by metrics.start_offset
        ) as mention
    from metrics
    inner join sections on metrics.section_id = sections.section_id
    left join sections as parents on sections.parent_section_id = parents.section_id
    where
        metrics.canonical_indicator is not null
        and coalesce(parents.kind, sections.kind) in ('review', 'five_year_review', 'preamble')
        and metrics.period in ('year', 'five_year', 'cumulative')
)

select * from final
