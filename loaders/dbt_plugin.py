"""dbt-duckdb plugin: registers govreports' Python extraction functions as DuckDB functions.

profiles.yml names this module under `plugins`, so every connection dbt opens (models, tests,
unit tests) can call them from SQL. The functions are pure; the SQL passes in the lookup lists
it reads from the seeds, so each rule and each unit lives in one place.
"""

from __future__ import annotations

from typing import Any

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection

from .metrics import extract_figures_as_rows

FIGURE_TYPE = duckdb.struct_type(
    {
        "start_offset": duckdb.sqltype("INTEGER"),
        "end_offset": duckdb.sqltype("INTEGER"),
        "number_text": duckdb.sqltype("VARCHAR"),
        "value": duckdb.sqltype("DOUBLE"),
        "value_high": duckdb.sqltype("DOUBLE"),
        "unit": duckdb.sqltype("VARCHAR"),
        "indicator": duckdb.sqltype("VARCHAR"),
        "metric_kind": duckdb.sqltype("VARCHAR"),
        "is_approximate": duckdb.sqltype("BOOLEAN"),
        "is_inherited": duckdb.sqltype("BOOLEAN"),
        "lead_words": duckdb.sqltype("VARCHAR"),
        "trail_word": duckdb.sqltype("VARCHAR"),
        "year_hint": duckdb.sqltype("INTEGER"),
        "years_before_report": duckdb.sqltype("INTEGER"),
        "period": duckdb.sqltype("VARCHAR"),
        "quote": duckdb.sqltype("VARCHAR"),
        "quote_start": duckdb.sqltype("INTEGER"),
    }
)


def register_functions(conn: DuckDBPyConnection) -> None:
    """Register the extraction functions on one DuckDB connection."""
    varchar_list = duckdb.list_type(duckdb.sqltype("VARCHAR"))
    conn.create_function(
        "govreports_extract_figures",
        extract_figures_as_rows,
        [duckdb.sqltype("VARCHAR"), varchar_list, varchar_list],
        duckdb.list_type(FIGURE_TYPE),
        null_handling="special",
        side_effects=False,
    )


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:
        self.config = plugin_config

    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        register_functions(conn)
