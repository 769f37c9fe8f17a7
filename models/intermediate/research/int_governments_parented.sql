-- Each government in each year it reported, with the government directly above it that year:
-- the nation for a province, the province for a prefecture-level city, the city for a county
-- or district (the province for a county the province administers itself, and the
-- municipality for a district of 北京, 上海, 天津 or 重庆). The parent is read from the division
-- the report resolved to in that year, so a county under a city since abolished (庐江县 under
-- 巢湖市 until 2011) has the parent of its time.
{{ config(materialized='table') }}

with

reports as (
    select * from {{ ref('reports') }}
),

regions as (
    select * from {{ ref('regions') }}
),

former_regions as (
    select * from {{ ref('former_regions') }}
),

national_report as (
    -- how marts.reports places the State Council's reports: no division code, region 中国
    select
        cast(null as varchar) as current_admin_code,
        cast(null as varchar) as admin_code,
        'national' as level,
        '中国' as region
),

nation as (
    -- their key is the macro's fallback, built by the macro so the two cannot drift apart
    select
        {{ government_key() }} as government_key,
        region
    from national_report
),

government_years as (
    -- the division a government's report of the year resolved to; two copies of a report
    -- resolve alike, and the id only makes the choice repeatable
    select
        {{ government_key('reports') }} as government_key,
        report_year as year,
        region,
        level,
        admin_code,
        current_admin_code,
        province,
        is_former_division
    from reports
    qualify row_number() over (
        partition by {{ government_key('reports') }}, report_year
        order by is_former_division asc, report_id asc
    ) = 1
),

former_versions as (
    -- a former division's version of that year, else its latest
    select
        government_years.government_key,
        government_years.year,
        former_regions.parent_code
    from government_years
    inner join former_regions on government_years.admin_code = former_regions.admin_code
    where government_years.is_former_division
    qualify row_number() over (
        partition by government_years.government_key, government_years.year
        order by
            government_years.year between former_regions.first_year and former_regions.last_year desc,
            former_regions.last_year desc
    ) = 1
),

parent_codes as (
    select
        government_years.*,
        case
            when government_years.level in ('national', 'province') then null
            when government_years.is_former_division then former_versions.parent_code
            else regions.parent_code
        end as parent_admin_code
    from government_years
    left join regions
        on government_years.admin_code = regions.admin_code
    left join former_versions
        on
            government_years.government_key = former_versions.government_key
            and government_years.year = former_versions.year
),

former_successors as (
    -- a parent that no longer stands under its code is the government of its successor
    -- (the key its own reports carry); one with none keeps its old code. Its latest version
    -- names it.
    select
        admin_code,
        successor_code,
        level,
        name
    from former_regions
    qualify row_number() over (partition by admin_code order by last_year desc) = 1
),

final as (
    select
        parent_codes.government_key,
        parent_codes.year,
        parent_codes.region,
        parent_codes.level,
        parent_codes.admin_code,
        parent_codes.province,
        parent_codes.parent_admin_code,
        case
            when parent_codes.level = 'province' then nation.government_key
            when parent_regions.admin_code is not null then parent_regions.admin_code
            else coalesce(former_successors.successor_code, parent_codes.parent_admin_code)
        end as parent_government_key,
        case
            when parent_codes.level = 'province' then nation.region
            else coalesce(parent_regions.name, former_successors.name)
        end as parent_region,
        case
            when parent_codes.level = 'province' then 'national'
            else coalesce(parent_regions.level, former_successors.level)
        end as parent_level
    from parent_codes
    cross join nation
    left join regions as parent_regions
        on parent_codes.parent_admin_code = parent_regions.admin_code
    left join former_successors
        on
            parent_codes.parent_admin_code = former_successors.admin_code
            and parent_regions.admin_code is null
)

select * from final
