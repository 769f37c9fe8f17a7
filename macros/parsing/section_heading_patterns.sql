{#- The shapes of heading lines, one place for every rule that reads the section tree.
    All apply to `line_clean` (normalised text, so full-width brackets are already ASCII). -#}

{#- "一、2022年工作回顾", "二. …", "第三部分 …", "壹、…": a numbered part. -#}
{% macro part_marker_pattern() -%}
    '^第?([一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾]+)(?:\s*[、.,]|部分\s*[、.,:]?)\s*(.+)$'
{%- endmacro %}

{#- The number in front of a part's title, if any ("一、", "第一部分 ", "壹、"): the start of a
    pattern that goes on with the title (one capturing group). -#}
{% macro part_number_prefix_pattern() -%}
    '^(第?[一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾]+(?:\s*[、.,]|部分\s*[、.,:]?)\s*)?'
{%- endmacro %}

{#- Titles a part carries even when its number was stripped: a review, a year's work or its
    targets (2020年县政府工作总体要求和主要预期目标), the five-year plan, the government's
    self-building. Matched on short standalone lines only (a colon may close them: "2015年工作
    安排:"). The plan's name is the shared one (macros/rules/five_year_plans.sql); the
    concatenation folds to one constant pattern. -#}
{% macro unnumbered_part_pattern() -%}
    '(回顾|^((19|20)[0-9]{2}年|今年)的?(主要|重点)?(工作|任务)(安排|部署|要求|任务|总体要求|总体部署)?$|^((19|20)[0-9]{2}年|今年).{0,12}(总体要求|主要预期目标|主要目标|目标任务)$|^(对|关于).{0,16}(政府)?工作的?建议$|^"?“?' || govreports_five_year_plan_name() || '”?"?时期.{0,20}(目标|任务)|政府自身建设$)'
{%- endmacro %}

{#- 名词解释 / 名 词 解 释 / 附注 / 《政府工作报告》相关注释 / 附件: the closing notes. -#}
{% macro glossary_heading_pattern() -%}
    '^(名词解释|名词注释|附注|注释|《?政府工作报告》?(相关)?(注释|名词解释|说明)|附件[0-9一二三]?)[::]?$'
{%- endmacro %}

{#- "(一)…": a numbered item. -#}
{% macro item_marker_pattern() -%}
    '^\(([一二三四五六七八九十]+)\)\s*(.*)$'
{%- endmacro %}

{#- "一是…": an item of the second level written as an enumeration at the start of a line. -#}
{% macro shi_item_pattern() -%}
    '^([一二三四五六七八九十]+)是[,:]?\s*(.+)$'
{%- endmacro %}
