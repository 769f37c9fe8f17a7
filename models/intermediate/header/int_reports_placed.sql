-- Every loaded report with what placing it took: its metadata (int_reports_described), its
-- year (int_reports_dated) and region (int_reports_located), each with its source, the body
-- bounds, the flags a reader should know, and why a report is quarantined. A quarantined report
-- (no year, or no single region) stays in raw and in report_quality with its reasons, and is
-- left out of the marts, whose grain needs both; the build publishes every other report.
{% set only_new_reports = new_reports_only() -%}

with

report_files as (
    select * from {{ ref('stg_raw__report_files') }}
    where {{ only_new_reports }}
),

bounds as (
    select * from {{ ref('int_reports_bounded') }}
    where {{ only_new_reports }}
),

descriptions as (
    select * from {{ ref('int_reports_described') }}
    where {{ only_new_reports }}
),

dates as (
    select * from {{ ref('int_reports_dated') }}
    where {{ only_new_reports }}
),

locations as (
    select * from {{ ref('int_reports_located') }}
    where {{ only_new_reports }}
),

scraper_headers as (
    select * from {{ ref('int_report_headers_parsed') }}
    where {{ only_new_reports }}
),

header_speakers as (
    -- "报告人:河北省人民政府代省长 张庆伟": the speaker when the text lost its speaker line
    select
        report_id,
        regexp_extract(
            replace(header_speaker_text, ' ', ''), {{ speaker_line_pattern() }}, ['prefix', 'title', 'name']
        ) as parsed
    from scraper_headers
),

speakers as (
    select
        descriptions.report_id,
        coalesce(descriptions.speaker, nullif(header_speakers.parsed.name, '')) as speaker,
        coalesce(
            descriptions.speaker_title,
            case
                when header_speakers.parsed.name <> ''
                    then {{ speaker_title('header_speakers.parsed.title') }}
            end
        ) as speaker_title,
        descriptions.speaker is null and header_speakers.parsed.name <> '' as is_speaker_from_header
    from descriptions
    left join header_speakers on descriptions.report_id = header_speakers.report_id
),

joined as (
    select
        report_files.report_id,
        report_files.file_name,
        report_files.sha256,
        coalesce(locations.region_name, locations.region_text) as region,
        locations.region_source,
        locations.province,
        locations.parent_city,
        locations.level,
        locations.admin_code,
        locations.current_admin_code,
        locations.is_former_division,
        cast(dates.report_year as integer) as report_year,
        dates.report_year_source,
        cast(dates.review_year as integer) as review_year,
        dates.meeting_date,
        dates.meeting_date_source,
        speakers.speaker,
        speakers.speaker_title,
        descriptions.congress,
        report_files.script,
        report_files.encoding,
        report_files.content_type,
        cast(bounds.body_start_line as integer) as body_start_line,
        cast(bounds.body_end_line as integer) as body_end_line,
        bounds.body_start_offset,
        bounds.body_end_offset,
        list_filter(
            [
                case when bounds.dateline_line is null then 'no_dateline' end,
                -- no title, dateline or salutation: the text does not open as a report does
                -- (a summary, a news story, a page that starts mid-report)
                case
                    when coalesce(bounds.title_line, bounds.dateline_line, bounds.salutation_line) is null
                        then 'report_opening_missing'
                end,
                case when dates.meeting_date is null then 'meeting_date_missing' end,
                case
                    when dates.meeting_date_source = 'dateline_reconstructed'
                        then 'meeting_date_reconstructed'
                end,
                case
                    when dates.meeting_date_source = 'scraper_header' then 'meeting_date_from_header'
                end,
                case when descriptions.is_meeting_date_ambiguous then 'meeting_date_ambiguous' end,
                case when speakers.speaker is null then 'speaker_missing' end,
                case when speakers.is_speaker_from_header then 'speaker_from_header' end,
                case
                    when descriptions.is_speaker_title_reconstructed
                        then 'speaker_title_reconstructed'
                end,
                case
                    when bounds.dateline_line is not null and descriptions.congress is null
                        then 'congress_incomplete'
                end,
                case when dates.report_year is null then 'report_year_missing' end,
                case
                    when dates.report_year_source = 'scraper_header' then 'report_year_from_header'
                end,
                case
                    when dates.report_year_source = 'file_name' then 'report_year_from_file_name'
                end,
                case when dates.is_year_off_header then 'report_year_off_header' end,
                case when dates.is_year_off_file_name then 'report_year_off_file_name' end,
                case
                    when dates.review_year <> dates.report_year - 1
                        then 'review_year_not_previous'
                end,
                case when locations.is_region_unresolved then 'region_unresolved' end,
                case when locations.is_region_ambiguous then 'region_ambiguous' end,
                case
                    when locations.region_source = 'scraper_header' then 'region_from_header'
                end,
                case when locations.region_source = 'file_name' then 'region_from_file_name' end,
                case when locations.is_region_off_header then 'region_off_header' end,
                case when locations.is_region_off_file_name then 'region_off_file_name' end,
                case when bounds.repeated_copy_line is not null then 'text_repeated' end
            ],
            -- a lambda parameter has no table to qualify it with
            lambda flag: flag is not null  -- noqa: RF02
        ) as metadata_flags,
        list_filter(
            [
                case when dates.report_year is null then 'report_year_missing' end,
                case when locations.is_region_unresolved then 'region_unresolved' end,
                case when locations.is_region_ambiguous then 'region_ambiguous' end
            ],
            lambda reason: reason is not null  -- noqa: RF02
        ) as quarantine_reasons,
        report_files.loaded_at
    from report_files
    inner join bounds on report_files.report_id = bounds.report_id
    inner join descriptions on report_files.report_id = descriptions.report_id
    inner join dates on report_files.report_id = dates.report_id
    inner join locations on report_files.report_id = locations.report_id
    inner join speakers on report_files.report_id = speakers.report_id
),

final as (
    select
        *,
        len(quarantine_reasons) > 0 as is_quarantined
    from joined
)

select * from final
