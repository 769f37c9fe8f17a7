-- Year consistency of targets: an annual target is for the report's own year, or the next
-- when a report delivered late in the year sets the next year's plan (the national report of
-- August 1980: 二、1981年国民经济计划的任务和主要指标); a five-year
-- target ends a plan (…2015, 2020, 2025, 2030: plans since the third end in years ≡ 0 mod 5)
-- or a government's five-year term (今后五年 of a 2022 report: 2026) and is never before the
-- report; a multi-year target is for a later year than the report's.
with

goals as (
    select * from {{ ref('goals') }}
),

reports as (
    select * from {{ ref('reports') }}
)

select
    goals.goal_id,
    goals.horizon,
    goals.target_year,
    reports.report_year
from goals
inner join reports on goals.report_id = reports.report_id
where
    (goals.horizon = 'annual' and goals.target_year not in (reports.report_year, reports.report_year + 1))
    or (
        goals.horizon = 'five_year'
        and (
            (goals.target_year % 5 <> 0 and goals.target_year <> reports.report_year + 4)
            or goals.target_year < reports.report_year
        )
    )
    or (goals.horizon = 'multi_year' and goals.target_year <= reports.report_year)
