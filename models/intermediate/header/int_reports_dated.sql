-- The year each report was delivered, from every clue its file carries, the report's own text
-- first: the dateline, the title, the dated part headings (一、2022年工作回顾), phrases of its
-- opening (向第一届全国人民代表大会第五次会议…, 刚刚过去的1984年), then a collector's header
-- (标题:, 发文时间:), then the file name (保定市_2015_report.txt). The first source that names a
-- year dates the report and is kept as `report_year_source`; a header or file name that names
-- another year is flagged, never followed.
{% set only_new_reports = new_reports_only() -%}

with

descriptions as (
    select * from {{ ref('int_reports_described') }}
    where {{ only_new_reports }}
),

bounds as (
    select * from {{ ref('int_reports_bounded') }}
    where {{ only_new_reports }}
),

report_files as (
    select * from {{ ref('stg_raw__report_files') }}
    where {{ only_new_reports }}
),

scraper_headers as (
    select * from {{ ref('int_report_headers_parsed') }}
    where {{ only_new_reports }}
),

year_phrases as (
    select * from {{ ref('report_year_phrases') }}
),

congress_sessions as (
    select * from {{ ref('national_congress_sessions') }}
),

body_heads as (
    select
        report_files.report_id,
        substr(report_files.normalized_text, bounds.body_start_offset + 1, 4000) as body_head
    from report_files
    inner join bounds on report_files.report_id = bounds.report_id
),

phrase_matches as (
    select
        body_heads.report_id,
        year_phrases.clue,
        year_phrases.precedence,
        year_phrases.reads,
        year_phrases.year_offset,
        regexp_extract(body_heads.body_head, year_phrases.pattern, 1) as first_group,
        regexp_extract(body_heads.body_head, year_phrases.pattern, 2) as second_group
    from body_heads
    cross join year_phrases
    where regexp_matches(body_heads.body_head, year_phrases.pattern)
),

phrase_years as (
    select
        phrase_matches.report_id,
        phrase_matches.clue,
        phrase_matches.precedence,
        case
            when phrase_matches.reads = 'year'
                then {{ year_from_digits('phrase_matches.first_group') }}
            else congress_sessions.year
        end + phrase_matches.year_offset as year
    from phrase_matches
    left join congress_sessions
        on
            phrase_matches.reads = 'congress_session'
            and congress_sessions.term = {{ chinese_small_number('phrase_matches.first_group') }}
            and congress_sessions.session
            -- no session named: the term's first
            = {{ chinese_small_number("coalesce(nullif(phrase_matches.second_group, ''), '一')") }}
),

first_phrase_years as (
    select
        report_id,
        arg_min(year, precedence) as year,
        arg_min(clue, precedence) as clue
    from phrase_years
    where year is not null
    group by report_id
),

file_name_years as (
    -- a year standing apart in the file name: 保定市_2015_report.txt, 2026_北京市_…, 河北2015年…;
    -- not four digits inside a hash or a number
    select
        report_id,
        try_cast(regexp_extract(
            file_name, '(?:^|[^0-9A-Za-z])((?:19|20)[0-9]{2})(?:[^0-9A-Za-z]|$)', 1
        ) as integer) as year
    from report_files
),

header_years as (
    select
        report_id,
        try_cast(regexp_extract(header_title, '((?:19|20)[0-9]{2})', 1) as integer) as title_year,
        header_date_year,
        -- a header title that carries the dateline ("政府工作报告——2015年1月24日在…会议上")
        try_strptime(
            regexp_extract(header_title, '((?:19|20)[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日)[^在]{0,3}在', 1),
            '%Y年%m月%d日'
        )::date as dateline_date
    from scraper_headers
),

clues as (
    select
        report_id,
        'dateline' as source,
        1 as source_rank,
        dateline_report_year as year
    from descriptions
    union all
    select
        report_id,
        'title' as source,
        2 as source_rank,
        title_year as year
    from descriptions
    union all
    select
        report_id,
        'part_headings' as source,
        3 as source_rank,
        coalesce(review_heading_year + 1, plan_heading_year, five_year_review_end_year + 1) as year
    from descriptions
    union all
    select
        report_id,
        'text_phrase' as source,
        4 as source_rank,
        year
    from first_phrase_years
    union all
    select
        report_id,
        'scraper_header' as source,
        5 as source_rank,
        title_year as year
    from header_years
    union all
    select
        report_id,
        'scraper_header' as source,
        6 as source_rank,
        header_date_year as year
    from header_years
    union all
    select
        report_id,
        'file_name' as source,
        7 as source_rank,
        year
    from file_name_years
),

usable_clues as (
    select *
    from clues
    -- the People's Republic's reports (a file name's other four digits are no year)
    where year between 1949 and 2099
),

chosen as (
    select
        report_id,
        arg_min(year, source_rank) as report_year,
        arg_min(source, source_rank) as report_year_source,
        list(distinct year) filter (where source = 'scraper_header') as header_years,
        list(distinct year) filter (where source = 'file_name') as file_name_years
    from usable_clues
    group by report_id
),

header_dates as (
    -- a dateline in a collector's title, or a collector's date (发文时间:2012-01-06) in the
    -- report's own year, dates the session when the text does not
    select
        header_years.report_id,
        header_years.dateline_date,
        case
            when year(scraper_headers.header_date) = chosen.report_year then scraper_headers.header_date
        end as same_year_date
    from header_years
    inner join scraper_headers on header_years.report_id = scraper_headers.report_id
    inner join chosen on header_years.report_id = chosen.report_id
),

final as (
    select
        descriptions.report_id,
        chosen.report_year,
        chosen.report_year_source,
        case when chosen.report_year_source = 'text_phrase' then first_phrase_years.clue end
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
    left join first_phrase_years on descriptions.report_id = first_phrase_years.report_id
    left join header_dates on descriptions.report_id = header_dates.report_id
)

select * from final
