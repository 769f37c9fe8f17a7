-- Every way a report may name a division (bare, after its city or province, short), one row
-- per name and division: resolving a report's region is then an equality join instead of a
-- test of each report against each division.
{{ config(materialized='table') }}

with

divisions as (
    select * from {{ ref('int_divisions_versioned') }}
),

names as (
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
),

final as (
    select distinct
        match_name,
        division_key
    from names
    where match_name is not null
)

select * from final
