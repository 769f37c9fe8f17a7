"""Where the warehouse lives, and the raw tables the loader writes into it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from .reading import ReportFile

WAREHOUSE_ENV = "GOVREPORTS_WAREHOUSE"
DEFAULT_WAREHOUSE = Path("warehouse/govreports.duckdb")

RAW_DDL = """
create schema if not exists raw;
create table if not exists raw.report_files (
    sha256 varchar primary key,
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


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse file."""


def resolve_warehouse(option: Path | None) -> Path:
    """``--warehouse`` wins, then ``$GOVREPORTS_WAREHOUSE``, then the default path."""
    if option is not None:
        return option
    env = os.environ.get(WAREHOUSE_ENV)
    return Path(env) if env else DEFAULT_WAREHOUSE


@contextmanager
def connect(path: Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection that is always closed, with a lock conflict turned into a clear message."""
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise WarehouseBusy(
                f"{path} is in use by another process (a load or build is running); "
                "try again when it has finished"
            ) from exc
        raise
    try:
        yield con
    finally:
        con.close()


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_DDL)


def store_report(con: duckdb.DuckDBPyConnection, report: ReportFile) -> bool:
    """Insert one report in its own transaction; False when that content is already loaded."""
    con.execute("begin transaction")
    try:
        exists = con.execute(
            "select 1 from raw.report_files where sha256 = ?", [report.sha256]
        ).fetchone()
        if exists:
            con.execute("rollback")
            return False
        con.execute(
            """
            insert into raw.report_files values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
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
                datetime.now(UTC),
                report.loader_version,
                [
                    {"line_number": number, "repaired_text": text}
                    for number, text in report.line_repairs
                ],
            ],
        )
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return True
