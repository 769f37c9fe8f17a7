-- The region a report speaks for, resolved against the administrative-division seeds. Every
-- place a file names its government is a clue, the report's own text first (dateline, title,
-- speaker line, 我代表保定市人民政府, 我代表国务院), then a collector's header (标题:, 发文单位:,
-- 报告人:), then the file name; the first clue that resolves to one division places the report
-- (`region_source`), and a header or file name that names another division is flagged. A name
-- may be bare (交口县), prefixed by its city (晋城市城区) or shared by several places (城区,
-- 朝阳区); ties are broken by how often the candidate's city and province are named in the
-- report, and a tie that remains is flagged, not guessed. A name no division of today has is
-- looked up among the divisions of the years before (富阳市 until 2013, 富阳区 since), those
-- that stood when the report was written.
{% set only_new_reports = new_reports_only() -%}

with

descriptions as (
    select * from {{ ref('int_reports_described') }}
    where {{ only_new_reports }}
),

dates as (
    select * from {{ ref('int_reports_dated') }}
    where {{ only_new_reports }}
),

scraper_headers as (
    select * from {{ ref('int_report_headers_parsed') }}
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

file_name_tokens as (
    -- 保定市_2015_report.txt, 2026_北京市_政府工作报告.txt: each piece of the name, without years
    -- and the words every report's name carries
    select
        report_id,
        nullif(regexp_replace(
            unnest(regexp_split_to_array(
                regexp_replace(file_name, '\.[A-Za-z0-9]+$', ''), '[_\-\s.·,()\[\]【】]+'
            )),
            '((19|20)[0-9]{2}年?度?|政府工作报告|工作报告|人民政府|政府|全文|节选|report|Report)',
            '',
            'g'
        ), '') as region_text
    from report_files
),

region_clues as (
    -- every name a file gives its government, best source first
    select
        report_id,
        'dateline' as source,
        1 as source_rank,
        dateline_region_text as region_text
    from descriptions
    union all
    select
        report_id,
        'title' as source,
        2 as source_rank,
        title_region_text as region_text
    from descriptions
    union all
    select
        report_id,
        'speaker_line' as source,
        3 as source_rank,
        speaker_region_text as region_text
    from descriptions
    union all
    select
        report_id,
        'text' as source,
        4 as source_rank,
        self_region_text as region_text
    from descriptions
    union all
    select
        report_id,
        'text' as source,
        5 as source_rank,
        national_region_text as region_text
    from descriptions
    union all
    select
        report_id,
        'scraper_header' as source,
        6 as source_rank,
        {{ region_text_of_title('header_title') }} as region_text
    from scraper_headers
    union all
    select
        report_id,
        'scraper_header' as source,
        7 as source_rank,
        nullif(regexp_replace(header_issuer, '(人民政府|政府)(办公室|办公厅)?$', ''), '') as region_text
    from scraper_headers
    union all
    select
        report_id,
        'scraper_header' as source,
        8 as source_rank,
        nullif(regexp_extract(
            replace(header_speaker_text, ' ', ''), '^(.{2,15}?)(人民政府|政府)', 1
        ), '') as region_text
    from scraper_headers
    union all
    select
        report_id,
        'file_name' as source,
        9 as source_rank,
        region_text
    from file_name_tokens
    where region_text is not null
),

named_clues as (
    select distinct
        report_id,
        source,
        source_rank,
        case
            when region_text in ('中国', '全国', '国务院', '中华人民共和国', '中央人民政府') then '中国'
            else region_text
        end as region_text
    from region_clues
    where region_text is not null and region_text <> ''
),

report_bodies as (
    select
        named_clues.report_id,
        named_clues.source_rank,
        named_clues.region_text,
        dates.report_year,
        substr(
            report_files.normalized_text,
            bounds.body_start_offset + 1,
            bounds.body_end_offset - bounds.body_start_offset
        ) as body_text
    from named_clues
    inner join dates on named_clues.report_id = dates.report_id
    inner join bounds on named_clues.report_id = bounds.report_id
    inner join report_files on named_clues.report_id = report_files.report_id
    where named_clues.region_text <> '中国'
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
        report_bodies.source_rank,
        region_names.division_key
    from report_bodies
    inner join region_names on report_bodies.region_text = region_names.match_name
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
    inner join report_bodies
        on
            usable_divisions.report_id = report_bodies.report_id
            and usable_divisions.source_rank = report_bodies.source_rank
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
            partition by report_id, source_rank
            order by name_score desc, parent_mentions desc, province_mentions desc
        ) as candidate_rank
    from candidates
),

clue_readings as (
    -- what each clue resolves to: one division, several tied, or (中国) the nation
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
    from ranked
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
    from named_clues
    where region_text = '中国'
),

readings_with_source as (
    select
        clue_readings.*,
        named_clues.source,
        named_clues.region_text
    from clue_readings
    inner join named_clues
        on
            clue_readings.report_id = named_clues.report_id
            and clue_readings.source_rank = named_clues.source_rank
    -- several file-name pieces may share a rank; any of them reads the same way or ties
    qualify row_number() over (
        partition by clue_readings.report_id, clue_readings.source_rank
        order by clue_readings.tied_candidates, named_clues.region_text
    ) = 1
),

best_readings as (
    -- the best clue that names one division; else the best that names several (ambiguous)
    select *
    from readings_with_source
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
    from readings_with_source
    group by report_id
),

first_names as (
    -- how the file names its government when no name resolves (青云县): shown, never placed
    select
        report_id,
        arg_min(region_text, source_rank) as region_text
    from named_clues
    group by report_id
),

located as (
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

select * from located
