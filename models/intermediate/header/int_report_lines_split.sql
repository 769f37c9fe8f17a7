-- One row per line of each report's normalised text, with its character offsets, so that
-- every later rule can work on lines and still point back into the text.
{% set only_new_reports = new_reports_only() -%}

with

report_files as (
    select * from {{ ref('stg_raw__report_files') }}
    where {{ only_new_reports }}
),

split_texts as (
    select
        report_id,
        string_split(normalized_text, chr(10)) as line_texts
    from report_files
),

numbered_lines as (
    select
        report_id,
        unnest(line_texts) as line_text,
        generate_subscripts(line_texts, 1) as line_number
    from split_texts
),

offset_lines as (
    select
        report_id,
        line_number,
        line_text,
        -- whitespace runs folded to one space, so patterns need not care about indentation
        trim(regexp_replace(line_text, '\s+', ' ', 'g')) as line_clean,
        cast(
            sum(length(line_text) + 1) over (
                partition by report_id order by line_number
                rows between unbounded preceding and current row
            ) - length(line_text) - 1 as bigint
        ) as start_offset
    from numbered_lines
),

final as (
    select
        report_id,
        line_number,
        -- kept only where it differs from line_clean (a fifth of the lines: indented ones), so
        -- that the text is not stored twice; readers take it through the macro line_as_written
        case when line_text <> line_clean then line_text end as line_text,
        line_clean,
        start_offset,
        start_offset + length(line_text) as end_offset,
        -- where the visible text starts and ends inside the line
        start_offset + length(regexp_extract(line_text, '^\s*')) as content_start_offset,
        start_offset + length(line_text) - length(regexp_extract(line_text, '\s*$'))
            as content_end_offset,
        line_clean = '' as is_blank
    from offset_lines
)

select * from final
