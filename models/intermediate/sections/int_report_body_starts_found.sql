-- Where the report proper starts inside the scraped text, and which lines carry its header:
-- its own title (just above the dateline or the salutation, unlike page titles and "标题:"
-- collector fields further up), the dateline and the 各位代表 salutation. Everything above is
-- site boilerplate or a collector's header ("标题:…", "正文:"), never the body.
{% set only_new_reports = new_reports_only() -%}

with

all_report_lines as (
    select * from {{ ref('int_report_lines_split') }}
    where {{ only_new_reports }}
),

scraper_headers as (
    select * from {{ ref('int_report_headers_parsed') }}
    where {{ only_new_reports }}
),

report_lines as (
    -- the lines below a collector's header, if any
    select all_report_lines.*
    from all_report_lines
    left join scraper_headers on all_report_lines.report_id = scraper_headers.report_id
    where all_report_lines.line_number > coalesce(scraper_headers.header_end_line, 0)
),

salutations as (
    -- the first 各位代表 line opens the speech; later ones are rhetorical turns
    select
        report_id,
        min(line_number) as salutation_line
    from report_lines
    where regexp_matches(line_clean, '^各位代表')
    group by report_id
),

dateline_candidates as (
    -- "——2023年3月30日在…会议上", "(2026年1月27日在…)", "--2015年…", "——二〇二三年一月…",
    -- digits fused by a scraper ("——2023223在…"), or no date at all ("——在…会议上", the date
    -- on a line of its own below)
    select
        report_lines.report_id,
        report_lines.line_number,
        salutations.salutation_line
    from report_lines
    left join salutations on report_lines.report_id = salutations.report_id
    where
        regexp_matches(report_lines.line_clean, {{ dateline_pattern() }})
        and report_lines.line_number < coalesce(salutations.salutation_line, 2147483647)
),

datelines as (
    -- the dateline nearest the salutation: collector headers may repeat it higher up
    select
        report_id,
        case
            when max(salutation_line) is null then min(line_number)
            else max(line_number)
        end as dateline_line
    from dateline_candidates
    group by report_id
),

anchors as (
    select
        report_ids.report_id,
        datelines.dateline_line,
        salutations.salutation_line,
        coalesce(datelines.dateline_line, salutations.salutation_line) as anchor_line
    from (select distinct report_id from report_lines) as report_ids
    left join datelines on report_ids.report_id = datelines.report_id
    left join salutations on report_ids.report_id = salutations.report_id
),

lines_before_anchor as (
    select
        report_lines.report_id,
        report_lines.line_number,
        report_lines.line_clean,
        row_number() over (
            partition by report_lines.report_id order by report_lines.line_number desc
        ) as lines_back,
        lead(report_lines.line_clean) over (
            partition by report_lines.report_id order by report_lines.line_number desc
        ) as line_above,
        lead(report_lines.line_number) over (
            partition by report_lines.report_id order by report_lines.line_number desc
        ) as line_above_number
    from report_lines
    inner join anchors
        on
            report_lines.report_id = anchors.report_id
            and report_lines.line_number < anchors.anchor_line
    where not report_lines.is_blank
),

title_ends as (
    -- the report's own title sits just above the dateline (or the salutation), unlike page
    -- titles and "标题:" collector fields further up
    select
        report_id,
        max_by(line_number, line_number) as title_end_line,
        max_by(line_above, line_number) as line_above,
        max_by(line_above_number, line_number) as line_above_number,
        max_by(replace(line_clean, ' ', ''), line_number) as title_compact
    from lines_before_anchor
    where
        lines_back <= 3
        and strpos(replace(line_clean, ' ', ''), '政府工作报告') > 0
        and length(line_clean) <= 40
        and not regexp_matches(line_clean, '[:|]')
    group by report_id
),

titles as (
    -- a bare "政府工作报告" may be the second half of a title split over two lines
    -- ("2023年某某县" / "政府工作报告"), whose first half names a year or a region
    select
        report_id,
        title_end_line,
        case
            when
                title_compact = '政府工作报告'
                and regexp_full_match(coalesce(line_above, ''), '[^:|,。!]{2,20}')
                and regexp_matches(line_above, '(19|20)[0-9]{2}|(省|市|县|区|旗|州|盟)$')
                then line_above_number
            else title_end_line
        end as title_line
    from title_ends
),

final as (
    select
        anchors.report_id,
        anchors.dateline_line,
        anchors.salutation_line,
        titles.title_line,
        titles.title_end_line,
        coalesce(
            titles.title_line,
            anchors.anchor_line,
            (
                select min(first_lines.line_number)
                from report_lines as first_lines
                where first_lines.report_id = anchors.report_id and not first_lines.is_blank
            )
        ) as body_start_line
    from anchors
    left join titles on anchors.report_id = titles.report_id
)

select * from final
