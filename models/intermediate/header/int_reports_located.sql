-- The region a report speaks for. Every place a file names its government is a clue
-- (int_report_region_clues_gathered), read against the administrative-division seeds
-- (int_report_region_candidates_ranked, int_report_region_clues_resolved); the first clue that
-- resolves to one division places the report (`region_source`), and a header or file name
-- that names another division is flagged. A tie that remains is flagged, not guessed.
{% set only_new_reports = new_reports_only() -%}

with

descriptions as (
    select * from {{ ref('int_reports_described') }}
    where {{ only_new_reports }}
),

clues as (
    select * from {{ ref('int_report_region_clues_gathered') }}
    where {{ only_new_reports }}
),

readings as (
    select * from {{ ref('int_report_region_clues_resolved') }}
    where {{ only_new_reports }}
),

best_readings as (
    -- the best clue that names one division; else the best that names several (ambiguous)
    select *
    from readings
    qualify row_number() over (
        partition by report_id order by tied_candidates > 1, source_rank
    ) = 1
),

other_sources as (
    -- what the header and the file name say, to flag where they disagree with the text
    select
        report_id,
        list(distinct coalesce(current_admin_code, admin_code, region_name))
        filter (where source = 'scraper_header' and tied_candidates = 1) as header_places,
        list(distinct coalesce(current_admin_code, admin_code, region_name))
        filter (where source = 'file_name' and tied_candidates = 1) as file_name_places
    from readings
    group by report_id
),

first_names as (
    -- how the file names its government when no name resolves (青云县): shown, never placed
    select
        report_id,
        arg_min(region_text, source_rank) as region_text
    from clues
    group by report_id
),

final as (
    select
        descriptions.report_id,
        coalesce(best_readings.region_text, first_names.region_text) as region_text,
        best_readings.source as region_source,
        case when best_readings.tied_candidates = 1 then best_readings.region_name end
            as region_name,
        case when best_readings.tied_candidates = 1 then best_readings.level end as level,
        case when best_readings.tied_candidates = 1 then best_readings.admin_code end
            as admin_code,
        case when best_readings.tied_candidates = 1 then best_readings.current_admin_code end
            as current_admin_code,
        coalesce(best_readings.tied_candidates = 1 and best_readings.is_former, false)
            as is_former_division,
        case
            when best_readings.tied_candidates = 1 and best_readings.level <> 'national'
                then best_readings.province_name
        end as province,
        case
            when best_readings.tied_candidates > 1 or best_readings.level in ('province', 'city', 'national')
                then null
            -- a district of a municipality (北京市朝阳区) sits directly under the province-level city
            when best_readings.parent_level = 'city' or best_readings.parent_name like '%市'
                then best_readings.parent_name
        end as parent_city,
        best_readings.report_id is null as is_region_unresolved,
        coalesce(best_readings.tied_candidates > 1, false) as is_region_ambiguous,
        coalesce(
            best_readings.source not in ('scraper_header', 'file_name')
            and best_readings.tied_candidates = 1
            and len(list_filter(
                other_sources.header_places,
                lambda place: place <> coalesce(best_readings.current_admin_code, best_readings.admin_code, best_readings.region_name)  -- noqa: RF02
            )) > 0,
            false
        ) as is_region_off_header,
        coalesce(
            best_readings.source <> 'file_name'
            and best_readings.tied_candidates = 1
            and len(list_filter(
                other_sources.file_name_places,
                lambda place: place <> coalesce(best_readings.current_admin_code, best_readings.admin_code, best_readings.region_name)  -- noqa: RF02
            )) > 0,
            false
        ) as is_region_off_file_name
    from descriptions
    left join best_readings on descriptions.report_id = best_readings.report_id
    left join other_sources on descriptions.report_id = other_sources.report_id
    left join first_names on descriptions.report_id = first_names.report_id
)

select * from final
