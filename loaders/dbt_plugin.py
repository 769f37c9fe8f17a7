"""dbt-duckdb plugin: registers govreports' Python extraction functions as DuckDB functions.

profiles.yml names this module under `plugins`, so every connection dbt opens (models, tests,
unit tests) can call them from SQL. The functions are pure; the SQL passes in the lookup lists
it reads from the seeds, so each rule and each unit lives in one place.

From SQL, ``govreports_extract_figures(text, units_json)`` gives the figures of
a text: a struct of lists, one list per field of ``loaders.metrics.Figure``, with a value
per figure. It is a macro over two
Python functions, so that figures are extracted on every core while DuckDB streams:

- ``govreports_submit_figures(text, units_json)`` hands the text to a worker
  process and returns a ticket at once;
- ``govreports_collect_figures(ticket)`` waits for that text's figures, as a JSON string.

DuckDB evaluates the inner call for a whole chunk of rows (2,048) before the outer one, so a
chunk's texts are extracted in parallel while memory holds one chunk, not the corpus. The JSON
is parsed in SQL (``from_json``): DuckDB converts a returned string at once, whereas a list of
structs costs a conversion per field of every figure, which cost more than the extraction.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import itertools
import json
import os
import queue
import subprocess
import sys
import threading
from functools import cache
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # not on Windows
    fcntl = None  # type: ignore[assignment]

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection

from . import dbt_guard, metrics
from .dbt_build import find_project_dir, hash_files
from .metrics import figures_json_for_units
from .warehouse import stop_retrying_pandas

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
    "is_year_hint_in_sentence": "BOOLEAN",
    "years_before_report": "INTEGER",
    "period": "VARCHAR",
    "quote": "VARCHAR",
    "quote_start": "INTEGER",
}
WORKERS_ENV = "GOVREPORTS_EXTRACT_WORKERS"
# Texts are extracted in-process until this many characters were asked for: a small
# incremental build is over before worker processes would have started.
IN_PROCESS_CHARACTERS = 1_000_000


class _WorkerPipe:
    """One worker process, the tickets it was sent and has not answered, in order."""

    def __init__(self, process: subprocess.Popen[str], in_flight: int) -> None:
        self.process = process
        self.in_flight: queue.SimpleQueue[int] = queue.SimpleQueue()
        self.slots = threading.Semaphore(in_flight)
        self.lock = threading.Lock()
        self.stopped = False

    def stopped_error(self) -> RuntimeError:
        return RuntimeError(f"figure extraction worker {self.process.pid} stopped")


class ExtractionWorkers:
    """The figure extractor in worker processes, one per core.

    The interpreter runs one thread at a time, so extracting in DuckDB's process uses one core.
    Texts go instead to worker processes (``python -m loaders.metrics``, one line of JSON each
    way). Each worker has a thread that writes it requests and one that reads its answers
    (both wait on pipes, which releases the interpreter); up to ``IN_FLIGHT`` requests are in
    its pipe, so it starts the next text as soon as it has answered one. Workers start once
    enough text was asked for and end with this process: at exit their input is closed, and
    should this process die, they see their input end and stop.
    ``GOVREPORTS_EXTRACT_WORKERS=1`` extracts in-process.
    """

    IN_FLIGHT = 2

    def __init__(
        self, count: int | None = None, in_process_characters: int = IN_PROCESS_CHARACTERS
    ) -> None:
        self.count = count or int(os.environ.get(WORKERS_ENV) or os.cpu_count() or 1)
        self.in_process_characters = in_process_characters
        self._tickets = itertools.count(1)
        self._requests: queue.SimpleQueue[tuple[int, str, str] | None] = queue.SimpleQueue()
        self._answers: dict[int, str | Exception] = {}
        self._answered = threading.Condition()
        self._workers: list[subprocess.Popen[str]] = []
        self._threads: list[threading.Thread] = []
        self._in_process_characters = 0
        self._lock = threading.Lock()

    def _start(self) -> None:
        with self._lock:
            if self._workers:
                return
            for _ in range(self.count):
                worker = subprocess.Popen(
                    [sys.executable, "-m", "loaders.metrics"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    encoding="utf-8",
                )
                _widen_pipe(worker.stdout)
                pipe = _WorkerPipe(worker, self.IN_FLIGHT)
                for target in (self._write_requests, self._read_answers):
                    thread = threading.Thread(target=target, args=(pipe,), daemon=True)
                    thread.start()
                    self._threads.append(thread)
                self._workers.append(worker)
            atexit.register(self.stop)

    def _answer(self, ticket: int, answer: str | Exception) -> None:
        with self._answered:
            self._answers[ticket] = answer
            self._answered.notify_all()

    def _write_requests(self, pipe: _WorkerPipe) -> None:
        stdin = pipe.process.stdin
        assert stdin is not None
        while True:
            pipe.slots.acquire()  # a free place in this worker's pipe before taking a text
            request = self._requests.get()
            if request is None:
                break
            ticket, text, units_json = request
            try:
                stdin.write(json.dumps([text, units_json], ensure_ascii=False) + "\n")
                stdin.flush()
            except OSError:
                pass  # the worker is gone; so is the ticket, below
            with pipe.lock:
                # after the write: the reader waits for the ticket if the answer comes first
                if not pipe.stopped:
                    pipe.in_flight.put(ticket)
                    continue
            pipe.slots.release()
            self._answer(ticket, pipe.stopped_error())
        with contextlib.suppress(OSError):
            stdin.close()

    def _read_answers(self, pipe: _WorkerPipe) -> None:
        stdout = pipe.process.stdout
        assert stdout is not None
        for line in stdout:
            ticket = pipe.in_flight.get()
            pipe.slots.release()
            if line.startswith("!"):
                self._answer(ticket, RuntimeError(json.loads(line[1:])))
            else:
                self._answer(ticket, line.rstrip("\n"))
        # The worker stopped: what it was given and did not answer fails rather than hangs,
        # and so does every text its writer takes from now on.
        with pipe.lock:
            pipe.stopped = True
        while not pipe.in_flight.empty():
            self._answer(pipe.in_flight.get(), pipe.stopped_error())
            pipe.slots.release()

    def stop(self) -> None:
        with self._lock:
            for _ in self._workers:
                self._requests.put(None)
            for thread in self._threads:
                thread.join(timeout=30)
            for worker in self._workers:
                worker.wait(timeout=30)
            self._workers.clear()
            self._threads.clear()

    def submit(self, text: str | None, units_json: str) -> int:
        """Start extracting ``text``; the ticket to collect its figures with."""
        ticket = next(self._tickets)
        text = text or ""
        if self.count <= 1 or self._in_process_characters < self.in_process_characters:
            self._in_process_characters += len(text)
            answer = figures_json_for_units(text, units_json)
            with self._answered:
                self._answers[ticket] = answer
            return ticket
        self._start()
        self._requests.put((ticket, text, units_json))
        return ticket

    def collect(self, ticket: int) -> str:
        """The figures of a submitted text, as JSON, once a worker has them."""
        with self._answered:
            while ticket not in self._answers:
                self._answered.wait()
            answer = self._answers.pop(ticket)
        if isinstance(answer, Exception):
            raise answer
        return answer


def _widen_pipe(pipe: Any) -> None:
    """Let a worker write a few answers ahead of the reader (Linux pipes hold 64 KB)."""
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if set_size is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(pipe.fileno(), set_size, 1 << 20)


_WORKERS = ExtractionWorkers()


@cache
def rules_version() -> str:
    """A hash of the rules dbt cannot checksum itself: the extractor's code and the macros.

    Incremental models rebuild in full when it changes (macros/incremental.sql); dbt's own
    checksums cover the models and seeds. The macros are those of the project dbt runs in (its
    working folder), else of this checkout.
    """
    extractor = Path(metrics.__file__)
    digest = hashlib.sha256()
    hash_files(digest, [extractor], extractor.parent)
    try:
        macros = find_project_dir() / "macros"
    except FileNotFoundError:
        macros = None
    if macros is not None and macros.is_dir():
        hash_files(digest, sorted(macros.rglob("*.sql")), macros)
    return digest.hexdigest()[:16]


def register_functions(conn: DuckDBPyConnection) -> None:
    """Register the extraction functions on one DuckDB connection."""
    stop_retrying_pandas()
    varchar = duckdb.sqltype("VARCHAR")
    # side effects: each call is a distinct request, never merged with an equal one or skipped
    conn.create_function(
        "govreports_submit_figures",
        _WORKERS.submit,
        [varchar, varchar],
        duckdb.sqltype("BIGINT"),
        null_handling="special",
        side_effects=True,
    )
    conn.create_function(
        "govreports_collect_figures",
        _WORKERS.collect,
        [duckdb.sqltype("BIGINT")],
        varchar,
        side_effects=True,
    )
    conn.create_function(
        "govreports_record_run_outcome",
        dbt_guard.record_run_outcome,
        [duckdb.sqltype("INTEGER")],
        duckdb.sqltype("BOOLEAN"),
        side_effects=True,
    )
    register_macros(conn)


def register_macros(conn: DuckDBPyConnection) -> None:
    """The SQL side of the functions: temporary, so each connection and cursor needs its own."""
    conn.execute(f"create or replace temp macro govreports_rules_version() as '{rules_version()}'")
    structure = json.dumps({name: [kind] for name, kind in FIGURE_FIELDS.items()})
    structure = structure.replace("'", "''")
    conn.execute(
        "create or replace temp macro govreports_extract_figures(text, units_json)"
        " as from_json(govreports_collect_figures("
        "govreports_submit_figures(text, units_json)),"
        f" '{structure}')"
    )


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:
        self.config = plugin_config

    def update_connection_config(self, creds: Any, config: dict[str, Any]) -> None:
        # dbt run by hand builds a working copy and publishes it, as govreports build does
        dbt_guard.prepare_connection(creds, config)

    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        register_functions(conn)

    def configure_cursor(self, cursor: DuckDBPyConnection) -> None:
        # Python functions are shared with the cursors of a connection, temporary macros are not
        register_macros(cursor)
