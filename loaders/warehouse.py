"""Where the warehouse lives, and the raw tables the loader writes into it."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from .reading import ReportFile

WAREHOUSE_ENV = "GOVREPORTS_WAREHOUSE"
# set for a dbt process whose working copy, lock and publish another process manages
# (govreports build for its dbt child; govreports/dbt_guard.py)
MANAGED_BUILD_ENV = "GOVREPORTS_MANAGED_BUILD"
# DuckDB's memory limit for builds (build_memory_limit; dbt's connections get it from the
# plugin); DuckDB's own default is 80% of the machine's memory
MEMORY_LIMIT_ENV = "GOVREPORTS_MEMORY_LIMIT"
# a full build of 10,000 reports ran out of memory at 3GB (bench/README.md)
DEFAULT_MEMORY_LIMIT = "4GB"
DEFAULT_WAREHOUSE = Path("warehouse/govreports.duckdb")
# Every writer of the load store and the warehouse (the loader, a build's catch-up, dbt) opens
# them with this. DuckDB's checkpoint merges a table's small row groups and writes the merged
# one again (its vacuum). raw.report_files holds one row per report, so up to 122,880 reports
# share a row group, and every load and every build wrote every text already stored again: a
# 1,000-report load store doubled, half of it free blocks, on a load of 10. Without the
# vacuum an append is a row group of its own and nothing stored is written again. The price:
# rows deleted (a report removed) keep their place until a compaction.
WRITER_CONFIG: dict[str, str | int | bool] = {"max_vacuum_tasks": 0}

RAW_DDL = """
create schema if not exists raw;
create table if not exists raw.report_files (
    -- unique, but not a primary key: the loader skips content already loaded (under the
    -- writers' lock) and dbt tests the column; DuckDB's key index cost a second at every
    -- checkpoint, a load of 10 reports into 10,000 included
    sha256 varchar not null,
    file_name varchar not null,
    file_path varchar not null,
    byte_size bigint not null,
    encoding varchar not null,
    content_type varchar not null,
    script varchar not null,
    raw_text varchar not null,
    normalized_text varchar not null,
    loaded_at timestamptz not null,
    loader_version varchar not null,
    line_repairs struct(line_number integer, repaired_text varchar)[] not null
);
"""


def stop_retrying_pandas() -> None:
    """Make DuckDB's optional ``import pandas`` fail at once when pandas is not installed.

    DuckDB tries to import pandas for every Python value it converts (to recognise pandas'
    missing values) and, pandas being absent, the failed import searches the whole path again
    each time: about 90 µs per value. A ``None`` entry in ``sys.modules`` is Python's own way
    to say "this module is not there", and nothing in this process could import it anyway.
    """
    if "pandas" not in sys.modules and importlib.util.find_spec("pandas") is None:
        sys.modules["pandas"] = None  # type: ignore[assignment]


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse file."""


class DamagedWarehouse(RuntimeError):
    """The file is not a DuckDB database DuckDB can open (truncated, overwritten)."""


# DuckDB names a database after its file (the first part of the name before a dot): a file
# called raw.duckdb makes `raw.report_files` ambiguous (catalog raw or schema raw), temp and
# system are DuckDB's own catalogs, and a quote in the name breaks the SQL dbt writes with it.
SCHEMA_NAMES = frozenset({"raw", "staging", "intermediate", "marts", "seeds", "main"})
RESERVED_CATALOGS = frozenset({"temp", "system", "memory"})


class BadWarehousePath(ValueError):
    """A warehouse path that cannot work; the message says why."""


def catalog_name(path: Path) -> str:
    """The name DuckDB (and dbt-duckdb) give the database in ``path``: govreports.duckdb is
    govreports, my.db.duckdb is my."""
    return path.name.lstrip(".").split(".")[0]


def check_warehouse_path(path: Path) -> Path:
    """``path`` if a warehouse can live there; else :class:`BadWarehousePath` saying why."""
    catalog = catalog_name(path)
    if catalog.lower() in SCHEMA_NAMES:
        raise BadWarehousePath(
            f"{path}: DuckDB would name the database {catalog!r}, like one of the warehouse's "
            f"schemas ({', '.join(sorted(SCHEMA_NAMES))}); choose another file name"
        )
    if catalog.lower() in RESERVED_CATALOGS:
        raise BadWarehousePath(
            f"{path}: DuckDB would name the database {catalog!r}, one of its own catalogs "
            f"({', '.join(sorted(RESERVED_CATALOGS))}); choose another file name"
        )
    if not catalog or not all(ch.isalnum() or ch in "_-" for ch in catalog):
        raise BadWarehousePath(
            f"{path}: DuckDB would name the database {catalog!r}; use letters, digits, _ and - "
            "before the first dot of the file name"
        )
    if path.is_dir():
        raise BadWarehousePath(f"{path} is a folder; name a DuckDB file in it")
    return path


def resolve_warehouse(option: Path | None) -> Path:
    """``--warehouse`` wins, then ``$GOVREPORTS_WAREHOUSE``, then the default path."""
    if option is not None:
        path = option
    else:
        env = os.environ.get(WAREHOUSE_ENV)
        path = Path(env) if env else DEFAULT_WAREHOUSE
    return check_warehouse_path(path)


def is_lock_conflict(error: BaseException) -> bool:
    """DuckDB's "Could not set lock on file … Conflicting lock is held" (not any message
    with "lock" in it: "block" is in the message of a damaged file)."""
    message = str(error)
    return "Could not set lock" in message or "Conflicting lock" in message


@contextmanager
def connect(path: Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection that is always closed, with a lock conflict and a damaged file turned into
    clear messages."""
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only, config=_config(read_only))
    except duckdb.Error as exc:
        if is_lock_conflict(exc):
            raise WarehouseBusy(
                f"{path} is in use by another process; try again when it has finished"
            ) from exc
        if isinstance(exc, duckdb.IOException | duckdb.SerializationException):
            raise DamagedWarehouse(
                f"{path} is not a DuckDB file this version can read (damaged or overwritten?): "
                f"{exc}"
            ) from exc
        raise
    try:
        yield con
    finally:
        con.close()


def build_memory_limit() -> str:
    """DuckDB's memory limit for a build's connections: dbt's, a catch-up's, a compaction's."""
    return os.environ.get(MEMORY_LIMIT_ENV, DEFAULT_MEMORY_LIMIT)


def _config(read_only: bool) -> dict[str, str | int | bool]:
    return {} if read_only else dict(WRITER_CONFIG)


def raw_store_path(warehouse: Path) -> Path:
    """Where loads keep the reports: a DuckDB file of its own beside the warehouse, so that a
    reader of the warehouse (the CLI, a BI tool) never blocks a load. Builds copy its reports
    into the warehouse they publish."""
    return warehouse.with_name(warehouse.name + ".raw")


def ensure_raw_store(warehouse: Path) -> Path:
    """The raw store of ``warehouse``, created if missing: with the reports of a warehouse
    built before loads had a store of their own (call under the writers' lock)."""
    store = raw_store_path(warehouse)
    if store.exists():
        return store
    creating = store.with_name(store.name + ".creating")
    creating.unlink(missing_ok=True)
    with connect(creating) as con:
        ensure_raw_schema(con)
        if warehouse.exists():
            quoted = str(warehouse.resolve()).replace("'", "''")
            try:
                con.execute(f"attach '{quoted}' as published (read_only)")
            except duckdb.IOException as exc:
                if is_lock_conflict(exc):
                    raise WarehouseBusy(
                        f"{warehouse} holds the reports of an earlier load and is open for "
                        "writing in another process; close it once so they can be moved "
                        f"into {store.name}"
                    ) from exc
                raise
            (has_raw,) = con.execute(
                """
                select count(*) from duckdb_tables()
                where database_name = 'published' and schema_name = 'raw'
                    and table_name = 'report_files'
                """
            ).fetchone()
            if has_raw:
                con.execute("insert into raw.report_files select * from published.raw.report_files")
    os.replace(creating, store)
    return store


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_DDL)


def defer_checkpoints(con: duckdb.DuckDBPyConnection) -> None:
    """Let the write-ahead log grow to a gigabyte before DuckDB folds it into the file.

    At the default (16 MB) a large load checkpoints after nearly every batch, and the file
    it leaves is also larger. A load killed before its checkpoint loses nothing committed:
    DuckDB replays the log when the file is next opened.
    """
    con.execute("set checkpoint_threshold = '1GB'")


def loaded_hashes(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The SHA-256 of every file already in the warehouse."""
    return {sha for (sha,) in con.execute("select sha256 from raw.report_files").fetchall()}


def store_reports(con: duckdb.DuckDBPyConnection, reports: Sequence[ReportFile]) -> None:
    """Insert reports in one transaction: all of them or, on any failure, none.

    The caller leaves out content already loaded (:func:`loaded_hashes`). One transaction
    per batch rather than per file: a commit per file made DuckDB write and checkpoint its
    log thousands of times, three quarters of the time of a large load.
    """
    if not reports:
        return
    stop_retrying_pandas()
    loaded_at = datetime.now(UTC)
    rows = [
        [
            report.sha256,
            report.file_name,
            report.file_path,
            report.byte_size,
            report.encoding,
            report.content_type,
            report.script,
            report.raw_text,
            report.normalized_text,
            loaded_at,
            report.loader_version,
            [
                {"line_number": number, "repaired_text": text}
                for number, text in report.line_repairs
            ],
        ]
        for report in reports
    ]
    con.execute("begin transaction")
    try:
        con.executemany(
            "insert into raw.report_files values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
        )
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def remove_reports(
    con: duckdb.DuckDBPyConnection, identifiers: Sequence[str]
) -> dict[str, list[tuple[str, str]]]:
    """Delete from raw.report_files the reports each identifier names: a file name, the path
    it was loaded from, a report_id (the SHA-256's first 16 hex digits) or a whole SHA-256.
    Returns, per identifier, the (report_id, file_name) of what it removed (empty: nothing
    matched). One transaction: all of them or none."""
    removed: dict[str, list[tuple[str, str]]] = {}
    con.execute("begin transaction")
    try:
        for identifier in identifiers:
            as_path = str(Path(identifier).resolve()) if identifier else identifier
            rows = con.execute(
                """
                delete from raw.report_files
                where
                    file_name = $id
                    or file_path = $id
                    or file_path = $path
                    or sha256 = lower($id)
                    or (length($id) = 16 and left(sha256, 16) = lower($id))
                returning left(sha256, 16), file_name
                """,
                {"id": identifier, "path": as_path},
            ).fetchall()
            removed[identifier] = sorted(rows)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return removed
