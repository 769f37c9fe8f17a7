"""The stretch of a slipped line the loader re-decodes (loaders/mojibake.py), as damage_spans
reads it through the plugin's ``govreports_gbk_slip_length``."""

from __future__ import annotations

import duckdb
import pytest

from govreports.figures.duckdb_functions import register_figure_functions
from loaders.mojibake import repair_gbk_slip, slipped_run_length


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    register_figure_functions(connection)
    return connection


@pytest.mark.parametrize(
    ("line", "length"),
    [
        # up to and with the first ASCII character, which brings the decoder back in step
        ("。ㄒ唬┮阅茉锤锩C合改革為牽引,全力構建", 9),
        # no ASCII character within 40: the first 20
        ("。" + "ㄒ" * 50, 20),
        # a short line with none: all of it
        ("。ㄒ唬", 3),
    ],
)
def test_sql_reads_the_loaders_cut(con, line: str, length: int) -> None:
    assert slipped_run_length(line) == length
    assert con.execute("select govreports_gbk_slip_length(?)", [line]).fetchone() == (length,)


def test_the_repair_replaces_exactly_the_cut() -> None:
    line = "。ㄒ唬┮阅茉锤锩C合改革為牽引,全力構建"
    repaired = repair_gbk_slip(line)
    assert repaired is not None
    assert repaired.endswith(line[slipped_run_length(line) :])
