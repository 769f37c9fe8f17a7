"""Framing words (govreports/figures/framing.py) and the series an indicator names
(govreports/figures/series.py): one list each, read alike by the extractor and by SQL."""

from __future__ import annotations

import re

import duckdb
import pytest

from govreports.figures import framing, shared_patterns
from govreports.figures.duckdb_functions import register_figure_functions, register_figure_macros
from govreports.figures.extractor import _strip_frame, extract_figures
from govreports.figures.series import urban_and_rural_series
from tests.test_metrics_extractor import FAMILIES, UNITS


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    register_figure_functions(connection)
    register_figure_macros(connection)
    return connection


def _target_indicator(con: duckdb.DuckDBPyConnection, clause: str) -> str:
    """What int_goals_qualitative keeps of the text before a target's relation."""
    (indicator,) = con.execute(
        "select regexp_replace(regexp_replace(?, govreports_target_lead_in(), ''),"
        " '^(.{3,}?)[:\\s]*' || govreports_target_change_word() || '?[:\\s]*$', '\\1')",
        [clause],
    ).fetchone()
    return indicator


@pytest.mark.parametrize(
    ("clause", "indicator"),
    [
        ("其中城乡居民收入实际增长", "城乡居民收入"),
        ("全年居民消费价格涨幅", "居民消费价格"),
        ("主要预期目标是:经济增速", "经济增速"),
        ("同时单位能耗下降", "单位能耗"),
    ],
)
def test_sql_strips_a_target_clause_of_its_framing_words(con, clause: str, indicator: str) -> None:
    assert _target_indicator(con, clause) == indicator


@pytest.mark.parametrize("opener", framing.CLAUSE_OPENERS)
def test_the_extractor_and_sql_strip_the_same_clause_openers(con, opener: str) -> None:
    assert _strip_frame(opener + "居民收入增长")[0] == "居民收入"
    assert _target_indicator(con, opener + "居民收入增长") == "居民收入"


def test_every_change_word_of_the_extractor_ends_a_target_indicator() -> None:
    change = re.compile(shared_patterns.TARGET_CHANGE_WORD + "$")
    assert all(change.search("居民收入" + word) for word in framing.CHANGE_WORDS)


def test_a_target_lead_in_may_name_a_figure() -> None:
    # 各项 opens a targets clause, but 各项贷款余额 is a series
    assert [f.indicator for f in extract_figures("各项贷款余额1000亿元", UNITS, FAMILIES)] == [
        "各项贷款余额"
    ]


def test_urban_and_rural_is_two_series() -> None:
    assert urban_and_rural_series("城乡居民人均可支配收入") == [
        "城镇居民人均可支配收入",
        "农村居民人均可支配收入",
    ]
    assert urban_and_rural_series("居民收入") == ["居民收入"]


def test_the_extractor_and_sql_split_urban_and_rural_alike(con) -> None:
    found = extract_figures("城乡居民人均可支配收入分别增长4%、8.7%", UNITS, FAMILIES)
    (from_sql,) = con.execute("select govreports_series_named('城乡居民人均可支配收入')").fetchone()
    assert [f.indicator for f in found] == from_sql
