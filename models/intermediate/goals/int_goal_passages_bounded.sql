-- The passages of a report that state its main targets: from a marker such as
-- "今年经济社会发展的主要预期目标是:" to the end of its paragraph (or of the next paragraph,
-- when the targets follow on their own line), and, for targets written as a list of points
-- ("——地区生产总值增长6%左右;" or "地区生产总值:增长6%左右", a line each), the points that
-- follow; under a heading that names them ("(一)主要预期目标"), the lines with figures that
-- follow it, up to the next numbered or figureless line. int_goal_passages_found dates them.
{% set only_new_reports = new_reports_only() -%}

with

report_lines as (
    select * replace ({{ line_as_written() }} as line_text)
    from {{ ref('int_report_lines_split') }}
    where {{ only_new_reports }}
),

parts as (
    select * from {{ ref('int_parts_resolved') }}
    where {{ only_new_reports }}
),

descriptions as (
    select * from {{ ref('int_reports_dated') }}
    where {{ only_new_reports }}
),

lines_of_parts as (
    {{ spans_by_line(
        "(select report_id, start_offset, end_offset, kind, title from parts"
        ~ " where kind in ('plan', 'five_year_plan', 'other', 'preamble', 'review', 'five_year_review'))",
        'report_lines'
    ) }}
),

-- each line of a part with what the runs need, and no text: the windows below sort every
-- line of every report, and the text would make that the size of the corpus
flagged_lines as (
    select
        report_lines.report_id,
        report_lines.line_number,
        report_lines.start_offset,
        report_lines.end_offset,
        parts.kind as part_kind,
        parts.title as part_title,
        parts.start_offset as part_start_offset,
        regexp_matches(report_lines.line_text, {{ goal_passage_marker_pattern() }}) as is_marker,
        regexp_matches(report_lines.line_clean, {{ target_list_point_pattern() }}) as is_list_point,
        regexp_matches(report_lines.line_clean, '[0-9]')
        and not regexp_matches(report_lines.line_clean, {{ part_marker_pattern() }})
        and not regexp_matches(report_lines.line_clean, {{ item_marker_pattern() }})
        and not regexp_matches(report_lines.line_clean, {{ shi_item_pattern() }})
        -- "2024年主要预期目标", "2020年…主要预期目标是:" head the figures, they are none of them
        and not regexp_matches(
            report_lines.line_clean, '(' || {{ goal_passage_marker_pattern() }} || ')[^0-9]*$'
        ) as is_figure_line
    from report_lines
    inner join lines_of_parts as parts
        on
            report_lines.report_id = parts.report_id
            and report_lines.line_number = parts.covered_line_number
            and report_lines.start_offset >= parts.start_offset
            and report_lines.start_offset < parts.end_offset
    where not report_lines.is_blank
),

point_runs as (
    -- consecutive points form one list; consecutive lines with figures one run, which shares
    -- its number with the line before it (the heading that names them)
    select
        *,
        lead(end_offset) over by_line as next_line_end_offset,
        lead(is_list_point) over by_line as next_line_is_list_point,
        lag(line_number) over by_line as previous_line_number,
        sum(case when is_list_point then 0 else 1 end) over by_line as point_run,
        sum(case when is_figure_line then 0 else 1 end) over by_line as figure_run
    from flagged_lines
    window by_line as (partition by report_id order by line_number)
),

markers as (
    -- in a plan part; elsewhere (a summary with no parts, a plan heading the tree missed) only
    -- where the lead-in or the line before names this year ("2022年经济社会发展主要预期目标:",
    -- "今年政府工作的总体要求是:…" / "经济社会发展的主要预期目标是:"), so a review's account of
    -- last year's targets is none
    select
        point_runs.*,
        marker_lines.line_text,
        marker_lines.line_clean,
        regexp_extract(marker_lines.line_text, {{ goal_passage_marker_pattern() }}) as marker_text
    from point_runs
    inner join report_lines as marker_lines
        on point_runs.report_id = marker_lines.report_id and point_runs.line_number = marker_lines.line_number
    left join report_lines as previous_lines
        on
            point_runs.report_id = previous_lines.report_id
            and point_runs.previous_line_number = previous_lines.line_number
    inner join descriptions on point_runs.report_id = descriptions.report_id
    where
        point_runs.is_marker
        and (
            point_runs.part_kind in ('plan', 'five_year_plan', 'other')
            or regexp_matches(
                regexp_extract(marker_lines.line_text, '^(.*?)' || {{ goal_passage_marker_pattern() }}, 1),
                '(今年|明年|' || descriptions.report_year::varchar || '年)[^。]{0,40}$'
            )
            or regexp_matches(
                coalesce(previous_lines.line_clean, ''),
                '^(今年|明年|' || descriptions.report_year::varchar || '年)'
            )
        )
),

located_markers as (
    select
        *,
        regexp_matches(substr(line_text, strpos(line_text, marker_text)), '[0-9]') as has_figure_after_marker,
        -- "二、2024年…总体要求" / "和主要预期目标" heads a paragraph that names the targets
        -- itself ("…今年全区经济社会发展的主要预期目标是:…"): that marker states them
        max(line_number) over (partition by report_id, figure_run) > line_number as has_later_marker_in_run
    from markers
),

-- where each run ends: the last list point of a run of points, the last line with figures of
-- a run of figure lines
point_run_ends as (
    select
        report_id,
        point_run,
        max(end_offset) as end_offset
    from point_runs
    where is_list_point
    group by report_id, point_run
),

figure_run_ends as (
    select
        report_id,
        figure_run,
        max(end_offset) as end_offset
    from point_runs
    where is_figure_line
    group by report_id, figure_run
),

final as (
    select
        markers.report_id,
        markers.line_number,
        markers.part_start_offset,
        markers.part_kind,
        markers.part_title,
        -- what stands before the marker, and a little after: the lead-in that dates the passage
        substr(markers.line_text, 1, strpos(markers.line_text, markers.marker_text) + 12) as lead_in,
        strpos(markers.line_text, markers.marker_text) as marker_position,
        markers.line_text,
        markers.start_offset + strpos(markers.line_text, markers.marker_text) - 1 as passage_start_offset,
        case
            -- "…实现以下主要目标。" and a list of points follows (the points after a line share
            -- its run number)
            when markers.next_line_is_list_point and not markers.has_figure_after_marker
                then point_run_ends.end_offset
            -- "…主要预期目标是:" ends the line, or "(一)主要预期目标" heads the lines: the
            -- targets stand on the lines with figures that follow
            when not markers.has_figure_after_marker
                then coalesce(figure_run_ends.end_offset, markers.next_line_end_offset)
            when markers.is_list_point then point_run_ends.end_offset
            else markers.end_offset
        end as passage_end_offset
    from located_markers as markers
    left join point_run_ends
        on markers.report_id = point_run_ends.report_id and markers.point_run = point_run_ends.point_run
    left join figure_run_ends
        on markers.report_id = figure_run_ends.report_id and markers.figure_run = figure_run_ends.figure_run
    where
        markers.has_figure_after_marker
        or coalesce(markers.next_line_is_list_point, false)
        or not markers.has_later_marker_in_run
)

select * from final
