{#- A date whose 年/月/日 were stripped by a scraper: year digits, then 2 to 4 digits of month
    and day ("2023" + "223"). Arabic digits are assumed never dropped, so three digits have at
    most two readings (2-23 or 22-3); the date is returned only when exactly one is a real
    date, otherwise null (the caller flags it instead of guessing). -#}
{% macro fused_digits_to_date(year_expr, digits_expr) -%}
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
                    when
                        (try_strptime({{ year_expr }} || '-' || {{ digits_expr }}[1] || '-'
                            || {{ digits_expr }}[2:3], '%Y-%m-%d') is null)
                        <> (try_strptime({{ year_expr }} || '-' || {{ digits_expr }}[1:2] || '-'
                            || {{ digits_expr }}[3], '%Y-%m-%d') is null)
                        then coalesce(
                            try_strptime({{ year_expr }} || '-' || {{ digits_expr }}[1] || '-'
                                || {{ digits_expr }}[2:3], '%Y-%m-%d'),
                            try_strptime({{ year_expr }} || '-' || {{ digits_expr }}[1:2] || '-'
                                || {{ digits_expr }}[3], '%Y-%m-%d')
                        )::date
                end
            )
        end
    )
{%- endmacro %}
