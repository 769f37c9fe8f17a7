{#- Whether `next_line` is the second half of the heading on `line`, split in two by a line
    break ("二、2024年经济社会发展的总体要求" / "和主要预期目标"): both lines are short and
    unpunctuated, the second opens no section of its own, and the break falls at a joint of
    the phrase (the second line starts with 和/与/及/暨/并, or the first ends with 的/和/与/及).
    A break anywhere else cannot be told from a heading followed by a short line, so it is
    left alone. -#}
{% macro continues_heading(line, next_line) -%}
    coalesce(
        regexp_matches({{ line }}, {{ part_marker_pattern() }} || '|' || {{ item_marker_pattern() }})
        and length({{ line }}) <= 40
        and length({{ next_line }}) between 1 and 20
        and not regexp_matches({{ line }}, '[。:,;!?]')
        and not regexp_matches({{ next_line }}, '[。:,;!?、]')
        and not regexp_matches({{ next_line }}, {{ part_marker_pattern() }} || '|' || {{ item_marker_pattern() }} || '|' || {{ shi_item_pattern() }} || '|^[()0-9]')
        and (regexp_matches({{ next_line }}, '^(和|与|及|暨|并)') or regexp_matches({{ line }}, '(的|和|与|及)$')),
        false
    )
{%- endmacro %}
