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

locations as (
    select * from {{ ref('int_reports_located') }}
    where {{ only_new_reports }}
),

joined as (
    select
        report_files.report_id,
        report_files.file_name,
        report_files.sha256,
        coalesce(locations.region_name, descriptions.region_text) as region,
        locations.province,
        locations.parent_city,
        locations.level,
        locations.admin_code,
        locations.current_admin_code,
        locations.is_former_division,
        cast(descriptions.report_year as integer) as report_year,
        cast(descriptions.review_year as integer) as review_year,
        descriptions.meeting_date,
        descriptions.meeting_date_source,
        descriptions.speaker,
        descriptions.speaker_title,
        descriptions.congress,
        report_files.script,
        report_files.encoding,
        report_files.content_type,
        cast(bounds.body_start_line as integer) as body_start_line,
        cast(bounds.body_end_line as integer) as body_end_line,
        bounds.body_start_offset,
        bounds.body_end_offset,
        substr(
            report_files.normalized_text,
            bounds.body_start_offset + 1,
            bounds.body_end_offset - bounds.body_start_offset
        ) as body_text,
        list_filter(
            [
                case when bounds.dateline_line is null then 'no_dateline' end,
                case when descriptions.meeting_date is null then 'meeting_date_missing' end,
                case
                    when descriptions.meeting_date_source = 'dateline_reconstructed'
                        then 'meeting_date_reconstructed'
                end,
                case when descriptions.is_meeting_date_ambiguous then 'meeting_date_ambiguous' end,
                case when descriptions.speaker is null then 'speaker_missing' end,
                case
                    when descriptions.is_speaker_title_reconstructed
                        then 'speaker_title_reconstructed'
                end,
                case
                    when bounds.dateline_line is not null and descriptions.congress is null
                        then 'congress_incomplete'
                end,
                case when descriptions.report_year is null then 'report_year_missing' end,
                case
                    when descriptions.review_year <> descriptions.report_year - 1
                        then 'review_year_not_previous'
                end,
                case when locations.is_region_unresolved then 'region_unresolved' end,
                case when locations.is_region_ambiguous then 'region_ambiguous' end,
            ],
            -- a lambda parameter has no table to qualify it with
            lambda flag: flag is not null  -- noqa: RF02
        ) as metadata_flags,
        report_files.loaded_at
    from report_files
    inner join bounds on report_files.report_id = bounds.report_id
    inner join descriptions on report_files.report_id = descriptions.report_id
    inner join locations on report_files.report_id = locations.report_id
)

select * from joined
