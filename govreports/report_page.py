"""One self-contained HTML page summarising the warehouse: GDP targets against outcomes, and a
table per report. Data is embedded as JSON and drawn as SVG by inline script, so the page needs
no network and no library; the script records how many marks it drew (data attributes on the
chart), which the test reads back from a headless browser.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from loaders.warehouse import connect

_TARGETS_SQL = """
select
    region || ' ' || year as label,
    target_comparator as comparator,
    target_growth_pct as target,
    target_growth_pct_high as target_high,
    actual_growth_pct as actual,
    is_met
from marts.gdp_targets
order by year, region
"""

_REPORTS_SQL = """
select
    reports.region,
    reports.level,
    reports.report_year,
    cast(reports.meeting_date as varchar) as meeting_date,
    coalesce(reports.speaker, '') as speaker,
    (select count(*) from marts.metrics as m where m.report_id = reports.report_id) as metrics,
    (
        select count(*) from marts.goals as g
        where g.report_id = reports.report_id and g.is_headline
    ) as headline_goals,
    len(reports.metadata_flags) as flags
from marts.reports as reports
order by reports.report_year, reports.region
"""

_PAGE = """<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>govreports: targets and outcomes</title>
<style>
body {{ font-family: sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; margin-top: 1em; }}
td, th {{ border: 1px solid #ccc; padding: 4px 8px; text-align: right; }}
td:first-child, th:first-child {{ text-align: left; }}
.legend span {{ margin-right: 1.5em; }}
</style>
</head>
<body>
<h1>Government work reports: GDP growth targets and outcomes</h1>
<p class="legend"><span style="color:#4a7bd0">■ target (range: bar)</span>
<span style="color:#d04a4a">● outcome stated a year later</span></p>
<svg id="gdp-chart" width="760" height="{height}" role="img"
     aria-label="GDP growth targets by region and year"></svg>
<h2>Reports</h2>
<table>
<tr><th>region</th><th>level</th><th>year</th><th>meeting</th><th>speaker</th>
<th>figures</th><th>headline targets</th><th>metadata flags</th></tr>
{rows}
</table>
<script id="chart-data" type="application/json">{data}</script>
<script>
(function () {{
  const data = JSON.parse(document.getElementById('chart-data').textContent);
  const svg = document.getElementById('gdp-chart');
  const ns = 'http://www.w3.org/2000/svg';
  const left = 220, width = 500, rowHeight = 26;
  const maxValue = Math.max(1, ...data.flatMap(d => [d.target_high || d.target, d.actual || 0]));
  const x = v => left + (v / maxValue) * width;
  function add(tag, attrs, text) {{
    const el = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    svg.appendChild(el);
    return el;
  }}
  const axisY = 20 + data.length * rowHeight;
  for (let v = 0; v <= maxValue; v += Math.max(1, Math.ceil(maxValue / 8))) {{
    add('line', {{x1: x(v), x2: x(v), y1: 8, y2: axisY - 8, stroke: '#ddd'}});
    add('text', {{x: x(v) - 8, y: axisY + 4, 'font-size': 11, fill: '#666'}}, v + '%');
  }}
  let targets = 0, outcomes = 0;
  data.forEach((d, i) => {{
    const y = 20 + i * rowHeight;
    add('text', {{x: 4, y: y + 5, 'font-size': 12}}, d.label);
    const high = d.target_high || d.target;
    add('rect', {{class: 'target', x: x(d.target) - 2, y: y - 7,
                 width: Math.max(4, x(high) - x(d.target) + 4), height: 14, fill: '#4a7bd0'}});
    targets += 1;
    if (d.actual !== null) {{
      add('circle', {{class: 'outcome', cx: x(d.actual), cy: y, r: 6, fill: '#d04a4a'}});
      outcomes += 1;
    }}
  }});
  svg.dataset.targetsDrawn = targets;
  svg.dataset.outcomesDrawn = outcomes;
}})();
</script>
</body>
</html>
"""


def render_report_page(warehouse: Path) -> str:
    with connect(warehouse, read_only=True) as con:
        cursor = con.execute(_TARGETS_SQL)
        columns = [d[0] for d in cursor.description]
        targets = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        reports = con.execute(_REPORTS_SQL).fetchall()
    rows = "\n".join(
        "<tr>"
        + "".join(f"<td>{html.escape(str(v if v is not None else ''))}</td>" for v in r)
        + "</tr>"
        for r in reports
    )
    # "</" cannot occur in the JSON of numbers and names, but escape it all the same
    data = json.dumps(targets, ensure_ascii=False).replace("</", "<\\/")
    return _PAGE.format(height=40 + 26 * max(1, len(targets)), rows=rows, data=data)


def write_report_page(warehouse: Path, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report_page(warehouse), encoding="utf-8")
    return out
