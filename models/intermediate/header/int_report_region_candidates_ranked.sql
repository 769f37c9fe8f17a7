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

clue_years as (
    -- narrow rows: the body's text is read once per report and candidate names, at the end
    select
        clues.report_id,
        clues.source_rank,
        clues.region_text,
        dates.report_year
    from clues
    inner join dates on clues.report_id = dates.report_id
    where clues.region_text <> '中国'
),

matched_divisions as (
    select distinct
        clue_years.report_id,
        clue_years.source_rank,
        division_names.division_key
    from clue_years
    inner join division_names on clue_years.region_text = division_names.match_name
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
    inner join clue_years
        on
            matched_divisions.report_id = clue_years.report_id
            and matched_divisions.source_rank = clue_years.source_rank
    qualify
        not divisions.is_former
        or (
            not bool_or(not divisions.is_former)
                over (
                    partition by matched_divisions.report_id, matched_divisions.source_rank
                )
            and coalesce(
                clue_years.report_year between divisions.first_year and divisions.last_year + 1,
                true
            )
        )
),

named_candidates as (
    select
        clue_years.report_id,
        clue_years.source_rank,
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
            when clue_years.region_text = coalesce(divisions.parent_name, '') || divisions.name then 4
            when clue_years.region_text = divisions.name then 3
            when clue_years.region_text = divisions.province_name || divisions.name then 3
            else 1
        end as name_score,
        coalesce(divisions.parent_short_name, '#') as parent_short_name,
        divisions.province_short_name
    from usable_divisions
    inner join clue_years
        on
            usable_divisions.report_id = clue_years.report_id
            and usable_divisions.source_rank = clue_years.source_rank
    inner join divisions on usable_divisions.division_key = divisions.division_key
),

report_bodies as (
    -- each report's body with the city and province names its candidates would count
    select
        names_to_count.report_id,
        names_to_count.parent_short_name,
        names_to_count.province_short_name,
        substr(
            report_files.normalized_text,
            bounds.body_start_offset + 1,
            bounds.body_end_offset - bounds.body_start_offset
        ) as body_text
    from (
        select distinct
            named_candidates.report_id,
            named_candidates.parent_short_name,
            named_candidates.province_short_name
        from named_candidates
    ) as names_to_count
    inner join bounds on names_to_count.report_id = bounds.report_id
    inner join report_files on names_to_count.report_id = report_files.report_id
),

name_mentions as (
    -- how much the report talks about the candidate's city and province
    select
        report_id,
        parent_short_name,
        province_short_name,
        (length(body_text) - length(replace(body_text, parent_short_name, '')))
        / greatest(length(parent_short_name), 1) as parent_mentions,
        (length(body_text) - length(replace(body_text, province_short_name, '')))
        / greatest(length(province_short_name), 1) as province_mentions
    from report_bodies
),

candidates as (
    select
        named_candidates.report_id,
        named_candidates.source_rank,
        named_candidates.admin_code,
        named_candidates.current_admin_code,
        named_candidates.is_former,
        named_candidates.name,
        named_candidates.region_name,
        named_candidates.level,
        named_candidates.province_name,
        named_candidates.parent_name,
        named_candidates.parent_level,
        named_candidates.name_score,
        name_mentions.parent_mentions,
        name_mentions.province_mentions
    from named_candidates
    inner join name_mentions
        on
            named_candidates.report_id = name_mentions.report_id
            and named_candidates.parent_short_name = name_mentions.parent_short_name
            and named_candidates.province_short_name is not distinct from name_mentions.province_short_name
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
