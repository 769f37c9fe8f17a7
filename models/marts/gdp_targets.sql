-- The table an analyst opens first: per region and year, the GDP growth target the region set,
-- what it reported a year later, and whether the target was met (int_gdp_targets_chosen says
-- which target counts).
with

gdp_growth as (
    select * from {{ ref('int_gdp_targets_chosen') }}
),

final as (
    select
        region,
        level,
        admin_code,
        current_admin_code,
        target_year as year,
        target_indicator,
        comparator as target_comparator,
        target_value as target_growth_pct,
        target_value_high as target_growth_pct_high,
        actual_value as actual_growth_pct,
        actual_indicator,
        is_actual_estimate,
        gap as gap_pp,
        about_tolerance as about_tolerance_pp,
        is_met,
        has_next_report,
        missing_actual_reason,
        goal_report_id,
        goal_file_name,
        actual_report_id,
        actual_file_name,
        target_quote,
        actual_quote
    from gdp_growth
)

select * from final
