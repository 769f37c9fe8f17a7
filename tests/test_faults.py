"""Faults: loads killed at random moments, loaders racing each other, a build killed mid-run.

Whatever happens, the warehouse must open, hold no duplicate and no half report, and the same
load run again must give exactly the rows a clean load gives. (A build that fails is in
test_publish.py.)
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from loaders.warehouse import raw_store_path

from .conftest import BIN, REPO, REPORTS_DIR, warehouse_env

COPIES = 60
KILLS = 6
BUSY = "being loaded or built by another process"

# Everything the loader writes except the load time: what must be equal to a clean load.
ROWS_SQL = """
    select sha256, file_name, file_path, byte_size, encoding, content_type, script,
        md5(raw_text), md5(normalized_text), line_repairs::varchar, loader_version
    from raw.report_files
    order by sha256
"""


def loader(folder: Path, warehouse: Path, tmp_path: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "GOVREPORTS_WAREHOUSE": str(tmp_path / "unused.duckdb")}
    return subprocess.Popen(
        [str(BIN / "govreports"), "load", str(folder), "--warehouse", str(warehouse)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # its own process group, so a kill reaches it and nothing else
        start_new_session=True,
    )


def rows(warehouse: Path) -> list[tuple]:
    """The loaded rows (the warehouse's raw store), opening the file read-write as the next
    loader would (replaying its log).

    A loader killed between creating the file and committing its schema leaves a database with
    no raw table: that is no rows, not an error.
    """
    con = duckdb.connect(str(raw_store_path(warehouse)))
    try:
        (tables,) = con.execute(
            "select count(*) from duckdb_tables() "
            "where schema_name = 'raw' and table_name = 'report_files'"
        ).fetchone()
        return con.execute(ROWS_SQL).fetchall() if tables else []
    finally:
        con.close()


@pytest.fixture(scope="module")
def many_reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple], float]:
    """60 distinct report files and a clean load of them: (folder, rows, seconds it took)."""
    workdir = tmp_path_factory.mktemp("faults")
    folder = workdir / "reports"
    folder.mkdir()
    samples = sorted(REPORTS_DIR.glob("*.txt"))
    for index in range(COPIES):
        sample = samples[index % len(samples)]
        # a trailing line after the report makes each copy distinct content
        data = sample.read_bytes() + f"\n转载自第{index}号镜像站点\n".encode()
        (folder / f"{index:02d}_{sample.name}").write_bytes(data)
    clean = workdir / "clean.duckdb"
    started = time.monotonic()
    process = loader(folder, clean, workdir)
    _, stderr = process.communicate(timeout=300)
    seconds = time.monotonic() - started
    assert process.returncode == 0, stderr
    clean_rows = rows(clean)
    assert len(clean_rows) == COPIES
    return folder, clean_rows, seconds


def test_load_killed_at_random_moments_then_rerun_equals_a_clean_load(
    many_reports: tuple[Path, list[tuple], float], tmp_path: Path
) -> None:
    folder, clean_rows, clean_seconds = many_reports
    clean_by_sha = {row[0]: row for row in clean_rows}
    warehouse = tmp_path / "killed.duckdb"
    rng = random.Random(20240308)
    killed = 0
    for _ in range(KILLS):
        process = loader(folder, warehouse, tmp_path)
        time.sleep(rng.uniform(0.1, 0.9) * clean_seconds)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=60)
        killed += process.returncode == -signal.SIGKILL
        if not raw_store_path(warehouse).exists():
            continue  # killed before the file was created
        after_kill = rows(warehouse)
        # every row that survived is a whole report, exactly as a clean load writes it
        assert {row[0] for row in after_kill} <= set(clean_by_sha)
        for row in after_kill:
            assert row == clean_by_sha[row[0]]
    assert killed >= KILLS // 2, "the loader finished before most kills: kills came too late"

    process = loader(folder, warehouse, tmp_path)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    assert rows(warehouse) == clean_rows


def test_loaders_started_together_take_turns_or_are_told(
    many_reports: tuple[Path, list[tuple], float], tmp_path: Path
) -> None:
    folder, clean_rows, _ = many_reports
    warehouse = tmp_path / "raced.duckdb"
    processes = [loader(folder, warehouse, tmp_path) for _ in range(3)]
    outcomes = [(p.wait(timeout=300), p.communicate()[1]) for p in processes]
    codes = sorted(code for code, _ in outcomes)
    assert 0 in codes, outcomes
    for code, stderr in outcomes:
        assert code in (0, 2), stderr
        if code == 2:
            assert BUSY in stderr
            assert str(warehouse) in stderr
            assert "Traceback" not in stderr
    # neither corrupted the file: it holds the clean rows, and loading again adds nothing
    assert rows(warehouse) == clean_rows
    again = loader(folder, warehouse, tmp_path)
    _, stderr = again.communicate(timeout=300)
    assert again.returncode == 0, stderr
    assert rows(warehouse) == clean_rows


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_build_killed_mid_run_leaves_the_published_warehouse_as_it_was(
    built_warehouse: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "govreports.duckdb"
    shutil.copyfile(built_warehouse, warehouse)
    published = sha256(warehouse)
    env = warehouse_env(warehouse, tmp_path)
    build = subprocess.Popen(
        [str(BIN / "govreports"), "build"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    building = warehouse.with_name(warehouse.name + ".building")
    deadline = time.monotonic() + 60
    while not building.exists() and time.monotonic() < deadline and build.poll() is None:
        time.sleep(0.05)
    time.sleep(3)  # dbt is running on the snapshot
    assert build.poll() is None, "the build ended before it could be killed"
    # the loader's process group: govreports and the dbt it runs
    os.killpg(build.pid, signal.SIGKILL)
    build.wait(timeout=60)

    assert sha256(warehouse) == published
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from marts.reports").fetchone() == (13,)
    # the lock died with the build: a load goes ahead
    process = loader(REPORTS_DIR, warehouse, tmp_path)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert "already loaded" in stderr
