{#- A date whose 年/月/日 were stripped by a scraper: year digits, then 2 to 4 digits of month
    and day ("2023" + "223"). Arabic digits are assumed never dropped, so three digits have at
    most two readings (2-23 or 12-3: a month of 1-9, or one of 10-12). When both are real
    dates, `reviews_its_own_year` decides: a congress that meets in the months after the year
    its report reviews (the usual January-March) takes the early reading, one that meets late
    in the year it reviews (for next year's report) the late one; unknown (null), the date
    is null and the caller flags it instead of guessing. -#}
{% macro fused_digits_to_date(year_expr, digits_expr, reviews_its_own_year='null') -%}
    {%- set early_reading -%}
        try_strptime({{ year_expr }} || '-' || {{ digits_expr }}[1] || '-' || {{ digits_expr }}[2:3], '%Y-%m-%d')
    {%- endset -%}
    {%- set late_reading -%}
        try_strptime({{ year_expr }} || '-' || {{ digits_expr }}[1:2] || '-' || {{ digits_expr }}[3], '%Y-%m-%d')
    {%- endset -%}
    (
        case length({{ digits_expr }})
            when 2 then try_strptime(
                {{ year_expr }} || '-' || {{ digits_expr }}[1] || '-' || {{ digits_expr }}[2],
                '%Y-%m-%d'
            )::date
            when 4 then try_strptime(
                {{ year_expr }} || '-' || {{ digits_expr }}[1:2] || '-' || {{ digits_expr }}[3:4],
                '%Y-%m-%d'
            )::date
            when 3 then (
                case
                    when ({{ early_reading }} is null) <> ({{ late_reading }} is null)
                        then coalesce({{ early_reading }}, {{ late_reading }})::date
                    when {{ reviews_its_own_year }} then {{ late_reading }}::date
                    when not {{ reviews_its_own_year }} then {{ early_reading }}::date
                end
            )
        end
    )
{%- endmacro %}
