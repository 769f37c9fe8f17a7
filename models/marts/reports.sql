-- The reports that could be placed (a year and one region); the others are quarantined and
-- listed in report_quality with their reasons (int_reports_placed). A view: the body's text is
-- cut from the normalised text when it is read, so the warehouse keeps the text once.

with

placed_reports as (
    select * from {{ ref('int_reports_placed') }}
),

report_files as (
    select * from {{ ref('stg_raw__report_files') }}
),

final as (
    select
        placed_reports.report_id,
        placed_reports.file_name,
        placed_reports.sha256,
        placed_reports.region,
        placed_reports.region_source,
        placed_reports.province,
        placed_reports.parent_city,
        placed_reports.level,
        placed_reports.admin_code,
        placed_reports.current_admin_code,
        placed_reports.is_former_division,
        placed_reports.report_year,
        placed_reports.report_year_source,
        placed_reports.review_year,
        placed_reports.meeting_date,
        placed_reports.meeting_date_source,
        placed_reports.speaker,
        placed_reports.speaker_title,
        placed_reports.congress,
        placed_reports.script,
        placed_reports.encoding,
        placed_reports.content_type,
        placed_reports.body_start_line,
        placed_reports.body_end_line,
        placed_reports.body_start_offset,
        placed_reports.body_end_offset,
        substr(
            report_files.normalized_text,
            placed_reports.body_start_offset + 1,
            placed_reports.body_end_offset - placed_reports.body_start_offset
        ) as body_text,
        placed_reports.metadata_flags,
        placed_reports.loaded_at
    from placed_reports
    inner join report_files on placed_reports.report_id = report_files.report_id
    where not placed_reports.is_quarantined
)

select * from final
