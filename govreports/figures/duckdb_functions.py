"""The figure extractor as DuckDB functions, run on every core.

From SQL, ``govreports_extract_figures(text, units_json)`` gives the figures of a text: a
struct of lists, one list per field of :class:`~govreports.figures.extractor.Figure`, with a
value per figure. It is a macro over two Python functions, so that figures are extracted on
every core while DuckDB streams:

- ``govreports_submit_figures(text, units_json)`` hands the text to a worker process and
  returns a ticket at once;
- ``govreports_collect_figures(ticket)`` waits for that text's figures, as a JSON string.

DuckDB evaluates the inner call for a whole chunk of rows (2,048) before the outer one, so a
chunk's texts are extracted in parallel while memory holds one chunk, not the corpus. The JSON
is parsed in SQL (``from_json``): DuckDB converts a returned string at once, whereas a list of
structs costs a conversion per field of every figure, which cost more than the extraction.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import itertools
import json
import os
import queue
import subprocess
import sys
import threading
import typing
from typing import Any

try:
    import fcntl
except ImportError:  # not on Windows
    fcntl = None  # type: ignore[assignment]

import duckdb
from duckdb import DuckDBPyConnection

from loaders.mojibake import slipped_run_length
from loaders.warehouse import stop_retrying_pandas

from .extractor import Figure, figures_json_for_units
from .series import urban_and_rural_series
from .shared_patterns import sql_macros

# DuckDB's type of each field of a Figure, from its annotation: the one list of fields
_DUCKDB_TYPES = {int: "INTEGER", float: "DOUBLE", str: "VARCHAR", bool: "BOOLEAN"}
FIGURE_FIELDS = {
    name: _DUCKDB_TYPES[next(t for t in typing.get_args(hint) or (hint,) if t is not type(None))]
    for name, hint in typing.get_type_hints(Figure).items()
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
    Texts go instead to worker processes (this module run with ``python -m``, one line of JSON
    each way). Each worker has a thread that writes it requests and one that reads its answers
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
                    [sys.executable, "-m", "govreports.figures.duckdb_functions"],
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


def register_figure_functions(conn: DuckDBPyConnection) -> None:
    """Register the extraction functions on one DuckDB connection (its cursors share them)."""
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
    # the series an indicator names (城乡… is two): one rule for the extractor and the models
    conn.create_function(
        "govreports_series_named",
        urban_and_rural_series,
        [varchar],
        duckdb.list_type(varchar),
    )
    # the stretch of a line the loader re-decoded: its rule, read by damage_spans
    conn.create_function(
        "govreports_gbk_slip_length",
        slipped_run_length,
        [varchar],
        duckdb.sqltype("INTEGER"),
    )


def register_figure_macros(conn: DuckDBPyConnection) -> None:
    """The SQL side: temporary macros, so each connection and cursor needs its own."""
    structure = json.dumps({name: [kind] for name, kind in FIGURE_FIELDS.items()})
    structure = structure.replace("'", "''")
    conn.execute(
        "create or replace temp macro govreports_extract_figures(text, units_json)"
        " as from_json(govreports_collect_figures("
        "govreports_submit_figures(text, units_json)),"
        f" '{structure}')"
    )
    fields = ", ".join(f"'{name}'" for name in FIGURE_FIELDS)
    conn.execute(f"create or replace temp macro govreports_figure_fields() as [{fields}]")
    for name, pattern in sql_macros().items():
        literal = pattern.replace("'", "''")
        conn.execute(f"create or replace temp macro {name}() as '{literal}'")


def serve_requests() -> None:
    """Answer extraction requests, one JSON line in (text, units JSON), one line out.

    The dbt plugin runs one such worker per core (``python -m`` on this module), so that
    figures are extracted on every core while DuckDB waits; a worker ends when its input does.
    """
    source = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8")
    sink = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", write_through=True)
    for line in source:
        try:
            text, units_json = json.loads(line)
            answer = figures_json_for_units(text, units_json)
        except Exception as exc:  # the caller raises it in the query that asked
            answer = "!" + json.dumps(f"{type(exc).__name__}: {exc}")
        sink.write(answer + "\n")


if __name__ == "__main__":
    serve_requests()
