{#- Where a report states its targets: "今年经济社会发展的主要预期目标是:", "奋斗目标是:",
    "主要目标为", "(一)“十五五”发展目标。到2030年,…", "宏观调控目标,定为…" (the 1990s). -#}
{% macro goal_passage_marker_pattern() -%}
    '((主要预期目标|主要目标|预期目标|奋斗目标|发展目标|主要指标)[^,。;]{0,8}(是|为|:|。到20[0-9]{2}年)|调控目标,?(定为|确定为|是|为)|(以下|如下)(主要)?目标)'
{%- endmacro %}

{#- What a qualitative target is tied to: "与经济增长(保持)基本同步", "高于经济增长水平",
    "完成市下达任务", "控制在市定目标以内", "控制在合理范围内", "合理回升". -#}
{% macro goal_relation_pattern() -%}
    '((与|和)?经济增长(保持)?(基本)?同步|与经济增长相协调|(增速)?(高于|快于|跑赢)经济增长(水平|速度)?|(不折不扣)?完成((国家|自治区|省|市|县|区|旗|州|盟|上级|政府|委)[和及、]?){0,5}(下达|确定|定)的?[^,;。0-9]{0,8}(任务|目标|指标)|控制在[^,;。0-9]{0,8}(范围内|以内|目标内|区间内)|保持(基本)?稳定|基本持平|(合理|温和)回升)'
{%- endmacro %}

{#- A line of a list of targets: a "——" point, or an indicator and its target after a colon
    ("地区生产总值:增长5.5%左右"; full-width colons are ASCII after NFKC). -#}
{% macro target_list_point_pattern() -%}
    '^(--|——|—|[^,;。:]{2,24}:\s*[^\s:][^:]*$)'
{%- endmacro %}
