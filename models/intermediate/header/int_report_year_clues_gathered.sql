-- Every year a report's file names, best source first: the report's own text (the dateline,
-- the title, the dated part headings, a phrase of its opening), then a collector's header
-- (its 标题: year, then its 发文时间:), then the file name (保定市_2015_report.txt). Only years
-- of the People's Republic count.
{% set only_new_reports = new_reports_only() -%}

with

descriptions as (
    select * from {{ ref('int_reports_described') }}
    where {{ only_new_reports }}
),

phrase_years as (
    select * from {{ ref('int_report_year_phrases_read') }}
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
    from phrase_years
    union all
    select
        report_id,
        'scraper_header' as source,
        5 as source_rank,
        try_cast(regexp_extract(header_title, '((?:19|20)[0-9]{2})', 1) as integer) as year
    from scraper_headers
    union all
    select
        report_id,
        'scraper_header' as source,
        6 as source_rank,
        header_date_year as year
    from scraper_headers
    union all
    select
        report_id,
        'file_name' as source,
        7 as source_rank,
        year
    from file_name_years
),

final as (
    select *
    from clues
    -- the People's Republic's reports (a file name's other four digits are no year)
    where year between 1949 and 2099
)

select * from final
