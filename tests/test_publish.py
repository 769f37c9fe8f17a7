"""Builds publish atomically: readers never block a build, a failed build changes nothing."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from govreports import publish
from govreports.dbt_build import BuildResult, record_unit_tests_passed, unit_tests_passed_on
from govreports.fingerprint import rules_fingerprint
from govreports.publish import compact_if_bloated, exclusive_writer, prepare_working_copy
from loaders.warehouse import raw_store_path

from .conftest import REPO, held_open, project_copy, run_govreports, warehouse_env


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def govreports(*args: str, warehouse: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return run_govreports(*args, env=warehouse_env(warehouse, tmp_path))


@pytest.fixture
def warehouse(built_warehouse: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "govreports.duckdb"
    shutil.copyfile(built_warehouse, copy)
    return copy


def test_a_reader_holding_the_file_does_not_block_a_build(warehouse, tmp_path):
    reader = duckdb.connect(str(warehouse), read_only=True)
    try:
        (before,) = reader.execute("select count(*) from marts.reports").fetchone()
        built = govreports("build", warehouse=warehouse, tmp_path=tmp_path)
        assert built.returncode == 0, built.stdout + built.stderr
        # the reader goes on reading the warehouse it opened
        assert reader.execute("select count(*) from marts.reports").fetchone() == (before,)
    finally:
        reader.close()
    with duckdb.connect(str(warehouse), read_only=True) as fresh:
        assert fresh.execute("select count(*) from marts.reports").fetchone() == (before,)
    assert not warehouse.with_name(warehouse.name + ".building").exists()


def test_a_failed_build_leaves_the_published_warehouse_as_it_was(warehouse, tmp_path):
    # an error-severity test that fails on every build, its rows naming one report
    project = project_copy(
        tmp_path, "select report_id from {{ ref('reports') }} where region = '交口县'\n"
    )
    published = sha256(warehouse)
    built = govreports(
        "build", "--project-dir", str(project), warehouse=warehouse, tmp_path=tmp_path
    )
    assert built.returncode != 0
    assert "left as it was" in built.stderr
    # the build's own failure, and the report it concerns, by file
    assert "failed assert_always_fails: reports 000_56e08ec3f9ad0187.txt" in built.stderr
    assert sha256(warehouse) == published
    assert not warehouse.with_name(warehouse.name + ".building").exists()
    assert not warehouse.with_name(warehouse.name + ".failed").exists()
    kept = govreports(
        "build",
        "--project-dir",
        str(project),
        "--keep-failed",
        warehouse=warehouse,
        tmp_path=tmp_path,
    )
    failed = warehouse.with_name(warehouse.name + ".failed")
    assert f"the failed build is kept as {failed}" in kept.stderr
    assert sha256(warehouse) == published
    with duckdb.connect(str(failed), read_only=True) as con:
        assert con.execute("select count(*) from marts.reports").fetchone()[0] > 0


def test_a_full_disk_while_keeping_the_previous_build_still_publishes(
    warehouse, tmp_path, monkeypatch
):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    real_copy = shutil.copyfile
    monkeypatch.setattr(publish.os, "link", full)
    monkeypatch.setattr(publish.shutil, "copyfile", full)
    monkeypatch.setattr(
        publish, "run_dbt", lambda args, path, project: BuildResult(0, {"model:success": 1})
    )
    monkeypatch.setattr(publish, "compact_if_bloated", lambda path: None)
    monkeypatch.setattr(publish, "unit_tests_passed_on", lambda project, fingerprint: True)
    # the working copy is taken by copying: that one copy goes through
    monkeypatch.setattr(publish, "_snapshot", lambda source, copy: real_copy(source, copy))
    result = publish.build_and_publish(warehouse, REPO, ["build"])
    assert result.returncode == 0
    assert "No space left on device" in result.previous_warning
    assert not warehouse.with_name(warehouse.name + ".previous").exists()
    assert not warehouse.with_name(warehouse.name + ".building").exists()
    with duckdb.connect(str(warehouse), read_only=True) as con:  # the green build, published
        assert con.execute("select count(*) from marts.reports").fetchone()[0] > 0


def test_a_second_writer_is_told_the_warehouse_is_busy(warehouse, tmp_path):
    with exclusive_writer(warehouse):
        loaded = govreports(
            "load", str(REPO / "data" / "reports"), warehouse=warehouse, tmp_path=tmp_path
        )
        built = govreports("build", warehouse=warehouse, tmp_path=tmp_path)
    for result in (loaded, built):
        assert result.returncode == 2
        assert "being loaded or built by another process" in result.stderr
    after = govreports(
        "load", str(REPO / "data" / "reports"), warehouse=warehouse, tmp_path=tmp_path
    )
    assert after.returncode == 0, after.stderr


# ------------------------------------------------------------------ the next build's start

RAW_COLUMNS = "sha256 varchar primary key, raw_text varchar"


def raw_file(path: Path, hashes: list[str], columns: str = RAW_COLUMNS) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute(f"create schema raw; create table raw.report_files ({columns})")
        for sha in hashes:
            con.execute("insert into raw.report_files (sha256) values (?)", [sha])
    return path


def published_file(path: Path, hashes: list[str]) -> Path:
    """A published warehouse whose loaded reports, in its raw store, are those it was built of."""
    raw_file(raw_store_path(path), hashes)
    return raw_file(path, hashes)


def raw_hashes(path: Path) -> set[str]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {sha for (sha,) in con.execute("select sha256 from raw.report_files").fetchall()}


def with_built_reports(path: Path, count: int) -> Path:
    """``count`` reports built: report_quality lists every built report, quarantined or not."""
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts; create table marts.report_quality (report_id varchar)")
        con.execute(
            "insert into marts.report_quality select 'r' || i from range(?) as t(i)", [count]
        )
    return path


def test_the_previous_build_catches_up_with_reports_loaded_and_deleted_since(tmp_path):
    published = published_file(tmp_path / "wh.duckdb", ["a", "b", "c", "e", "f"])
    previous = with_built_reports(
        raw_file(tmp_path / "wh.duckdb.previous", ["a", "b", "d", "e"]), 4
    )
    working = tmp_path / "wh.duckdb.building"
    assert prepare_working_copy(published, working) == "previous build"
    assert raw_hashes(working) == {"a", "b", "c", "e", "f"}
    assert not previous.exists()  # taken, not copied
    assert raw_hashes(published) == {"a", "b", "c", "e", "f"}


def test_reports_added_since_are_copied_in_commits_of_their_own(tmp_path, monkeypatch):
    # a first build copies every report: in one commit, DuckDB held them all in memory
    monkeypatch.setattr(publish, "RAW_COPY_BATCH", 4)
    loaded = ["a", "b", "c", "d", "e", "f", "g"]
    published = published_file(tmp_path / "wh.duckdb", loaded)
    with_built_reports(raw_file(tmp_path / "wh.duckdb.previous", ["a"]), 7)
    working = tmp_path / "wh.duckdb.building"
    assert prepare_working_copy(published, working) == "previous build"
    # six to copy: a commit of four, then one of two
    assert raw_hashes(working) == set(loaded)


def test_a_previous_build_far_behind_is_not_caught_up(tmp_path):
    published = published_file(tmp_path / "wh.duckdb", ["a", "b", "c", "d"])
    # the file a first build replaced: reports loaded, none built
    raw_file(tmp_path / "wh.duckdb.previous", ["a", "b", "c"])
    working = tmp_path / "wh.duckdb.building"
    assert prepare_working_copy(published, working) == "copy"
    assert sha256(working) == sha256(published)


def with_rules(path: Path, fingerprints: dict[str, str]) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute(
            "create schema if not exists intermediate;"
            " create table intermediate.incremental_fingerprints"
            " (model_name varchar, fingerprint varchar, built_at timestamptz)"
        )
        for model, fingerprint in fingerprints.items():
            con.execute(
                "insert into intermediate.incremental_fingerprints values (?, ?, now())",
                [model, fingerprint],
            )
    return path


def test_a_previous_build_with_other_rules_is_not_caught_up(tmp_path):
    # the last build changed a rule and rebuilt in full; the file it replaced has the old rules
    rules = {"marts.metrics": "new", "marts.goals": "same"}
    published = with_rules(
        with_built_reports(published_file(tmp_path / "wh.duckdb", ["a", "b"]), 2), rules
    )
    previous = tmp_path / "wh.duckdb.previous"
    with_rules(with_built_reports(raw_file(previous, ["a", "b"]), 2), rules)
    working = tmp_path / "wh.duckdb.building"
    assert prepare_working_copy(published, working) == "previous build"
    working.rename(previous)
    with duckdb.connect(str(previous)) as con:
        con.execute(
            "update intermediate.incremental_fingerprints set fingerprint = 'old'"
            " where model_name = 'marts.metrics'"
        )
    assert prepare_working_copy(published, working) == "copy"
    assert sha256(working) == sha256(published)


def test_without_a_usable_previous_build_the_warehouse_is_copied(tmp_path):
    published = published_file(tmp_path / "wh.duckdb", ["a", "b"])
    working = tmp_path / "wh.duckdb.building"
    assert prepare_working_copy(published, working) == "copy"
    assert sha256(working) == sha256(published)
    # a previous build whose raw table has other columns (another loader version)
    with_built_reports(
        raw_file(tmp_path / "wh.duckdb.previous", ["a"], columns="sha256 varchar, extra integer"),
        2,
    )
    assert prepare_working_copy(published, working) == "copy"
    assert raw_hashes(working) == {"a", "b"}


def test_builds_keep_the_replaced_warehouse_and_start_from_it(warehouse, tmp_path):
    previous = warehouse.with_name(warehouse.name + ".previous")
    first = govreports("build", warehouse=warehouse, tmp_path=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "built from: copy" in first.stderr
    assert previous.exists()
    # one report deleted from the loaded reports and a new one loaded
    with duckdb.connect(str(raw_store_path(warehouse))) as con:
        (gone,) = con.execute("select min(sha256) from raw.report_files").fetchone()
        con.execute("delete from raw.report_files where sha256 = ?", [gone])
    extra = tmp_path / "extra" / "edited.txt"
    extra.parent.mkdir()
    source = REPO / "data" / "reports" / "000_56e08ec3f9ad0187.txt"
    extra.write_text(source.read_text(encoding="utf-8") + "\n(edited copy)\n", encoding="utf-8")
    loaded = govreports("load", str(extra), warehouse=warehouse, tmp_path=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    second = govreports("build", warehouse=warehouse, tmp_path=tmp_path)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "built from: previous build" in second.stderr
    assert "dbt unit tests: skipped" in second.stderr  # the first build ran and passed them
    assert "dbt unit tests: skipped" not in first.stderr
    with duckdb.connect(str(warehouse), read_only=True) as con:
        raw_ids = con.execute("select left(sha256, 16) from raw.report_files order by 1").fetchall()
        for mart in ("reports", "report_quality"):
            ids = con.execute(f"select report_id from marts.{mart} order by 1").fetchall()
            assert ids == raw_ids, mart
        for mart in ("sections", "metrics", "goals"):
            (strays,) = con.execute(
                f"select count(*) from marts.{mart} where report_id = left(?, 16)", [gone]
            ).fetchone()
            assert strays == 0, mart


def test_unit_tests_run_again_when_any_rule_changes(tmp_path, monkeypatch):
    project = project_copy(tmp_path)
    monkeypatch.setenv("DBT_TARGET_PATH", str(tmp_path / "target"))
    assert not unit_tests_passed_on(project, rules_fingerprint(project))
    record_unit_tests_passed(project, rules_fingerprint(project))
    assert unit_tests_passed_on(project, rules_fingerprint(project))
    seed = project / "seeds" / "units.csv"
    seed.write_text(seed.read_text(encoding="utf-8") + "公顷,area,0.01,平方公里,\n", "utf-8")
    assert not unit_tests_passed_on(project, rules_fingerprint(project))


def rebuilt_file(path: Path, rebuild: bool) -> Path:
    """A DuckDB file with a table, a view on it and comments; ``rebuild`` rebuilds the table
    (as dbt does with new rules), which leaves the old table's blocks free."""
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute(
        "create table marts.sections as select range as id, repeat(md5(range::varchar), 8) "
        "as section_text from range(200000)"
    )
    con.execute("checkpoint")
    if rebuild:
        con.execute("create table marts.rebuilt as select * from marts.sections")
        con.execute("drop table marts.sections")
        con.execute("alter table marts.rebuilt rename to sections")
    con.execute("create view marts.short_sections as select id from marts.sections where id < 5")
    con.execute("comment on table marts.sections is 'one row per section'")
    con.execute("comment on column marts.sections.section_text is 'the text'")
    con.execute("checkpoint")
    con.close()
    return path


def _contents(path: Path) -> tuple:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return (
            con.execute("select count(*), sum(hash(section_text)) from marts.sections").fetchone(),
            con.execute("select list(id order by id) from marts.short_sections").fetchone(),
            con.execute(
                "select list(comment order by column_name) from duckdb_columns() "
                "where table_name = 'sections'"
            ).fetchone(),
            con.execute(
                "select comment from duckdb_tables() where table_name = 'sections'"
            ).fetchone(),
        )
    finally:
        con.close()


def _free_and_used_blocks(path: Path) -> tuple[int, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select free_blocks, used_blocks from pragma_database_size()").fetchone()
    finally:
        con.close()


def test_a_file_left_half_free_by_a_rebuild_is_compacted_with_all_it_holds(tmp_path):
    path = rebuilt_file(tmp_path / "built.duckdb", rebuild=True)
    free, used = _free_and_used_blocks(path)
    assert free > 0.5 * used  # the rebuild left the old table's blocks behind
    before = _contents(path)

    compaction = compact_if_bloated(path)

    assert compaction is not None
    size_before, size_after = compaction
    # how much smaller varies with how DuckDB writes the copy (under 0.75 of the size in most
    # runs, 0.81 in one CI run on a busy machine); that its free blocks are gone is checked below
    assert size_after == path.stat().st_size < size_before
    assert _contents(path) == before
    assert before[1] == ([0, 1, 2, 3, 4],) and before[3] == ("one row per section",)
    free, used = _free_and_used_blocks(path)
    assert free <= 0.1 * used
    assert not (tmp_path / "built.duckdb.compact").exists()


def test_a_file_with_little_free_space_is_left_as_it_was(tmp_path):
    path = rebuilt_file(tmp_path / "built.duckdb", rebuild=False)
    digest = sha256(path)
    assert compact_if_bloated(path) is None
    assert sha256(path) == digest


def test_a_previous_build_left_half_free_by_a_rebuild_is_not_caught_up(tmp_path):
    # the build after a rebuild: the file it replaced (the next one's start) is half free
    # space and would be compacted again; a copy of the compacted warehouse costs less
    published = with_built_reports(published_file(tmp_path / "wh.duckdb", ["a", "b"]), 2)
    previous = tmp_path / "wh.duckdb.previous"
    with_built_reports(raw_file(previous, ["a", "b"]), 2)
    working = tmp_path / "wh.duckdb.building"
    assert prepare_working_copy(published, working) == "previous build"
    working.rename(previous)
    rebuilt_file(tmp_path / "sections.duckdb", rebuild=True)
    with duckdb.connect(str(previous)) as con:
        con.execute(f"attach '{tmp_path / 'sections.duckdb'}' as rebuilt (read_only)")
        con.execute("create table marts.sections as select * from rebuilt.marts.sections")
        con.execute("checkpoint")
        con.execute("create or replace table marts.sections as select * from marts.sections")
        con.execute("checkpoint")
    assert _free_and_used_blocks(previous)[0] > 0.5 * _free_and_used_blocks(previous)[1]
    assert prepare_working_copy(published, working) == "copy"
    assert sha256(working) == sha256(published)


def test_a_first_build_keeps_a_copy_of_itself_for_the_next_one(tmp_path):
    # the file a first build replaces holds no built report: the next build could not start
    # from it, so the first build leaves a copy of what it built as the previous build
    warehouse = tmp_path / "govreports.duckdb"
    previous = warehouse.with_name(warehouse.name + ".previous")
    reports = sorted((REPO / "data" / "reports").glob("*.txt"))
    loaded = govreports("load", *map(str, reports[:4]), warehouse=warehouse, tmp_path=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    first = govreports("build", warehouse=warehouse, tmp_path=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "built from: new" in first.stderr  # a load writes the raw store only
    assert sha256(previous) == sha256(warehouse)
    assert os.stat(previous).st_ino != os.stat(warehouse).st_ino  # a copy, not a second name
    loaded = govreports("load", str(reports[4]), warehouse=warehouse, tmp_path=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    second = govreports("build", warehouse=warehouse, tmp_path=tmp_path)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "built from: previous build" in second.stderr
    # the warehouse that second build replaced had every report built: kept as it was
    with duckdb.connect(str(previous), read_only=True) as con:
        assert con.execute("select count(*) from marts.reports").fetchone() == (4,)


def test_a_build_is_not_published_beside_a_writer_of_the_warehouse(warehouse, tmp_path):
    """A tool holding the warehouse read-write finds its log by the file's name; a build
    published beside it would have that log replayed onto the new file."""
    # a build first, as after any load: the loaded reports have a store of their own
    assert govreports("build", warehouse=warehouse, tmp_path=tmp_path).returncode == 0
    with held_open(warehouse):
        before = sha256(warehouse)
        built = govreports("build", warehouse=warehouse, tmp_path=tmp_path)
        assert built.returncode == 1, built.stderr
        assert "not published: another process holds" in built.stderr
        assert sha256(warehouse) == before
    again = govreports("build", warehouse=warehouse, tmp_path=tmp_path)
    assert again.returncode == 0, again.stderr
