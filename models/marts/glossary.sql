-- One row per term defined in a report's closing glossary, as int_glossary_entries_read reads
-- them, for the reports the marts publish.
{% set only_new_reports = new_reports_only() -%}

with

entries as (
    select * from {{ ref('int_glossary_entries_read') }}
    where {{ only_new_reports }}
),

placed_reports as (
    -- a quarantined report has no glossary in the marts (int_reports_placed)
    select report_id from {{ ref('reports') }}
    where {{ only_new_reports }}
),

final as (
    select
        left(md5(entries.report_id || ':' || entries.entry_number::varchar), 16) as glossary_entry_id,
        entries.report_id,
        entries.entry_number::integer as entry_number,
        entries.term,
        entries.definition,
        entries.is_term_uncertain,
        entries.start_line::integer as start_line
    from entries
    inner join placed_reports on entries.report_id = placed_reports.report_id
)

select * from final
