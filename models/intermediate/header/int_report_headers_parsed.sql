-- The header a scraper or a collection put above the report's text ("标题:…", "发文单位:…",
-- "发文时间:2015-01-24", "报告人:…", "来源URL:…", then "正文:"): one row per report that has
-- one. These fields are the collector's word, not the report's: they place a report only where
-- the report's own text says nothing, and they are never part of its body.
{% set only_new_reports = new_reports_only() -%}

with

report_lines as (
    select * from {{ ref('int_report_lines_split') }}
    where {{ only_new_reports }}
),

top_lines as (
    -- a header sits at the very top of the file
    select
        report_id,
        line_number,
        line_clean,
        regexp_extract(line_clean, {{ scraper_header_field_pattern() }}, ['field', 'value'])
            as field,
        regexp_full_match(line_clean, '(正文|内容|全文)\s*:?') as is_text_marker
    from report_lines
    where line_number <= 40 and not is_blank
),

first_other_lines as (
    -- the header ends where a line is neither a field nor the 正文 marker
    select
        report_id,
        min(line_number) filter (where field.field = '' and not is_text_marker) as first_other_line
    from top_lines
    group by report_id
),

header_lines as (
    select
        top_lines.report_id,
        top_lines.line_number,
        top_lines.field.field as field_name,
        trim(top_lines.field.value) as field_value,
        top_lines.is_text_marker
    from top_lines
    inner join first_other_lines on top_lines.report_id = first_other_lines.report_id
    where top_lines.line_number < coalesce(first_other_lines.first_other_line, 2147483647)
),

headers as (
    select
        report_id,
        max(line_number) as header_end_line,
        count(*) filter (where field_name <> '') as field_count,
        bool_or(is_text_marker) as has_text_marker,
        nullif(first(field_value order by line_number) filter (
            where field_name in ('标题', '题目', '文章标题', 'title')
        ), '') as header_title,
        nullif(first(field_value order by line_number) filter (
            where field_name in ('发文单位', '发文机关', '发布单位', '发布机构', '来源单位')
        ), '') as header_issuer,
        nullif(first(field_value order by line_number) filter (
            where
            field_name in ('发文时间', '发文日期', '发布时间', '发布日期', '成文日期', '日期', '时间', 'date')
            and regexp_matches(field_value, '^(19|20)[0-9]{2}')
        ), '') as header_date_text,
        nullif(first(field_value order by line_number) filter (
            where field_name in ('报告人', '作者', '讲话人')
        ), '') as header_speaker_text,
        nullif(first(field_value order by line_number) filter (
            where field_name in ('会议')
        ), '') as header_meeting_text,
        nullif(first(field_value order by line_number) filter (
            where field_name in ('备注', '说明', '注')
        ), '') as header_note,
        nullif(first(field_value order by line_number) filter (
            where field_name in ('来源url', '来源URL', '原文链接', '链接', '来源', 'url', 'source')
        ), '') as header_source
    from header_lines
    group by report_id
),

final as (
    select
        report_id,
        header_end_line,
        header_title,
        header_issuer,
        header_date_text,
        header_speaker_text,
        header_meeting_text,
        header_note,
        header_source,
        try_cast(regexp_extract(header_date_text, '^((?:19|20)[0-9]{2})', 1) as integer)
            as header_date_year,
        try_strptime(
            regexp_replace(
                regexp_extract(
                    header_date_text,
                    '^((?:19|20)[0-9]{2}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2})', 1
                ),
                '[年月/.]', '-', 'g'
            ),
            '%Y-%m-%d'
        )::date as header_date
    from headers
    -- two fields at least: one "来源:" line above a page's text is no collector's header
    where field_count >= 2
)

select * from final
