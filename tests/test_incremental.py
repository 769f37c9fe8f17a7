"""Incremental builds give the rows of a full build, and a changed rule rebuilds old reports.

The warehouse is built the way an archive grows: part of the samples loaded and built, then
the rest loaded and built again (the incremental path). A copy rebuilt with ``--full-refresh``
must hold the same rows in every intermediate model and mart. Then a seed is edited in a copy
of the project, and a plain build must apply the edit to the reports already there.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from .conftest import BIN, REPO, REPORTS_DIR, run_govreports, warehouse_env

# the Shanxi reports and one national report first, the other provinces later
FIRST_BATCH = ("000", "001", "002", "003", "004", "104")
PROJECT_PARTS = (
    "dbt_project.yml",
    "profiles.yml",
    "models",
    "macros",
    "seeds",
    "data-tests",
    "analyses",
)


def _dbt_build(project: Path, warehouse: Path, workdir: Path, *extra: str) -> None:
    completed = _dbt(project, warehouse, workdir, "build", *extra)
    assert completed.returncode == 0, completed.stdout[-5000:] + completed.stderr[-2000:]


def _dbt(
    project: Path, warehouse: Path, workdir: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(BIN / "dbt"),
            *args,
            "--project-dir",
            str(project),
            "--profiles-dir",
            str(project),
        ],
        cwd=project,
        # dbt works on this very file, as govreports build's dbt child does on its working
        # copy (no working copy, no publish: govreports/dbt_guard.py stays out)
        env={**warehouse_env(warehouse, workdir), "GOVREPORTS_MANAGED_BUILD": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


def _copy_warehouse(warehouse: Path, folder: Path) -> Path:
    # same file name: the staging views name the catalog, which DuckDB takes from the file name
    folder.mkdir(parents=True)
    copy = folder / warehouse.name
    shutil.copyfile(warehouse, copy)
    return copy


def _tables(path: Path) -> list[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute(
            """
            select schema_name || '.' || table_name from duckdb_tables()
            where schema_name in ('intermediate', 'marts')
                and table_name <> 'incremental_fingerprints'
            order by 1
            """
        ).fetchall()
    finally:
        con.close()
    return [name for (name,) in rows]


@pytest.fixture(scope="module")
def grown_warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The samples loaded in two batches, with a build after each; (warehouse, workdir)."""
    workdir = tmp_path_factory.mktemp("incremental")
    first, rest = workdir / "first", workdir / "rest"
    first.mkdir()
    rest.mkdir()
    for path in sorted(REPORTS_DIR.glob("*.txt")):
        shutil.copyfile(path, (first if path.name[:3] in FIRST_BATCH else rest) / path.name)
    warehouse = workdir / "govreports.duckdb"
    env = warehouse_env(warehouse, workdir)
    for batch in (first, rest):
        loaded = run_govreports("load", str(batch), env=env)
        assert loaded.returncode == 0, loaded.stdout + loaded.stderr
        built = run_govreports("build", env=env)
        assert built.returncode == 0, built.stdout + built.stderr
    return warehouse, workdir


def test_second_build_took_the_incremental_path(grown_warehouse: tuple[Path, Path]) -> None:
    # without this the comparison below could compare two full builds
    _, workdir = grown_warehouse
    run = workdir / "target" / "run" / "govreports" / "models"
    for model in ("int_report_lines_split", "int_metrics_extracted", "metrics", "goals"):
        (compiled,) = run.rglob(f"{model}.sql")  # wherever its stage folder puts it
        assert compiled.read_text(encoding="utf-8").lstrip().startswith("insert into"), model


def test_every_incremental_model_has_read_every_report(
    grown_warehouse: tuple[Path, Path],
) -> None:
    # damage_spans and glossary give no rows for most reports: the ledger, not their rows,
    # keeps the next build from reading those reports again
    warehouse, _ = grown_warehouse
    with duckdb.connect(str(warehouse), read_only=True) as con:
        (loaded,) = con.execute("select count(*) from raw.report_files").fetchone()
        read = dict(
            con.execute(
                """
                select model_name, count(distinct report_id)
                from intermediate.incremental_reports group by model_name
                """
            ).fetchall()
        )
        (without_spans,) = con.execute(
            """
            select count(*) from marts.reports
            where report_id not in (select report_id from marts.damage_spans)
            """
        ).fetchone()
    assert without_spans > 0
    assert read["marts.damage_spans"] == loaded
    assert read["marts.glossary"] == loaded
    assert len(read) >= 18
    assert set(read.values()) == {loaded}


def test_full_refresh_gives_the_same_rows(
    grown_warehouse: tuple[Path, Path], tmp_path: Path
) -> None:
    warehouse, _ = grown_warehouse
    rebuilt = _copy_warehouse(warehouse, tmp_path / "full")
    _dbt_build(REPO, rebuilt, tmp_path, "--full-refresh")
    _assert_same_rows(warehouse, rebuilt)


def test_a_build_in_slices_gives_the_rows_of_one_run(tmp_path: Path) -> None:
    # 13 reports, at most 5 a dbt run: three runs on one working copy, then one publish
    sliced = tmp_path / "sliced" / "govreports.duckdb"
    sliced.parent.mkdir()
    env = {**warehouse_env(sliced, tmp_path), "GOVREPORTS_BUILD_SLICE": "5"}
    loaded = run_govreports("load", str(REPORTS_DIR), env=env)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    built = run_govreports("build", env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "slice 2: 5 more reports" in built.stderr and "slice 3: 3 more reports" in built.stderr
    assert "slice 4" not in built.stderr
    # the tables of all reports and the singular tests wait for the last slice
    assert built.stderr.count("the nodes of all reports wait") == 2
    # the same raw rows built in one run
    whole = _copy_warehouse(sliced, tmp_path / "whole")
    _dbt_build(REPO, whole, tmp_path, "--full-refresh")
    _assert_same_rows(whole, sliced)
    refused = run_govreports("build", env={**env, "GOVREPORTS_BUILD_SLICE": "0"})
    assert refused.returncode == 2 and "GOVREPORTS_BUILD_SLICE" in refused.stderr


def test_many_new_reports_are_found_by_a_subquery_with_the_same_rows(
    grown_warehouse: tuple[Path, Path], tmp_path: Path
) -> None:
    # A few new reports are named in each model's filter; past max_listed_reports they are
    # found by `not in (subquery)`. Three reports removed, built, put back: built again with
    # room to name only one, every table equals the grown warehouse's.
    warehouse, _ = grown_warehouse
    regrown = _copy_warehouse(warehouse, tmp_path / "regrown")
    _build_without_first_reports(regrown, 3, tmp_path)
    with duckdb.connect(str(regrown)) as con:
        (left,) = con.execute("select count(*) from marts.reports").fetchone()
        con.execute("insert into raw.report_files from '" + str(tmp_path / "removed.parquet") + "'")
    assert left == len(list(REPORTS_DIR.glob("*.txt"))) - 3
    _dbt_build(REPO, regrown, tmp_path, "--vars", "{max_listed_reports: 1}")
    compiled = tmp_path / "target" / "compiled" / "govreports" / "models" / "marts"
    compiled_metrics = (compiled / "metrics.sql").read_text(encoding="utf-8")
    # within the range of the new reports' ids, which DuckDB filters while scanning
    assert "report_id between '" in compiled_metrics and "not in (" in compiled_metrics
    _assert_same_rows(warehouse, regrown)


def _build_without_first_reports(warehouse: Path, count: int, workdir: Path) -> None:
    """Take the first ``count`` reports (by hash) out of the raw table, kept in
    workdir/removed.parquet to be put back, and build: their rows go from every model."""
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            "create temp table removed as from raw.report_files order by sha256 limit ?", [count]
        )
        con.execute("delete from raw.report_files where sha256 in (select sha256 from removed)")
        con.execute("copy removed to '" + str(workdir / "removed.parquet") + "'")
    _dbt_build(REPO, warehouse, workdir)


def _assert_same_rows(grown: Path, other: Path) -> None:
    tables = _tables(grown)
    assert "marts.metrics" in tables and "intermediate.int_metrics_extracted" in tables
    assert tables == _tables(other)
    con = duckdb.connect()
    try:
        con.execute(f"attach '{grown}' as grown (read_only)")
        con.execute(f"attach '{other}' as other (read_only)")
        for table in tables:
            counts = con.execute(f"select count(*) from grown.{table}").fetchone()
            assert counts is not None and counts[0] > 0, table
            # the ledger also says in which run each report was read
            columns = "* exclude (run_id)" if table.endswith("incremental_reports") else "*"
            for left, right in (("grown", "other"), ("other", "grown")):
                (extra,) = con.execute(
                    f"select count(*) from (select {columns} from {left}.{table}"
                    f" except all select {columns} from {right}.{table})"
                ).fetchone()
                assert extra == 0, f"{table}: {extra} rows of {left} not in {right}"
    finally:
        con.close()


def _project_copy(folder: Path) -> Path:
    folder.mkdir()
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, folder / part)
        elif source.exists():
            shutil.copyfile(source, folder / part)
    return folder


def test_edited_seed_is_applied_to_reports_already_built(
    grown_warehouse: tuple[Path, Path], tmp_path: Path
) -> None:
    warehouse, _ = grown_warehouse
    project = _project_copy(tmp_path / "project")
    units_csv = project / "seeds" / "units.csv"
    with units_csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # 亿元 counts twice what it did: every normalised 亿元 figure must change, old ones too
    for row in rows:
        if row["unit"] == "亿元":
            row["multiplier"] = str(2 * int(float(row["multiplier"])))
    with units_csv.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    edited = _copy_warehouse(warehouse, tmp_path / "edited")
    _dbt_build(project, edited, tmp_path)
    con = duckdb.connect(str(edited), read_only=True)
    try:
        stale, fresh, first_batch = con.execute(
            """
            select
                count(*) filter (where m.value_normalized <> m.value * 2e8),
                count(*) filter (where m.value_normalized = m.value * 2e8),
                count(*) filter (where left(r.file_name, 3) in ('000', '001', '002'))
            from marts.metrics as m
            inner join marts.reports as r using (report_id)
            where m.unit = '亿元'
            """
        ).fetchone()
    finally:
        con.close()
    assert first_batch > 0
    assert fresh > 0
    assert stale == 0


def test_an_edited_contract_rebuilds_the_model(
    grown_warehouse: tuple[Path, Path], tmp_path: Path
) -> None:
    # a constraint lives in the model's YAML, outside the checksum of its SQL: an incremental
    # run that only appended rows would keep the old table's definition
    warehouse, _ = grown_warehouse
    project = _project_copy(tmp_path / "project")
    properties = project / "models" / "marts" / "glossary.yml"
    text = properties.read_text(encoding="utf-8")
    contract = "      contract:\n        enforced: true\n"
    assert text.count(contract) == 1
    properties.write_text(
        text.replace(
            contract,
            contract + "    constraints:\n      - type: primary_key\n"
            "        columns: [glossary_entry_id]\n",
        ),
        encoding="utf-8",
    )
    edited = _copy_warehouse(warehouse, tmp_path / "edited")
    _dbt_build(project, edited, tmp_path)
    with duckdb.connect(str(edited), read_only=True) as con:
        keys = con.execute(
            """
            select table_name from duckdb_constraints()
            where schema_name = 'marts' and constraint_type = 'PRIMARY KEY'
            """
        ).fetchall()
    assert ("glossary",) in keys


def _failures(workdir: Path, test_prefix: str) -> int | None:
    results = json.loads((workdir / "target" / "run_results.json").read_text(encoding="utf-8"))
    for result in results["results"]:
        if result["unique_id"].startswith(test_prefix):
            return result["failures"]
    return None


def test_tests_read_the_reports_the_build_added(
    grown_warehouse: tuple[Path, Path], tmp_path: Path
) -> None:
    # A report is built again on top of a stray row of its own (as if appended twice), and an
    # old report carries one too. The build's tests read the reports it added: they find the
    # first and fail the build; --vars test_all_rows finds both.
    warehouse, _ = grown_warehouse
    copy = _copy_warehouse(warehouse, tmp_path / "planted")
    with duckdb.connect(str(copy), read_only=True) as con:
        added, old = (
            sha
            for (sha,) in con.execute(
                "select sha256 from raw.report_files order by sha256 limit 2"
            ).fetchall()
        )
    _build_without_first_reports(copy, 1, tmp_path)
    with duckdb.connect(str(copy)) as con:
        con.execute("insert into raw.report_files from '" + str(tmp_path / "removed.parquet") + "'")
        con.execute(f"attach '{warehouse}' as grown (read_only)")
        for sha in (added, old):
            con.execute(
                """
                insert into marts.metrics
                from grown.marts.metrics where report_id = left(?, 16) limit 1
                """,
                [sha],
            )
    planted_again = _copy_warehouse(copy, tmp_path / "planted_again")
    failed = _dbt(REPO, copy, tmp_path, "build")
    assert failed.returncode != 0
    assert _failures(tmp_path, "test.govreports.unique_metrics_metric_id") == 1
    # a few reports are named in the test's filter, more are found by a subquery: same rows
    compiled = next((tmp_path / "target" / "compiled").rglob("unique_metrics_metric_id.sql"))
    assert f"report_id in ('{added[:16]}')" in compiled.read_text(encoding="utf-8")
    by_subquery = _dbt(REPO, planted_again, tmp_path, "build", "--vars", "{max_listed_reports: 0}")
    assert by_subquery.returncode != 0
    assert _failures(tmp_path, "test.govreports.unique_metrics_metric_id") == 1
    every_row = _dbt(
        REPO, copy, tmp_path, "test", "--select", "metrics", "--vars", "{test_all_rows: true}"
    )
    assert every_row.returncode != 0
    assert _failures(tmp_path, "test.govreports.unique_metrics_metric_id") == 2
