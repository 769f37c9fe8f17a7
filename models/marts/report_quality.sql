-- One row per report: what a careful reader should know before trusting its rows, and a grade
-- (int_reports_graded says how it is given; report_quality.yml lists the reasons).
{% set only_new_reports = new_reports_only() -%}

with

reports as (
    -- every loaded report, the quarantined ones included
    select * from {{ ref('int_reports_placed') }}
    where {{ only_new_reports }}
),

grades as (
    select * from {{ ref('int_reports_graded') }}
    where {{ only_new_reports }}
),

sizes as (
    select * from {{ ref('int_report_sizes_measured') }}
    where {{ only_new_reports }}
),

damage as (
    select * from {{ ref('int_report_damage_counted') }}
    where {{ only_new_reports }}
),

section_counts as (
    select * from {{ ref('int_report_sections_counted') }}
    where {{ only_new_reports }}
),

extraction_counts as (
    select * from {{ ref('int_report_extractions_counted') }}
    where {{ only_new_reports }}
),

final as (
    select
        reports.report_id,
        reports.file_name,
        reports.region,
        reports.report_year,
        grades.grade,
        grades.grade_reasons,
        reports.is_quarantined,
        reports.quarantine_reasons::varchar[] as quarantine_reasons,
        grades.is_fragment,
        reports.region_source,
        reports.report_year_source,
        reports.encoding,
        reports.script,
        reports.content_type,
        sizes.text_chars::bigint as text_chars,
        sizes.body_chars::bigint as body_chars,
        sizes.boilerplate_chars::bigint as boilerplate_chars,
        sizes.boilerplate_share::double as boilerplate_share,
        damage.mojibake_span_count::integer as mojibake_span_count,
        damage.mojibake_repaired_count::integer as mojibake_repaired_count,
        damage.mojibake_unrepaired_count::integer as mojibake_unrepaired_count,
        damage.mojibake_lines::integer[] as mojibake_lines,
        damage.stripped_span_count::integer as stripped_span_count,
        damage.stripped_kinds::varchar[] as stripped_kinds,
        damage.stripped_lines::integer[] as stripped_lines,
        section_counts.part_count::integer as part_count,
        section_counts.item_count::integer as item_count,
        section_counts.marker_missing_count::integer as marker_missing_count,
        section_counts.marker_partial_count::integer as marker_partial_count,
        section_counts.marker_garbled_count::integer as marker_garbled_count,
        section_counts.marker_problem_lines::integer[] as marker_problem_lines,
        extraction_counts.goal_count::integer as goal_count,
        extraction_counts.headline_goal_count::integer as headline_goal_count,
        extraction_counts.damaged_goal_count::integer as damaged_goal_count,
        extraction_counts.metric_count::integer as metric_count,
        extraction_counts.damaged_metric_count::integer as damaged_metric_count,
        grades.title_year,
        reports.review_year,
        grades.is_review_year_off_title,
        reports.metadata_flags
    from reports
    inner join grades on reports.report_id = grades.report_id
    inner join sizes on reports.report_id = sizes.report_id
    inner join damage on reports.report_id = damage.report_id
    inner join section_counts on reports.report_id = section_counts.report_id
    inner join extraction_counts on reports.report_id = extraction_counts.report_id
)

select * from final
