-- Every name a file gives its government, best source first: the report's own text (dateline,
-- title, speaker line, 我代表保定市人民政府, 我代表国务院), then a collector's header (标题:,
-- 发文单位:, 报告人:), then each piece of the file name. The names of the nation are one (中国).
{% set only_new_reports = new_reports_only() -%}

with

descriptions as (
    select * from {{ ref('int_reports_described') }}
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

file_name_tokens as (
    -- 保定市_2015_report.txt, 2026_北京市_政府工作报告.txt: each piece of the name, without years
    -- and the words every report's name carries
    select
        report_id,
        nullif(regexp_replace(
            unnest(regexp_split_to_array(
                regexp_replace(file_name, '\.[A-Za-z0-9]+$', ''), '[_\-\s.·,()\[\]【】]+'
            )),
            '((19|20)[0-9]{2}年?度?|政府工作报告|工作报告|人民政府|政府|全文|节选|report|Report)',
            '',
            'g'
        ), '') as region_text
    from report_files
),

region_clues as (
    select
        report_id,
        'dateline' as source,
        1 as source_rank,
        dateline_region_text as region_text
    from descriptions
    union all
    select
        report_id,
        'title' as source,
        2 as source_rank,
        title_region_text as region_text
    from descriptions
    union all
    select
        report_id,
        'speaker_line' as source,
        3 as source_rank,
        speaker_region_text as region_text
    from descriptions
    union all
    select
        report_id,
        'text' as source,
        4 as source_rank,
        self_region_text as region_text
    from descriptions
    union all
    select
        report_id,
        'text' as source,
        5 as source_rank,
        national_region_text as region_text
    from descriptions
    union all
    select
        report_id,
        'scraper_header' as source,
        6 as source_rank,
        {{ region_text_of_title('header_title') }} as region_text
    from scraper_headers
    union all
    select
        report_id,
        'scraper_header' as source,
        7 as source_rank,
        nullif(regexp_replace(header_issuer, '(人民政府|政府)(办公室|办公厅)?$', ''), '') as region_text
    from scraper_headers
    union all
    select
        report_id,
        'scraper_header' as source,
        8 as source_rank,
        nullif(regexp_extract(
            replace(header_speaker_text, ' ', ''), '^(.{2,15}?)(人民政府|政府)', 1
        ), '') as region_text
    from scraper_headers
    union all
    select
        report_id,
        'file_name' as source,
        9 as source_rank,
        region_text
    from file_name_tokens
    where region_text is not null
),

final as (
    select distinct
        report_id,
        source,
        source_rank,
        case
            when region_text in ('中国', '全国', '国务院', '中华人民共和国', '中央人民政府') then '中国'
            else region_text
        end as region_text
    from region_clues
    where region_text is not null and region_text <> ''
)

select * from final
