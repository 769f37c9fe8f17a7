-- Every line of a report's body after the salutation, with what it could be in the section
-- tree: a part heading (numbered, unnumbered or with its number cut), a glossary heading, or
-- an item heading ("(一)", ")…" with the bracket half lost, a mojibake line the loader
-- repaired, "一是…"). Which candidates become sections is decided in int_parts_resolved and
-- int_items_resolved, from the order of the numbers.
{% set only_new_reports = new_reports_only() -%}

with

report_lines as (
    select * from {{ ref('int_report_lines_split') }}
    where {{ only_new_reports }}
),

bounds as (
    select * from {{ ref('int_reports_bounded') }}
    where {{ only_new_reports }}
),

repaired_lines as (
    select * from {{ ref('stg_raw__line_repairs') }}
    where {{ only_new_reports }}
),

body_lines as (
    select
        report_lines.report_id,
        report_lines.line_number,
        report_lines.content_start_offset,
        report_lines.line_clean,
        replace(report_lines.line_clean, ' ', '') as line_compact,
        repaired_lines.repaired_text,
        length(report_lines.line_clean) between 2 and 40
        and strpos(report_lines.line_clean, '。') = 0
        and not regexp_matches(report_lines.line_clean, '[:,;!?、]$')
        -- "1.…" and "(1)…" open third-level points, not sections
        and not regexp_matches(report_lines.line_clean, '^([0-9]+\s*[.、)]|\()')
        -- nor does a line of a list of targets ("地区生产总值:增长5.5%左右")
        and not regexp_matches(report_lines.line_clean, {{ target_list_point_pattern() }}) as is_heading_shaped,
        lead(report_lines.line_clean) over report_order as next_line_clean
    from report_lines
    inner join bounds
        on
            report_lines.report_id = bounds.report_id
            -- a body with no salutation, dateline or title may open with a part heading
            and report_lines.line_number
            > coalesce(bounds.salutation_line, bounds.dateline_line, bounds.title_end_line, bounds.body_start_line - 1)
            and report_lines.line_number <= bounds.body_end_line
    left join repaired_lines
        on
            report_lines.report_id = repaired_lines.report_id
            and report_lines.line_number = repaired_lines.line_number
    where not report_lines.is_blank
    window report_order as (partition by report_lines.report_id order by report_lines.line_number)
),

parsed as (
    select
        *,
        regexp_extract(line_clean, {{ part_marker_pattern() }}, ['numeral', 'title'])
            as part_marker,
        regexp_extract(line_clean, {{ item_marker_pattern() }}, ['numeral', 'rest'])
            as item_marker,
        regexp_extract(line_clean, {{ shi_item_pattern() }}, ['numeral', 'rest']) as shi_marker,
        regexp_extract(line_clean, '^[)]\s*(.+)$', 1) as item_after_lost_bracket,
        regexp_extract(line_clean, '^[、.]\s*(.+)$', 1) as part_after_lost_numeral,
        -- "二、2005年主要任务 今年是…": a part heading glued to its first paragraph by a space
        regexp_extract(line_clean, '^第?[一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾]+(?:\s*[、.,]|部分\s*[、.,:]?)\s*([^\s。,;:!?]{2,30}) \S', 1)
            as glued_part_title,
        {{ continues_heading('line_clean', 'next_line_clean') }} as heading_continues
    from body_lines
),

continued as (
    select
        *,
        coalesce(
            lag(heading_continues) over (partition by report_id order by line_number), false
        ) as is_heading_continuation
    from parsed
),

classified as (
    select
        report_id,
        line_number,
        content_start_offset,
        line_clean,
        is_heading_shaped,
        repaired_text,
        case
            when
                part_marker.numeral <> ''
                and (length(line_clean) <= 60 and strpos(line_clean, '。') = 0 or glued_part_title <> '')
                then {{ chinese_small_number('part_marker.numeral') }}
        end as part_numeral,
        -- every line that opens with a part's number, heading or paragraph ("一、国民经济持续快速
        -- 健康发展。…"): int_parts_resolved tells a list of paragraphs from a run of headings
        case
            when part_marker.numeral <> '' then {{ chinese_small_number('part_marker.numeral') }}
        end as enumeration_numeral,
        case
            -- the second line of a heading split in two ("…的总体要求" / "和主要预期目标")
            when is_heading_continuation then null
            when regexp_matches(line_compact, {{ glossary_heading_pattern() }})
                then 'glossary_heading'
            when
                part_marker.numeral <> ''
                and (length(line_clean) <= 60 and strpos(line_clean, '。') = 0 or glued_part_title <> '')
                then 'numbered_part'
            when
                part_after_lost_numeral <> ''
                and is_heading_shaped
                and regexp_matches(part_after_lost_numeral, {{ unnumbered_part_pattern() }})
                then 'part_lost_numeral'
            when
                (is_heading_shaped or regexp_matches(line_clean, '^[^,。;:]{2,24}:$'))
                and regexp_matches(regexp_replace(line_clean, ':$', ''), {{ unnumbered_part_pattern() }})
                then 'unnumbered_part'
            when item_marker.numeral <> '' then 'numbered_item'
            when item_after_lost_bracket <> '' then 'item_lost_bracket'
            when regexp_matches(coalesce(repaired_text, ''), '^[()]') then 'garbled_item'
            when shi_marker.numeral <> '' then 'shi_item'
            when is_heading_shaped then 'heading_shaped'
            when part_marker.numeral <> '' then 'enumerated_paragraph'
        end as line_role,
        case
            when item_marker.numeral <> '' then {{ chinese_small_number('item_marker.numeral') }}
            when shi_marker.numeral <> '' then {{ chinese_small_number('shi_marker.numeral') }}
        end as item_numeral,
        case
            when part_marker.numeral <> '' and (length(line_clean) > 60 or strpos(line_clean, '。') > 0)
                then glued_part_title
            when part_marker.numeral <> '' then part_marker.title
            when part_after_lost_numeral <> '' then part_after_lost_numeral
            when item_marker.numeral <> '' then item_marker.rest
            when item_after_lost_bracket <> '' then item_after_lost_bracket
            when shi_marker.numeral <> '' then shi_marker.rest
            -- a repaired "(一)…" keeps its bracket; a marker the slip mangled ("(订以…",
            -- ")以…") leaves one stray character before the heading text
            when regexp_matches(coalesce(repaired_text, ''), '^[()]')
                then regexp_replace(repaired_text, '^(\([^)]{0,2}\)|\(.|\))', '')
            -- "2015年工作安排:" is titled without its colon
            when
                regexp_matches(line_clean, '^[^,。;:]{2,24}:$')
                and regexp_matches(regexp_replace(line_clean, ':$', ''), {{ unnumbered_part_pattern() }})
                then regexp_replace(line_clean, ':$', '')
            else line_clean
        end || case when heading_continues then next_line_clean else '' end as heading_text,
        case
            when part_marker.numeral <> '' then part_marker.numeral
            when item_marker.numeral <> '' then '(' || item_marker.numeral || ')'
            when shi_marker.numeral <> '' then shi_marker.numeral || '是'
        end as written_label
    from continued
)

select * from classified
where line_role is not null
