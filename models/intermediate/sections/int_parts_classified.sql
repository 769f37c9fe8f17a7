-- The kind of each part, from its title's words and its place: a review (回顾, 成就, 决算) or
-- a five-year review, the year's plan, a five-year plan, the government's self-building
-- (often the last part), a closing glossary or appendix.
{% set only_new_reports = new_reports_only() -%}

with

all_parts as (
    select * from {{ ref('int_part_headings_numbered') }}
    where {{ only_new_reports }}
),

descriptions as (
    select * from {{ ref('int_reports_dated') }}
    where {{ only_new_reports }}
),

classified_parts as (
    select
        all_parts.*,
        descriptions.report_year,
        descriptions.review_year,
        -- "过去五年的工作" reviews as much as "2022年工作回顾", as "1955年国家决算" (the final
        -- accounts of the year before) does
        regexp_matches(all_parts.title, '回顾|成就|回眸|总结|^过去|决算') as is_review,
        -- the plan's name is the shared one (macros/rules/five_year_plans.sql): 十四五, 七五
        regexp_matches(all_parts.title, govreports_five_year_plan_name() || '|五年') as names_five_year_plan,
        -- the last part before the closing notes (glossary, appendix)
        not all_parts.is_closing_note and row_number() over (
            partition by all_parts.report_id, all_parts.is_closing_note
            order by all_parts.line_number desc
        ) = 1 as is_last_part
    from all_parts
    inner join descriptions on all_parts.report_id = descriptions.report_id
),

kinds as (
    select
        *,
        case
            when is_closing_note and regexp_matches(title, '^附件') then 'appendix'
            when is_closing_note then 'glossary'
            when
                regexp_matches(title, '政府自身建设|自身建设|政府治理效能|政府建设|建设.{0,12}政府$')
                -- a last part about the government is its self-building, unless it sets this
                -- year's work (对今年政府工作的建议, 2019年政府工作的总体思路和目标任务: a page cut
                -- short, or the national form)
                or (
                    is_last_part
                    and strpos(title, '政府') > 0
                    and not is_review
                    and not regexp_matches(title, '(19|20)[0-9]{2}年|今年|明年|目标|任务|建议|安排|部署|要求')
                )
                then 'government_self_building'
            when is_review and (names_five_year_plan or review_year % 5 = 0) then 'five_year_review'
            when is_review then 'review'
            when names_five_year_plan and strpos(title, report_year::varchar || '年') = 0
                then 'five_year_plan'
            when
                bool_or(is_review)
                    over (
                        partition by report_id order by line_number
                        rows between unbounded preceding and 1 preceding
                    )
                or regexp_matches(title, '工作|任务|安排|部署|要求|预算|计划')
                then 'plan'
            else 'other'
        end as kind
    from classified_parts
),

final as (
    select
        report_id,
        line_number,
        content_start_offset,
        title,
        numeral,
        marker_status,
        kind
    from kinds
)

select * from final
