-- The damage found in each report's body (damage_spans), counted: mojibake spans repaired or
-- not, the characters left unrepaired, stripped characters and numbers, and the lines they
-- stand on. One row per loaded report, zero where nothing was found.
{% set only_new_reports = new_reports_only() -%}

with

reports as (
    select * from {{ ref('int_reports_placed') }}
    where {{ only_new_reports }}
),

damage as (
    select * from {{ ref('damage_spans') }}
    where {{ only_new_reports }}
),

damage_summary as (
    select
        report_id,
        count(*) filter (where damage_class = 'mojibake') as mojibake_span_count,
        count(*) filter (where damage_kind = 'gbk_slip_repaired') as mojibake_repaired_count,
        count(*) filter (where damage_kind = 'mojibake_characters') as mojibake_unrepaired_count,
        coalesce(
            sum(end_offset - start_offset) filter (where damage_kind = 'mojibake_characters'), 0
        ) as mojibake_unrepaired_chars,
        list_sort(list_distinct(list(line_number) filter (where damage_class = 'mojibake')))
            as mojibake_lines,
        count(*) filter (where damage_class = 'stripped') as stripped_span_count,
        count(*) filter (where damage_kind = 'number_stripped') as number_stripped_count,
        list_sort(list_distinct(list(damage_kind) filter (where damage_class = 'stripped')))
            as stripped_kinds,
        list_sort(list_distinct(list(line_number) filter (where damage_class = 'stripped')))
            as stripped_lines
    from damage
    group by report_id
),

final as (
    select
        reports.report_id,
        coalesce(damage_summary.mojibake_span_count, 0) as mojibake_span_count,
        coalesce(damage_summary.mojibake_repaired_count, 0) as mojibake_repaired_count,
        coalesce(damage_summary.mojibake_unrepaired_count, 0) as mojibake_unrepaired_count,
        coalesce(damage_summary.mojibake_unrepaired_chars, 0) as mojibake_unrepaired_chars,
        coalesce(damage_summary.mojibake_lines, []) as mojibake_lines,
        coalesce(damage_summary.stripped_span_count, 0) as stripped_span_count,
        coalesce(damage_summary.number_stripped_count, 0) as number_stripped_count,
        coalesce(damage_summary.stripped_kinds, []) as stripped_kinds,
        coalesce(damage_summary.stripped_lines, []) as stripped_lines
    from reports
    left join damage_summary on reports.report_id = damage_summary.report_id
)

select * from final
