-- Every administrative division a report may speak for, one row per version: today's (from
-- seeds/regions.csv), and each former code or name with the years it stood
-- (seeds/former_regions.csv, 富阳市 until 2013). Each carries the spelling a report's region
-- gets and what ranking its candidates needs of its city and province. Built from the seeds
-- alone, not per report, so it is a table that every run rebuilds.
{{ config(materialized='table') }}

with

regions as (
    select * from {{ ref('regions') }}
),

former_regions as (
    select * from {{ ref('former_regions') }}
),

divisions as (
    select
        regions.admin_code as division_key,
        regions.admin_code,
        regions.name,
        regions.short_name,
        regions.level,
        regions.province_code,
        regions.province_name,
        regions.parent_code,
        regions.parent_name,
        null::integer as first_year,
        null::integer as last_year,
        regions.admin_code as current_admin_code,
        false as is_former
    from regions
    union all
    select
        former_regions.admin_code || ':' || former_regions.first_year as division_key,
        former_regions.admin_code,
        former_regions.name,
        former_regions.short_name,
        former_regions.level,
        former_regions.province_code,
        former_regions.province_name,
        former_regions.parent_code,
        former_regions.parent_name,
        former_regions.first_year::integer as first_year,
        former_regions.last_year::integer as last_year,
        nullif(former_regions.successor_code::varchar, '') as current_admin_code,
        true as is_former
    from former_regions
),

shared_names as (
    -- names that several of today's divisions (or several former ones) bear: 城区, 朝阳区;
    -- the codes a unit had over the years (富阳市 330183 and 339019, both today's 富阳区) are
    -- one unit
    select
        name,
        is_former
    from divisions
    group by name, is_former
    having count(distinct coalesce(current_admin_code, admin_code)) > 1
),

latest_divisions as (
    -- a parent or province by its code: today's division, else its latest former version
    select
        admin_code,
        arg_max(short_name, coalesce(last_year, 9999)) as short_name,
        arg_max(level, coalesce(last_year, 9999)) as level
    from divisions
    group by admin_code
),

final as (
    select
        divisions.*,
        -- one spelling per government whichever way its report writes it (常州市钟楼区 and
        -- 钟楼区 are 钟楼区): its name, after its city's when others share the name (晋城市城区)
        case
            when shared_names.name is not null then coalesce(divisions.parent_name, '') || divisions.name
            else divisions.name
        end as region_name,
        parents.level as parent_level,
        parents.short_name as parent_short_name,
        provinces.short_name as province_short_name
    from divisions
    left join latest_divisions as parents on divisions.parent_code = parents.admin_code
    left join latest_divisions as provinces on divisions.province_code = provinces.admin_code
    left join shared_names
        on divisions.name = shared_names.name and divisions.is_former = shared_names.is_former
)

select * from final
