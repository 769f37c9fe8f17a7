"""Shared fixtures: the gold annotations and one warehouse built from the sample reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample reports loaded and `dbt build` run into a temporary warehouse."""
    workdir = tmp_path_factory.mktemp("warehouse")
    warehouse = workdir / "govreports.duckdb"
    env = warehouse_env(warehouse, workdir)
    loaded = run_govreports("load", str(REPORTS_DIR), env=env)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    built = run_govreports("build", env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    return warehouse


@pytest.fixture(scope="session")
def warehouse_con(built_warehouse: Path):
    con = duckdb.connect(str(built_warehouse), read_only=True)
    yield con
    con.close()
