"""A government that was renamed between two reports: 富阳市 became 富阳区 (330183 -> 330111)
at the end of 2014. Its 2014 report resolves to the division of that time, the 2015 one to
today's, and the 2014 targets meet the outcomes the 2015 report states (hand-written reports,
tests/fixtures/former_division)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from .conftest import opened_after_build

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "former_division"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    with opened_after_build(tmp_path_factory.mktemp("former"), FIXTURES) as con:
        yield con


def test_each_report_resolves_to_the_division_of_its_time(warehouse):
    rows = warehouse.execute(
        """
        select report_year, region, level, admin_code, current_admin_code, is_former_division,
            province, parent_city, metadata_flags
        from marts.reports order by report_year
        """
    ).fetchall()
    assert rows == [
        (2014, "富阳市", "county", "330183", "330111", True, "浙江省", "杭州市", []),
        # written 杭州市富阳区 in its dateline: the division's own name
        (2015, "富阳区", "district", "330111", "330111", False, "浙江省", "杭州市", []),
    ]


def test_targets_of_the_former_division_meet_the_next_reports_outcomes(warehouse):
    rows = warehouse.execute(
        """
        select year, target_growth_pct, actual_growth_pct, is_met, current_admin_code
        from marts.gdp_targets order by year
        """
    ).fetchall()
    # 8.2% against "9% 左右": 0.8 points short, beyond the 0.5 that 左右 allows
    assert rows[0] == (2014, 9.0, 8.2, False, "330111")
