"""A hand-written report in a layout none of the samples has: a title split over two lines
above a dateline in Chinese numerals, full-width punctuation and ideographic indents, targets
separated by semicolons, a qualitative target and a task target. Every layer must read it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from .conftest import opened_after_build

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "unseen_layout_city_2024.txt"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    with opened_after_build(tmp_path_factory.mktemp("unseen"), FIXTURE) as con:
        yield con


def test_metadata(warehouse):
    row = warehouse.execute(
        """
        select region, province, level, report_year, review_year, meeting_date, speaker,
            speaker_title, congress, body_start_line
        from marts.reports
        """
    ).fetchone()
    assert row == (
        "宜昌市",
        "湖北省",
        "city",
        2024,
        2023,
        dt.date(2024, 1, 15),
        "马泽江",
        "市长",
        "宜昌市第八届人民代表大会第四次会议",
        2,
    )


def test_sections(warehouse):
    parts = warehouse.execute(
        "select kind from marts.sections where depth = 1 order by start_offset"
    ).fetchall()
    assert [k for (k,) in parts] == ["preamble", "review", "plan", "government_self_building"]
    (items,) = warehouse.execute("select count(*) from marts.sections where depth = 2").fetchone()
    assert items == 4


def test_review_figures_and_targets(warehouse):
    actuals = set(
        warehouse.execute(
            """
            select canonical_indicator, metric_kind, value, year from marts.metrics
            where canonical_indicator is not null and year = 2023
            """
        ).fetchall()
    )
    assert {
        ("gdp", "level", 6100.2, 2023),
        ("gdp", "growth_pct", 6.3, 2023),
        ("urban_disposable_income", "growth_pct", 6.1, 2023),
        ("rural_disposable_income", "growth_pct", 7.8, 2023),
    } <= actuals
    goals = set(
        warehouse.execute(
            """
            select canonical_indicator, comparator, value from marts.goals
            where is_headline and target_year = 2024
            """
        ).fetchall()
    )
    assert {
        ("gdp", "about", 6.5),
        ("industrial_value_added", "at_least", 7.0),
        ("fixed_asset_investment", "equal", 6.0),
        ("surveyed_unemployment_rate", "at_most", 5.5),
        ("cpi", "about", 3.0),
        ("urban_disposable_income", "qualitative", None),
        ("rural_disposable_income", "qualitative", None),
        ("energy_intensity", "qualitative", None),
    } <= goals
    task = warehouse.execute(
        "select comparator, value, unit from marts.goals where not is_headline"
    ).fetchall()
    assert ("at_least", 6.0, "万人") in task
