{#- How a region is named in a report's header lines. One place for the dateline, the title
    and a collector's header title, which may carry either. -#}

{#- "——2023年3月30日在交口县第十一届人民代表大会第四次会议上" → 交口县; any dateline before a
    national congress → 中国. -#}
{% macro region_text_of_dateline(expr) -%}
    (
        case
            when strpos({{ expr }}, '全国人民代表大会') > 0 then '中国'
            else nullif(coalesce(
                nullif(regexp_extract({{ expr }}, '在(.+?)第[一二三四五六七八九十0-9]+届', 1), ''),
                regexp_extract({{ expr }}, '在(.+?)(?:第|人民代表大会)', 1)
            ), '')
        end
    )
{%- endmacro %}

{#- "高阳县2012年政府工作报告" → 高阳县, "2018年河北省政府工作报告" → 河北省; a title that carries its
    dateline ("政府工作报告——2015年1月24日在保定市第十四届…") is read as one. -#}
{% macro region_text_of_title(expr) -%}
    (
        case
            when regexp_matches({{ expr }}, '在.+人民代表大会') then {{ region_text_of_dateline(expr) }}
            else nullif(
                regexp_replace(
                    {{ expr }},
                    '((19|20)[0-9]{2}年?度?|政府工作报告|人民政府|关于|《|》|\(?节选\)?|\(?全文\)?|\(?摘要\)?|^资料:)',
                    '',
                    'g'
                ),
                ''
            )
        end
    )
{%- endmacro %}

{#- The national government speaking: 我代表国务院 (since 1955), 代表中央人民政府 (1954), 受国务院的
    委托 or 根据国务院的决定 (1959-1980), or a report addressed to a National People's Congress. -#}
{% macro national_speaker_pattern() -%}
    '我代表国务院|代表中央人民政府|受(中共中央和)?国务院的委托|根据国务院的决定|向第[一二三四五六七八九十]+届全国人民代表大会'
{%- endmacro %}
