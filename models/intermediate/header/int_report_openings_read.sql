-- Whom the opening of the body speaks for: a government that names itself ("我代表保定市人民
-- 政府向大会作工作报告"), or the national one (我代表国务院, national_speaker_pattern()). Clues
-- for int_reports_located when the header names no region.
{% set only_new_reports = new_reports_only() -%}

with

report_files as (
    select * from {{ ref('stg_raw__report_files') }}
    where {{ only_new_reports }}
),

bounds as (
    select * from {{ ref('int_reports_bounded') }}
    where {{ only_new_reports }}
),

body_heads as (
    select
        report_files.report_id,
        substr(report_files.normalized_text, bounds.body_start_offset + 1, 3000) as body_head
    from report_files
    inner join bounds on report_files.report_id = bounds.report_id
),

self_namings as (
    select
        report_id,
        nullif(regexp_extract(
            body_head, '我代表([\p{Han}]{2,15}?)人民政府', 1
        ), '') as named_region_text,
        case
            when regexp_matches(body_head, {{ national_speaker_pattern() }}) then '中国'
        end as national_region_text
    from body_heads
),

final as (
    select
        report_id,
        -- 省/市/县人民政府 names no one
        case
            when named_region_text not in ('省', '市', '县', '区', '自治区', '自治州', '州', '旗', '盟', '本届')
                then named_region_text
        end as self_region_text,
        national_region_text
    from self_namings
)

select * from final
