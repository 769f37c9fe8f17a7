{#- The comparator of a target from the words around its number: a range (4.5%—5%), 左右
    (about), 以上 / 不低于 / 不少于 / 超过 (at least), 以内 / 以下 / 不超过 / 不高于 / 控制在
    (at most), or the bare number (equal). -#}
{% macro goal_comparator(value_high, lead_words, trail_word) -%}
    (
        case
            when {{ value_high }} is not null then 'range'
            when {{ trail_word }} in ('左右', '上下') then 'about'
            when {{ trail_word }} = '以上' then 'at_least'
            when {{ trail_word }} in ('以内', '以下') then 'at_most'
            when regexp_matches({{ lead_words }}, '不低于|不少于') then 'at_least'
            when regexp_matches({{ lead_words }}, '不超过|不高于') then 'at_most'
            when regexp_matches({{ lead_words }}, '超过|高于|突破|迈上|跃上|跨上') then 'at_least'
            when regexp_matches({{ lead_words }}, '低于|控制在') then 'at_most'
            else 'equal'
        end
    )
{%- endmacro %}
