{#- Value of a small Chinese numeral (一 … 九十九) or of ASCII digits; null otherwise.
    Used for ordinals in headings and congress names (第十四届, 十四五), never on prose. -#}
{% macro chinese_small_number(expr) -%}
    {#- the financial numerals (壹、贰、叁 before a part's title) count as the plain ones -#}
    {%- set expr = "translate(" ~ expr ~ ", '壹贰叁肆伍陆柒捌玖拾', '一二三四五六七八九十')" -%}
    (
        case
            when {{ expr }} is null then null
            when regexp_full_match({{ expr }}, '[0-9]+') then try_cast({{ expr }} as integer)
            when not regexp_full_match({{ expr }}, '[一二三四五六七八九]?十?[一二三四五六七八九]?')
                or {{ expr }} = ''
                then null
            when strpos({{ expr }}, '十') = 0
                then strpos('一二三四五六七八九', {{ expr }})
            else
                coalesce(
                    nullif(strpos('一二三四五六七八九', nullif(split_part({{ expr }}, '十', 1), '')), 0),
                    1
                ) * 10
                + coalesce(
                    strpos('一二三四五六七八九', nullif(split_part({{ expr }}, '十', 2), '')), 0
                )
        end
    )
{%- endmacro %}
