-- The years the part headings name (一、2022年工作回顾, 二、2023年工作安排, 一、“十一五”时期…的
-- 回顾): they date a report that has no dateline and settle the season of a dateline whose
-- digits were fused. Only short lines are headings.
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

final as (
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
)

select * from final
