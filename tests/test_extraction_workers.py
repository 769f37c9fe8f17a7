"""The extraction worker pool of the dbt plugin: same figures as in-process, failures surface."""

from __future__ import annotations

import csv
import json
import os
import signal
import threading
from pathlib import Path

import pytest

from govreports.figures.duckdb_functions import ExtractionWorkers
from govreports.figures.extractor import extract_figures_json

REPO = Path(__file__).resolve().parent.parent
with (REPO / "seeds" / "units.csv").open(encoding="utf-8") as handle:
    _ROWS = sorted(csv.DictReader(handle), key=lambda row: row["unit"])
UNITS = [row["unit"] for row in _ROWS]
FAMILIES = [row["unit_family"] for row in _ROWS]
UNITS_JSON = json.dumps({"names": UNITS, "families": FAMILIES}, ensure_ascii=False)
REPORT_TEXTS = [
    path.read_text(encoding="utf-8", errors="replace")
    for path in sorted((REPO / "data" / "reports").glob("*.txt"))
]


@pytest.fixture
def workers():
    pool = ExtractionWorkers(count=2, in_process_characters=0)
    yield pool
    pool.stop()


def collect_within(pool: ExtractionWorkers, ticket: int, seconds: float = 60) -> str:
    """collect(), but a hang fails the test instead of the suite."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["answer"] = pool.collect(ticket)
        except Exception as exc:  # handed to the test
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"collect({ticket}) still waiting after {seconds} s"
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["answer"]  # type: ignore[return-value]


def test_workers_answer_each_ticket_with_its_own_figures(workers: ExtractionWorkers) -> None:
    # short and long texts interleaved, so that answers come back out of submission order
    texts = [text[: 400 * (i % 5 + 1)] if i % 2 else text for i, text in enumerate(REPORT_TEXTS)]
    texts = texts * 3
    tickets = [workers.submit(text, UNITS_JSON) for text in texts]
    assert len(workers._workers) == 2  # really out of process
    for ticket, text in zip(tickets, texts, strict=True):
        answer = collect_within(workers, ticket)
        assert answer == extract_figures_json(text, UNITS, FAMILIES)
    assert json.loads(answer)["value"], "the last text has figures"


def test_a_worker_that_dies_fails_its_texts_instead_of_hanging(
    workers: ExtractionWorkers,
) -> None:
    first = workers.submit(REPORT_TEXTS[0], UNITS_JSON)
    collect_within(workers, first)
    for worker in workers._workers:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    tickets = [workers.submit(text, UNITS_JSON) for text in REPORT_TEXTS[:4]]
    for ticket in tickets:
        with pytest.raises(RuntimeError, match=r"figure extraction worker \d+ stopped"):
            collect_within(workers, ticket)
