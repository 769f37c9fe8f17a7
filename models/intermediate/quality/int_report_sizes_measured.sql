-- How much of each loaded file is the report: the characters of the normalised text, of the
-- body, and of the boilerplate trimmed around it (site furniture, a collector's header).
{% set only_new_reports = new_reports_only() -%}

with

reports as (
    select * from {{ ref('int_reports_placed') }}
    where {{ only_new_reports }}
),

report_files as (
    select * from {{ ref('stg_raw__report_files') }}
    where {{ only_new_reports }}
),

sizes as (
    select
        reports.report_id,
        length(report_files.normalized_text) as text_chars,
        reports.body_end_offset - reports.body_start_offset as body_chars
    from reports
    inner join report_files on reports.report_id = report_files.report_id
),

final as (
    select
        report_id,
        text_chars,
        body_chars,
        text_chars - body_chars as boilerplate_chars,
        round((text_chars - body_chars) / greatest(text_chars, 1), 4) as boilerplate_share
    from sizes
)

select * from final
