-- GDP growth targets against the growth each region's next report states, by region and year.
-- DuckDB CLI:  .read analyses/gdp_targets_vs_outcomes.sql
select
    region,
    year,
    target_comparator,
    target_growth_pct,
    target_growth_pct_high,
    actual_growth_pct,
    gap_pp,
    is_met
from marts.gdp_targets
order by region, year
