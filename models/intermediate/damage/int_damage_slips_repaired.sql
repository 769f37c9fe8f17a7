-- The heading lines of a report body that the loader repaired from a GBK byte slip
-- (loaders/mojibake.py): the stretch it re-decoded, by the loader's own rule
-- (slipped_run_length, registered as govreports_gbk_slip_length), with the repaired line.
{% set only_new_reports = new_reports_only() -%}

with

line_repairs as (
    select * from {{ ref('stg_raw__line_repairs') }}
    where {{ only_new_reports }}
),

report_lines as (
    select * replace ({{ line_as_written() }} as line_text)
    from {{ ref('int_report_lines_split') }}
    where {{ only_new_reports }}
),

bounds as (
    -- the bounds of the placed reports: a quarantined one is in no mart but report_quality
    select bounds.*
    from {{ ref('int_reports_bounded') }} as bounds
    inner join {{ ref('reports') }} as placed_reports on bounds.report_id = placed_reports.report_id
    where {{ new_reports_only('bounds.report_id') }}
),

body_lines as (
    {{ body_lines('report_lines', 'bounds') }}
),

repaired_lines as (
    select
        body_lines.report_id,
        body_lines.line_number,
        body_lines.content_start_offset,
        line_repairs.repaired_text,
        regexp_replace(body_lines.line_text, '^\s+', '') as stripped_line
    from line_repairs
    inner join body_lines
        on
            line_repairs.report_id = body_lines.report_id
            and line_repairs.line_number = body_lines.line_number
),

slip_spans as (
    select
        report_id,
        line_number,
        repaired_text,
        content_start_offset as start_offset,
        govreports_gbk_slip_length(stripped_line) as span_length,
        stripped_line
    from repaired_lines
),

final as (
    select
        report_id,
        line_number,
        'mojibake' as damage_class,
        'gbk_slip_repaired' as damage_kind,
        start_offset,
        start_offset + span_length as end_offset,
        left(stripped_line, span_length) as damaged_text,
        repaired_text
    from slip_spans
)

select * from final
