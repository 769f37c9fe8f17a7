-- One canonical indicator in every report: its levels and growths by region and year.
-- DuckDB CLI:  set variable indicator = 'gdp';  .read analyses/indicator_across_reports.sql
select
    reports.region,
    reports.level,
    metrics.year,
    metrics.metric_kind,
    metrics.value,
    metrics.unit,
    metrics.value_normalized,
    metrics.normalized_unit,
    metrics.quote
from marts.metrics as metrics
inner join marts.reports as reports on metrics.report_id = reports.report_id
where metrics.canonical_indicator = getvariable('indicator')
order by reports.region, metrics.year, metrics.metric_kind, metrics.start_offset
