-- Who delivered the report, from the first speaker line after the title and dateline
-- ("交口县人民政府县长 李 刚", "某某市人民政府代理市长:王五"), with the region before 人民政府.
-- A title the scraper cut ("垣曲县人民政府代县") is completed when one reading is left, and
-- flagged.
{% set only_new_reports = new_reports_only() -%}

with

header_lines as (
    select * from {{ ref('int_report_header_lines_selected') }}
    where {{ only_new_reports }}
),

bounds as (
    select * from {{ ref('int_reports_bounded') }}
    where {{ only_new_reports }}
),

speaker_candidates as (
    select
        header_lines.report_id,
        header_lines.line_number,
        regexp_extract(
            header_lines.line_compact,
            {{ speaker_line_pattern() }},
            ['prefix', 'title', 'name']
        ) as full_title,
        regexp_extract(
            header_lines.line_compact,
            '^(.*?人民政府)((?:代理|代)?[省市县区旗州盟])$',
            ['prefix', 'title_stub']
        ) as cut_title
    from header_lines
    inner join bounds on header_lines.report_id = bounds.report_id
    where
        header_lines.line_number
        > coalesce(bounds.dateline_line, bounds.title_end_line, bounds.body_start_line - 1)
        and strpos(header_lines.line_compact, '会议') = 0
        and strpos(header_lines.line_compact, '各位代表') = 0
),

final as (
    select
        report_id,
        nullif(full_title.name, '') as speaker,
        case
            when full_title.title <> '' then {{ speaker_title('full_title.title') }}
            when cut_title.title_stub <> '' then cut_title.title_stub || '长'
        end as speaker_title,
        full_title.title = '' and cut_title.title_stub <> '' as is_speaker_title_reconstructed,
        nullif(regexp_replace(
            coalesce(nullif(full_title.prefix, ''), cut_title.prefix), '(人民政府|政府)$', ''
        ), '') as speaker_region_text
    from speaker_candidates
    where full_title.title <> '' or cut_title.title_stub <> ''
    qualify row_number() over (partition by report_id order by line_number) = 1
)

select * from final
