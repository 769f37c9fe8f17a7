-- The date of the session a report was delivered at, read from its dateline in one of three
-- ways: Arabic digits (2023年3月30日), Chinese ones (二〇二三年一月十五日), or digits whose
-- 年/月/日 a scraper dropped ("——2023223在"). Fused digits are rebuilt only where one reading
-- is left (macros/parsing/fused_digits_to_date.sql); the part headings say which, when two are.
{% set only_new_reports = new_reports_only() -%}

with

datelines as (
    select * from {{ ref('int_report_datelines_read') }}
    where {{ only_new_reports }}
),

heading_years as (
    select * from {{ ref('int_report_heading_years_read') }}
    where {{ only_new_reports }}
),

readings as (
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
        regexp_extract(
            datelines.dateline_text,
            '^[^0-9]*((?:19|20)[0-9]{2})([0-9]{2,4})日?在',
            ['y', 'md']
        ) as fused_date,
        heading_years.review_heading_year,
        heading_years.plan_heading_year
    from datelines
    left join heading_years on datelines.report_id = heading_years.report_id
),

readings_with_year as (
    select
        *,
        coalesce(
            try_cast(regexp_extract(dateline_text, '((?:19|20)[0-9]{2})', 1) as integer),
            {{ year_from_digits('chinese_date.y') }}
        ) as dateline_year
    from readings
),

readings_with_season as (
    select
        *,
        -- the headings say which year the report reviews: the dateline's own (a congress late
        -- in the year, for next year's report) or the one before (the usual January-March)
        case
            when review_heading_year = dateline_year or plan_heading_year = dateline_year + 1 then true
            when review_heading_year = dateline_year - 1 or plan_heading_year = dateline_year then false
        end as reviews_dateline_year
    from readings_with_year
),

dates as (
    select
        report_id,
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
    from readings_with_season
),

final as (
    select
        report_id,
        -- a congress late in the year it reviews hears next year's report
        case
            when
                reviews_dateline_year
                and month(coalesce(written_meeting_date, fused_meeting_date)) >= 10
                then dateline_year + 1
            else dateline_year
        end as dateline_report_year,
        coalesce(written_meeting_date, fused_meeting_date) as meeting_date,
        case
            when written_meeting_date is not null then 'dateline'
            when fused_meeting_date is not null then 'dateline_reconstructed'
        end as meeting_date_source,
        coalesce(has_fused_date and fused_meeting_date is null, false)
            as is_meeting_date_ambiguous
    from dates
)

select * from final
