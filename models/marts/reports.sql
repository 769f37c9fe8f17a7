-- The reports that could be placed (a year and one region); the others are quarantined and
-- listed in report_quality with their reasons (int_reports_placed).
{% set only_new_reports = new_reports_only() -%}

with

placed_reports as (
    select * from {{ ref('int_reports_placed') }}
    where {{ only_new_reports }}
),

final as (
    select
        report_id,
        file_name,
        sha256,
        region,
        region_source,
        province,
        parent_city,
        level,
        admin_code,
        current_admin_code,
        is_former_division,
        report_year,
        report_year_source,
        review_year,
        meeting_date,
        meeting_date_source,
        speaker,
        speaker_title,
        congress,
        script,
        encoding,
        content_type,
        body_start_line,
        body_end_line,
        body_start_offset,
        body_end_offset,
        body_text,
        metadata_flags,
        loaded_at
    from placed_reports
    where not is_quarantined
)

select * from final
