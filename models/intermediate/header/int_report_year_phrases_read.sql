-- The year a report's opening gives by a phrase of seeds/report_year_phrases.csv: the
-- session of the National People's Congress it is addressed to (向第一届全国人民代表大会第五次
-- 会议, read with seeds/national_congress_sessions.csv), or a year it names as just past
-- (刚刚过去的1984年). The phrase of highest precedence that gives a year wins.
{% set only_new_reports = new_reports_only() -%}

with

bounds as (
    select * from {{ ref('int_reports_bounded') }}
    where {{ only_new_reports }}
),

report_files as (
    select * from {{ ref('stg_raw__report_files') }}
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

final as (
    select
        report_id,
        arg_min(year, precedence) as year,
        arg_min(clue, precedence) as clue
    from phrase_years
    where year is not null
    group by report_id
)

select * from final
