-- Where the scraped text of a report body is damaged: mojibake (heading lines the loader
-- repaired from a GBK byte slip: int_damage_slips_repaired) and the damage found by patterns
-- (int_damage_spans_matched). Characters inside a stretch the loader repaired are that
-- repair's, not a second damage.
{% set only_new_reports = new_reports_only() -%}

with

matched_spans as (
    select * from {{ ref('int_damage_spans_matched') }}
    where {{ only_new_reports }}
),

slip_spans as (
    select * from {{ ref('int_damage_slips_repaired') }}
    where {{ only_new_reports }}
),

all_spans as (
    select * from matched_spans
    union all
    select * from slip_spans
),

checked_spans as (
    {{ with_overlap(
        "(select *, start_offset as check_start_offset, end_offset as check_end_offset"
        ~ " from all_spans)",
        "slip_spans"
    ) }}
),

final as (
    select
        left(
            md5(report_id || ':' || damage_kind || ':' || start_offset::varchar), 16
        ) as damage_id,
        report_id,
        damage_class,
        damage_kind,
        (line_number)::integer as line_number,
        (start_offset)::bigint as start_offset,
        (end_offset)::bigint as end_offset,
        damaged_text,
        repaired_text
    from checked_spans
    where not (damage_kind = 'mojibake_characters' and is_overlapping)
)

select * from final
