"""`govreports remove`: a report loaded by mistake leaves raw at once and every mart at the
next build."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from loaders.warehouse import raw_store_path

from .conftest import run_govreports, warehouse_env

MARTS = ["reports", "sections", "glossary", "metrics", "goals", "damage_spans", "report_quality"]


def test_removed_reports_leave_raw_and_then_every_mart(built_warehouse: Path, tmp_path: Path):
    warehouse = tmp_path / "govreports.duckdb"
    shutil.copyfile(built_warehouse, warehouse)
    env = warehouse_env(warehouse, tmp_path)
    # the report_id is the start of the file's SHA-256 (sha256sum data/reports/002_*)
    by_name, by_id = "000_56e08ec3f9ad0187.txt", "a11080cd48acf1a9"
    removed = run_govreports("remove", by_name, by_id, "no_such_report.txt", env=env)
    output = removed.stdout + removed.stderr
    assert removed.returncode == 1, output  # one name matched nothing
    assert "no report matches no_such_report.txt" in output
    assert "b9ae4c93bc7c51d0" in output and "002_2b2b4e9df3eeff17.txt" in output
    # the loaded reports (the raw store) lose them now, the published warehouse at the build
    with duckdb.connect(str(raw_store_path(warehouse)), read_only=True) as con:
        assert con.execute("select count(*) from raw.report_files").fetchone() == (11,)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from raw.report_files").fetchone() == (13,)
    built = run_govreports("build", env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for mart in MARTS:
            (left,) = con.execute(
                f"select count(*) from marts.{mart} where report_id in (?, ?)",
                ["b9ae4c93bc7c51d0", by_id],
            ).fetchone()
            assert left == 0, mart
        assert con.execute("select count(*) from marts.reports").fetchone() == (11,)
        assert con.execute("select count(*) from raw.report_files").fetchone() == (11,)
