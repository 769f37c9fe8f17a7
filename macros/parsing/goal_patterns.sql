{#- Where a report states its targets: "今年经济社会发展的主要预期目标是:", "奋斗目标是:",
    "主要目标为", "(一)“十五五”发展目标。到2030年,…", "宏观调控目标,定为…" (the 1990s). -#}
{% macro goal_passage_marker_pattern() -%}
    '((主要预期目标|主要目标|预期目标|奋斗目标|发展目标|主要指标)[^,。;]{0,8}(是|为|:|。到20[0-9]{2}年)|调控的?目标,?(定为|确定为|是|为)|(以下|如下)(主要)?目标|' || {{ goal_heading_marker_pattern() }} || ')'
{%- endmacro %}

{#- A heading line that names the targets, with the figures on the lines after it:
    "(一)主要预期目标", "2024年经济社会发展主要预期目标". -#}
{% macro goal_heading_marker_pattern() -%}
    '(主要预期目标|主要目标|预期目标|主要指标)\s*$'
{%- endmacro %}

{#- What a qualitative target is tied to: "与经济增长(保持)基本同步", "和经济发展同步",
    "和劳动生产率提高同步", "高于经济增长水平", "完成市下达任务", "达到国家下达…目标任务",
    "控制在市定目标以内", "控制在合理范围内", "合理回升". -#}
{% macro goal_relation_pattern() -%}
    '((与|和)?(经济增长|经济发展|劳动生产率提高|劳动生产率增长)(保持)?(基本)?同步|与经济增长相协调|(增速)?(高于|快于|跑赢)经济增长(水平|速度)?|(不折不扣)?(完成|达到|实现)((国家|自治区|省|市|县|区|旗|州|盟|上级|政府|委)[和及、]?){0,5}(下达|确定|定)的?[^,;。0-9]{0,8}(任务|目标|指标)|控制在[^,;。0-9]{0,8}(范围内|以内|目标内|区间内)|保持(基本)?稳定|基本持平|(合理|温和)回升)'
{%- endmacro %}

{#- A line of a list of targets: a "——" point, or an indicator and its target after a colon
    ("地区生产总值:增长5.5%左右"; full-width colons are ASCII after NFKC). -#}
{% macro target_list_point_pattern() -%}
    '^(--|——|—|[^,;。:]{2,24}:\s*[^\s:][^:]*$)'
{%- endmacro %}


{#- An aim for an indicator, ending its clause: "经济结构进一步优化", "城乡居民收入稳定增长",
    "国际收支状况继续改善", "国际收支基本平衡", "科技创新取得新进展". Read as a target only in the
    sentence that lists a passage's targets (int_goals_qualitative), where a clause with no
    figure is one. -#}
{% macro goal_aim_pattern() -%}
    '(进一步|继续|持续|稳步|稳定|基本|明显|不断|逐步|较快|合理)?(优化|改善|增强|增长|提高|提升|平衡|好转|增加|下降|减少|降低|取得新进展|取得新突破|稳中有升|稳中有进)$'
{%- endmacro %}
