{#- Chinese numeral for 1 … 99 (一, 十, 十一, 二十三): the label of a heading whose marker was
    lost, inferred from its position. The inverse of chinese_small_number. -#}
{% macro chinese_numeral(number_expr) -%}
    (
        case
            when {{ number_expr }} between 1 and 9
                then substr('一二三四五六七八九', {{ number_expr }}, 1)
            when {{ number_expr }} between 10 and 99
                then
                    case when {{ number_expr }} >= 20
                        then substr('一二三四五六七八九', {{ number_expr }} // 10, 1) else '' end
                    || '十'
                    || case when {{ number_expr }} % 10 > 0
                        then substr('一二三四五六七八九', {{ number_expr }} % 10, 1) else '' end
        end
    )
{%- endmacro %}
