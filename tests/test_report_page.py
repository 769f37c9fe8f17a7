"""The HTML page (`govreports report`): its axis rules, and what a browser draws of it."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from govreports.report_page import (
    _NO_TARGET_SQL,
    LEVEL_ORDER,
    REASON_LABELS,
    about_tolerance_pp,
    axis_layout,
    render_report_page,
    write_report_page,
)

from .conftest import REPO

# HTML elements without an end tag: the tree builder must not wait for one
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element] = field(default_factory=list)
    text: str = ""

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [
            e
            for e in self.walk()
            if (tag is None or e.tag == tag)
            and (cls is None or cls in e.attrs.get("class", "").split())
        ]

    def by_id(self, ident: str) -> Element:
        (found,) = [e for e in self.walk() if e.attrs.get("id") == ident]
        return found

    def all_text(self) -> str:
        return self.text + "".join(child.all_text() for child in self.children)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].text += data


def parse(page: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(page)
    return builder.root


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def rendered_dom(page: Path, tmp_path: Path) -> str:
    """The page's DOM after its script ran, as headless Chromium dumps it."""
    profile = tmp_path / "chromium-profile"
    return subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=5000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout


# ---- the axis, without a browser ------------------------------------------------------------


def _position(axis: dict, value: float) -> float:
    (segment,) = [s for s in axis["segments"] if s["v0"] <= value <= s["v1"]][:1]
    share = (value - segment["v0"]) / (segment["v1"] - segment["v0"])
    return segment["p0"] + share * (segment["p1"] - segment["p0"])


@pytest.mark.parametrize(
    "values",
    [
        [9.0, 8.5, 7.0, 7.5],  # 9 % was drawn past the edge of the old page
        [6.5, 6.0, 3.9, -6.8, 2.3],  # 2020: outcomes below zero
        [8.0, 7.5, 65.5, 300.0, 44.0],  # misread outcomes far above the targets
        [-40.0, 5.0, 6.0],  # a far negative value
        [0.0],
    ],
)
def test_axis_fits_every_value_with_round_ticks(values):
    axis = axis_layout(values, typical=7.0)
    assert axis["min"] <= min(values) and axis["max"] >= max(values)
    assert axis["min"] <= 0 <= axis["max"]
    positions = [_position(axis, v) for v in sorted(set(values))]
    assert all(0 <= p <= 1 for p in positions)
    # the scale keeps order: no two values share a place, none is clamped to an edge
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert axis["ticks"] == sorted(axis["ticks"])
    assert all(abs(t * 2 - round(t * 2)) < 1e-9 for t in axis["ticks"]), axis["ticks"]
    segments = axis["segments"]
    assert all(a["v1"] == b["v0"] and a["p1"] < b["p0"] for a, b in itertools.pairwise(segments))
    assert len(axis["breaks"]) == len(segments) - 1


def test_axis_breaks_only_for_far_values():
    assert axis_layout([9.0, 7.0, 13.4], typical=7.0)["breaks"] == []
    broken = axis_layout([9.0, 7.0, 300.0], typical=7.0)
    assert len(broken["breaks"]) == 1
    # the main stretch keeps most of the width for the targets
    main = broken["segments"][0]
    assert main["v1"] < 300 and main["p1"] - main["p0"] > 0.8


def test_about_tolerance_comes_from_the_dbt_vars():
    config = yaml.safe_load((REPO / "dbt_project.yml").read_text(encoding="utf-8"))
    assert about_tolerance_pp(REPO) == float(config["vars"]["about_tolerance_pp"])
    assert about_tolerance_pp(REPO / "no-such-project") is None


# ---- a warehouse of the cases the samples lack ----------------------------------------------

COMPARATORS = ("about", "at_least", "at_most", "range", "equal")

# Only the columns the page reads, with the marts' names and types: the rows the 13 samples do
# not give. Targets are inserted out of year order on purpose.
_EDGE_MARTS = """
create schema marts;
create table marts.gdp_targets as select * from (values
    ('甲市', 'city', '110100', '110100', 2021, 'about', 6.0, null, 5.7, -0.3, true, true, 'r21'),
    ('甲市', 'city', '110100', '110100', 2019, 'at_least', 6.5, null, -2.1, -8.6, false, true,
     'r19'),
    ('甲市', 'city', '110100', '110100', 2020, 'at_most', 3.0, null, 2.0, -1.0, true, true, 'r20'),
    ('甲市', 'city', '110100', '110100', 2023, 'equal', 9.0, null, 300.0, 291.0, true, true,
     'r23'),
    ('甲市', 'city', '110100', '110100', 2022, 'range', 5.0, 5.5, null, null, null, false, 'r22'),
    ('乙省', 'province', '130000', '130000', 2020, 'about', 6.5, null, 3.9, -2.6, false, true,
     'p20'),
    ('乙省', 'province', '130000', '130000', 2018, 'equal', 7.0, null, null, null, null, true,
     'p18'),
    ('中国', 'national', null, null, 2015, 'about', 7.0, null, 6.9, -0.1, true, true, 'n15')
) as t(region, level, admin_code, current_admin_code, year, target_comparator,
       target_growth_pct, target_growth_pct_high, actual_growth_pct, gap_pp, is_met,
       has_next_report, goal_report_id);
alter table marts.gdp_targets alter target_growth_pct type double;
alter table marts.gdp_targets alter target_growth_pct_high type double;
alter table marts.gdp_targets alter actual_growth_pct type double;
alter table marts.gdp_targets alter gap_pp type double;
alter table marts.gdp_targets add column target_quote varchar;
alter table marts.gdp_targets add column actual_quote varchar;
update marts.gdp_targets set target_quote = '地区生产总值增长</script>', actual_quote = null;

create table marts.reports as select * from (values
    ('r19', '甲市', 'city', '110100', '110100', 2019),
    ('r20', '甲市', 'city', '110100', '110100', 2020),
    ('r21', '甲市', 'city', '110100', '110100', 2021),
    ('r21b', '甲市', 'city', '110100', '110100', 2021),
    ('r22', '甲市', 'city', '110100', '110100', 2022),
    ('r23', '甲市', 'city', '110100', '110100', 2023),
    ('p18', '乙省', 'province', '130000', '130000', 2018),
    ('p20', '乙省', 'province', '130000', '130000', 2020),
    ('n15', '中国', 'national', null, null, 2015),
    ('frag', '乙省', 'province', '130000', '130000', 2010),
    ('nopass', '乙省', 'province', '130000', '130000', 2011),
    ('fiveyear', '乙省', 'province', '130000', '130000', 2012),
    ('qual', '乙省', 'province', '130000', '130000', 2013),
    ('level', '乙省', 'province', '130000', '130000', 2014),
    ('nogdp', '乙省', 'province', '130000', '130000', 2016)
) as t(report_id, region, level, admin_code, current_admin_code, report_year);
alter table marts.reports add column meeting_date date;
alter table marts.reports add column speaker varchar;

create table marts.report_quality as
select
    report_id, region, report_id || '.txt' as file_name, report_year,
    case report_id when 'frag' then 'D' when 'r21b' then 'C' else 'A' end as grade,
    case report_id
        when 'frag' then ['body_fragment', 'no_headline_goals']
        when 'r21b' then ['report_year_disputed'] else [] end::varchar[] as grade_reasons,
    false as is_quarantined, []::varchar[] as quarantine_reasons,
    report_id = 'frag' as is_fragment,
    case when report_id in ('frag', 'nopass') then 0 else 5 end as headline_goal_count,
    10 as metric_count
from marts.reports
union all
select 'quarantined', null, 'nameless.txt', null, 'D', ['region_unresolved'],
    true, ['region_unresolved'], false, 3, 4;

create table marts.goals as select * from (values
    ('g1', 'fiveyear', true, 'gdp', 'five_year', 'growth_pct', 'about', 2015, '生产总值', null),
    ('g2', 'qual', true, 'gdp', 'annual', 'growth_pct', 'qualitative', 2013, '经济增长',
     '保持合理区间'),
    ('g3', 'level', true, 'gdp', 'annual', 'level', 'at_least', 2014, '生产总值', null),
    ('g4', 'nogdp', true, 'cpi', 'annual', 'rate_pct', 'about', 2016, '居民消费价格', null),
    ('g5', 'r21b', true, 'gdp', 'annual', 'growth_pct', 'about', 2021, '生产总值', null)
) as t(goal_id, report_id, is_headline, canonical_indicator, horizon, metric_kind,
       comparator, target_year, indicator, relation);

create table marts.goal_outcomes as
select goal_id, report_id <> 'r21b' as is_preferred_copy from marts.goals;
"""


@pytest.fixture(scope="module")
def edge_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import duckdb

    path = tmp_path_factory.mktemp("edge") / "edge.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(_EDGE_MARTS)
    return path


# ---- the page of the sample warehouse -------------------------------------------------------


def test_report_page_is_self_contained(built_warehouse, tmp_path):
    page = write_report_page(built_warehouse, tmp_path / "report.html").read_text("utf-8")
    assert "<svg" in page and "chart-data" in page
    # nothing is fetched: no external script, style or image
    assert not re.search(r"""(src|href)=["']https?:""", page)
    chart = parse(page).by_id("gdp-chart")
    # the full width of the window, scaled through its viewBox
    assert chart.attrs["width"] == "100%" and chart.attrs["viewbox"].startswith("0 0 ")
    data = json.loads(parse(page).by_id("chart-data").text)
    assert data["tolerance"] == about_tolerance_pp(REPO)


def test_report_page_escapes_script_ends(built_warehouse):
    page = render_report_page(built_warehouse)
    data = page.split('<script id="chart-data" type="application/json">', 1)[1]
    assert "</" not in data.split("</script>", 1)[0]


def _gdp_targets(con) -> list[dict]:
    cursor = con.execute(
        """
        select
            coalesce(current_admin_code, admin_code, level || ':' || region) as government,
            region, level, year, target_comparator, target_growth_pct,
            target_growth_pct_high, actual_growth_pct, is_met
        from marts.gdp_targets
        """
    )
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)]


def _check_inside_view(chart: Element, width: float, height: float) -> None:
    """Every coordinate of every shape lies inside the viewBox."""
    for element in chart.walk():
        a = element.attrs
        xs = [float(a[k]) for k in ("x", "x1", "x2", "cx") if k in a]
        ys = [float(a[k]) for k in ("y", "y1", "y2", "cy") if k in a]
        if element.tag == "rect":
            xs.append(float(a["x"]) + float(a["width"]))
            ys.append(float(a["y"]) + float(a["height"]))
            assert float(a["width"]) >= 0, a
        if element.tag == "circle":
            xs += [float(a["cx"]) - float(a["r"]), float(a["cx"]) + float(a["r"])]
        if "points" in a:
            points = _numbers(a["points"])
            xs += points[0::2]
            ys += points[1::2]
        assert all(0 <= x <= width for x in xs), (element.tag, a)
        assert all(0 <= y <= height for y in ys), (element.tag, a)


def _mark_signature(mark: Element) -> tuple[str, ...]:
    """The shapes a target mark is made of, in order: what tells comparators apart."""
    return tuple(_shape(e) for e in mark.walk() if e is not mark)


def _shape(element: Element) -> str:
    a = element.attrs
    if element.tag == "rect":
        return "band" if float(a["width"]) > 3 else "tick"
    if element.tag == "line":
        # an arrow's shaft: which way it points tells at least from at most
        return "shaft-right" if float(a["x2"]) > float(a["x1"]) else "shaft-left"
    return element.tag


def _status(row: dict) -> str:
    if row["actual_growth_pct"] is None:
        return "no-outcome"
    return {True: "met", False: "not-met"}.get(row["is_met"], "unjudged")


def check_chart(dom: Element, targets: list[dict]) -> None:
    """The chart as drawn against the rows of marts.gdp_targets."""
    chart = dom.by_id("gdp-chart")
    drawn = chart.attrs
    assert targets, "the warehouse has GDP targets"

    # every target is drawn, every outcome too, and the counts the script kept agree
    assert int(drawn["data-targets-drawn"]) == len(targets)
    outcomes = [t for t in targets if t["actual_growth_pct"] is not None]
    assert int(drawn["data-outcomes-drawn"]) == len(outcomes)
    assert len(chart.find_all("circle", "outcome")) == len(outcomes)

    # rows grouped by government, years ascending, governments down the levels
    rows = chart.find_all("g", "row")
    order = [(r.attrs["data-government"], int(r.attrs["data-year"])) for r in rows]
    by_key = {(t["government"], t["year"]): t for t in targets}
    assert sorted(order) == sorted(by_key)
    runs = [g for i, (g, _) in enumerate(order) if i == 0 or order[i - 1][0] != g]
    assert len(runs) == len(set(runs)), "a government's rows are not together"
    assert int(drawn["data-governments-drawn"]) == len(runs)
    for (g1, y1), (g2, y2) in itertools.pairwise(order):
        assert g1 != g2 or y1 < y2, f"{g1}: {y1} before {y2}"
    levels = [LEVEL_ORDER.index(by_key[key]["level"]) for key in order]
    assert levels == sorted(levels)
    # each government's name stands once, on the first row of its years
    for i, (row, (government, _)) in enumerate(zip(rows, order, strict=True)):
        names = [e.all_text() for e in row.find_all("text", "government-name")]
        if i == 0 or order[i - 1][0] != government:
            (name,) = names
            assert name.startswith(by_key[order[i]]["region"]), name
        else:
            assert names == [], order[i]

    # met, not met and no outcome yet, as is_met has them, marked apart
    for row in rows:
        key = (row.attrs["data-government"], int(row.attrs["data-year"]))
        status = _status(by_key[key])
        assert row.attrs["data-status"] == status, key
        dots = row.find_all("circle", "outcome")
        assert [d.attrs["class"] for d in dots] == (
            [] if status == "no-outcome" else [f"outcome {status}"]
        ), key
        (status_text,) = row.find_all("text", "status")
        assert status in status_text.attrs["class"].split()
    expected_status = Counter(_status(t) for t in targets)
    assert int(drawn["data-met-drawn"]) == expected_status["met"]
    assert int(drawn["data-not-met-drawn"]) == expected_status["not-met"]
    assert int(drawn["data-no-outcome-drawn"]) == expected_status["no-outcome"]
    met_fill = {d.attrs["fill"] for d in chart.find_all("circle", "met")}
    not_met_fill = {d.attrs["fill"] for d in chart.find_all("circle", "not-met")}
    assert not (met_fill & not_met_fill)

    # each comparator its own mark: its own class and its own shapes
    signatures: dict[str, set[tuple[str, ...]]] = {}
    for row in rows:
        key = (row.attrs["data-government"], int(row.attrs["data-year"]))
        comparator = by_key[key]["target_comparator"]
        (mark,) = row.find_all("g", "target")
        assert mark.attrs["class"] == "target " + comparator.replace("_", "-"), key
        signatures.setdefault(comparator, set()).add(_mark_signature(mark))
    assert all(len(s) == 1 for s in signatures.values()), signatures
    assert len({s for group in signatures.values() for s in group}) == len(signatures)
    assert json.loads(drawn["data-comparators-drawn"]) == Counter(
        t["target_comparator"] for t in targets
    )

    # the axis fits every value and every mark lies inside the viewBox
    values = [
        v
        for t in targets
        for v in (t["target_growth_pct"], t["target_growth_pct_high"], t["actual_growth_pct"])
        if v is not None
    ]
    assert float(drawn["data-axis-min"]) <= min(values)
    assert float(drawn["data-axis-max"]) >= max(values)
    view = _numbers(drawn["viewbox"])
    assert view[:2] == [0, 0]
    assert drawn["width"] == "100%"
    assert 0 <= float(drawn["data-mark-x-min"]) <= float(drawn["data-mark-x-max"]) <= view[2]
    _check_inside_view(chart, view[2], view[3])
    # outcomes keep their order along the axis: none clamped to an edge
    by_actual = sorted(
        (
            by_key[(r.attrs["data-government"], int(r.attrs["data-year"]))]["actual_growth_pct"],
            float(r.find_all("circle", "outcome")[0].attrs["cx"]),
        )
        for r in rows
        if r.find_all("circle", "outcome")
    )
    for (a1, x1), (a2, x2) in itertools.pairwise(by_actual):
        assert (a1 == a2 and x1 == x2) or (a1 < a2 and x1 < x2), (a1, a2)


def check_tables(dom: Element, warehouse_con) -> None:
    """The reports table and the list of reports without a GDP target."""

    # every report, with its grade
    grades = dict(
        warehouse_con.execute("select report_id, grade from marts.report_quality").fetchall()
    )
    rows = dom.by_id("reports").find_all("tr")[1:]
    shown = {r.attrs["data-report-id"]: r.find_all("td", "grade")[0].all_text() for r in rows}
    assert shown == grades

    # every report without a GDP target, with a reason
    without = {
        report_id
        for (report_id,) in warehouse_con.execute(
            "select report_id from marts.report_quality where report_id not in"
            " (select goal_report_id from marts.gdp_targets)"
        ).fetchall()
    }
    listed = dom.by_id("no-gdp-target").find_all("tr")[1:]
    assert {r.attrs["data-report-id"] for r in listed} == without
    for row in listed:
        assert row.attrs["data-reason"] not in ("", "undetermined"), row.attrs
        (detail,) = row.find_all("td", "reasons")
        assert detail.all_text().strip(), row.attrs


needs_chromium = pytest.mark.skipif(
    chromium() is None, reason="Debian chromium not installed (.ci/run installs it)"
)


@needs_chromium
def test_report_page_draws_its_chart_in_a_browser(built_warehouse, tmp_path):
    import duckdb

    page = write_report_page(built_warehouse, tmp_path / "report.html")
    dom = parse(rendered_dom(page, tmp_path))
    # a connection of its own, closed after: the session's warehouse_con, left open, would
    # stop SQLAlchemy tests that run later from opening the file with another configuration
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        check_chart(dom, _gdp_targets(con))
        check_tables(dom, con)


@needs_chromium
def test_report_page_draws_every_case_in_a_browser(edge_warehouse, tmp_path):
    """What the 13 samples lack: not met, negative and far outcomes, every comparator, years
    loaded out of order, each reason a report has no GDP target."""
    import duckdb

    page = write_report_page(edge_warehouse, tmp_path / "report.html")
    dom = parse(rendered_dom(page, tmp_path))
    with duckdb.connect(str(edge_warehouse), read_only=True) as con:
        targets = _gdp_targets(con)
        check_chart(dom, targets)
        check_tables(dom, con)
    assert {t["target_comparator"] for t in targets} == set(COMPARATORS)
    assert {r.attrs["data-reason"] for r in dom.by_id("no-gdp-target").find_all("tr")[1:]} == {
        "quarantined",
        "another_copy_counts",
        "fragment",
        "no_main_targets_passage",
        "five_year_only",
        "qualitative_gdp_only",
        "gdp_level_only",
        "no_gdp_in_main_targets",
    }
    # the copy that counts is named by its file
    (copy,) = [
        r
        for r in dom.by_id("no-gdp-target").find_all("tr")
        if r.attrs.get("data-report-id") == "r21b"
    ]
    assert copy.attrs["data-reason"] == "another_copy_counts"
    assert "r21.txt" in copy.find_all("td", "reasons")[0].all_text()
    data = json.loads(parse(page.read_text("utf-8")).by_id("chart-data").text)
    # 300 % lies past a break, the rest keeps the main stretch
    assert len(data["axis"]["breaks"]) == 1


def test_every_reason_has_a_label():
    codes = set(re.findall(r"then '([a-z_]+)'", _NO_TARGET_SQL))
    assert "quarantined" in codes and codes | {"undetermined"} == set(REASON_LABELS)
