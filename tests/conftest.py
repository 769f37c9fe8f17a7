"""Shared fixtures: the gold annotations and one warehouse built from the sample reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parent.parent
REPORTS_DIR = REPO / "data" / "reports"
GOLD_DIR = Path(__file__).resolve().parent / "gold"
BIN = Path(sys.executable).parent


def load_gold() -> dict[str, dict]:
    return {
        path.stem + ".txt": json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(GOLD_DIR.glob("*.json"))
    }


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    return load_gold()


def warehouse_env(warehouse: Path, workdir: Path) -> dict[str, str]:
    """This process's environment, with the warehouse and dbt's target and logs in workdir."""
    return {
        **os.environ,
        "GOVREPORTS_WAREHOUSE": str(warehouse),
        "DBT_TARGET_PATH": str(workdir / "target"),
        "DBT_LOG_PATH": str(workdir / "logs"),
    }


def run_govreports(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "govreports"), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def load_and_build(workdir: Path, *reports: Path) -> Path:
    """A new warehouse in ``workdir`` with ``reports`` (files or folders) loaded and built."""
    warehouse = workdir / "govreports.duckdb"
    env = warehouse_env(warehouse, workdir)
    for args in (("load", *map(str, reports)), ("build",)):
        result = run_govreports(*args, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    return warehouse


@contextmanager
def opened_after_build(workdir: Path, *reports: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to a warehouse of ``reports`` (see load_and_build)."""
    con = duckdb.connect(str(load_and_build(workdir, *reports)), read_only=True)
    try:
        yield con
    finally:
        con.close()


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample reports loaded and `dbt build` run into a temporary warehouse."""
    return load_and_build(tmp_path_factory.mktemp("warehouse"), REPORTS_DIR)


@pytest.fixture(scope="session")
def warehouse_con(built_warehouse: Path):
    con = duckdb.connect(str(built_warehouse), read_only=True)
    yield con
    con.close()
