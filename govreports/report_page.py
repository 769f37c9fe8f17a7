"""One self-contained HTML page summarising the warehouse: each government's GDP growth targets
against the outcomes its next report states, every report with its quality grade, and the
reports that give no GDP target with the reason why.

Data is embedded as JSON and drawn as SVG by inline script, so the page needs no network and no
library. The script records what it drew (data attributes on the chart and on each row), which
the browser test reads back from a headless Chromium's DOM. The axis is laid out here, in
Python, so its rules (round ticks, every value inside, a break before far outliers) are plain
functions that can be read and tested without a browser.
"""

from __future__ import annotations

import html
import json
import math
import statistics
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb
import yaml

from loaders.warehouse import connect

from .dbt_build import find_project_dir

# The order governments are listed in: the country first, then down the levels.
LEVEL_ORDER = ("national", "province", "city", "county", "district")


def level_rank_sql(column: str = "level") -> str:
    """SQL for a level's place in LEVEL_ORDER (unknown levels last)."""
    cases = " ".join(f"when '{level}' then {rank}" for rank, level in enumerate(LEVEL_ORDER))
    return f"case {column} {cases} else {len(LEVEL_ORDER)} end"


# The same government across reports and years, as the dbt macro government_key has it.
_GOVERNMENT_SQL = "coalesce(current_admin_code, admin_code, level || ':' || region)"

_TARGETS_SQL = f"""
select
    {_GOVERNMENT_SQL} as government,
    region,
    level,
    year,
    target_comparator as comparator,
    target_growth_pct as target,
    target_growth_pct_high as target_high,
    actual_growth_pct as actual,
    gap_pp as gap,
    is_met,
    has_next_report,
    goal_report_id,
    target_quote,
    actual_quote
from marts.gdp_targets
order by {level_rank_sql()}, region, government, year
"""

# Every report, quarantined ones too: report_quality has them all, marts.reports only those
# that could be placed.
_REPORTS_SQL = f"""
select
    quality.report_id,
    -- a quarantined report may have no region: its file names it
    coalesce(quality.region, quality.file_name) as region,
    coalesce(reports.level, '') as level,
    quality.report_year,
    coalesce(cast(reports.meeting_date as varchar), '') as meeting_date,
    coalesce(reports.speaker, '') as speaker,
    quality.metric_count as figures,
    quality.headline_goal_count as headline_targets,
    quality.grade,
    array_to_string(quality.grade_reasons, ', ') as grade_reasons,
    quality.report_id in (select goal_report_id from marts.gdp_targets) as has_gdp_target
from marts.report_quality as quality
left join marts.reports as reports on quality.report_id = reports.report_id
order by
    {level_rank_sql("reports.level")},
    quality.region nulls last,
    quality.report_year nulls last,
    quality.report_id
"""

# Why a report gives no row to gdp_targets: the first reason that applies, in the order a
# reader would check them (a report that could not be placed, one whose other copy counts, a
# fragment, then what its main-targets passage holds).
_NO_TARGET_SQL = f"""
with

quality as (
    select * from marts.report_quality
),

placed as (
    select
        report_id,
        report_year,
        level,
        {_GOVERNMENT_SQL} as government
    from marts.reports
),

with_target as (
    select distinct goal_report_id as report_id from marts.gdp_targets
),

other_copy as (
    -- another report of the same government and year that gives the target
    select
        placed.report_id,
        min(other_quality.file_name) as other_file_name
    from placed
    inner join placed as other
        on
            placed.government = other.government
            and placed.report_year = other.report_year
            and placed.report_id <> other.report_id
    inner join with_target on other.report_id = with_target.report_id
    inner join quality as other_quality on other.report_id = other_quality.report_id
    group by placed.report_id
),

gdp_goals as (
    select
        goals.report_id,
        bool_or(
            goals.horizon = 'annual' and goals.metric_kind = 'growth_pct'
            and goals.comparator <> 'qualitative'
        ) as has_annual_growth,
        bool_or(coalesce(not outcomes.is_preferred_copy, false)) as is_other_copy,
        bool_or(goals.horizon <> 'annual') as has_later,
        string_agg(
            distinct case when goals.horizon <> 'annual' then goals.target_year end,
            ', '
            order by case when goals.horizon <> 'annual' then goals.target_year end
        ) as later_years,
        bool_or(goals.comparator = 'qualitative') as has_qualitative,
        string_agg(
            distinct case
                when goals.comparator = 'qualitative' then goals.indicator || goals.relation
            end,
            '; '
            order by case
                when goals.comparator = 'qualitative' then goals.indicator || goals.relation
            end
        ) as qualitative_text,
        bool_or(goals.metric_kind = 'level') as has_level
    from marts.goals as goals
    left join marts.goal_outcomes as outcomes on goals.goal_id = outcomes.goal_id
    where goals.is_headline and goals.canonical_indicator = 'gdp'
    group by goals.report_id
),

headline as (
    select
        report_id,
        string_agg(
            distinct coalesce(canonical_indicator, indicator),
            ', '
            order by coalesce(canonical_indicator, indicator)
        ) as indicators
    from marts.goals
    where is_headline
    group by report_id
),

reasons as (
    select
        quality.report_id,
        coalesce(quality.region, quality.file_name) as region,
        coalesce(placed.level, '') as level,
        quality.report_year,
        quality.grade,
        case
            when quality.is_quarantined then 'quarantined'
            when other_copy.report_id is not null or gdp_goals.is_other_copy
                then 'another_copy_counts'
            when quality.is_fragment then 'fragment'
            when quality.headline_goal_count = 0 then 'no_main_targets_passage'
            when gdp_goals.has_later and not gdp_goals.has_annual_growth then 'five_year_only'
            when gdp_goals.has_qualitative and not gdp_goals.has_annual_growth
                then 'qualitative_gdp_only'
            when gdp_goals.has_level and not gdp_goals.has_annual_growth then 'gdp_level_only'
            when gdp_goals.report_id is null then 'no_gdp_in_main_targets'
            else 'undetermined'
        end as reason,
        case
            when quality.is_quarantined
                then 'quarantined: ' || array_to_string(quality.quarantine_reasons, ', ')
            when other_copy.report_id is not null
                then 'another copy of this report (same government and year) gives the target: '
                || other_copy.other_file_name
            when gdp_goals.is_other_copy
                then 'its GDP target is not used: another copy of this report (same government'
                || ' and year) counts, the better graded one, and that copy sets none for the year'
            when quality.is_fragment
                then 'a fragment, not the whole report: '
                || array_to_string(
                    list_filter(
                        quality.grade_reasons,
                        r -> r in ('body_fragment', 'collector_summary', 'report_opening_missing')
                    ),
                    ', '
                )
            when quality.headline_goal_count = 0 then 'no main-targets passage found'
            when gdp_goals.has_later and not gdp_goals.has_annual_growth
                then 'only five-year or multi-year GDP targets (to ' || gdp_goals.later_years || ')'
            when gdp_goals.has_qualitative and not gdp_goals.has_annual_growth
                then 'a qualitative GDP aim only: ' || gdp_goals.qualitative_text
            when gdp_goals.has_level and not gdp_goals.has_annual_growth
                then 'a GDP level target only, no growth rate'
            when gdp_goals.report_id is null
                then 'the main targets name no GDP growth: ' || coalesce(headline.indicators, '')
            else 'not determined'
        end as detail
    from quality
    left join placed on quality.report_id = placed.report_id
    left join other_copy on quality.report_id = other_copy.report_id
    left join gdp_goals on quality.report_id = gdp_goals.report_id
    left join headline on quality.report_id = headline.report_id
    where quality.report_id not in (select report_id from with_target)
)

select * from reasons
order by
    {level_rank_sql()}, region, report_year nulls last, report_id
"""

# What each reason code of _NO_TARGET_SQL says in the table.
REASON_LABELS = {
    "quarantined": "quarantined",
    "another_copy_counts": "another copy counts",
    "fragment": "fragment",
    "no_main_targets_passage": "no main-targets passage",
    "five_year_only": "five-year targets only",
    "qualitative_gdp_only": "qualitative GDP aim only",
    "gdp_level_only": "GDP level target only",
    "no_gdp_in_main_targets": "no GDP among the main targets",
    "undetermined": "not determined",
}

# Axis layout: values beyond this many times the typical target are far outliers (65.5 %
# where 8 % was meant, a misread figure) and go past a break, so they stay visible without
# squeezing every other row into a few pixels.
OUTLIER_FACTOR = 3.0
# Share of the plot width the main (unbroken) stretch of the axis takes when there is a break.
CORE_SHARE = 0.86
# Share left blank between the main stretch and an outlier stretch, where the break is drawn.
BREAK_GAP = 0.03


def nice_step(span: float, ticks: int = 10) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving about ``ticks`` ticks."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def nice_floor(value: float, step: float) -> float:
    return math.floor(value / step + 1e-9) * step


def nice_ceil(value: float, step: float) -> float:
    return math.ceil(value / step - 1e-9) * step


def _stretch(lo: float, hi: float) -> tuple[float, float, float]:
    """Round ends around [lo, hi] and the tick step between them."""
    step = nice_step(hi - lo)
    low, high = nice_floor(lo, step), nice_ceil(hi, step)
    # a stretch of one value (all zero) still needs a width to map onto
    return low, max(high, low + step), step


def _ticks(lo: float, hi: float, step: float) -> list[float]:
    count = round((hi - lo) / step)
    # rounded so 0.1 * 3 prints as 0.3, not 0.30000000000000004
    return [round(lo + i * step, 10) for i in range(count + 1)]


def axis_layout(values: Sequence[float], typical: float) -> dict[str, Any]:
    """Where values go along the plot: segments mapping [v0, v1] to fractions [p0, p1] of the
    width, with round ticks. Every value falls inside a segment. Zero is always on the axis (a
    growth rate reads against it); values beyond OUTLIER_FACTOR times ``typical`` on either
    side get a stretch of their own past a break."""
    limit = OUTLIER_FACTOR * max(abs(typical), 1.0)
    core = [v for v in values if -limit <= v <= limit] or [0.0]
    lo, hi, step = _stretch(min(0.0, *core), max(0.0, *core))
    below = [v for v in values if v < lo]
    above = [v for v in values if v > hi]
    low_share = (1 - CORE_SHARE) / 2 if below else 0.0
    high_share = (1 - CORE_SHARE) / 2 if above else 0.0
    if below and not above:
        low_share = 1 - CORE_SHARE
    if above and not below:
        high_share = 1 - CORE_SHARE
    segments: list[dict[str, float]] = []
    ticks: list[float] = []
    breaks: list[float] = []
    core_p0 = low_share
    core_p1 = 1 - high_share
    if below:
        outer_lo, _, _ = _stretch(min(below), lo)
        segments.append({"v0": outer_lo, "v1": lo, "p0": 0.0, "p1": low_share - BREAK_GAP})
        ticks.append(outer_lo)
        breaks.append(low_share - BREAK_GAP / 2)
    segments.append({"v0": lo, "v1": hi, "p0": core_p0, "p1": core_p1})
    ticks.extend(_ticks(lo, hi, step))
    if above:
        _, outer_hi, _ = _stretch(hi, max(above))
        segments.append({"v0": hi, "v1": outer_hi, "p0": core_p1 + BREAK_GAP, "p1": 1.0})
        ticks.append(outer_hi)
        breaks.append(core_p1 + BREAK_GAP / 2)
    return {
        "min": segments[0]["v0"],
        "max": segments[-1]["v1"],
        "segments": segments,
        "ticks": ticks,
        "breaks": breaks,
    }


def drawn_values(row: dict[str, Any], tolerance: float | None) -> list[float]:
    """The values a row's marks reach: target, upper bound, about band, outcome."""
    values = [row["target"]]
    if row["target_high"] is not None:
        values.append(row["target_high"])
    if row["comparator"] == "about" and tolerance is not None:
        values += [row["target"] - tolerance, row["target"] + tolerance]
    if row["actual"] is not None:
        values.append(row["actual"])
    return values


def about_tolerance_pp(project_dir: Path | None = None) -> float | None:
    """The shortfall a 左右 (about) target allows and still counts as met, from the dbt vars
    goal_outcomes uses; None when no dbt project is at hand (the page then says so)."""
    try:
        project = (project_dir or find_project_dir()) / "dbt_project.yml"
        config = yaml.safe_load(project.read_text(encoding="utf-8"))
    except (FileNotFoundError, yaml.YAMLError):
        return None
    value = (config.get("vars") or {}).get("about_tolerance_pp")
    return float(value) if isinstance(value, int | float) else None


def _dicts(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cursor = con.execute(sql)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _cell(value: object, attrs: str = "") -> str:
    text = "" if value is None else str(value)
    return f"<td{attrs}>{html.escape(text)}</td>"


def _attr(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def reports_rows(reports: Iterable[dict[str, Any]]) -> str:
    return "\n".join(
        f'<tr data-report-id="{_attr(r["report_id"])}" data-grade="{_attr(r["grade"])}">'
        + _cell(r["region"])
        + _cell(r["level"])
        + _cell(r["report_year"])
        + _cell(r["grade"], f' class="grade grade-{_attr(r["grade"])}"')
        + _cell(r["grade_reasons"], ' class="reasons"')
        + _cell(r["meeting_date"])
        + _cell(r["speaker"])
        + _cell(r["figures"])
        + _cell(r["headline_targets"])
        + _cell("yes" if r["has_gdp_target"] else "no")
        + "</tr>"
        for r in reports
    )


def no_target_rows(rows: Iterable[dict[str, Any]]) -> str:
    return "\n".join(
        f'<tr data-report-id="{_attr(r["report_id"])}" data-reason="{_attr(r["reason"])}">'
        + _cell(r["region"])
        + _cell(r["level"])
        + _cell(r["report_year"])
        + _cell(r["grade"], f' class="grade grade-{_attr(r["grade"])}"')
        + _cell(REASON_LABELS.get(r["reason"], r["reason"]), ' class="reason"')
        + _cell(r["detail"], ' class="reasons"')
        + "</tr>"
        for r in rows
    )


def chart_data(targets: list[dict[str, Any]], tolerance: float | None) -> dict[str, Any]:
    values = [v for row in targets for v in drawn_values(row, tolerance)]
    typical = statistics.median([row["target"] for row in targets]) if targets else 1.0
    return {
        "rows": targets,
        "tolerance": tolerance,
        "axis": axis_layout(values, typical),
    }


def _tolerance_note(tolerance: float | None) -> str:
    if tolerance is None:
        return "the tolerance is the dbt var about_tolerance_pp (no dbt_project.yml found)"
    return f"met down to {tolerance:g} pp below (dbt var about_tolerance_pp)"


def render_report_page(warehouse: Path, project_dir: Path | None = None) -> str:
    with connect(warehouse, read_only=True) as con:
        targets = _dicts(con, _TARGETS_SQL)
        reports = _dicts(con, _REPORTS_SQL)
        no_target = _dicts(con, _NO_TARGET_SQL)
    tolerance = about_tolerance_pp(project_dir)
    # "</" would end the script element early; a quote may hold it, so escape it
    data = json.dumps(chart_data(targets, tolerance), ensure_ascii=False).replace("</", "<\\/")
    governments = len({row["government"] for row in targets})
    return (
        _PAGE.replace("{tolerance_note}", html.escape(_tolerance_note(tolerance)))
        .replace("{target_count}", str(len(targets)))
        .replace("{government_count}", str(governments))
        .replace("{report_count}", str(len(reports)))
        .replace("{no_target_count}", str(len(no_target)))
        .replace("{report_rows}", reports_rows(reports))
        .replace("{no_target_rows}", no_target_rows(no_target))
        .replace("{data}", data)
    )


def write_report_page(warehouse: Path, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report_page(warehouse), encoding="utf-8")
    return out


# Placeholders are replaced by name ({data} last, as the data may hold braces), so the CSS and
# script braces need no doubling.
_PAGE = """<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>govreports: GDP targets and outcomes</title>
<style>
body { font-family: sans-serif; margin: 1.5em 2em; color: #222; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
.lede { color: #555; margin-top: 0; }
#gdp-chart { width: 100%; height: auto; display: block; }
.legend { display: flex; flex-wrap: wrap; gap: 0.4em 1.6em; font-size: 0.9em; margin: 0.8em 0; }
.legend span { display: inline-flex; align-items: center; gap: 0.4em; }
table { border-collapse: collapse; margin-top: 0.6em; width: 100%; font-size: 0.9em; }
td, th { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.reasons { color: #555; font-size: 0.9em; }
td.grade { font-weight: bold; text-align: center; }
.grade-A { background: #e4f4e4; } .grade-B { background: #eef4d8; }
.grade-C { background: #fbeccf; } .grade-D { background: #f8d8d8; }
</style>
</head>
<body>
<h1>Government work reports: GDP growth targets and outcomes</h1>
<p class="lede">{target_count} GDP growth targets of {government_count} governments, grouped by
government (country, provinces, cities, counties, districts) with their years in order. Each
row is the target a report set for its year; the dot is the growth the next year's report
states for that year.</p>
<div class="legend">
<span><svg width="44" height="16"><rect x="8" y="2" width="28" height="12" fill="#3b6fc4"
 fill-opacity="0.22"/><rect x="20.5" y="1" width="3" height="14" fill="#3b6fc4"/></svg>
 左右 about: target ± band, {tolerance_note}</span>
<span><svg width="44" height="16"><rect x="6" y="1" width="3" height="14" fill="#3b6fc4"/>
<line x1="8" y1="8" x2="34" y2="8" stroke="#3b6fc4" stroke-width="2"/>
<polygon points="40,8 32,3 32,13" fill="#3b6fc4"/></svg> 以上 at least</span>
<span><svg width="44" height="16"><rect x="35" y="1" width="3" height="14" fill="#3b6fc4"/>
<line x1="10" y1="8" x2="36" y2="8" stroke="#3b6fc4" stroke-width="2"/>
<polygon points="4,8 12,3 12,13" fill="#3b6fc4"/></svg> 以内 at most</span>
<span><svg width="44" height="16"><rect x="6" y="3" width="32" height="10" rx="2"
 fill="#3b6fc4"/></svg> range (low to high)</span>
<span><svg width="44" height="16"><polygon points="22,1 29,8 22,15 15,8" fill="#3b6fc4"/>
</svg> bare number (equal)</span>
<span><svg width="16" height="16"><circle cx="8" cy="8" r="6" fill="#2a9d4a"/></svg>
 outcome, met</span>
<span><svg width="16" height="16"><circle cx="8" cy="8" r="6" fill="#d0453a"/></svg>
 outcome, not met</span>
<span><span style="color:#777">no dot</span> no outcome yet (the status on the right says
 why: the next report is not loaded, or states no figure)</span>
<span><svg width="24" height="16"><line x1="8" y1="14" x2="12" y2="2" stroke="#666"/>
<line x1="12" y1="14" x2="16" y2="2" stroke="#666"/></svg> axis break: far values
 (often misread figures) on a scale of their own</span>
</div>
<svg id="gdp-chart" width="100%" viewBox="0 0 1440 100" preserveAspectRatio="xMinYMin meet"
     role="img" aria-label="GDP growth targets and outcomes by government and year"></svg>

<h2>Reports without a GDP target ({no_target_count})</h2>
<p class="lede">Reports that give no row above, and the first reason that applies.</p>
<table id="no-gdp-target">
<tr><th>region</th><th>level</th><th>year</th><th>grade</th><th>reason</th><th>detail</th></tr>
{no_target_rows}
</table>

<h2>Reports ({report_count})</h2>
<p class="lede">Every loaded report with its quality grade (marts.report_quality): A nothing
to report, B minor (repaired or inferred), C major (figures or targets likely missing or
misread), D severe (cannot be placed or read as a whole).</p>
<table id="reports">
<tr><th>region</th><th>level</th><th>year</th><th>grade</th><th>grade reasons</th>
<th>meeting</th><th>speaker</th><th>figures</th><th>headline targets</th><th>GDP target</th></tr>
{report_rows}
</table>
<script id="chart-data" type="application/json">{data}</script>
<script>
(function () {
  const data = JSON.parse(document.getElementById('chart-data').textContent);
  const svg = document.getElementById('gdp-chart');
  const ns = 'http://www.w3.org/2000/svg';
  const W = 1440, labelRight = 215, plotLeft = 245, plotRight = 1070, statusLeft = 1110;
  const rowH = 22, top = 34, arrow = 26;
  const blue = '#3b6fc4', green = '#2a9d4a', red = '#d0453a', grey = '#999';
  const axis = data.axis, tol = data.tolerance;
  let xMin = Infinity, xMax = -Infinity;
  // every mark goes through px(), so the extremes it records are what was drawn
  function px(x) { xMin = Math.min(xMin, x); xMax = Math.max(xMax, x); return x; }
  function x(v) {
    const s = axis.segments.find(s => v >= s.v0 && v <= s.v1) ||
      (v < axis.min ? axis.segments[0] : axis.segments[axis.segments.length - 1]);
    const f = s.p0 + (s.p1 - s.p0) * (s.v1 === s.v0 ? 0 : (v - s.v0) / (s.v1 - s.v0));
    return plotLeft + f * (plotRight - plotLeft);
  }
  function add(parent, tag, attrs, text) {
    const el = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    parent.appendChild(el);
    return el;
  }
  const fmt = v => (Math.round(v * 100) / 100).toString();
  const grid = add(svg, 'g', {class: 'grid'});
  const body = add(svg, 'g', {class: 'rows'});
  let y = top;
  let targets = 0, outcomes = 0, met = 0, notMet = 0, noOutcome = 0, governments = 0;
  const comparators = {};
  let current = null;
  data.rows.forEach((d, i) => {
    const first = d.government !== current;
    if (first) {
      current = d.government;
      governments += 1;
      // a rule between governments; the name stands on the first row of its years
      if (i > 0) add(body, 'line', {x1: 0, x2: W, y1: y + 3, y2: y + 3, stroke: '#b8c2d6'});
      y += 6;
    }
    const cy = y + rowH / 2;
    const status = d.actual === null ? 'no-outcome' :
      d.is_met === true ? 'met' : d.is_met === false ? 'not-met' : 'unjudged';
    const row = add(body, 'g', {class: 'row', 'data-government': d.government,
      'data-year': d.year, 'data-comparator': d.comparator, 'data-status': status});
    add(row, 'title', {}, d.region + ' ' + d.year + ': ' + (d.target_quote || '') +
        (d.actual_quote ? '  →  ' + d.actual_quote : ''));
    if (first) {
      const name = add(row, 'text', {class: 'government-name', x: 6, y: cy + 5,
                                     'font-size': 14, 'font-weight': 'bold'}, d.region);
      add(name, 'tspan', {'font-size': 11, 'font-weight': 'normal', fill: '#666'},
          '  ' + d.level);
    }
    add(row, 'text', {x: labelRight, y: cy + 4, 'font-size': 12, 'text-anchor': 'end'}, d.year);
    const mark = add(row, 'g', {class: 'target ' + d.comparator.replace('_', '-')});
    const t = x(d.target);
    const tick = () => add(mark, 'rect', {x: px(t - 1.5), y: cy - 8, width: 3, height: 16,
                                          fill: blue});
    if (d.comparator === 'about') {
      if (tol !== null) {
        const b0 = x(d.target - tol), b1 = x(d.target + tol);
        add(mark, 'rect', {x: px(b0), y: cy - 6, width: px(b1) - b0, height: 12, fill: blue,
                           'fill-opacity': 0.22});
      }
      tick();
    } else if (d.comparator === 'at_least' || d.comparator === 'at_most') {
      const dir = d.comparator === 'at_least' ? 1 : -1;
      const end = t + dir * arrow;
      tick();
      add(mark, 'line', {x1: px(t), y1: cy, x2: px(end - dir * 6), y2: cy, stroke: blue,
                         'stroke-width': 2});
      add(mark, 'polygon', {points: px(end) + ',' + cy + ' ' + px(end - dir * 8) + ',' +
                            (cy - 5) + ' ' + (end - dir * 8) + ',' + (cy + 5), fill: blue});
    } else if (d.comparator === 'range') {
      const t1 = x(d.target_high);
      add(mark, 'rect', {x: px(t), y: cy - 5, width: Math.max(3, px(t1) - t), height: 10,
                         rx: 2, fill: blue});
    } else {
      add(mark, 'polygon', {points: t + ',' + (cy - 7) + ' ' + px(t + 7) + ',' + cy + ' ' +
                            t + ',' + (cy + 7) + ' ' + px(t - 7) + ',' + cy, fill: blue});
    }
    targets += 1;
    comparators[d.comparator] = (comparators[d.comparator] || 0) + 1;
    const target = d.comparator === 'range' ? fmt(d.target) + '–' + fmt(d.target_high) + '%' :
      fmt(d.target) + '%';
    let text;
    if (d.actual !== null) {
      const fill = status === 'met' ? green : status === 'not-met' ? red : grey;
      add(row, 'circle', {class: 'outcome ' + status, cx: px(x(d.actual)), cy: cy, r: 5.5,
                          fill: fill, stroke: '#fff', 'stroke-width': 1});
      outcomes += 1;
      if (status === 'met') met += 1;
      if (status === 'not-met') notMet += 1;
      const gap = d.gap === null ? '' : ' (' + (d.gap >= 0 ? '+' : '') + fmt(d.gap) + ' pp)';
      text = (status === 'met' ? '✓ met' : status === 'not-met' ? '✗ not met' : 'outcome') +
        ': ' + fmt(d.actual) + '%' + gap;
    } else {
      noOutcome += 1;
      text = 'no outcome yet: ' + (d.has_next_report ? 'next report states none' :
                                   'next report not loaded');
    }
    add(row, 'text', {class: 'status ' + status, x: statusLeft, y: cy + 4, 'font-size': 12,
                      fill: status === 'met' ? green : status === 'not-met' ? red : '#777'},
        target + ' → ' + text);
    y += rowH;
  });
  const bottom = y + 6;
  // grid and ticks last, now that the height is known; drawn under the rows
  for (const v of axis.ticks) {
    const gx = x(v);
    add(grid, 'line', {x1: gx, x2: gx, y1: top - 4, y2: bottom,
                       stroke: v === 0 ? '#888' : '#e2e2e2', 'stroke-width': v === 0 ? 1.2 : 1});
    add(grid, 'text', {x: gx, y: top - 10, 'font-size': 11, fill: '#666',
                       'text-anchor': 'middle'}, fmt(v) + '%');
    add(grid, 'text', {x: gx, y: bottom + 14, 'font-size': 11, fill: '#666',
                       'text-anchor': 'middle'}, fmt(v) + '%');
  }
  for (const b of axis.breaks) {
    const bx = plotLeft + b * (plotRight - plotLeft);
    add(grid, 'rect', {x: bx - 5, y: top - 4, width: 10, height: bottom - top + 4, fill: '#fff'});
    for (const yy of [top - 4, bottom - 12]) {
      add(grid, 'line', {x1: bx - 5, y1: yy + 14, x2: bx - 1, y2: yy, stroke: '#666'});
      add(grid, 'line', {x1: bx + 1, y1: yy + 14, x2: bx + 5, y2: yy, stroke: '#666'});
    }
  }
  add(grid, 'text', {x: 6, y: top - 10, 'font-size': 11, fill: '#666'}, 'GDP growth, %');
  const height = bottom + 22;
  svg.setAttribute('viewBox', '0 0 ' + W + ' ' + height);
  svg.dataset.viewWidth = W;
  svg.dataset.viewHeight = height;
  svg.dataset.targetsDrawn = targets;
  svg.dataset.outcomesDrawn = outcomes;
  svg.dataset.metDrawn = met;
  svg.dataset.notMetDrawn = notMet;
  svg.dataset.noOutcomeDrawn = noOutcome;
  svg.dataset.governmentsDrawn = governments;
  svg.dataset.comparatorsDrawn = JSON.stringify(comparators);
  svg.dataset.axisMin = axis.min;
  svg.dataset.axisMax = axis.max;
  svg.dataset.markXMin = data.rows.length ? xMin : plotLeft;
  svg.dataset.markXMax = data.rows.length ? xMax : plotLeft;
})();
</script>
</body>
</html>
"""
