-- The dateline ("——2023年3月30日在交口县第十一届人民代表大会第四次会议上") made whole, with the
-- region and congress it names. A dateline broken over two lines ("…人民代表大会" /
-- "次会议上") is joined again; one that names only the congress takes the date standing alone
-- on a header line ("——在保定市第十二届人民代表大会第五次会议上" … "(2007年1月30日)"). Its
-- date and year are read in int_report_meeting_dates_read.
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

date_lines as (
    -- "(2007年1月30日)" on a line of its own
    select
        report_id,
        min_by(line_compact, line_number) as line_compact
    from header_lines
    where regexp_matches(line_compact, {{ bracketed_date_pattern() }})
    group by report_id
),

datelines as (
    select
        header_lines.report_id,
        header_lines.line_compact
        || case
            when
                strpos(header_lines.line_compact, '会议') = 0
                and regexp_matches(coalesce(header_lines.next_line_compact, ''), '会议|人民代表大会')
                then header_lines.next_line_compact
            else ''
        end
        || case
            when not regexp_matches(header_lines.line_compact, '(19|20)[0-9]{2}|[一二][〇○零O0一二三四五六七八九]{3}年')
                then coalesce(date_lines.line_compact, '')
            else ''
        end as dateline_text
    from header_lines
    inner join bounds
        on
            header_lines.report_id = bounds.report_id
            and header_lines.line_number = bounds.dateline_line
    left join date_lines on header_lines.report_id = date_lines.report_id
),

final as (
    select
        report_id,
        dateline_text,
        {{ region_text_of_dateline('dateline_text') }} as dateline_region_text,
        nullif(regexp_extract(
            dateline_text,
            '在(.*?第[一二三四五六七八九十]+届.*?人民代表大会第[一二三四五六七八九十]+次会议)',
            1
        ), '') as congress
    from datelines
)

select * from final
