-- All targets one region set, headline first, with the clause each comes from.
-- DuckDB CLI:  set variable region = '交口县';  .read analyses/targets_of_a_region.sql
select
    reports.region,
    goals.target_year,
    goals.horizon,
    goals.is_headline,
    goals.indicator,
    goals.canonical_indicator,
    goals.comparator,
    goals.value,
    goals.value_high,
    goals.unit,
    goals.relation,
    goals.quote
from marts.goals as goals
inner join marts.reports as reports on goals.report_id = reports.report_id
where reports.region = getvariable('region')
order by goals.target_year asc, goals.is_headline desc, goals.start_offset asc
