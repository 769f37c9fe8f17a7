"""Run ``dbt build`` on a warehouse in a child process and summarise its results.

A child process is used on purpose: when it exits, every DuckDB handle dbt opened is gone, so
the warehouse is never left locked for the next reader or loader.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders.warehouse import MANAGED_BUILD_ENV, WAREHOUSE_ENV

from .progress import heartbeat_seconds, relay_output

PROJECT_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BuildResult:
    returncode: int
    statuses: dict[str, int]
    # what the build started from: "previous build" (caught up) or "copy" (of the warehouse)
    started_from: str = ""
    # dbt's unit tests were left out: they had passed on these very rules
    unit_tests_skipped: bool = False
    # the built file was compacted before publishing: its sizes in bytes before and after
    compaction: tuple[int, int] | None = None
    # each failed test or model, with the files of the reports in its failing rows
    failures: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # a failed build's working copy, kept when asked (--keep-failed)
    kept_failed: Path | None = None
    # what went wrong keeping the previous build (the green build was published anyway)
    previous_warning: str = ""
    # how a damaged warehouse was recovered before the build
    recovery: str = ""
    # why a green build was not published (another process holds the warehouse read-write)
    refused: str = ""


def find_project_dir(start: Path | None = None) -> Path:
    """The dbt project: the current folder if it holds dbt_project.yml, else this checkout."""
    candidate = (start or Path.cwd()).resolve()
    if (candidate / "dbt_project.yml").exists():
        return candidate
    if (PROJECT_DIR / "dbt_project.yml").exists():
        return PROJECT_DIR
    raise FileNotFoundError("no dbt_project.yml in the current folder or the govreports checkout")


def _dbt_executable() -> str:
    beside_python = Path(sys.executable).with_name("dbt")
    return str(beside_python) if beside_python.exists() else "dbt"


def run_dbt(
    args: list[str], warehouse: Path, project_dir: Path, quiet: bool = False
) -> BuildResult:
    env = dict(os.environ)
    env[WAREHOUSE_ENV] = str(warehouse.resolve())
    # the working copy, the lock and the publish are this process's (govreports/dbt_guard.py)
    env[MANAGED_BUILD_ENV] = "1"
    # dbt's file log at debug level holds every statement with its full SQL, and threads
    # queue on the log's lock to write it. DBT_LOG_LEVEL_FILE=debug brings it back.
    env.setdefault("DBT_LOG_LEVEL_FILE", "info")
    command = [
        _dbt_executable(),
        *args,
        "--project-dir",
        str(project_dir),
        "--profiles-dir",
        str(project_dir),
    ]
    # a build that fails before writing its results must not report the last build's
    (target_path(project_dir) / "run_results.json").unlink(missing_ok=True)
    if quiet:
        completed = subprocess.run(
            command,
            cwd=project_dir,
            env=env,
            check=False,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        if completed.returncode != 0 and completed.stdout:
            sys.stderr.write(completed.stdout)
        returncode = completed.returncode
    else:
        returncode = _run_showing_progress(command, project_dir, env)
    return BuildResult(returncode, _statuses(target_path(project_dir) / "run_results.json"))


def _run_showing_progress(command: list[str], project_dir: Path, env: dict[str, str]) -> int:
    """Run dbt with its lines passed on to stdout, and a word on stderr about what is still
    running when it has been quiet a while (govreports/progress.py)."""

    def write(line: str) -> None:
        sys.stdout.write(line)
        sys.stdout.flush()

    def say(message: str) -> None:
        print(f"govreports: {message}", file=sys.stderr, flush=True)

    with subprocess.Popen(
        command,
        cwd=project_dir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    ) as child:
        assert child.stdout is not None
        try:
            relay_output(child.stdout, write, heartbeat_seconds(), say)
        except BaseException:
            # Ctrl-C reaches dbt too; anything else must not leave it writing the working copy
            child.kill()
            raise
        return child.wait()


UNIT_TESTS_PASSED = "govreports_unit_tests_passed"


def target_path(project_dir: Path) -> Path:
    return Path(os.environ.get("DBT_TARGET_PATH") or project_dir / "target")


def unit_tests_passed_on(project_dir: Path, fingerprint: str) -> bool:
    """Whether dbt's unit tests passed on the rules of ``fingerprint`` (a
    :func:`~govreports.fingerprint.rules_fingerprint`, recorded by an earlier build)."""
    marker = target_path(project_dir) / UNIT_TESTS_PASSED
    try:
        return marker.read_text(encoding="utf-8").strip() == fingerprint
    except OSError:
        return False


def record_unit_tests_passed(project_dir: Path, fingerprint: str) -> None:
    marker = target_path(project_dir) / UNIT_TESTS_PASSED
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(fingerprint + "\n", encoding="utf-8")


def _statuses(run_results: Path) -> dict[str, int]:
    if not run_results.exists():
        return {}
    counts: dict[str, int] = {}
    for result in json.loads(run_results.read_text(encoding="utf-8")).get("results", []):
        kind = result["unique_id"].split(".", 1)[0]
        key = f"{kind}:{result['status']}"
        counts[key] = counts.get(key, 0) + 1
    return counts


# the columns that name a report in a failing test's rows
_REPORT_COLUMNS = ("report_id", "goal_report_id", "actual_report_id")


def failures_with_reports(
    project_dir: Path, database: Path, limit: int = 10
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each node of the last dbt run that failed, with the files of the reports its failing
    rows name (a test's rows are read again from ``database``, the working copy)."""
    run_results = target_path(project_dir) / "run_results.json"
    if not run_results.exists():
        return ()
    results = json.loads(run_results.read_text(encoding="utf-8")).get("results", [])
    failed = [r for r in results if r["status"] in ("fail", "error", "runtime error")]
    if not failed:
        return ()
    import duckdb

    named: list[tuple[str, tuple[str, ...]]] = []
    with contextlib.suppress(duckdb.Error), duckdb.connect(str(database), read_only=True) as con:
        for result in failed:
            files: tuple[str, ...] = ()
            code = result.get("compiled_code") or ""
            if result["unique_id"].startswith("test.") and code.strip():
                files = _report_files_of(con, code, limit)
            named.append((result["unique_id"].split(".")[-1], files))
    return tuple(named) or tuple((r["unique_id"].split(".")[-1], ()) for r in failed)


def _report_files_of(con: Any, test_sql: str, limit: int) -> tuple[str, ...]:
    import duckdb

    try:
        columns = [d[0] for d in con.execute(f"select * from ({test_sql}) limit 0").description]
        column = next((c for c in _REPORT_COLUMNS if c in columns), None)
        if column is None:
            return ()
        rows = con.execute(
            f"""
            select distinct coalesce(raw.file_name, failing.{column})
            from ({test_sql}) as failing
            left join raw.report_files as raw on left(raw.sha256, 16) = failing.{column}
            limit {int(limit)}
            """
        ).fetchall()
    except duckdb.Error:
        return ()
    return tuple(sorted(str(name) for (name,) in rows))
