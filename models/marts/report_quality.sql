-- One row per report: what a careful reader should know before trusting its rows, and a grade.
-- The grade is the worst severity among the report's reasons (see report_quality.yml):
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
    -- every loaded report, the quarantined ones included
    select * from {{ ref('int_reports_placed') }}
    where {{ only_new_reports }}
),

scraper_headers as (
    select * from {{ ref('int_report_headers_parsed') }}
    where {{ only_new_reports }}
),

report_files as (
    select * from {{ ref('stg_raw__report_files') }}
    where {{ only_new_reports }}
),

descriptions as (
    select * from {{ ref('int_reports_described') }}
    where {{ only_new_reports }}
),

sections as (
    select * from {{ ref('sections') }}
    where {{ only_new_reports }}
),

goals as (
    select * from {{ ref('goals') }}
    where {{ only_new_reports }}
),

metrics as (
    select * from {{ ref('metrics') }}
    where {{ only_new_reports }}
),

damage as (
    select * from {{ ref('damage_spans') }}
    where {{ only_new_reports }}
),

damage_summary as (
    select
        report_id,
        count(*) filter (where damage_class = 'mojibake') as mojibake_span_count,
        count(*) filter (where damage_kind = 'gbk_slip_repaired') as mojibake_repaired_count,
        count(*) filter (where damage_kind = 'mojibake_characters') as mojibake_unrepaired_count,
        coalesce(
            sum(end_offset - start_offset) filter (where damage_kind = 'mojibake_characters'), 0
        ) as mojibake_unrepaired_chars,
        list_sort(list_distinct(list(line_number) filter (where damage_class = 'mojibake')))
            as mojibake_lines,
        count(*) filter (where damage_class = 'stripped') as stripped_span_count,
        count(*) filter (where damage_kind = 'number_stripped') as number_stripped_count,
        list_sort(list_distinct(list(damage_kind) filter (where damage_class = 'stripped')))
            as stripped_kinds,
        list_sort(list_distinct(list(line_number) filter (where damage_class = 'stripped')))
            as stripped_lines
    from damage
    group by report_id
),

section_summary as (
    select
        report_id,
        count(*) filter (where depth = 1) as part_count,
        count(*) filter (where depth = 2) as item_count,
        count(*) filter (where marker_status = 'missing') as marker_missing_count,
        count(*) filter (where marker_status = 'partial') as marker_partial_count,
        count(*) filter (where marker_status = 'garbled') as marker_garbled_count,
        list_sort(
            list(start_line) filter (where marker_status in ('missing', 'partial', 'garbled'))
        ) as marker_problem_lines
    from sections
    group by report_id
),

goal_summary as (
    select
        report_id,
        count(*) as goal_count,
        count(*) filter (where is_headline) as headline_goal_count,
        count(*) filter (where is_damaged_span) as damaged_goal_count
    from goals
    group by report_id
),

metric_summary as (
    select
        report_id,
        count(*) as metric_count,
        count(*) filter (where is_damaged_span) as damaged_metric_count
    from metrics
    group by report_id
),

joined as (
    select
        reports.report_id,
        reports.file_name,
        reports.region,
        reports.report_year,
        reports.encoding,
        reports.script,
        reports.content_type,
        length(report_files.normalized_text) as text_chars,
        length(reports.body_text) as body_chars,
        coalesce(damage_summary.mojibake_span_count, 0) as mojibake_span_count,
        coalesce(damage_summary.mojibake_repaired_count, 0) as mojibake_repaired_count,
        coalesce(damage_summary.mojibake_unrepaired_count, 0) as mojibake_unrepaired_count,
        coalesce(damage_summary.mojibake_unrepaired_chars, 0) as mojibake_unrepaired_chars,
        coalesce(damage_summary.mojibake_lines, []) as mojibake_lines,
        coalesce(damage_summary.stripped_span_count, 0) as stripped_span_count,
        coalesce(damage_summary.number_stripped_count, 0) as number_stripped_count,
        coalesce(damage_summary.stripped_kinds, []) as stripped_kinds,
        coalesce(damage_summary.stripped_lines, []) as stripped_lines,
        coalesce(section_summary.part_count, 0) as part_count,
        coalesce(section_summary.item_count, 0) as item_count,
        coalesce(section_summary.marker_missing_count, 0) as marker_missing_count,
        coalesce(section_summary.marker_partial_count, 0) as marker_partial_count,
        coalesce(section_summary.marker_garbled_count, 0) as marker_garbled_count,
        coalesce(section_summary.marker_problem_lines, []) as marker_problem_lines,
        coalesce(goal_summary.goal_count, 0) as goal_count,
        coalesce(goal_summary.headline_goal_count, 0) as headline_goal_count,
        coalesce(goal_summary.damaged_goal_count, 0) as damaged_goal_count,
        coalesce(metric_summary.metric_count, 0) as metric_count,
        coalesce(metric_summary.damaged_metric_count, 0) as damaged_metric_count,
        try_cast(regexp_extract(descriptions.title_text, '((?:19|20)[0-9]{2})', 1) as integer)
            as title_year,
        reports.review_year,
        reports.metadata_flags,
        reports.quarantine_reasons,
        reports.is_quarantined,
        reports.region_source,
        reports.report_year_source,
        -- a collector who says the text is a summary, an excerpt or compiled from public material
        coalesce(regexp_matches(
            concat_ws(' ', scraper_headers.header_title, scraper_headers.header_note, scraper_headers.header_source),
            '摘要|节选|整理|摘编|概要|要点'
        ), false) as is_collector_summary
    from reports
    inner join report_files on reports.report_id = report_files.report_id
    inner join descriptions on reports.report_id = descriptions.report_id
    left join scraper_headers on reports.report_id = scraper_headers.report_id
    left join damage_summary on reports.report_id = damage_summary.report_id
    left join section_summary on reports.report_id = section_summary.report_id
    left join goal_summary on reports.report_id = goal_summary.report_id
    left join metric_summary on reports.report_id = metric_summary.report_id
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
        file_name,
        region,
        report_year,
        case
            when len(severe_reasons) > 0 then 'D'
            when len(major_reasons) > 0 then 'C'
            when len(minor_reasons) > 0 then 'B'
            else 'A'
        end as grade,
        severe_reasons || major_reasons || minor_reasons as grade_reasons,
        is_quarantined,
        quarantine_reasons::varchar[] as quarantine_reasons,
        body_chars < 2000
        or is_collector_summary
        or list_contains(metadata_flags, 'report_opening_missing') as is_fragment,
        region_source,
        report_year_source,
        encoding,
        script,
        content_type,
        text_chars::bigint as text_chars,
        body_chars::bigint as body_chars,
        (text_chars - body_chars)::bigint as boilerplate_chars,
        round((text_chars - body_chars) / greatest(text_chars, 1), 4)::double as boilerplate_share,
        mojibake_span_count::integer as mojibake_span_count,
        mojibake_repaired_count::integer as mojibake_repaired_count,
        mojibake_unrepaired_count::integer as mojibake_unrepaired_count,
        mojibake_lines::integer[] as mojibake_lines,
        stripped_span_count::integer as stripped_span_count,
        stripped_kinds::varchar[] as stripped_kinds,
        stripped_lines::integer[] as stripped_lines,
        part_count::integer as part_count,
        item_count::integer as item_count,
        marker_missing_count::integer as marker_missing_count,
        marker_partial_count::integer as marker_partial_count,
        marker_garbled_count::integer as marker_garbled_count,
        marker_problem_lines::integer[] as marker_problem_lines,
        goal_count::integer as goal_count,
        headline_goal_count::integer as headline_goal_count,
        damaged_goal_count::integer as damaged_goal_count,
        metric_count::integer as metric_count,
        damaged_metric_count::integer as damaged_metric_count,
        title_year,
        review_year,
        is_review_year_off_title,
        metadata_flags
    from graded
)

select * from final
