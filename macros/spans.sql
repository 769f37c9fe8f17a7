{#- Spans of a report's normalised text ([start_offset, end_offset), 0-based characters:
    sections, passages, damage) and what lies inside them.

    A join on a range ("the figure lies inside the section") compares every figure with every
    span of its report, and substr() on the whole text counts characters from its start for
    every span: either way a report with many sections cost the square of its length. These
    macros use an ASOF join instead (a sorted merge: for each row, the nearest span that
    starts at or before it), or line numbers, which turn the range into an equality. -#}


{#- Every row of `spans` (report_id, start_offset, end_offset and any other column) once for
    each line it touches, numbered `covered_line_number`. -#}
{% macro spans_by_line(spans, report_lines) -%}
    select
        spans_to_cover.*,
        -- a span that starts before the first line given starts at line 0; one that ends
        -- before it has no lines
        unnest(range(
            coalesce(first_lines.line_number, 0), coalesce(last_lines.line_number, -1) + 1
        )) as covered_line_number
    from {{ spans }} as spans_to_cover
    asof left join {{ report_lines }} as first_lines
        on
            spans_to_cover.report_id = first_lines.report_id
            and spans_to_cover.start_offset >= first_lines.start_offset
    asof left join {{ report_lines }} as last_lines
        on
            spans_to_cover.report_id = last_lines.report_id
            and greatest(spans_to_cover.end_offset - 1, spans_to_cover.start_offset)
            >= last_lines.start_offset
{%- endmacro %}


{#- The text of each distinct span (report_id, start_offset, end_offset) of `spans`, put
    together from its lines: one row per span, with `span_text`. -#}
{% macro span_texts(spans, report_lines) -%}
    select
        covered.report_id,
        covered.start_offset,
        covered.end_offset,
        substr(
            -- each line with its line break: a span may end just after one
            string_agg(span_lines.line_text || chr(10), '' order by span_lines.line_number),
            (covered.start_offset - min(span_lines.start_offset) + 1)::bigint,
            greatest(covered.end_offset - covered.start_offset, 0)::bigint
        ) as span_text
    from (
        {{ spans_by_line(
            "(select distinct report_id, start_offset, end_offset from " ~ spans ~ ")",
            report_lines
        ) }}
    ) as covered
    inner join {{ report_lines }} as span_lines
        on
            covered.report_id = span_lines.report_id
            and covered.covered_line_number = span_lines.line_number
    group by covered.report_id, covered.start_offset, covered.end_offset
{%- endmacro %}


{#- Every row of `points` with `section_id`: the deepest section of `sections` (an item,
    depth 2, else the part, depth 1) that holds its `offset_column`; rows outside every
    section are left out. Sections of one depth never overlap, so the nearest that starts at or
    before the point is the only one that can hold it. -#}
{% macro in_deepest_section(points, sections, offset_column='start_offset') -%}
    select
        points_to_place.*,
        coalesce(
            case when points_to_place.{{ offset_column }} < items.end_offset then items.section_id end,
            case when points_to_place.{{ offset_column }} < parts.end_offset then parts.section_id end
        ) as section_id
    from {{ points }} as points_to_place
    asof left join (
        select report_id, section_id, start_offset, end_offset from {{ sections }} where depth = 2
    ) as items
        on
            points_to_place.report_id = items.report_id
            and points_to_place.{{ offset_column }} >= items.start_offset
    asof left join (
        select report_id, section_id, start_offset, end_offset from {{ sections }} where depth = 1
    ) as parts
        on
            points_to_place.report_id = parts.report_id
            and points_to_place.{{ offset_column }} >= parts.start_offset
    where
        points_to_place.{{ offset_column }} < items.end_offset
        or points_to_place.{{ offset_column }} < parts.end_offset
{%- endmacro %}


{#- Every row of `spans` with `is_overlapping`: whether any span of `others` (report_id,
    start_offset, end_offset: damage, repaired stretches) overlaps [check_start_offset,
    check_end_offset). Of the others that start before the span ends, the furthest any
    reaches is a running maximum; the span overlaps one if that reach passes its start. -#}
{% macro with_overlap(spans, others) -%}
    select
        spans_to_check.*,
        coalesce(reach.reach_end_offset > spans_to_check.check_start_offset, false) as is_overlapping
    from {{ spans }} as spans_to_check
    asof left join (
        select
            report_id,
            start_offset,
            max(end_offset) over (
                partition by report_id
                order by start_offset
                range between unbounded preceding and current row
            ) as reach_end_offset
        from {{ others }}
    ) as reach
        on
            spans_to_check.report_id = reach.report_id
            and spans_to_check.check_end_offset > reach.start_offset
{%- endmacro %}


{#- The non-blank lines of report bodies, where damage is searched: the lines of `report_lines`
    between the body_start_line and body_end_line of the report's row in `bounds`. -#}
{% macro body_lines(report_lines, bounds) -%}
    select
        body_text_lines.report_id,
        body_text_lines.line_number,
        body_text_lines.line_text,
        body_text_lines.start_offset,
        body_text_lines.content_start_offset
    from {{ report_lines }} as body_text_lines
    inner join {{ bounds }} as body_bounds
        on
            body_text_lines.report_id = body_bounds.report_id
            and body_text_lines.line_number between body_bounds.body_start_line and body_bounds.body_end_line
    where not body_text_lines.is_blank
{%- endmacro %}
