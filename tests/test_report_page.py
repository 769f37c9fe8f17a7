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
    LEVEL_ORDER,
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
    return tuple(
        e.tag + ("-wide" if e.tag == "rect" and float(e.attrs["width"]) > 3 else "")
        for e in mark.walk()
        if e is not mark
    )


def _status(row: dict) -> str:
    if row["actual_growth_pct"] is None:
        return "no-outcome"
    return {True: "met", False: "not-met"}.get(row["is_met"], "unjudged")


@pytest.mark.skipif(
    chromium() is None, reason="Debian chromium not installed (.ci/run installs it)"
)
def test_report_page_draws_its_chart_in_a_browser(built_warehouse, warehouse_con, tmp_path):
    page = write_report_page(built_warehouse, tmp_path / "report.html")
    dom = parse(rendered_dom(page, tmp_path))
    chart = dom.by_id("gdp-chart")
    drawn = chart.attrs
    targets = _gdp_targets(warehouse_con)
    assert targets, "the sample warehouse has GDP targets"

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


@pytest.mark.skipif(
    chromium() is None, reason="Debian chromium not installed (.ci/run installs it)"
)
def test_report_page_tables_in_a_browser(built_warehouse, warehouse_con, tmp_path):
    page = write_report_page(built_warehouse, tmp_path / "report.html")
    dom = parse(rendered_dom(page, tmp_path))

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
