"""Shared fixtures: the gold annotations and one warehouse built from the sample reports.

Tests that build a warehouse (they run dbt) are marked ``warehouse`` here, by what they call:
``make test-fast`` runs the others (``pytest -m "not warehouse"``), ``make test`` all.
duckdb is imported where a fixture needs it, so the fast lane does not pay for it up front."""

from __future__ import annotations

import inspect
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    import duckdb

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
    import duckdb

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
    import duckdb

    con = duckdb.connect(str(built_warehouse), read_only=True)
    yield con
    con.close()


@contextmanager
def held_open(warehouse: Path, read_only: bool = False) -> Iterator[subprocess.Popen[str]]:
    """Another process with the warehouse open until the block ends."""
    code = (
        "import sys, duckdb\n"
        "con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == 'ro')\n"
        "print('ready', flush=True)\n"
        "sys.stdin.read()\n"
        "con.close()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(warehouse), "ro" if read_only else "rw"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready", holder.stderr.read()
        yield holder
    finally:
        try:
            holder.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            holder.kill()
            holder.communicate()


def project_copy(folder: Path, failing_test: str | None = None) -> Path:
    """A copy of the dbt project in ``folder``; with ``failing_test``, a singular data test
    of that SQL (rows it returns fail the build)."""
    project = folder / "project"
    project.mkdir()
    for name in ("dbt_project.yml", "profiles.yml"):
        shutil.copy(REPO / name, project / name)
    for sub in ("models", "seeds", "macros", "data-tests"):
        shutil.copytree(REPO / sub, project / sub)
    if failing_test is not None:
        (project / "data-tests" / "assert_always_fails.sql").write_text(
            failing_test, encoding="utf-8"
        )
    return project


# What a test calls when it runs dbt: a build by the command line, the library or dbt itself.
_RUNS_DBT = re.compile(
    r"load_and_build|opened_after_build|build_and_publish|\bdbt\b|[\"']build[\"']"
)


# helpers whose calls are followed: the test's own module, the tests' and the benchmark's
_FOLLOWED_PACKAGES = frozenset({"tests", "bench"})


def _source(function: Callable[..., Any]) -> str:
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


def _runs_dbt(function: Callable[..., Any], module: Any, seen: set[str]) -> bool:
    """Whether ``function`` or a function of its module it calls (at any depth) runs dbt."""
    source = _source(function)
    if _RUNS_DBT.search(source):
        return True
    for name in set(re.findall(r"\b([A-Za-z_][A-Za-z0-9_]*)\(", source)) - seen:
        seen.add(name)
        called = getattr(module, name, None)
        if (
            inspect.isfunction(called)
            and called.__module__.split(".")[0] in _FOLLOWED_PACKAGES | {module.__name__}
            and _runs_dbt(called, inspect.getmodule(called), seen)
        ):
            return True
    return False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        functions = [item.function]
        for definitions in item._fixtureinfo.name2fixturedefs.values():
            functions.extend(definition.func for definition in definitions)
        if any(_runs_dbt(f, inspect.getmodule(f), set()) for f in functions):
            item.add_marker(pytest.mark.warehouse)
