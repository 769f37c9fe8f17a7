-- The top-level parts of each report (一、二、三… and the closing glossary), tiling the body.
-- Numbered headings count only while their numbers rise; a heading whose number was stripped
-- ("2022年工作回顾") takes the number missing at its place when the count of missing numbers
-- there fits, and stays unnumbered otherwise (a chapter heading above 一、 in some provincial
-- reports). Kinds come from the title's words and the part's place after the review.
{% set only_new_reports = new_reports_only() -%}

with

classified_lines as (
    select * from {{ ref('int_section_lines_classified') }}
    where {{ only_new_reports }}
),

bounds as (
    select * from {{ ref('int_reports_bounded') }}
    where {{ only_new_reports }}
),

descriptions as (
    select * from {{ ref('int_reports_dated') }}
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

gaps as (
    -- each unnumbered heading sits in a gap between numbered ones (or after the last one)
    select
        *,
        coalesce(max(part_numeral) over (
            partition by report_id order by line_number
            rows between unbounded preceding and current row
        ), 0) as numeral_before,
        min(part_numeral) over (
            partition by report_id order by line_number
            rows between current row and unbounded following
        ) as numeral_after,
        count(part_numeral) over (partition by report_id) as numbered_parts
    from accepted_parts
),

numbered as (
    select
        *,
        row_number() over (
            partition by report_id, numeral_before, part_numeral is null order by line_number
        ) as position_in_gap,
        count(*) over (
            partition by report_id, numeral_before, part_numeral is null
        ) as headings_in_gap
    from gaps
),

labelled as (
    select
        report_id,
        line_number,
        content_start_offset,
        title,
        case
            when part_numeral is not null then part_numeral
            -- the stripped numbers fill the gap exactly
            when numeral_after is not null and numeral_after - numeral_before - 1 = headings_in_gap
                then numeral_before + position_in_gap
            -- after the last numbered part (or in a report with none): numbering goes on
            when numeral_after is null then numeral_before + position_in_gap
        end as numeral,
        case
            when part_numeral is not null then 'present'
            when
                (numeral_after is not null and numeral_after - numeral_before - 1 = headings_in_gap)
                or numeral_after is null
                then case when line_role = 'part_lost_numeral' then 'partial' else 'missing' end
            else 'none'
        end as marker_status
    from numbered
),

glossary_parts as (
    select
        classified_lines.report_id,
        classified_lines.line_number,
        classified_lines.content_start_offset,
        classified_lines.heading_text as title,
        null::integer as numeral,
        'none' as marker_status,
        true as is_closing_note
    from classified_lines
    inner join glossary_starts
        on
            classified_lines.report_id = glossary_starts.report_id
            and classified_lines.line_number = glossary_starts.glossary_line
),

all_parts as (
    select
        *,
        false as is_closing_note
    from labelled
    union all
    select * from glossary_parts
),

classified_parts as (
    select
        all_parts.*,
        descriptions.report_year,
        descriptions.review_year,
        -- "过去五年的工作" reviews as much as "2022年工作回顾", as "1955年国家决算" (the final
        -- accounts of the year before) does
        regexp_matches(all_parts.title, '回顾|成就|回眸|总结|^过去|决算') as is_review,
        regexp_matches(all_parts.title, '十[一二三四五六七八九]?五|五年') as names_five_year_plan,
        -- the last part before the closing notes (glossary, appendix)
        not all_parts.is_closing_note and row_number() over (
            partition by all_parts.report_id, all_parts.is_closing_note
            order by all_parts.line_number desc
        ) = 1 as is_last_part
    from all_parts
    inner join descriptions on all_parts.report_id = descriptions.report_id
),

kinds as (
    select
        *,
        case
            when is_closing_note and regexp_matches(title, '^附件') then 'appendix'
            when is_closing_note then 'glossary'
            when
                regexp_matches(title, '政府自身建设|自身建设|政府治理效能|政府建设|建设.{0,12}政府$')
                -- a last part about the government is its self-building, unless it sets this
                -- year's work (对今年政府工作的建议, 2019年政府工作的总体思路和目标任务: a page cut
                -- short, or the national form)
                or (
                    is_last_part
                    and strpos(title, '政府') > 0
                    and not is_review
                    and not regexp_matches(title, '(19|20)[0-9]{2}年|今年|明年|目标|任务|建议|安排|部署|要求')
                )
                then 'government_self_building'
            when is_review and (names_five_year_plan or review_year % 5 = 0) then 'five_year_review'
            when is_review then 'review'
            when names_five_year_plan and strpos(title, report_year::varchar || '年') = 0
                then 'five_year_plan'
            when
                bool_or(is_review)
                    over (
                        partition by report_id order by line_number
                        rows between unbounded preceding and 1 preceding
                    )
                or regexp_matches(title, '工作|任务|安排|部署|要求|预算|计划')
                then 'plan'
            else 'other'
        end as kind
    from classified_parts
),

first_parts as (
    select
        report_id,
        min(content_start_offset) as first_part_offset
    from kinds
    group by report_id
),

with_preamble as (
    select
        report_id,
        line_number,
        content_start_offset as start_offset,
        title,
        numeral,
        marker_status,
        kind
    from kinds
    union all
    -- the salutation and opening words before the first part, when there are any
    select
        bounds.report_id,
        bounds.body_start_line as line_number,
        bounds.body_start_offset as start_offset,
        null as title,
        null as numeral,
        'none' as marker_status,
        'preamble' as kind
    from bounds
    left join first_parts on bounds.report_id = first_parts.report_id
    where bounds.body_start_offset < coalesce(first_parts.first_part_offset, bounds.body_end_offset)
),

final as (
    select
        with_preamble.report_id,
        with_preamble.line_number,
        with_preamble.start_offset,
        coalesce(
            lead(with_preamble.start_offset) over (
                partition by with_preamble.report_id order by with_preamble.start_offset
            ),
            bounds.body_end_offset
        ) as end_offset,
        row_number() over (
            partition by with_preamble.report_id order by with_preamble.start_offset
        ) as ordinal,
        with_preamble.numeral,
        with_preamble.marker_status,
        with_preamble.title,
        with_preamble.kind
    from with_preamble
    inner join bounds on with_preamble.report_id = bounds.report_id
)

select * from final
