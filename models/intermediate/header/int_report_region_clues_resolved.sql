-- What each region clue of a report resolves to: the division that ranks first, several that
-- tie (counted, never guessed between), or (中国) the nation.
{% set only_new_reports = new_reports_only() -%}

with

clues as (
    select * from {{ ref('int_report_region_clues_gathered') }}
    where {{ only_new_reports }}
),

candidates as (
    select * from {{ ref('int_report_region_candidates_ranked') }}
    where {{ only_new_reports }}
),

clue_readings as (
    select
        report_id,
        source_rank,
        count(*) as tied_candidates,
        any_value(admin_code) as admin_code,
        any_value(current_admin_code) as current_admin_code,
        any_value(is_former) as is_former,
        any_value(region_name) as region_name,
        any_value(level) as level,
        any_value(province_name) as province_name,
        any_value(parent_name) as parent_name,
        any_value(parent_level) as parent_level
    from candidates
    where candidate_rank = 1
    group by report_id, source_rank
    union all
    select
        report_id,
        source_rank,
        1 as tied_candidates,
        null as admin_code,
        null as current_admin_code,
        false as is_former,
        '中国' as region_name,
        'national' as level,
        null as province_name,
        null as parent_name,
        null as parent_level
    from clues
    where region_text = '中国'
),

final as (
    select
        clue_readings.*,
        clues.source,
        clues.region_text
    from clue_readings
    inner join clues
        on
            clue_readings.report_id = clues.report_id
            and clue_readings.source_rank = clues.source_rank
    -- several file-name pieces may share a rank; any of them reads the same way or ties
    qualify row_number() over (
        partition by clue_readings.report_id, clue_readings.source_rank
        order by clue_readings.tied_candidates, clues.region_text
    ) = 1
)

select * from final
