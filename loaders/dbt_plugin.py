"""dbt-duckdb plugin: registers govreports' Python extraction functions as DuckDB functions.

profiles.yml names this module under `plugins`, so every connection dbt opens (models, tests,
unit tests) can call them from SQL. The functions are pure; the SQL passes in the lookup lists
it reads from the seeds, so each rule and each unit lives in one place.

From SQL:

- ``govreports_extract_figures(text, unit_names, unit_families)``: the figures of one text, a
  list of structs (the fields of ``loaders.metrics.Figure``);
- ``govreports_extract_figures_batch(texts, unit_names, unit_families)``: the same for a list
  of texts at once, one list of figures per text. Models call this one: a batch is shared out
  to one worker process per core (see :class:`ExtractionWorkers`).

Both hand one JSON string per text from Python to DuckDB and parse it in SQL (``from_json``):
DuckDB converts a string at once, whereas a returned list of structs costs a conversion per
field of every figure, which cost more than the extraction itself.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import json
import os
import queue
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection

from . import metrics
from .dbt_build import find_project_dir
from .metrics import extract_figures_json

FIGURE_FIELDS = {
    "start_offset": "INTEGER",
    "end_offset": "INTEGER",
    "number_text": "VARCHAR",
    "value": "DOUBLE",
    "value_high": "DOUBLE",
    "unit": "VARCHAR",
    "indicator": "VARCHAR",
    "metric_kind": "VARCHAR",
    "is_approximate": "BOOLEAN",
    "is_inherited": "BOOLEAN",
    "lead_words": "VARCHAR",
    "trail_word": "VARCHAR",
    "year_hint": "INTEGER",
    "years_before_report": "INTEGER",
    "period": "VARCHAR",
    "quote": "VARCHAR",
    "quote_start": "INTEGER",
}
WORKERS_ENV = "GOVREPORTS_EXTRACT_WORKERS"
# Below this many characters in a batch, starting workers costs more than it saves.
IN_PROCESS_CHARACTERS = 300_000


def _stop_retrying_pandas() -> None:
    """Make DuckDB's optional ``import pandas`` fail at once when pandas is not installed.

    DuckDB tries to import pandas for every Python value it converts (to recognise pandas'
    missing values) and, pandas being absent, the failed import searches the whole path again
    each time: about 90 µs per value. A ``None`` entry in ``sys.modules`` is Python's own way
    to say "this module is not there", and nothing in this process could import it anyway.
    """
    if "pandas" not in sys.modules and importlib.util.find_spec("pandas") is None:
        sys.modules["pandas"] = None  # type: ignore[assignment]


class ExtractionWorkers:
    """The figure extractor in worker processes, one per core.

    DuckDB runs a Python function on one thread at a time here (the interpreter lock), so a
    batch of texts is shared out instead to worker processes (``python -m loaders.metrics``,
    one line of JSON each way): one thread per worker sends a text and waits on the pipe, which
    releases the interpreter, so every core extracts. Workers start on first use and end with
    this process: at exit their input is closed, and should this process die, they see their
    input end and stop. ``GOVREPORTS_EXTRACT_WORKERS=1`` extracts in-process.
    """

    def __init__(self, count: int | None = None) -> None:
        self.count = count or int(os.environ.get(WORKERS_ENV) or os.cpu_count() or 1)
        self._idle: queue.SimpleQueue[subprocess.Popen[str]] = queue.SimpleQueue()
        self._started: list[subprocess.Popen[str]] = []
        self._senders: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def _start(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._senders is None:
                for _ in range(self.count):
                    worker = subprocess.Popen(
                        [sys.executable, "-m", "loaders.metrics"],
                        stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE,
                        encoding="utf-8",
                    )
                    self._started.append(worker)
                    self._idle.put(worker)
                self._senders = ThreadPoolExecutor(self.count)
                atexit.register(self.stop)
            return self._senders

    def stop(self) -> None:
        with self._lock:
            for worker in self._started:
                if worker.stdin:
                    worker.stdin.close()
                worker.wait(timeout=30)
            self._started.clear()
            if self._senders is not None:
                self._senders.shutdown()
                self._senders = None

    def _ask(self, text: str, units: list[str], families: list[str]) -> str:
        worker = self._idle.get()
        try:
            assert worker.stdin is not None and worker.stdout is not None
            worker.stdin.write(json.dumps([text, units, families], ensure_ascii=False) + "\n")
            worker.stdin.flush()
            answer = worker.stdout.readline()
        finally:
            self._idle.put(worker)
        if not answer:
            raise RuntimeError(f"figure extraction worker {worker.pid} stopped")
        if answer.startswith("!"):
            raise RuntimeError(json.loads(answer[1:]))
        return answer.rstrip("\n")

    def extract_batch(
        self, texts: list[str | None] | None, units: list[str], families: list[str]
    ) -> list[str]:
        texts = [text or "" for text in texts or []]
        if self.count <= 1 or sum(map(len, texts)) < IN_PROCESS_CHARACTERS:
            return [extract_figures_json(text, units, families) for text in texts]
        senders = self._start()
        return list(senders.map(lambda text: self._ask(text, units, families), texts))


_WORKERS = ExtractionWorkers()


def _extract_one(text: str | None, units: list[str], families: list[str]) -> str:
    return extract_figures_json(text or "", units, families)


@cache
def rules_version() -> str:
    """A hash of the rules dbt cannot checksum itself: the extractor's code and the macros.

    Incremental models rebuild in full when it changes (macros/incremental.sql); dbt's own
    checksums cover the models and seeds. The macros are those of the project dbt runs in (its
    working folder), else of this checkout.
    """
    digest = hashlib.sha256(Path(metrics.__file__).read_bytes())
    try:
        macros = find_project_dir() / "macros"
    except FileNotFoundError:
        macros = None
    if macros is not None and macros.is_dir():
        for path in sorted(macros.rglob("*.sql")):
            digest.update(path.relative_to(macros).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def register_functions(conn: DuckDBPyConnection) -> None:
    """Register the extraction functions on one DuckDB connection."""
    _stop_retrying_pandas()
    varchar = duckdb.sqltype("VARCHAR")
    varchar_list = duckdb.list_type(varchar)
    conn.create_function(
        "govreports_extract_figures_json",
        _extract_one,
        [varchar, varchar_list, varchar_list],
        varchar,
        null_handling="special",
        side_effects=False,
    )
    conn.create_function(
        "govreports_extract_figures_json_batch",
        _WORKERS.extract_batch,
        [varchar_list, varchar_list, varchar_list],
        varchar_list,
        null_handling="special",
        side_effects=False,
    )
    register_macros(conn)


def register_macros(conn: DuckDBPyConnection) -> None:
    """The SQL side of the functions: temporary, so each connection and cursor needs its own."""
    conn.execute(f"create or replace temp macro govreports_rules_version() as '{rules_version()}'")
    structure = json.dumps([FIGURE_FIELDS]).replace("'", "''")
    conn.execute(
        "create or replace temp macro govreports_extract_figures(text, unit_names, unit_families)"
        " as from_json(govreports_extract_figures_json(text, unit_names, unit_families),"
        f" '{structure}')"
    )
    conn.execute(
        "create or replace temp macro"
        " govreports_extract_figures_batch(texts, unit_names, unit_families)"
        " as list_transform("
        "govreports_extract_figures_json_batch(texts, unit_names, unit_families),"
        f" figures -> from_json(figures, '{structure}'))"
    )


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:
        self.config = plugin_config

    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        register_functions(conn)

    def configure_cursor(self, cursor: DuckDBPyConnection) -> None:
        # Python functions are shared with the cursors of a connection, temporary macros are not
        register_macros(cursor)
