-- The top-level parts of each report (一、二、三… and the closing glossary), tiling the body:
-- each classified heading (int_parts_classified) runs to the next one or the body's end, and
-- the salutation and opening words before the first part are a preamble.
{% set only_new_reports = new_reports_only() -%}

with

parts as (
    select * from {{ ref('int_parts_classified') }}
    where {{ only_new_reports }}
),

bounds as (
    select * from {{ ref('int_reports_bounded') }}
    where {{ only_new_reports }}
),

first_parts as (
    select
        report_id,
        min(content_start_offset) as first_part_offset
    from parts
    group by report_id
),

with_preamble as (
    select
        report_id,
        line_number,
        content_start_offset as start_offset,
        title,
        numeral,
        marker_status,
        kind
    from parts
    union all
    -- the salutation and opening words before the first part, when there are any
    select
        bounds.report_id,
        bounds.body_start_line as line_number,
        bounds.body_start_offset as start_offset,
        null as title,
        null as numeral,
        'none' as marker_status,
        'preamble' as kind
    from bounds
    left join first_parts on bounds.report_id = first_parts.report_id
    where bounds.body_start_offset < coalesce(first_parts.first_part_offset, bounds.body_end_offset)
),

final as (
    select
        with_preamble.report_id,
        with_preamble.line_number,
        with_preamble.start_offset,
        coalesce(
            lead(with_preamble.start_offset) over (
                partition by with_preamble.report_id order by with_preamble.start_offset
            ),
            bounds.body_end_offset
        ) as end_offset,
        row_number() over (
            partition by with_preamble.report_id order by with_preamble.start_offset
        ) as ordinal,
        with_preamble.numeral,
        with_preamble.marker_status,
        with_preamble.title,
        with_preamble.kind
    from with_preamble
    inner join bounds on with_preamble.report_id = bounds.report_id
)

select * from final
