-- The report's own title, which may run over several lines ("2023年某某市" / "政府工作报告"),
-- with the region and the year it names: clues for int_reports_located and int_reports_dated.
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

titles as (
    select
        header_lines.report_id,
        string_agg(header_lines.line_compact, '' order by header_lines.line_number) as title_text
    from header_lines
    inner join bounds
        on
            header_lines.report_id = bounds.report_id
            and header_lines.line_number between bounds.title_line and bounds.title_end_line
    group by header_lines.report_id
),

final as (
    select
        report_id,
        title_text,
        {{ region_text_of_title('title_text') }} as title_region_text,
        try_cast(regexp_extract(title_text, '((?:19|20)[0-9]{2})', 1) as integer) as title_year
    from titles
)

select * from final
