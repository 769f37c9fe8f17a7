"""dbt-duckdb plugin: what every connection dbt opens needs from govreports.

profiles.yml names this module under `plugins`, so models, tests and unit tests can call the
figure extractor from SQL (:mod:`govreports.figures.duckdb_functions`), and a dbt run by hand
builds a working copy and publishes it as ``govreports build`` does (:mod:`.dbt_guard`).
The SQL also reads the rules' fingerprint (:mod:`.fingerprint`) as
``govreports_rules_version()``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection

from loaders.warehouse import WRITER_CONFIG, build_memory_limit

from . import dbt_guard
from .dbt_build import find_project_dir
from .figures.duckdb_functions import register_figure_functions, register_figure_macros
from .fingerprint import rules_fingerprint


@cache
def rules_version() -> str:
    """The fingerprint of the rules of the project dbt runs in (its working folder, else this
    checkout)."""
    return rules_fingerprint(find_project_dir())


def register_functions(conn: DuckDBPyConnection) -> None:
    """Register the Python functions on one DuckDB connection (its cursors share them)."""
    register_figure_functions(conn)
    conn.create_function(
        "govreports_record_run_outcome",
        dbt_guard.record_run_outcome,
        [duckdb.sqltype("INTEGER")],
        duckdb.sqltype("BOOLEAN"),
        side_effects=True,
    )
    register_macros(conn)


def register_macros(conn: DuckDBPyConnection) -> None:
    """The SQL side: temporary macros, so each connection and cursor needs its own."""
    conn.execute(f"create or replace temp macro govreports_rules_version() as '{rules_version()}'")
    register_figure_macros(conn)


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:
        self.config = plugin_config

    def update_connection_config(self, creds: Any, config: dict[str, Any]) -> None:
        # dbt run by hand builds a working copy and publishes it, as govreports build does
        dbt_guard.prepare_connection(creds, config)
        # appends stay row groups of their own (loaders/warehouse.py says why); DuckDB would
        # take 80% of the memory, and spills to disk within a limit, as fast on 2 cores
        config.update(WRITER_CONFIG)
        config["memory_limit"] = build_memory_limit()

    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        register_functions(conn)

    def configure_cursor(self, cursor: DuckDBPyConnection) -> None:
        # Python functions are shared with the cursors of a connection, temporary macros are not
        register_macros(cursor)
