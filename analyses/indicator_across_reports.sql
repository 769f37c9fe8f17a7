-- One canonical indicator in every report: its levels and growths by region and year. A
-- government renamed over the years (富阳市, then 富阳区) keeps one current_admin_code, so its
-- years sort together.
-- DuckDB CLI:  set variable indicator = 'gdp';  .read analyses/indicator_across_reports.sql
select
    reports.region,
    reports.level,
    reports.current_admin_code,
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
order by
    coalesce(reports.current_admin_code, reports.region),
    metrics.year,
    metrics.metric_kind,
    metrics.start_offset
