"""What a folder gathered by others holds beside the reports, and what the build does with it
(tests/fixtures/collection_layouts: hand-written, invented figures): a report no source dates
and one of a county no list holds are quarantined, named and left out, and everything else is
published exactly as without them; line breaks stored as "\\r\\n", HTML entities, a dateline
in 【】 that lost its dashes, and a page holding the report twice are read as reports."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from .conftest import REPORTS_DIR, run_govreports, warehouse_env

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "collection_layouts"
QUARANTINED = {
    "lingshi_undated.txt": ["report_year_missing"],
    "qingyun_county_2023_unknown.txt": ["region_unresolved"],
}
PER_REPORT_MARTS = [
    "reports",
    "sections",
    "glossary",
    "metrics",
    "goals",
    "damage_spans",
    "report_quality",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """The samples and the fixtures in one warehouse, with what build and check printed."""
    workdir = tmp_path_factory.mktemp("collection_layouts")
    warehouse = workdir / "govreports.duckdb"
    env = warehouse_env(warehouse, workdir)
    loaded = run_govreports("load", str(REPORTS_DIR), str(FIXTURES), env=env)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    build = run_govreports("build", env=env)
    assert build.returncode == 0, build.stdout + build.stderr
    check = run_govreports("check", env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    return warehouse, build.stdout + build.stderr, check.stdout


@pytest.fixture(scope="module")
def con(built):
    connection = duckdb.connect(str(built[0]), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def samples_con(built_warehouse: Path):
    """The samples alone (the session's warehouse), opened for this module only: a connection
    left open would keep other tests' drivers from opening the file with their own settings."""
    connection = duckdb.connect(str(built_warehouse), read_only=True)
    yield connection
    connection.close()


def test_unplaceable_reports_are_quarantined_with_their_reasons(con):
    rows = con.execute(
        "select file_name, quarantine_reasons from marts.report_quality where is_quarantined"
    ).fetchall()
    assert dict(rows) == QUARANTINED
    for mart in PER_REPORT_MARTS[:-1]:
        (leaked,) = con.execute(
            f"""
            select count(*) from marts.{mart}
            where report_id in (
                select report_id from marts.report_quality where is_quarantined
            )
            """
        ).fetchone()
        assert leaked == 0, mart


def test_build_and_check_name_the_quarantined_files(built):
    _, build_output, check_output = built
    assert "quarantined: 2 reports" in build_output
    for name, reasons in QUARANTINED.items():
        assert f"{name}: {', '.join(reasons)}" in build_output
        assert name in check_output
    assert "quarantined  2" in check_output


@pytest.mark.parametrize("mart", [*PER_REPORT_MARTS, "goal_outcomes", "gdp_targets"])
def test_the_samples_rows_equal_a_build_without_the_odd_files(con, samples_con, mart):
    """The quarantined reports change nothing of the others: every row of the samples is
    the row a build of the samples alone has."""
    key = "goal_report_id" if mart == "goal_outcomes" else "report_id"
    columns = [
        name
        for (name,) in samples_con.execute(
            """
            select column_name from information_schema.columns
            where table_schema = 'marts' and table_name = ? and column_name <> 'loaded_at'
            order by ordinal_position
            """,
            [mart],
        ).fetchall()
    ]
    samples = [
        name for (name,) in samples_con.execute("select report_id from marts.reports").fetchall()
    ]
    filter_ = (
        "region in (select region from marts.reports where report_id in ?)"
        if mart == "gdp_targets"
        else f"{key} in ?"
    )
    query = f"select {', '.join(columns)} from marts.{mart} where {filter_} order by all"
    alone = samples_con.execute(query, [samples]).fetchall()
    together = con.execute(query, [samples]).fetchall()
    assert together == alone
    assert alone or mart in ("glossary", "damage_spans")


def test_escaped_line_breaks_entities_and_a_dateline_without_dashes(con):
    report = con.execute(
        """
        select region, report_year, meeting_date::varchar, speaker, speaker_title,
            (select list(kind order by start_offset) from marts.sections as s
             where s.report_id = r.report_id and s.depth = 1) as kinds,
            (select count(*) from marts.goals as g
             where g.report_id = r.report_id and g.is_headline) as headline_goals
        from marts.reports as r
        where file_name = 'qingxu_county_2023_escaped.txt'
        """
    ).fetchone()
    assert report == (
        "清徐县",
        2023,
        "2023-02-10",
        "王明",
        "县长",
        ["preamble", "review", "plan", "government_self_building"],
        4,
    )


def test_a_page_holding_the_report_twice_gives_each_target_once(con):
    report_id, meeting_date, flags, body = con.execute(
        """
        select report_id, meeting_date::varchar, metadata_flags, body_text
        from marts.reports where file_name = 'lvliang_city_2024_twice.txt'
        """
    ).fetchone()
    assert meeting_date == "2024-01-20"  # 【2024年1月20日在…】
    assert "text_repeated" in flags
    assert body.count("主要预期目标") == 1
    targets = con.execute(
        """
        select indicator, value, comparator from marts.goals
        where report_id = ? and is_headline order by start_offset
        """,
        [report_id],
    ).fetchall()
    assert targets == [
        ("地区生产总值", 5.5, "about"),
        ("规模以上工业增加值", 6.0, "equal"),
        ("固定资产投资", 8.0, "equal"),
        ("居民人均可支配收入", None, "qualitative"),
    ]
