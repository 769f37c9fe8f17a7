"""Builds publish atomically: readers never block a build, a failed build changes nothing."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from loaders.publish import exclusive_writer

from .conftest import REPO, run_govreports


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def govreports(*args: str, warehouse: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["GOVREPORTS_WAREHOUSE"] = str(warehouse)
    env["DBT_TARGET_PATH"] = str(tmp_path / "target")
    env["DBT_LOG_PATH"] = str(tmp_path / "logs")
    return run_govreports(*args, env=env)


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
    project = tmp_path / "project"
    project.mkdir()
    for name in ("dbt_project.yml", "profiles.yml"):
        shutil.copy(REPO / name, project / name)
    for folder in ("models", "seeds", "macros", "data-tests"):
        shutil.copytree(REPO / folder, project / folder)
    # an error-severity test that fails on every build
    (project / "data-tests" / "assert_always_fails.sql").write_text(
        "select 1 as broken from {{ ref('reports') }}\n", encoding="utf-8"
    )
    published = sha256(warehouse)
    built = govreports(
        "build", "--project-dir", str(project), warehouse=warehouse, tmp_path=tmp_path
    )
    assert built.returncode != 0
    assert "left as it was" in built.stderr
    assert sha256(warehouse) == published
    assert not warehouse.with_name(warehouse.name + ".building").exists()


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
