"""The warehouse as its users meet it: SQLAlchemy, comments, exports, ready queries (the page:
test_report_page.py)."""

from __future__ import annotations

import shutil

import duckdb
import pytest
import sqlalchemy as sa

from govreports.export import UTF8_BOM, export_marts, mart_names

from .conftest import REPO

MARTS = {"reports", "sections", "glossary", "metrics", "goals", "goal_outcomes", "gdp_targets"}
ANALYSES = REPO / "analyses"


def sqlalchemy_engine(built_warehouse, folder):
    """An engine on a copy: DuckDB refuses a second connection to one file with another
    configuration, and the session's read-only connection may be open."""
    copy = folder / "copy.duckdb"
    shutil.copy(built_warehouse, copy)
    return sa.create_engine(f"duckdb:///{copy}", connect_args={"read_only": True})


def mart_relations(inspector: sa.Inspector) -> set[str]:
    """Tables and views: `reports` and `sections` are views that cut their text when read."""
    return set(inspector.get_table_names(schema="marts")) | set(
        inspector.get_view_names(schema="marts")
    )


def test_every_mart_reads_through_sqlalchemy_read_only(built_warehouse, tmp_path):
    # on a copy under another name: a view that named the original file would not resolve
    engine = sqlalchemy_engine(built_warehouse, tmp_path)
    with engine.connect() as connection:
        names = mart_relations(sa.inspect(connection))
        assert names >= MARTS
        for name in MARTS:
            (rows,) = connection.execute(sa.text(f"select count(*) from marts.{name}")).one()
            assert rows > 0, name
    engine.dispose()


def test_sqlalchemy_reflects_every_marts_columns_with_their_comments(built_warehouse, tmp_path):
    """What notebooks and BI tools list: the columns and their descriptions."""
    engine = sqlalchemy_engine(built_warehouse, tmp_path)
    try:
        with engine.connect() as connection:
            expected: dict[str, list[tuple[str, str]]] = {}
            for table, column, comment in connection.execute(
                sa.text(
                    "select table_name, column_name, comment from duckdb_columns()"
                    " where schema_name = 'marts' order by table_name, column_index"
                )
            ):
                expected.setdefault(table, []).append((column, comment))
            inspector = sa.inspect(connection)
            assert mart_relations(inspector) == set(expected)
            for table, columns in expected.items():
                reflected = inspector.get_columns(table, schema="marts")
                assert [(c["name"], c["comment"]) for c in reflected] == columns, table
                assert inspector.get_table_comment(table, schema="marts")["text"], table
    finally:
        engine.dispose()


def test_descriptions_are_comments_in_the_warehouse(warehouse_con):
    tables = dict(
        warehouse_con.execute(
            "select table_name, comment from duckdb_tables() where schema_name = 'marts'"
            " union all select view_name, comment from duckdb_views() where schema_name = 'marts'"
        ).fetchall()
    )
    assert set(tables) >= MARTS
    assert all(tables[name] for name in MARTS)
    undocumented = warehouse_con.execute(
        """
        select table_name, column_name from duckdb_columns()
        where schema_name = 'marts' and (comment is null or comment = '')
        """
    ).fetchall()
    assert undocumented == []


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_writes_every_mart(built_warehouse, tmp_path, fmt):
    written = export_marts(built_warehouse, fmt, tmp_path)
    assert {path.stem for path, _ in written} == set(mart_names(built_warehouse))
    reader = "read_parquet" if fmt == "parquet" else "read_csv_auto"
    with duckdb.connect() as con:
        for path, rows in written:
            assert con.execute(f"select count(*) from {reader}('{path}')").fetchone() == (rows,)
            # Excel needs the mark to read UTF-8; readers must not take it for text
            assert path.read_bytes().startswith(UTF8_BOM) == (fmt == "csv")
            columns = [
                row[0]
                for row in con.execute(f"describe select * from {reader}('{path}')").fetchall()
            ]
            assert columns == mart_columns(built_warehouse, path.stem)


def mart_columns(warehouse, mart: str) -> list[str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return [row[0] for row in con.execute(f"describe marts.{mart}").fetchall()]


def test_csv_without_the_mark_when_asked(built_warehouse, tmp_path):
    written = export_marts(built_warehouse, "csv", tmp_path, bom=False)
    assert written
    assert not any(path.read_bytes().startswith(UTF8_BOM) for path, _ in written)


def run_analysis(con: duckdb.DuckDBPyConnection, name: str, **variables: str) -> list[tuple]:
    for key, value in variables.items():
        con.execute(f"set variable {key} = ?", [value])
    return con.execute((ANALYSES / name).read_text(encoding="utf-8")).fetchall()


def test_ready_queries_answer(built_warehouse):
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        gdp = run_analysis(con, "gdp_targets_vs_outcomes.sql")
        assert ("中国", 2011, "about", 8.0, None, 9.2, 1.2, True) in gdp
        targets = run_analysis(con, "targets_of_a_region.sql", region="交口县")
        assert any(row[4] == "地区生产总值" and row[7] == 6.5 for row in targets)
        gdp_levels = run_analysis(con, "indicator_across_reports.sql", indicator="gdp")
        assert {row[0] for row in gdp_levels} >= {"交口县", "中国", "保定市"}
        hits = run_analysis(con, "phrase_lookup.sql", phrase="乡村振兴")
        assert hits and all("【乡村振兴】" in row[4] for row in hits)
