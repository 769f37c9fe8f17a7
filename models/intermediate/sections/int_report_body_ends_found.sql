-- Where the report proper ends: at its last line of prose before the trailing site furniture
-- (footers, forum panels, licence notes) and before a second copy of the report on the same
-- page; at the text's last line when no line reads as prose. A closing glossary is body.
{% set only_new_reports = new_reports_only() -%}

with

report_lines as (
    select * from {{ ref('int_report_lines_split') }}
    where {{ only_new_reports }}
),

starts as (
    select * from {{ ref('int_report_body_starts_found') }}
    where {{ only_new_reports }}
),

repeated_copies as (
    select * from {{ ref('int_report_repeated_copies_found') }}
    where {{ only_new_reports }}
),

body_lines as (
    select
        report_lines.report_id,
        report_lines.line_number,
        -- prose closes a sentence and carries a few Chinese characters
        regexp_matches(report_lines.line_clean, '[。!?”"’…]$')
        and length(regexp_replace(report_lines.line_clean, '[^\p{Han}]', '', 'g')) >= 4
            as is_prose,
        regexp_matches(report_lines.line_clean, {{ boilerplate_pattern() }}) as is_boilerplate
    from report_lines
    inner join starts
        on
            report_lines.report_id = starts.report_id
            and report_lines.line_number >= starts.body_start_line
    left join repeated_copies on report_lines.report_id = repeated_copies.report_id
    where report_lines.line_number < coalesce(repeated_copies.repeated_copy_line, 2147483647)
),

trailer_starts as (
    -- the first site-furniture line after which hardly any prose follows opens the trailer;
    -- a stray furniture word inside the body has whole paragraphs after it
    select
        report_id,
        min(line_number) as trailer_line
    from (
        select
            report_id,
            line_number,
            is_boilerplate,
            -- count(case …), not count(*) filter (…): DuckDB counts a filtered count(*) over
            -- a moving frame row by row, the square of a report's lines
            count(case when is_prose then 1 end) over (
                partition by report_id order by line_number
                rows between 1 following and unbounded following
            ) as prose_lines_after
        from body_lines
    ) as counted
    where is_boilerplate and prose_lines_after <= 3
    group by report_id
),

ends as (
    select
        body_lines.report_id,
        max(body_lines.line_number) as body_end_line
    from body_lines
    left join trailer_starts on body_lines.report_id = trailer_starts.report_id
    where
        body_lines.is_prose
        and not body_lines.is_boilerplate
        and body_lines.line_number < coalesce(trailer_starts.trailer_line, 2147483647)
    group by body_lines.report_id
),

last_lines as (
    -- the body starts below any collector's header, so the text's last line is the body's
    select
        report_lines.report_id,
        max(report_lines.line_number) as last_line
    from report_lines
    inner join starts on report_lines.report_id = starts.report_id
    group by report_lines.report_id
),

final as (
    select
        last_lines.report_id,
        coalesce(ends.body_end_line, last_lines.last_line) as body_end_line
    from last_lines
    left join ends on last_lines.report_id = ends.report_id
)

select * from final
