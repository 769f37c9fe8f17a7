-- Damage found by a pattern on a report body's lines: runs of characters no report is written
-- in (mojibake) and places where a scraper stripped characters (a % with no number before it,
-- 第次会议, 年月日 without digits, a dateline whose 年/月/日 were dropped).
-- regexp_extract_all gives the matched texts and regexp_split_to_array the text between them,
-- so the lengths of the pieces and matches before a match give its offset.
{%- set patterns = [
    {
        'class': 'mojibake',
        'kind': 'mojibake_characters',
        'pattern': '[\\x{FFFD}\\x{E000}-\\x{F8FF}\\x{2500}-\\x{257F}\\x{3100}-\\x{312F}\\x{00C0}-\\x{00D6}\\x{00D8}-\\x{00F6}\\x{00F8}-\\x{024F}]+|锟斤拷',
    },
    {
        'class': 'stripped',
        'kind': 'number_stripped',
        'pattern': '[^0-9.%‰ ] ?[%‰]|[^0-9.一二三四五六七八九十两半零〇几个 ] ?个?百分点',
    },
    {
        'class': 'stripped',
        'kind': 'ordinal_stripped',
        'pattern': '第[次届]',
    },
    {
        'class': 'stripped',
        'kind': 'date_stripped',
        'pattern': '年月日|(19|20)[0-9]{2}年月|[0-9]月日',
    },
    {
        'class': 'stripped',
        'kind': 'date_fused',
        'pattern': '(19|20)[0-9]{4,6}日?在',
    },
] %}

{% set only_new_reports = new_reports_only() -%}

with

report_lines as (
    select * replace ({{ line_as_written() }} as line_text)
    from {{ ref('int_report_lines_split') }}
    where {{ only_new_reports }}
),

bounds as (
    -- the bounds of the placed reports: a quarantined one is in no mart but report_quality
    select bounds.*
    from {{ ref('int_reports_bounded') }} as bounds
    inner join {{ ref('reports') }} as placed_reports on bounds.report_id = placed_reports.report_id
    where {{ new_reports_only('bounds.report_id') }}
),

body_lines as (
    {{ body_lines('report_lines', 'bounds') }}
),

pattern_matches as (
    {% for p in patterns %}
        select
            report_id,
            line_number,
            start_offset as line_start_offset,
            '{{ p.class }}' as damage_class,
            '{{ p.kind }}' as damage_kind,
            regexp_split_to_array(line_text, '{{ p.pattern }}') as pieces,
            regexp_extract_all(line_text, '{{ p.pattern }}') as matched_texts
        from body_lines
        where regexp_matches(line_text, '{{ p.pattern }}')
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

matches_numbered as (
    -- each match beside the piece of text before it
    select
        report_id,
        line_number,
        line_start_offset,
        damage_class,
        damage_kind,
        unnest(matched_texts) as damaged_text,
        unnest(pieces[1:len(matched_texts)]) as piece_before,
        generate_subscripts(matched_texts, 1) as match_index
    from pattern_matches
    -- the two functions scan alike; a line where they would not agree is left out, not misplaced
    where len(pieces) = len(matched_texts) + 1
),

final_spans as (
    -- a match starts after every piece and every match before it: a running sum, so a line
    -- with many matches costs what it is long
    select
        report_id,
        line_number,
        damage_class,
        damage_kind,
        damaged_text,
        line_start_offset - length(damaged_text)
        + sum(length(piece_before) + length(damaged_text)) over (
            partition by report_id, line_number, damage_kind
            order by match_index
            rows between unbounded preceding and current row
        ) as start_offset
    from matches_numbered
),

final as (
    select
        report_id,
        line_number,
        damage_class,
        damage_kind,
        start_offset,
        start_offset + length(damaged_text) as end_offset,
        damaged_text,
        null::varchar as repaired_text
    from final_spans
)

select * from final
