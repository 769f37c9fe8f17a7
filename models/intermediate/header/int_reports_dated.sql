-- The year each report was delivered, from every clue its file carries, the report's own text
-- first: the dateline, the title, the dated part headings (一、2022年工作回顾), phrases of its
-- opening (向第一届全国人民代表大会第五次会议…, 刚刚过去的1984年), then a collector's header
-- (标题:, 发文时间:), then the file name (保定市_2015_report.txt), as
-- int_report_year_clues_gathered lists them. The first source that names a year dates the
-- report and is kept as `report_year_source`; a header or file name that names another year
-- is flagged, never followed.
{% set only_new_reports = new_reports_only() -%}

with

descriptions as (
    select * from {{ ref('int_reports_described') }}
    where {{ only_new_reports }}
),

clues as (
    select * from {{ ref('int_report_year_clues_gathered') }}
    where {{ only_new_reports }}
),

phrase_years as (
    select * from {{ ref('int_report_year_phrases_read') }}
    where {{ only_new_reports }}
),

scraper_headers as (
    select * from {{ ref('int_report_headers_parsed') }}
    where {{ only_new_reports }}
),

chosen as (
    select
        report_id,
        arg_min(year, source_rank) as report_year,
        arg_min(source, source_rank) as report_year_source,
        list(distinct year) filter (where source = 'scraper_header') as header_years,
        list(distinct year) filter (where source = 'file_name') as file_name_years
    from clues
    group by report_id
),

header_dates as (
    -- a dateline in a collector's title ("政府工作报告——2015年1月24日在…会议上"), or a
    -- collector's date (发文时间:2012-01-06) in the report's own year, dates the session when
    -- the text does not
    select
        scraper_headers.report_id,
        try_strptime(
            regexp_extract(
                scraper_headers.header_title, '((?:19|20)[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日)[^在]{0,3}在', 1
            ),
            '%Y年%m月%d日'
        )::date as dateline_date,
        case
            when year(scraper_headers.header_date) = chosen.report_year then scraper_headers.header_date
        end as same_year_date
    from scraper_headers
    inner join chosen on scraper_headers.report_id = chosen.report_id
),

final as (
    select
        descriptions.report_id,
        chosen.report_year,
        chosen.report_year_source,
        case when chosen.report_year_source = 'text_phrase' then phrase_years.clue end
            as report_year_phrase,
        coalesce(
            descriptions.review_heading_year,
            case
                when descriptions.five_year_review_end_year = chosen.report_year - 1
                    then descriptions.five_year_review_end_year
            end,
            chosen.report_year - 1
        ) as review_year,
        coalesce(
            descriptions.meeting_date, header_dates.dateline_date, header_dates.same_year_date
        ) as meeting_date,
        case
            when descriptions.meeting_date is not null then descriptions.meeting_date_source
            when coalesce(header_dates.dateline_date, header_dates.same_year_date) is not null
                then 'scraper_header'
        end as meeting_date_source,
        -- the text dates the report; a collector who says otherwise is flagged (a December
        -- congress's header may carry the year before the report's)
        coalesce(
            chosen.report_year_source not in ('scraper_header', 'file_name')
            and len(list_filter(
                coalesce(chosen.header_years, []),
                lambda y: y <> chosen.report_year and y is distinct from year(descriptions.meeting_date)  -- noqa: RF02
            )) > 0,
            false
        ) as is_year_off_header,
        coalesce(
            chosen.report_year_source <> 'file_name'
            and len(list_filter(
                coalesce(chosen.file_name_years, []),
                lambda y: y <> chosen.report_year  -- noqa: RF02
            )) > 0,
            false
        ) as is_year_off_file_name
    from descriptions
    left join chosen on descriptions.report_id = chosen.report_id
    left join phrase_years on descriptions.report_id = phrase_years.report_id
    left join header_dates on descriptions.report_id = header_dates.report_id
)

select * from final
