-- Each loaded report's grade: the worst severity among its reasons (report_quality.yml lists
-- them):
--   D  severe: the report cannot be placed or read as a whole (quarantined: region unresolved
--      or ambiguous, no year; a fragment: a short body or a collector's summary or excerpt;
--      mojibake over more than 1% of the body);
--   C  major: figures or targets are likely missing or misread (no headline targets, numbers
--      stripped, mojibake left unrepaired, review year in doubt, region ambiguous, date ambiguous);
--   B  minor: damage that was repaired or inferred and flagged (GBK-slip headings, inferred
--      section markers, stripped ordinals and dates, metadata rebuilt or missing);
--   A  none of these.
{% set only_new_reports = new_reports_only() -%}

with

reports as (
    select * from {{ ref('int_reports_placed') }}
    where {{ only_new_reports }}
),

descriptions as (
    select * from {{ ref('int_reports_described') }}
    where {{ only_new_reports }}
),

scraper_headers as (
    select * from {{ ref('int_report_headers_parsed') }}
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

joined as (
    select
        reports.report_id,
        reports.review_year,
        reports.metadata_flags,
        reports.quarantine_reasons,
        reports.region_source,
        reports.report_year_source,
        descriptions.title_year,
        sizes.body_chars,
        damage.mojibake_repaired_count,
        damage.mojibake_unrepaired_count,
        damage.mojibake_unrepaired_chars,
        damage.stripped_span_count,
        damage.number_stripped_count,
        section_counts.marker_missing_count,
        section_counts.marker_partial_count,
        section_counts.marker_garbled_count,
        extraction_counts.headline_goal_count,
        -- a collector who says the text is a summary, an excerpt or compiled from public material
        coalesce(regexp_matches(
            concat_ws(' ', scraper_headers.header_title, scraper_headers.header_note, scraper_headers.header_source),
            '摘要|节选|整理|摘编|概要|要点'
        ), false) as is_collector_summary
    from reports
    inner join descriptions on reports.report_id = descriptions.report_id
    inner join sizes on reports.report_id = sizes.report_id
    inner join damage on reports.report_id = damage.report_id
    inner join section_counts on reports.report_id = section_counts.report_id
    inner join extraction_counts on reports.report_id = extraction_counts.report_id
    left join scraper_headers on reports.report_id = scraper_headers.report_id
),

reasons as (
    select
        *,
        -- a title naming 2023 reviews 2022
        coalesce(review_year <> title_year - 1, false) as is_review_year_off_title,
        [
            case when list_contains(quarantine_reasons, 'region_unresolved') then 'region_unresolved' end,
            case when list_contains(quarantine_reasons, 'region_ambiguous') then 'region_ambiguous' end,
            case when list_contains(quarantine_reasons, 'report_year_missing') then 'report_year_missing' end,
            case when body_chars < 2000 then 'body_fragment' end,
            case when is_collector_summary then 'collector_summary' end,
            case
                when list_contains(metadata_flags, 'report_opening_missing') then 'report_opening_missing'
            end,
            case when mojibake_unrepaired_chars > 0.01 * body_chars then 'mojibake_widespread' end
        ] as severe_candidates,
        [
            case when headline_goal_count = 0 then 'no_headline_goals' end,
            case when number_stripped_count > 0 then 'numbers_stripped' end,
            case when mojibake_unrepaired_count > 0 then 'mojibake_unrepaired' end,
            case
                when
                    list_contains(metadata_flags, 'review_year_not_previous')
                    or coalesce(review_year <> title_year - 1, false)
                    then 'review_year_in_doubt'
            end,
            case
                when
                    list_contains(metadata_flags, 'report_year_off_header')
                    or list_contains(metadata_flags, 'report_year_off_file_name')
                    then 'report_year_disputed'
            end,
            case
                when
                    list_contains(metadata_flags, 'region_off_header')
                    or list_contains(metadata_flags, 'region_off_file_name')
                    then 'region_disputed'
            end,
            case
                when list_contains(metadata_flags, 'meeting_date_ambiguous') then 'meeting_date_ambiguous'
            end
        ] as major_candidates,
        [
            case when mojibake_repaired_count > 0 then 'mojibake_repaired' end,
            case
                when marker_missing_count + marker_partial_count + marker_garbled_count > 0
                    then 'section_markers_inferred'
            end,
            case when stripped_span_count > number_stripped_count then 'characters_stripped' end,
            case when list_contains(metadata_flags, 'no_dateline') then 'no_dateline' end,
            case when list_contains(metadata_flags, 'meeting_date_missing') then 'meeting_date_missing' end,
            case
                when list_contains(metadata_flags, 'meeting_date_reconstructed')
                    then 'meeting_date_reconstructed'
            end,
            case when list_contains(metadata_flags, 'speaker_missing') then 'speaker_missing' end,
            case
                when list_contains(metadata_flags, 'speaker_title_reconstructed')
                    then 'speaker_title_reconstructed'
            end,
            case when list_contains(metadata_flags, 'congress_incomplete') then 'congress_incomplete' end,
            case
                when
                    report_year_source in ('scraper_header', 'file_name')
                    or region_source in ('scraper_header', 'file_name')
                    then 'placed_from_header_or_file_name'
            end,
            case when list_contains(metadata_flags, 'text_repeated') then 'text_repeated' end
        ] as minor_candidates
    from joined
),

graded as (
    select
        *,
        list_filter(severe_candidates, lambda reason: reason is not null) as severe_reasons,
        list_filter(major_candidates, lambda reason: reason is not null) as major_reasons,
        list_filter(minor_candidates, lambda reason: reason is not null) as minor_reasons
    from reasons
),

final as (
    select
        report_id,
        case
            when len(severe_reasons) > 0 then 'D'
            when len(major_reasons) > 0 then 'C'
            when len(minor_reasons) > 0 then 'B'
            else 'A'
        end as grade,
        severe_reasons || major_reasons || minor_reasons as grade_reasons,
        body_chars < 2000
        or is_collector_summary
        or list_contains(metadata_flags, 'report_opening_missing') as is_fragment,
        title_year,
        is_review_year_off_title
    from graded
)

select * from final
