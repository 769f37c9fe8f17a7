"""`dbt build` run by hand is as safe as `govreports build`.

The dbt-duckdb plugin (govreports/dbt_plugin.py) calls :func:`prepare_connection` before dbt
opens the warehouse. For a command that writes (build, run, test, seed …) it takes the
writers' lock, prepares the working copy `<warehouse>.building` exactly as `govreports build`
does (from the previous build, or a copy, with the reports loaded since), and points dbt at
it; at exit, the working copy is published by the same atomic rename if dbt's run ended with
no failure (the `on-run-end` hook reports that through :func:`record_run_outcome`), and dropped
otherwise. A command that only reads (compile, show, docs generate, ls) opens the published
file read-only, so it works beside any reader. `govreports build` sets GOVREPORTS_MANAGED_BUILD
for its dbt child, which then leaves all of this to it.
"""

from __future__ import annotations

import atexit
import fcntl
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders.warehouse import MANAGED_BUILD_ENV, WAREHOUSE_ENV, raw_store_path

from .dbt_build import PROJECT_DIR

# dbt commands that write the warehouse; the others only read it
WRITING_COMMANDS = frozenset(
    {"build", "run", "test", "seed", "snapshot", "run-operation", "retry", "clone"}
)
READING_COMMANDS = frozenset({"compile", "show", "docs", "ls", "list", "parse", "debug", "source"})
# dbt options that take a value, so their value is not taken for the command
_OPTIONS_WITH_VALUES = frozenset(
    {
        "--project-dir",
        "--profiles-dir",
        "--target",
        "-t",
        "--profile",
        "--log-level",
        "--log-path",
        "--target-path",
        "--vars",
        "--threads",
        "--log-format",
    }
)


@dataclass
class _Run:
    warehouse: Path
    building: Path
    lock: Any  # the open lock file, held until the process ends
    green: bool = False


_RUN: _Run | None = None


def dbt_command(argv: list[str]) -> str | None:
    """The dbt subcommand in a command line (``dbt --log-level info build -s x`` → build)."""
    skip = False
    for arg in argv[1:]:
        if skip:
            skip = False
            continue
        if arg.startswith("-"):
            skip = arg in _OPTIONS_WITH_VALUES
            continue
        return arg
    return None


def project_dir() -> Path:
    """The dbt project this run is of (--project-dir), else this checkout."""
    from dbt.flags import get_flags

    given = getattr(get_flags(), "PROJECT_DIR", None)
    return Path(given).resolve() if given else PROJECT_DIR


def warehouse_of(profile_path: str) -> Path:
    """The published warehouse the profile names: a path from $GOVREPORTS_WAREHOUSE is the
    user's (relative to where they are), the profile's default lives in the project, whatever
    folder dbt is run from."""
    path = Path(profile_path)
    if path.is_absolute() or os.environ.get(WAREHOUSE_ENV):
        return path
    return project_dir() / path


def prepare_connection(creds: Any, config: dict[str, Any]) -> None:
    """Point dbt's connection at the working copy (writers) or open it read-only (readers)."""
    global _RUN
    if os.environ.get(MANAGED_BUILD_ENV):
        return
    if _RUN is not None:  # dbt-duckdb reopens the file between nodes
        creds.path = str(_RUN.building)
        return
    warehouse = warehouse_of(str(creds.path))
    command = dbt_command(sys.argv)
    if command not in WRITING_COMMANDS:
        creds.path = str(warehouse)
        if warehouse.exists():
            config["access_mode"] = "READ_ONLY"
        return
    _RUN = _start(warehouse)
    creds.path = str(_RUN.building)
    atexit.register(_finish)


def _start(warehouse: Path) -> _Run:
    # imported here: the plugin module is loaded for every dbt command, reading ones included
    from loaders.warehouse import ensure_raw_store

    from .publish import is_readable_database, prepare_working_copy, recover_from_previous

    if not (warehouse.exists() or raw_store_path(warehouse).exists()):
        raise RuntimeError(f"no reports loaded for {warehouse}; run `govreports load` first")
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    lock = warehouse.with_name(warehouse.name + ".lock").open("a")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        raise RuntimeError(
            f"{warehouse} is being loaded or built by another process; try again when it has "
            "finished"
        ) from None
    if warehouse.exists() and not is_readable_database(warehouse):
        _say(recover_from_previous(warehouse))
    ensure_raw_store(warehouse)
    building = warehouse.with_name(warehouse.name + ".building")
    started_from = prepare_working_copy(warehouse, building)
    _say(f"building {warehouse} in {building.name} (from {started_from}); published if green")
    return _Run(warehouse, building, lock)


def record_run_outcome(failures: int) -> bool:
    """Called by the on-run-end hook with the number of failed nodes: a run with none is
    green and will be published."""
    if _RUN is not None:
        _RUN.green = failures == 0
    return True


def _finish() -> None:
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    from .publish import discard, publish_green_build

    run = _RUN
    if run is None:
        return
    # dbt-duckdb keeps the database open between nodes; close it before the file moves
    environment = DuckDBConnectionManager._ENV
    if environment is not None:
        environment.close()
    try:
        if run.green:
            for line in publish_green_build(run.warehouse, run.building):
                _say(line)
            _say(f"published {run.warehouse}")
        else:
            discard(run.building)
            _say("the run failed or was interrupted: the published warehouse was left as it was")
    finally:
        fcntl.flock(run.lock, fcntl.LOCK_UN)
        run.lock.close()


def _say(message: str) -> None:
    print(f"govreports: {message}", file=sys.stderr, flush=True)
