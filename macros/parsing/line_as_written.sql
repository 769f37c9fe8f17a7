{#- A line of int_report_lines_split as it stands in the normalised text. The model keeps
    `line_text` only where it differs from `line_clean` (whitespace folded and trimmed): four
    lines in five are clean as written, and storing them twice cost as much as the text.
    Every reader of the lines takes it with `select * replace ({{ line_as_written() }} as
    line_text)`. -#}
{% macro line_as_written(line_text='line_text', line_clean='line_clean') -%}
    coalesce({{ line_text }}, {{ line_clean }})
{%- endmacro %}
