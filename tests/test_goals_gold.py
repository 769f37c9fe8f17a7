"""marts.goals and marts.goal_outcomes against the gold targets of the sample reports."""

from __future__ import annotations

import pytest

from .conftest import load_gold
from .scoring import goals_by_file, score_goals

GOLD = load_gold()
SHANXI = [n for n in GOLD if n.startswith("0")]
MORE = [n for n in GOLD if n.startswith("1")]
FIVE_YEAR_REPORT = "003_3ab9cf2f0f97befa.txt"


@pytest.fixture(scope="module")
def goals(warehouse_con) -> dict[str, list[dict]]:
    return goals_by_file(warehouse_con)


def score(goals, names: list[str], horizon: str) -> tuple[float, float, list, list]:
    return score_goals(goals, GOLD, names, horizon)


def test_annual_headline_targets_of_the_shanxi_samples(goals):
    precision, recall, missed, extra = score(goals, SHANXI, "annual")
    assert precision >= 0.97, extra
    assert recall >= 0.97, missed


def test_five_year_targets_of_the_2021_report(goals):
    precision, recall, missed, extra = score(goals, [FIVE_YEAR_REPORT], "five_year")
    assert precision >= 0.9, extra
    assert recall >= 0.9, missed


def test_targets_of_the_more_varied_samples(goals):
    """Other provinces, national reports, full-width text: held to a measured floor."""
    for horizon in ("annual", "five_year"):
        precision, recall, missed, extra = score(goals, MORE, horizon)
        assert precision >= 0.9, (horizon, extra)
        assert recall >= 0.85, (horizon, missed)


def test_blanket_constraints_are_qualitative_targets(goals):
    constraints = [
        g for name in SHANXI for g in goals.get(name, []) if g["indicator"] == "约束性指标"
    ]
    assert constraints
    assert all(g["comparator"] == "qualitative" and g["value"] is None for g in constraints)


def test_national_2011_targets_meet_their_2012_outcomes(warehouse_con):
    rows = warehouse_con.execute(
        """
        select canonical_indicator, comparator, target_value, actual_value, is_met
        from marts.goal_outcomes
        where region = '中国' and target_year = 2011 and actual_value is not null
        order by canonical_indicator
        """
    ).fetchall()
    assert rows == [
        ("gdp", "about", 8.0, 9.2, True),
        ("new_urban_jobs", "at_least", 900.0, 1221.0, True),
    ]


def test_targets_without_a_next_report_keep_null_actuals(warehouse_con):
    (unmatched,) = warehouse_con.execute(
        """
        select count(*) from marts.goal_outcomes
        where not has_next_report and (actual_value is not null or is_met is not null)
        """
    ).fetchone()
    (waiting,) = warehouse_con.execute(
        "select count(*) from marts.goal_outcomes where not has_next_report"
    ).fetchone()
    assert unmatched == 0
    assert waiting > 0
