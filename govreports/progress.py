"""Long builds show progress.

dbt prints a line when a model or test starts and one when it ends; a model that reads a
very long report may run for minutes between the two. `govreports build` passes dbt's lines
on as they come and, when none has come for a while, says which nodes are still running and
for how long.
"""

from __future__ import annotations

import os
import queue
import re
import threading
import time
from collections.abc import Callable
from typing import IO

# seconds without a line from dbt before govreports says what is still running
HEARTBEAT_ENV = "GOVREPORTS_PROGRESS_SECONDS"
DEFAULT_HEARTBEAT_SECONDS = 30.0

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# "13 of 25 START sql incremental model intermediate.int_metrics_extracted ..... [RUN]"
_STARTED = re.compile(r"\b(?P<index>\d+) of \d+ START \S.*? (?P<node>\S+) \.* ?\[RUN\]")
# "13 of 25 OK created sql incremental model …", "30 of 202 PASS not_null_… [PASS in 0.1s]"
_ENDED = re.compile(r"\b(?P<index>\d+) of \d+ (?!START\b)[A-Z]")


def heartbeat_seconds() -> float:
    """The heartbeat interval: $GOVREPORTS_PROGRESS_SECONDS, else 30 seconds."""
    value = os.environ.get(HEARTBEAT_ENV, "")
    try:
        seconds = float(value)
    except ValueError:
        return DEFAULT_HEARTBEAT_SECONDS
    return seconds if seconds > 0 else DEFAULT_HEARTBEAT_SECONDS


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.0f} min"


class RunningNodes:
    """The dbt nodes started and not yet ended, from dbt's lines, with when each started."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._started: dict[str, tuple[str, float]] = {}

    def see(self, line: str) -> None:
        plain = _ANSI.sub("", line)
        started = _STARTED.search(plain)
        if started:
            self._started[started["index"]] = (started["node"], self._clock())
            return
        ended = _ENDED.search(plain)
        if ended:
            self._started.pop(ended["index"], None)

    def report(self) -> str | None:
        """ "still running: a (2 min), b (40 s)", longest first; None when nothing runs."""
        if not self._started:
            return None
        now = self._clock()
        running = sorted(self._started.values(), key=lambda item: item[1])
        return "still running: " + ", ".join(
            f"{node} ({_duration(now - since)})" for node, since in running
        )


def relay_output(
    stream: IO[str], write: Callable[[str], None], seconds: float, say: Callable[[str], None]
) -> None:
    """Pass every line of ``stream`` to ``write`` as it comes; after ``seconds`` without
    one, ``say`` what is still running (again every ``seconds``), until the stream ends."""
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in stream:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    running = RunningNodes()
    while True:
        try:
            line = lines.get(timeout=seconds)
        except queue.Empty:
            message = running.report()
            if message:
                say(message)
            continue
        if line is None:
            return
        running.see(line)
        write(line)
