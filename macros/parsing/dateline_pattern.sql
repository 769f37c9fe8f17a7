{#- A dateline: "——2023年3月30日在…会议上", "(2026年1月27日在…)", "--2015年…", "——二〇二三年一月…",
    fused digits ("——2023223在…"), the ?? a scraper left of the dashes, or no date at all
    ("——在保定市第十二届人民代表大会第五次会议上", the date on a line of its own). Marked by a
    bracket or dashes, a year with 在 a few characters on is enough; unmarked, the line must go on
    to name the congress ("2026年3月6日在高阳县第十八届人民代表大会第六次会议上"), since prose may
    open the same way ("2014年,在省委、省政府…"). The date itself is read in
    int_reports_described. -#}
{% macro dateline_pattern() -%}
    {%- set year -%}((19|20)[0-9]{2}|[一二][〇○零O0一二三四五六七八九]{3}年){%- endset -%}
    '^(?:[(\[【〔]\s*[-—―–?]*|[-—―–?]+)\s*(?:{{ year }}[^在]{0,12}在|在.{1,30}(?:人民代表大会|人大).{0,20}会议)|^\s*{{ year }}[^在]{0,12}在.{0,40}(?:会议|大会|人大)|^\s*在.{1,30}(?:人民代表大会|人大).{0,20}会议上.{0,12}$'
{%- endmacro %}

{#- A date standing alone on a line, in brackets or not ("(2007年1月30日)"): the date of a
    dateline that names only the congress. -#}
{% macro bracketed_date_pattern() -%}
    '^[(\[【〔]?\s*((?:19|20)[0-9]{2}|[一二][〇○零O0一二三四五六七八九]{3})年([0-9]{1,2}|[一二三四五六七八九十]{1,2})月([0-9]{1,2}|[一二三四五六七八九十]{1,3})日\s*[)\]】〕]?$'
{%- endmacro %}
