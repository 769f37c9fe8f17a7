-- Report metadata read from the report's own header and opening, one reading per model: the
-- title (int_report_titles_read), the dateline (int_report_datelines_read) and the meeting
-- date it gives (int_report_meeting_dates_read), the speaker (int_report_speakers_read), the
-- years of the part headings (int_report_heading_years_read) and whom the opening speaks for
-- (int_report_openings_read). Values that the scraper damaged are rebuilt only where the
-- damage leaves one reading; otherwise they stay null and a flag says why.
{% set only_new_reports = new_reports_only() -%}

with

report_files as (
    select * from {{ ref('stg_raw__report_files') }}
    where {{ only_new_reports }}
),

titles as (
    select * from {{ ref('int_report_titles_read') }}
    where {{ only_new_reports }}
),

datelines as (
    select * from {{ ref('int_report_datelines_read') }}
    where {{ only_new_reports }}
),

meeting_dates as (
    select * from {{ ref('int_report_meeting_dates_read') }}
    where {{ only_new_reports }}
),

speakers as (
    select * from {{ ref('int_report_speakers_read') }}
    where {{ only_new_reports }}
),

heading_years as (
    select * from {{ ref('int_report_heading_years_read') }}
    where {{ only_new_reports }}
),

openings as (
    select * from {{ ref('int_report_openings_read') }}
    where {{ only_new_reports }}
),

final as (
    select
        report_files.report_id,
        datelines.dateline_text,
        titles.title_text,
        speakers.speaker,
        speakers.speaker_title,
        coalesce(speakers.is_speaker_title_reconstructed, false) as is_speaker_title_reconstructed,
        datelines.dateline_region_text,
        titles.title_region_text,
        speakers.speaker_region_text,
        openings.national_region_text,
        datelines.congress,
        meeting_dates.dateline_report_year,
        titles.title_year,
        heading_years.review_heading_year,
        heading_years.plan_heading_year,
        heading_years.five_year_review_end_year,
        meeting_dates.meeting_date,
        meeting_dates.meeting_date_source,
        coalesce(meeting_dates.is_meeting_date_ambiguous, false) as is_meeting_date_ambiguous,
        openings.self_region_text
    from report_files
    left join titles on report_files.report_id = titles.report_id
    left join datelines on report_files.report_id = datelines.report_id
    left join meeting_dates on report_files.report_id = meeting_dates.report_id
    left join speakers on report_files.report_id = speakers.report_id
    left join heading_years on report_files.report_id = heading_years.report_id
    left join openings on report_files.report_id = openings.report_id
)

select * from final
