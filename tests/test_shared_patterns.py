"""Patterns shared by the extractor and the SQL models (govreports/figures/shared_patterns.py)."""

from __future__ import annotations

import re

import duckdb
import pytest

from govreports.figures import shared_patterns
from govreports.figures.duckdb_functions import register_figure_functions, register_figure_macros


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    register_figure_functions(connection)
    register_figure_macros(connection)
    return connection


@pytest.mark.parametrize(
    ("text", "ordinal"),
    [("“十四五”规划", "十四"), ("十五计划", "十"), ("九五期间", "九"), ("今后五年", None)],
)
def test_sql_and_python_read_a_plan_name_alike(con, text: str, ordinal: str | None) -> None:
    found = re.search(shared_patterns.FIVE_YEAR_PLAN_NAME, text)
    assert (found.group(1) if found else None) == ordinal
    (from_sql,) = con.execute(
        "select nullif(regexp_extract(?, govreports_five_year_plan_name(), 1), '')", [text]
    ).fetchone()
    assert from_sql == ordinal


def test_every_pattern_is_a_sql_macro(con) -> None:
    macros = shared_patterns.sql_macros()
    assert "govreports_five_year_plan_name" in macros
    for name, pattern in macros.items():
        assert con.execute(f"select {name}()").fetchone() == (pattern,)


@pytest.mark.parametrize(
    ("text", "names_a_plan"),
    [("“十四五”时期", True), ("十五计划", True), ("一九九五年", False), ("一九八五年", False)],
)
def test_sql_and_python_find_a_plan_in_running_text_alike(
    con, text: str, names_a_plan: bool
) -> None:
    assert bool(re.search(shared_patterns.FIVE_YEAR_PLAN_NAME_IN_TEXT, text)) is names_a_plan
    (from_sql,) = con.execute(
        "select regexp_matches(?, govreports_five_year_plan_name_in_text())", [text]
    ).fetchone()
    assert from_sql is names_a_plan
