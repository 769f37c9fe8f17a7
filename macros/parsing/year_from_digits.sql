{#- A year written in Arabic digits (1958) or in Chinese ones (一九五八, 二〇二三, 二0一九); null
    for anything else. -#}
{% macro year_from_digits(expr) -%}
    try_cast(
        case
            when regexp_full_match({{ expr }}, '(19|20)[0-9]{2}|[一二][〇○零O0一二三四五六七八九]{3}')
                then translate({{ expr }}, '〇○零O一二三四五六七八九', '0000123456789')
        end
        as integer
    )
{%- endmacro %}
