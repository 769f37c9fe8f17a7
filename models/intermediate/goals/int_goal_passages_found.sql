-- The main-targets passages (int_goal_passages_bounded) with their horizon and target year.
-- A passage in a five-year plan part, or one whose lead-in names 十X五 / 今后五年 / 到20XX年
-- rather than 今年, sets five-year targets, for the plan's last year (named or 到20XX年), else
-- for the last year of the government's term. A passage about a plan already ended sets none.
-- An annual passage is for the report's year, or for the next year when its lead-in names it
-- (the national report of August 1980: "二、1981年国民经济计划的任务和主要指标").
{% set only_new_reports = new_reports_only() -%}

with

bounded as (
    select * from {{ ref('int_goal_passages_bounded') }}
    where {{ only_new_reports }}
),

descriptions as (
    select * from {{ ref('int_reports_dated') }}
    where {{ only_new_reports }}
),

passages as (
    select
        bounded.report_id,
        bounded.line_number,
        bounded.part_start_offset,
        bounded.passage_start_offset,
        bounded.passage_end_offset,
        case
            when regexp_matches(left(bounded.lead_in, bounded.marker_position), '今年|明年') then 'annual'
            when
                bounded.part_kind = 'five_year_plan'
                or regexp_matches(
                    bounded.lead_in,
                    govreports_five_year_plan_name_in_text() || '|今后五年|未来五年|到20[0-9]{2}年|纲要'
                )
                then 'five_year'
            else 'annual'
        end as horizon,
        try_cast(
            regexp_extract(left(bounded.lead_in, bounded.marker_position), '((19|20)[0-9]{2})年', 1) as integer
        ) as lead_in_year,
        coalesce(
            {{ named_five_year_plan_end_year('bounded.line_text || bounded.part_title') }},
            try_cast(regexp_extract(bounded.line_text, '到(20[0-9]{2})年', 1) as integer)
        ) as plan_end_year
    from bounded
),

dated_passages as (
    select
        passages.*,
        descriptions.report_year,
        {{ plan_end_year_or_term_end('passages.plan_end_year', 'descriptions.report_year') }}
            as plan_end_year_or_term_end
    from passages
    inner join descriptions on passages.report_id = descriptions.report_id
),

final as (
    select
        report_id,
        line_number,
        part_start_offset,
        passage_start_offset,
        passage_end_offset,
        horizon,
        case
            when horizon = 'annual' and lead_in_year = report_year + 1 then lead_in_year
            when horizon = 'annual' then report_year
            else plan_end_year_or_term_end
        end as target_year
    from dated_passages
    -- a passage about the plan just finished ("2025年主要目标任务的完成") sets nothing
    where horizon = 'annual' or plan_end_year_or_term_end >= report_year
)

select * from final
