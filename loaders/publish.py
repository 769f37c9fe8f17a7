"""Build into a copy of the warehouse and publish it only when the build is green.

Readers (the DuckDB CLI, BI tools) may hold the published file open at any time, even during a
build: the build works on a snapshot, and the finished file replaces the published one with an
atomic rename, so a reader sees the old warehouse or the new one, never half a build. A failed
build leaves the published warehouse as it was. Loads and builds of one warehouse take turns
through an advisory lock file, so a load cannot slip in between a build's snapshot and its
publication and be lost.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from .dbt_build import BuildResult, run_dbt
from .warehouse import WarehouseBusy


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


@contextmanager
def exclusive_writer(warehouse: Path) -> Iterator[None]:
    """Held by every load and build of ``warehouse``; a second writer is told, not queued."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    lock_path = warehouse.with_name(warehouse.name + ".lock")
    with lock_path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WarehouseBusy(
                f"{warehouse} is being loaded or built by another process; "
                "try again when it has finished"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _snapshot(warehouse: Path, copy: Path) -> None:
    """Copy the warehouse consistently: checkpointed when no reader holds it, else as read."""
    for stale in (copy, _wal(copy)):
        stale.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(warehouse))
        con.execute("checkpoint")
    except duckdb.IOException:
        # readers hold it: nobody writes while they do, so the file is stable as it is
        con = duckdb.connect(str(warehouse), read_only=True)
    try:
        shutil.copyfile(warehouse, copy)
        if _wal(warehouse).exists():
            shutil.copyfile(_wal(warehouse), _wal(copy))
    finally:
        con.close()


def build_and_publish(warehouse: Path, project_dir: Path, dbt_args: list[str]) -> BuildResult:
    """Run dbt on a snapshot of ``warehouse``; replace ``warehouse`` with it if dbt succeeds."""
    building = warehouse.with_name(warehouse.name + ".building")
    _snapshot(warehouse, building)
    try:
        result = run_dbt(dbt_args, building, project_dir)
        if result.returncode == 0:
            os.replace(building, warehouse)
            # the new file was closed cleanly; an old log must not be replayed onto it
            _wal(warehouse).unlink(missing_ok=True)
        return result
    finally:
        building.unlink(missing_ok=True)
        _wal(building).unlink(missing_ok=True)
