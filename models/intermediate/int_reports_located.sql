-- The region a report speaks for, resolved against the administrative-division seeds. The name
-- in the text may be bare (交口县), prefixed by its city (晋城市城区) or shared by several places
-- (城区, 朝阳区); ties are broken by how often the candidate's city and province are named in
-- the report, and a tie that remains is flagged, not guessed. A name no division of today has
-- is looked up among the divisions of the years before (富阳市 until 2013, 富阳区 since),
-- those that stood when the report was written.
{% set only_new_reports = new_reports_only() -%}

with

descriptions as (
    select * from {{ ref('int_reports_described') }}
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

regions as (
    select * from {{ ref('regions') }}
),

former_regions as (
    select * from {{ ref('former_regions') }}
),

divisions as (
    -- one row per version of a division: today's, and each former code or name with the
    -- years it stood
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

report_bodies as (
    select
        descriptions.report_id,
        descriptions.region_text,
        descriptions.report_year,
        substr(
            report_files.normalized_text,
            bounds.body_start_offset + 1,
            bounds.body_end_offset - bounds.body_start_offset
        ) as body_text
    from descriptions
    inner join bounds on descriptions.report_id = bounds.report_id
    inner join report_files on descriptions.report_id = report_files.report_id
    where descriptions.region_text is not null and descriptions.region_text <> '中国'
),

region_names as (
    -- every way a report may name a division (bare, after its city or province, short), one
    -- row per name: the match below is then an equality join instead of a test of each
    -- report against each division
    select distinct
        named.match_name,
        named.division_key
    from (
        select
            divisions.name as match_name,
            divisions.division_key
        from divisions
        union all
        select
            coalesce(divisions.parent_name, '') || divisions.name as match_name,
            divisions.division_key
        from divisions
        union all
        select
            divisions.province_name || divisions.name as match_name,
            divisions.division_key
        from divisions
        union all
        select
            divisions.short_name as match_name,
            divisions.division_key
        from divisions
    ) as named
    where named.match_name is not null
),

matched_divisions as (
    select distinct
        report_bodies.report_id,
        region_names.division_key
    from report_bodies
    inner join region_names on report_bodies.region_text = region_names.match_name
),

usable_divisions as (
    -- today's divisions first; a former one only when no division of today has the name, and
    -- only if it stood when the report was written (the year it reviews, or its own)
    select
        matched_divisions.report_id,
        matched_divisions.division_key
    from matched_divisions
    inner join divisions on matched_divisions.division_key = divisions.division_key
    inner join report_bodies on matched_divisions.report_id = report_bodies.report_id
    qualify
        not divisions.is_former
        or (
            not bool_or(not divisions.is_former) over (partition by matched_divisions.report_id)
            and coalesce(
                report_bodies.report_year between divisions.first_year and divisions.last_year + 1,
                true
            )
        )
),

candidates as (
    select
        report_bodies.report_id,
        divisions.admin_code,
        divisions.current_admin_code,
        divisions.is_former,
        divisions.name,
        -- one spelling per government whichever way its report writes it (常州市钟楼区 and
        -- 钟楼区 are 钟楼区): its name, after its city's when others share the name (晋城市城区)
        case
            when shared_names.name is not null then coalesce(divisions.parent_name, '') || divisions.name
            else divisions.name
        end as region_name,
        divisions.level,
        divisions.province_name,
        divisions.parent_name,
        parents.level as parent_level,
        case
            when report_bodies.region_text = coalesce(divisions.parent_name, '') || divisions.name then 4
            when report_bodies.region_text = divisions.name then 3
            when report_bodies.region_text = divisions.province_name || divisions.name then 3
            else 1
        end as name_score,
        -- how much the report talks about the candidate's city and province
        (
            length(report_bodies.body_text)
            - length(replace(report_bodies.body_text, coalesce(parents.short_name, '#'), ''))
        ) / greatest(length(coalesce(parents.short_name, '#')), 1) as parent_mentions,
        (
            length(report_bodies.body_text)
            - length(replace(report_bodies.body_text, provinces.short_name, ''))
        ) / greatest(length(provinces.short_name), 1) as province_mentions
    from usable_divisions
    inner join report_bodies on usable_divisions.report_id = report_bodies.report_id
    inner join divisions on usable_divisions.division_key = divisions.division_key
    left join latest_divisions as parents on divisions.parent_code = parents.admin_code
    left join latest_divisions as provinces on divisions.province_code = provinces.admin_code
    left join shared_names
        on divisions.name = shared_names.name and divisions.is_former = shared_names.is_former
),

ranked as (
    select
        *,
        rank() over (
            partition by report_id
            order by name_score desc, parent_mentions desc, province_mentions desc
        ) as candidate_rank
    from candidates
),

best_candidates as (
    select
        report_id,
        count(*) as tied_candidates,
        any_value(admin_code) as admin_code,
        any_value(current_admin_code) as current_admin_code,
        any_value(is_former) as is_former,
        any_value(name) as name,
        any_value(region_name) as region_name,
        any_value(level) as level,
        any_value(province_name) as province_name,
        any_value(parent_name) as parent_name,
        any_value(parent_level) as parent_level
    from ranked
    where candidate_rank = 1
    group by report_id
),

located as (
    select
        descriptions.report_id,
        descriptions.region_text,
        case when best_candidates.tied_candidates = 1 then best_candidates.region_name end
            as region_name,
        case
            when descriptions.region_text = '中国' then 'national'
            when best_candidates.tied_candidates = 1 then best_candidates.level
        end as level,
        case when best_candidates.tied_candidates = 1 then best_candidates.admin_code end
            as admin_code,
        case when best_candidates.tied_candidates = 1 then best_candidates.current_admin_code end
            as current_admin_code,
        coalesce(best_candidates.tied_candidates = 1 and best_candidates.is_former, false)
            as is_former_division,
        case
            when descriptions.region_text = '中国' then null
            when best_candidates.tied_candidates = 1 then best_candidates.province_name
        end as province,
        case
            when best_candidates.tied_candidates > 1 or best_candidates.level in ('province', 'city')
                then null
            -- a district of a municipality (北京市朝阳区) sits directly under the province-level city
            when best_candidates.parent_level = 'city' or best_candidates.parent_name like '%市'
                then best_candidates.parent_name
        end as parent_city,
        coalesce(descriptions.region_text <> '中国', true) and best_candidates.report_id is null
            as is_region_unresolved,
        coalesce(best_candidates.tied_candidates > 1, false) as is_region_ambiguous
    from descriptions
    left join best_candidates on descriptions.report_id = best_candidates.report_id
)

select * from located
