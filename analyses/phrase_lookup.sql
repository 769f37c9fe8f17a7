-- Where a phrase occurs in any report body, with region, year and the words around it.
-- DuckDB CLI:  set variable phrase = '乡村振兴';  then  .read analyses/phrase_lookup.sql
with

split_bodies as (
    select
        reports.region,
        reports.report_year,
        reports.file_name,
        string_split(reports.body_text, getvariable('phrase')) as pieces
    from marts.reports as reports
    where strpos(reports.body_text, getvariable('phrase')) > 0
),

occurrences as (
    -- the phrase stands between each piece and the next
    select
        split_bodies.*,
        unnest(generate_series(1, len(split_bodies.pieces) - 1)) as occurrence
    from split_bodies
)

select
    region,
    report_year,
    file_name,
    occurrence,
    right(pieces[occurrence], 20) || '【' || getvariable('phrase') || '】'
    || left(pieces[occurrence + 1], 20) as context
from occurrences
order by report_year, region, occurrence
