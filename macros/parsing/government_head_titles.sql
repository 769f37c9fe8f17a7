{#- Titles of the head of a people's government, longest first so 自治区主席 wins over 主席.
    One list for the speaker line and for the truncated-title repair. -#}
{% macro government_head_titles() -%}
    (?:自治区主席|省长|市长|县长|区长|旗长|州长|盟长|主席|总理|镇长|乡长)
{%- endmacro %}


{#- A speaker line: whatever precedes the title (交口县人民政府), the title, and the name
    ("交口县人民政府县长李刚", spaces removed): groups prefix, title, name. -#}
{% macro speaker_line_pattern() -%}
    '^(.*?)((?:代理|代)?{{ government_head_titles() }}):?([\p{Han}·]{2,12})?$'
{%- endmacro %}


{#- A speaker's title as reports give it: 自治区主席 is the region's 主席 (the level says which
    region), every other title as written. -#}
{% macro speaker_title(title_expr) -%}
    regexp_replace({{ title_expr }}, '自治区主席$', '主席')
{%- endmacro %}
