-- The lines that head a top-level part of a report (一、二、三…, or a title whose number was
-- stripped), and the first closing-note heading (名词解释, 附件), below which no part starts.
-- Numbered headings count only while their numbers rise; a run of numbered lines that are
-- mostly paragraphs is a list inside a part, not parts.
{% set only_new_reports = new_reports_only() -%}

with

classified_lines as (
    select * from {{ ref('int_section_lines_classified') }}
    where {{ only_new_reports }}
),

glossary_starts as (
    select
        report_id,
        min(line_number) as glossary_line
    from classified_lines
    where line_role = 'glossary_heading'
    group by report_id
),

enumerations as (
    -- lines that open with a part's number, in runs whose numbers rise one by one: a run
    -- mostly of paragraphs ("一、国民经济持续快速健康发展。…" … "四、社会事业全面进步。…") is a
    -- list inside a part, and a short line in it ("五、民主", where a link broke the sentence)
    -- is no part heading
    select
        report_id,
        line_number,
        line_role,
        sum(case when enumeration_numeral = previous_numeral + 1 then 0 else 1 end) over (
            partition by report_id order by line_number
        ) as enumeration_run
    from (
        select
            *,
            lag(enumeration_numeral) over (partition by report_id order by line_number)
                as previous_numeral
        from classified_lines
        where enumeration_numeral is not null
    ) as numbered_lines
),

paragraph_lists as (
    select
        report_id,
        line_number
    from enumerations
    window run_lines as (partition by report_id, enumeration_run)
    qualify
        count(*) filter (where line_role = 'enumerated_paragraph') over run_lines >= 2
        and count(*) filter (where line_role = 'enumerated_paragraph') over run_lines
        >= count(*) filter (where line_role <> 'enumerated_paragraph') over run_lines
),

part_candidates as (
    select
        classified_lines.*,
        max(classified_lines.part_numeral) over (
            partition by classified_lines.report_id
            order by classified_lines.line_number
            rows between unbounded preceding and 1 preceding
        ) as highest_numeral_before
    from classified_lines
    left join glossary_starts on classified_lines.report_id = glossary_starts.report_id
    left join paragraph_lists
        on
            classified_lines.report_id = paragraph_lists.report_id
            and classified_lines.line_number = paragraph_lists.line_number
    where
        classified_lines.line_role in ('numbered_part', 'part_lost_numeral', 'unnumbered_part')
        and classified_lines.line_number < coalesce(glossary_starts.glossary_line, 2147483647)
        and paragraph_lists.line_number is null
),

accepted_parts as (
    select
        report_id,
        line_number,
        content_start_offset,
        line_role,
        heading_text as title,
        written_label,
        part_numeral
    from part_candidates
    where
        line_role <> 'numbered_part'
        or part_numeral > coalesce(highest_numeral_before, 0)
),

final as (
    select * from accepted_parts
    union all
    select
        classified_lines.report_id,
        classified_lines.line_number,
        classified_lines.content_start_offset,
        classified_lines.line_role,
        classified_lines.heading_text as title,
        classified_lines.written_label,
        classified_lines.part_numeral
    from classified_lines
    inner join glossary_starts
        on
            classified_lines.report_id = glossary_starts.report_id
            and classified_lines.line_number = glossary_starts.glossary_line
)

select * from final
