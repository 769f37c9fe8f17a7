-- One row per term defined in a report's closing glossary (名词解释, 附注, …). An entry starts
-- at a line "N.term:definition" or "term:definition"; lines without a term continue the
-- definition above them. A numbered entry whose colon was lost keeps its first phrase as the
-- term, flagged.
{% set only_new_reports = new_reports_only() -%}

with

parts as (
    select * from {{ ref('int_parts_resolved') }}
    where {{ only_new_reports }}
),

report_lines as (
    select * from {{ ref('int_report_lines_split') }}
    where {{ only_new_reports }}
),

glossary_lines as (
    select
        parts.report_id,
        report_lines.line_number,
        regexp_replace(report_lines.line_clean, '^([0-9]+\s*[.、]|\([0-9]+\))\s*', '') as entry_text,
        regexp_matches(report_lines.line_clean, '^([0-9]+\s*[.、]|\([0-9]+\))') as is_numbered
    from parts
    inner join report_lines
        on
            parts.report_id = report_lines.report_id
            and parts.start_offset < report_lines.start_offset
            and parts.end_offset > report_lines.start_offset
    where parts.kind = 'glossary' and not report_lines.is_blank
),

entry_starts as (
    select
        *,
        regexp_extract(entry_text, '^([^:]{1,40}):(.*)$', ['term', 'definition']) as split_entry
    from glossary_lines
),

grouped as (
    select
        *,
        split_entry.term <> '' or is_numbered as starts_entry,
        -- count(case …): a filtered count(*) over a moving frame costs the square of the lines
        count(case when split_entry.term <> '' or is_numbered then 1 end) over (
            partition by report_id order by line_number rows between unbounded preceding and current row
        ) as entry_number
    from entry_starts
),

entries as (
    select
        report_id,
        entry_number,
        min(line_number) as line_number,
        any_value(
            case
                when split_entry.term <> '' then split_entry.term
                else regexp_extract(entry_text, '^([^,。、;]{1,20})', 1)
            end
        ) filter (where starts_entry) as raw_term,
        bool_or(starts_entry and split_entry.term = '') as is_term_uncertain,
        string_agg(
            case when starts_entry and split_entry.term <> '' then split_entry.definition else entry_text end,
            '' order by line_number
        ) as definition
    from grouped
    where entry_number > 0
    group by report_id, entry_number
),

final as (
    select
        report_id,
        entry_number,
        trim(regexp_replace(raw_term, '[“”"《》「」‘’'']', '', 'g')) as term,
        trim(definition) as definition,
        is_term_uncertain,
        line_number as start_line
    from entries
)

select * from final
