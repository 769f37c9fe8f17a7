-- The divisions each region clue of a report may mean, ranked. A name may be bare (交口县),
-- prefixed by its city (晋城市城区) or shared by several places (城区, 朝阳区); candidates rank by
-- how exactly the name matched, then by how often the report names the candidate's city and
-- province. A name no division of today has is looked up among the divisions of the years
-- before (富阳市 until 2013, 富阳区 since), those that stood when the report was written.
{% set only_new_reports = new_reports_only() -%}

with

clues as (
    select * from {{ ref('int_report_region_clues_gathered') }}
    where {{ only_new_reports }}
),

dates as (
    select * from {{ ref('int_reports_dated') }}
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

divisions as (
    select * from {{ ref('int_divisions_versioned') }}
),

division_names as (
    select * from {{ ref('int_division_names_listed') }}
),

report_bodies as (
    select
        clues.report_id,
        clues.source_rank,
        clues.region_text,
        dates.report_year,
        substr(
            report_files.normalized_text,
            bounds.body_start_offset + 1,
            bounds.body_end_offset - bounds.body_start_offset
        ) as body_text
    from clues
    inner join dates on clues.report_id = dates.report_id
    inner join bounds on clues.report_id = bounds.report_id
    inner join report_files on clues.report_id = report_files.report_id
    where clues.region_text <> '中国'
),

matched_divisions as (
    select distinct
        report_bodies.report_id,
        report_bodies.source_rank,
        division_names.division_key
    from report_bodies
    inner join division_names on report_bodies.region_text = division_names.match_name
),

usable_divisions as (
    -- today's divisions first; a former one only when no division of today has the name, and
    -- only if it stood when the report was written (the year it reviews, or its own)
    select
        matched_divisions.report_id,
        matched_divisions.source_rank,
        matched_divisions.division_key
    from matched_divisions
    inner join divisions on matched_divisions.division_key = divisions.division_key
    inner join report_bodies
        on
            matched_divisions.report_id = report_bodies.report_id
            and matched_divisions.source_rank = report_bodies.source_rank
    qualify
        not divisions.is_former
        or (
            not bool_or(not divisions.is_former)
                over (
                    partition by matched_divisions.report_id, matched_divisions.source_rank
                )
            and coalesce(
                report_bodies.report_year between divisions.first_year and divisions.last_year + 1,
                true
            )
        )
),

candidates as (
    select
        report_bodies.report_id,
        report_bodies.source_rank,
        divisions.admin_code,
        divisions.current_admin_code,
        divisions.is_former,
        divisions.name,
        divisions.region_name,
        divisions.level,
        divisions.province_name,
        divisions.parent_name,
        divisions.parent_level,
        case
            when report_bodies.region_text = coalesce(divisions.parent_name, '') || divisions.name then 4
            when report_bodies.region_text = divisions.name then 3
            when report_bodies.region_text = divisions.province_name || divisions.name then 3
            else 1
        end as name_score,
        -- how much the report talks about the candidate's city and province
        (
            length(report_bodies.body_text)
            - length(replace(report_bodies.body_text, coalesce(divisions.parent_short_name, '#'), ''))
        ) / greatest(length(coalesce(divisions.parent_short_name, '#')), 1) as parent_mentions,
        (
            length(report_bodies.body_text)
            - length(replace(report_bodies.body_text, divisions.province_short_name, ''))
        ) / greatest(length(divisions.province_short_name), 1) as province_mentions
    from usable_divisions
    inner join report_bodies
        on
            usable_divisions.report_id = report_bodies.report_id
            and usable_divisions.source_rank = report_bodies.source_rank
    inner join divisions on usable_divisions.division_key = divisions.division_key
),

final as (
    select
        *,
        rank() over (
            partition by report_id, source_rank
            order by name_score desc, parent_mentions desc, province_mentions desc
        ) as candidate_rank
    from candidates
)

select * from final
