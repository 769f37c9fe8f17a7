-- The region a report speaks for, resolved against the administrative-division seed. The name
-- in the text may be bare (交口县), prefixed by its city (晋城市城区) or shared by several places
-- (城区, 朝阳区); ties are broken by how often the candidate's city and province are named in
-- the report, and a tie that remains is flagged, not guessed.
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

report_bodies as (
    select
        descriptions.report_id,
        descriptions.region_text,
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
    -- every way a report may name a region (bare, after its city or province, short), one
    -- row per name: the match below is then an equality join instead of a test of each
    -- report against each of the 3,213 regions
    select distinct
        named.match_name,
        named.admin_code
    from (
        select
            regions.name as match_name,
            regions.admin_code
        from regions
        union all
        select
            coalesce(regions.parent_name, '') || regions.name as match_name,
            regions.admin_code
        from regions
        union all
        select
            regions.province_name || regions.name as match_name,
            regions.admin_code
        from regions
        union all
        select
            regions.short_name as match_name,
            regions.admin_code
        from regions
    ) as named
    where named.match_name is not null
),

matched_regions as (
    select distinct
        report_bodies.report_id,
        region_names.admin_code
    from report_bodies
    inner join region_names on report_bodies.region_text = region_names.match_name
),

candidates as (
    select
        report_bodies.report_id,
        regions.admin_code,
        regions.name,
        regions.level,
        regions.province_name,
        regions.parent_name,
        parents.level as parent_level,
        case
            when report_bodies.region_text = coalesce(regions.parent_name, '') || regions.name then 4
            when report_bodies.region_text = regions.name then 3
            when report_bodies.region_text = regions.province_name || regions.name then 3
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
    from matched_regions
    inner join report_bodies on matched_regions.report_id = report_bodies.report_id
    inner join regions on matched_regions.admin_code = regions.admin_code
    left join regions as parents on regions.parent_code = parents.admin_code
    left join regions as provinces on regions.province_code = provinces.admin_code
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
        any_value(name) as name,
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
        case
            when descriptions.region_text = '中国' then 'national'
            when best_candidates.tied_candidates = 1 then best_candidates.level
        end as level,
        case when best_candidates.tied_candidates = 1 then best_candidates.admin_code end
            as admin_code,
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
