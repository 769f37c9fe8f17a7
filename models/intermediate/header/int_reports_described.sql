-- Report metadata read from the report's own header: the title line, the "——…在…会议上"
-- dateline, the speaker line and the part headings. Values that the scraper damaged are
-- rebuilt only where the damage leaves one reading (fused date digits, a cut-off title);
-- otherwise they stay null and a flag says why.
{% set only_new_reports = new_reports_only() -%}

with

report_lines as (
    select * from {{ ref('int_report_lines_split') }}
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

header_lines as (
    -- from the body start to the salutation: title, dateline, speaker
    select
        report_lines.report_id,
        report_lines.line_number,
        replace(report_lines.line_clean, ' ', '') as line_compact,
        lead(replace(report_lines.line_clean, ' ', '')) over (
            partition by report_lines.report_id order by report_lines.line_number
        ) as next_line_compact
    from report_lines
    inner join bounds on report_lines.report_id = bounds.report_id
    where
        not report_lines.is_blank
        and report_lines.line_number >= bounds.body_start_line
        and report_lines.line_number
        < coalesce(bounds.salutation_line, bounds.body_start_line + 8)
),

date_lines as (
    -- "(2007年1月30日)" on a line of its own
    select
        report_id,
        min_by(line_compact, line_number) as line_compact
    from header_lines
    where regexp_matches(line_compact, {{ bracketed_date_pattern() }})
    group by report_id
),

datelines as (
    -- a dateline broken over two lines ("…人民代表大会" / "次会议上") is joined again; one that
    -- names only the congress takes the date standing alone on a header line
    -- ("——在保定市第十二届人民代表大会第五次会议上" … "(2007年1月30日)")
    select
        header_lines.report_id,
        header_lines.line_compact
        || case
            when
                strpos(header_lines.line_compact, '会议') = 0
                and regexp_matches(coalesce(header_lines.next_line_compact, ''), '会议|人民代表大会')
                then header_lines.next_line_compact
            else ''
        end
        || case
            when not regexp_matches(header_lines.line_compact, '(19|20)[0-9]{2}|[一二][〇○零O0一二三四五六七八九]{3}年')
                then coalesce(date_lines.line_compact, '')
            else ''
        end as dateline_text
    from header_lines
    inner join bounds
        on
            header_lines.report_id = bounds.report_id
            and header_lines.line_number = bounds.dateline_line
    left join date_lines on header_lines.report_id = date_lines.report_id
),

titles as (
    select
        header_lines.report_id,
        string_agg(header_lines.line_compact, '' order by header_lines.line_number) as title_text
    from header_lines
    inner join bounds
        on
            header_lines.report_id = bounds.report_id
            and header_lines.line_number between bounds.title_line and bounds.title_end_line
    group by header_lines.report_id
),

speaker_candidates as (
    select
        header_lines.report_id,
        header_lines.line_number,
        regexp_extract(
            header_lines.line_compact,
            {{ speaker_line_pattern() }},
            ['prefix', 'title', 'name']
        ) as full_title,
        regexp_extract(
            header_lines.line_compact,
            '^(.*?人民政府)((?:代理|代)?[省市县区旗州盟])$',
            ['prefix', 'title_stub']
        ) as cut_title
    from header_lines
    inner join bounds on header_lines.report_id = bounds.report_id
    where
        header_lines.line_number
        > coalesce(bounds.dateline_line, bounds.title_end_line, bounds.body_start_line - 1)
        and strpos(header_lines.line_compact, '会议') = 0
        and strpos(header_lines.line_compact, '各位代表') = 0
),

speakers as (
    select
        report_id,
        case
            -- 自治区主席 is the region's 主席 (the level says which region)
            when full_title.title <> '' then regexp_replace(full_title.title, '自治区主席$', '主席')
            when cut_title.title_stub <> '' then cut_title.title_stub || '长'
        end as speaker_title,
        full_title.title = '' and cut_title.title_stub <> '' as is_title_reconstructed,
        nullif(full_title.name, '') as speaker,
        regexp_replace(
            coalesce(nullif(full_title.prefix, ''), cut_title.prefix), '(人民政府|政府)$', ''
        ) as speaker_region_text
    from speaker_candidates
    where full_title.title <> '' or cut_title.title_stub <> ''
    qualify row_number() over (partition by report_id order by line_number) = 1
),

part_headings as (
    -- headings with a year, which date a report that has no dateline
    select
        report_lines.report_id,
        min(
            try_cast(regexp_extract(
                report_lines.line_clean,
                {{ part_number_prefix_pattern() }} || '((?:19|20)[0-9]{2})年.{0,25}回顾', 2
            ) as integer)
        ) as review_heading_year,
        min(
            {{ five_year_plan_end_year(chinese_small_number(
                "regexp_extract(report_lines.line_clean, "
                ~ part_number_prefix_pattern()
                ~ " || '.{0,25}?' || govreports_five_year_plan_name() || '.{0,25}回顾', 2)"
            )) }}
        ) as five_year_review_end_year,
        min(
            try_cast(regexp_extract(
                report_lines.line_clean,
                {{ part_number_prefix_pattern() }} || '((?:19|20)[0-9]{2})年[^回]{0,20}(工作|任务|安排|部署|目标):?$', 2
            ) as integer)
        ) as plan_heading_year
    from report_lines
    inner join bounds
        on
            report_lines.report_id = bounds.report_id
            and report_lines.line_number between bounds.body_start_line and bounds.body_end_line
    where length(report_lines.line_clean) <= 40
    group by report_lines.report_id
),

body_heads as (
    -- the opening of the body, where a speaker says whom they speak for
    select
        report_files.report_id,
        substr(report_files.normalized_text, bounds.body_start_offset + 1, 3000) as body_head
    from report_files
    inner join bounds on report_files.report_id = bounds.report_id
),

dated as (
    select
        datelines.report_id,
        datelines.dateline_text,
        regexp_extract(
            datelines.dateline_text,
            '((?:19|20)[0-9]{2})年([0-9]{1,2})月([0-9]{1,2})日',
            ['y', 'm', 'd']
        ) as written_date,
        regexp_extract(
            datelines.dateline_text,
            '([一二][〇○零O0一二三四五六七八九]{3})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日',
            ['y', 'm', 'd']
        ) as chinese_date,
        -- "——2023223在": the 年/月/日 characters were dropped with their markup
        regexp_extract(
            datelines.dateline_text,
            '^[^0-9]*((?:19|20)[0-9]{2})([0-9]{2,4})日?在',
            ['y', 'md']
        ) as fused_date,
        part_headings.review_heading_year,
        part_headings.plan_heading_year
    from datelines
    left join part_headings on datelines.report_id = part_headings.report_id
),

dated_with_year as (
    select
        *,
        coalesce(
            try_cast(regexp_extract(dateline_text, '((?:19|20)[0-9]{2})', 1) as integer),
            {{ year_from_digits('chinese_date.y') }}
        ) as dateline_year
    from dated
),

dated_with_season as (
    select
        *,
        -- the headings say which year the report reviews: the dateline's own (a congress late
        -- in the year, for next year's report) or the one before (the usual January-March)
        case
            when review_heading_year = dateline_year or plan_heading_year = dateline_year + 1 then true
            when review_heading_year = dateline_year - 1 or plan_heading_year = dateline_year then false
        end as reviews_dateline_year
    from dated_with_year
),

dates as (
    select
        report_id,
        dateline_text,
        dateline_year,
        coalesce(
            try_strptime(
                written_date.y || '-' || written_date.m || '-' || written_date.d, '%Y-%m-%d'
            ),
            try_strptime(
                {{ year_from_digits('chinese_date.y') }}::varchar
                || '-' || {{ chinese_small_number('chinese_date.m') }}
                || '-' || {{ chinese_small_number('chinese_date.d') }},
                '%Y-%m-%d'
            )
        )::date as written_meeting_date,
        {{ fused_digits_to_date('fused_date.y', 'fused_date.md', 'reviews_dateline_year') }}
            as fused_meeting_date,
        fused_date.md <> '' as has_fused_date,
        reviews_dateline_year
    from dated_with_season
),

described as (
    select
        report_files.report_id,
        dates.dateline_text,
        titles.title_text,
        speakers.speaker,
        speakers.speaker_title,
        coalesce(speakers.is_title_reconstructed, false) as is_speaker_title_reconstructed,
        {{ region_text_of_dateline('dates.dateline_text') }} as dateline_region_text,
        {{ region_text_of_title('titles.title_text') }} as title_region_text,
        nullif(speakers.speaker_region_text, '') as speaker_region_text,
        -- "我代表保定市人民政府向大会作工作报告": the government names itself
        nullif(regexp_extract(
            body_heads.body_head, '我代表([\p{Han}]{2,15}?)人民政府', 1
        ), '') as self_named_region_text,
        case
            when regexp_matches(body_heads.body_head, {{ national_speaker_pattern() }}) then '中国'
        end as national_region_text,
        nullif(regexp_extract(
            dates.dateline_text,
            '在(.*?第[一二三四五六七八九十]+届.*?人民代表大会第[一二三四五六七八九十]+次会议)',
            1
        ), '') as congress,
        -- a congress late in the year it reviews hears next year's report
        case
            when
                dates.reviews_dateline_year
                and month(coalesce(dates.written_meeting_date, dates.fused_meeting_date)) >= 10
                then dates.dateline_year + 1
            else dates.dateline_year
        end as dateline_report_year,
        try_cast(regexp_extract(titles.title_text, '((?:19|20)[0-9]{2})', 1) as integer)
            as title_year,
        part_headings.review_heading_year,
        part_headings.plan_heading_year,
        part_headings.five_year_review_end_year,
        coalesce(dates.written_meeting_date, dates.fused_meeting_date) as meeting_date,
        case
            when dates.written_meeting_date is not null then 'dateline'
            when dates.fused_meeting_date is not null then 'dateline_reconstructed'
        end as meeting_date_source,
        coalesce(dates.has_fused_date and dates.fused_meeting_date is null, false)
            as is_meeting_date_ambiguous
    from report_files
    left join dates on report_files.report_id = dates.report_id
    left join titles on report_files.report_id = titles.report_id
    left join speakers on report_files.report_id = speakers.report_id
    left join part_headings on report_files.report_id = part_headings.report_id
    left join body_heads on report_files.report_id = body_heads.report_id
),

final as (
    select
        *,
        -- 省/市/县人民政府 names no one
        case
            when self_named_region_text not in ('省', '市', '县', '区', '自治区', '自治州', '州', '旗', '盟', '本届')
                then self_named_region_text
        end as self_region_text
    from described
)

select * exclude (self_named_region_text) from final
