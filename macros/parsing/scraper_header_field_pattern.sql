{#- A field of the header a scraper or a collection writes above a report ("标题:…",
    "发文时间:2015-01-24", "来源URL:…"): the field's name and its value. Full-width colons are
    ASCII after NFKC. -#}
{% macro scraper_header_field_pattern() -%}
    '^(标题|题目|文章标题|发文单位|发文机关|发布单位|发布机构|来源单位|发文时间|发文日期|发布时间|发布日期|成文日期|日期|时间|报告人|作者|讲话人|会议|备注|说明|来源URL|来源url|原文链接|链接|来源|title|url|source|date)\s*:\s*(.*)$'
{%- endmacro %}
