"""A report's cost grows with its length, not faster, and a long build says what it is doing.

A long report here is a sample report whose review and plan paragraphs are repeated (each
copy numbered, so no copy repeats another) until the text reaches a given size: sections,
items, passages, figures and damage all grow with it, as in a very long real report.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb

from govreports.progress import RunningNodes, heartbeat_seconds, relay_output

from .conftest import REPORTS_DIR, run_govreports, warehouse_env

SAMPLE = REPORTS_DIR / "001_cdd563ffef68d5a8.txt"
MB = 1_000_000


def long_report(size_bytes: int) -> str:
    """The sample with each part's paragraphs repeated until the text is ``size_bytes`` long."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    heads = [i for i, line in enumerate(lines) if line[:2] in ("一、", "二、", "三、")]
    assert len(heads) == 3, heads
    review, plan = lines[heads[0] + 1 : heads[1]], lines[heads[1] + 1 : heads[2]]
    copies = max(1, size_bytes // len("\n".join(review + plan).encode()))

    def repeated(block: list[str]) -> list[str]:
        return [
            line + (f"(第{copy}遍)" if len(line) > 30 else "")
            for copy in range(1, copies + 1)
            for line in block
        ]

    text = [
        *lines[: heads[0] + 1],
        *repeated(review),
        lines[heads[1]],
        *repeated(plan),
        *lines[heads[2] :],
    ]
    return "\n".join(text) + "\n"


def build_one(
    tmp_path: Path, name: str, text: str, **env: str
) -> tuple[dict[str, float], str, int]:
    """Load ``text`` as one report into a warehouse of its own and build it; the seconds each
    model took, what the build said on stderr, and how many sections the report has."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "report.txt").write_text(text, encoding="utf-8")
    run_env = {**warehouse_env(folder / "govreports.duckdb", folder), **env}
    for args in (("load", str(folder / "report.txt")), ("build",)):
        result = run_govreports(*args, env=run_env)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    results = json.loads((folder / "target" / "run_results.json").read_text(encoding="utf-8"))
    seconds = {
        node["unique_id"].split(".")[-1]: node["execution_time"]
        for node in results["results"]
        if node["unique_id"].startswith("model.")
    }
    with duckdb.connect(str(folder / "govreports.duckdb"), read_only=True) as con:
        (sections,) = con.execute("select count(*) from marts.sections").fetchone()
    return seconds, result.stderr, sections


def test_a_long_report_costs_what_it_is_long(tmp_path):
    # each model's own cost: its time on a long report less its time on the short sample
    base, _, _ = build_one(tmp_path, "base", long_report(0))
    small, _, small_sections = build_one(tmp_path, "small", long_report(2 * MB))
    # one dbt thread: no other node's lines break the silence while the extractor runs, so the
    # heartbeat's naming it does not hang on the timing of the others
    large, said, large_sections = build_one(
        tmp_path,
        "large",
        long_report(8 * MB),
        GOVREPORTS_PROGRESS_SECONDS="0.5",
        GOVREPORTS_DBT_THREADS="1",
    )
    # the copies are read as the report's items, not as one blob
    assert large_sections > 3 * small_sections > 300
    # a text four times as long: linear models take about four times as long, models that
    # compare every section with every other (or walk the text from its start for each) sixteen
    too_slow = {
        model: (round(small[model] - base[model], 2), round(large[model] - base[model], 2))
        for model in large
        if large[model] - base[model] >= 1.0
        and large[model] - base[model] > 8 * max(small[model] - base[model], 0.1)
    }
    assert not too_slow, too_slow
    # the longest model is named while it runs
    assert "still running: intermediate.int_metrics_extracted" in said
    for step in ("preparing the working copy", "running dbt build", "dbt passed: publishing"):
        assert step in said


# ------------------------------------------------------------------ progress, line by line

STARTED = (
    "\x1b[0m09:20:50  13 of 25 START sql incremental model "
    "intermediate.int_metrics_extracted ........ [RUN]\n"
)
TEST_STARTED = "09:20:51  30 of 202 START test not_null_reports_report_id ......... [RUN]\n"
FINISHED = (
    "\x1b[0m09:20:55  13 of 25 OK created sql incremental model "
    "intermediate.int_metrics_extracted ... [\x1b[32mOK\x1b[0m in 4.85s]\n"
)


def test_running_nodes_follow_dbt_lines():
    now = [0.0]
    running = RunningNodes(clock=lambda: now[0])
    assert running.report() is None
    running.see(STARTED)
    now[0] = 40.0
    running.see(TEST_STARTED)
    now[0] = 150.0
    assert running.report() == (
        "still running: intermediate.int_metrics_extracted (2 min), "
        "not_null_reports_report_id (110 s)"
    )
    running.see(FINISHED)
    running.see("09:20:56  30 of 202 PASS not_null_reports_report_id ... [PASS in 0.1s]\n")
    assert running.report() is None


def test_a_quiet_stretch_names_what_runs_and_every_line_is_passed_on():
    script = (
        "import sys, time\n"
        f"sys.stdout.write({STARTED!r}); sys.stdout.flush()\n"
        "time.sleep(1.5)\n"
        f"sys.stdout.write({FINISHED!r}); sys.stdout.flush()\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, encoding="utf-8"
    )
    assert child.stdout is not None
    written, said = io.StringIO(), []
    relay_output(child.stdout, written.write, 0.3, said.append)
    assert child.wait() == 0
    assert written.getvalue() == STARTED + FINISHED
    assert said and all(
        message.startswith("still running: intermediate.int_metrics_extracted (")
        for message in said
    )


def test_the_heartbeat_interval_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("GOVREPORTS_PROGRESS_SECONDS", "2.5")
    assert heartbeat_seconds() == 2.5
    for unusable in ("", "soon", "0", "-3"):
        monkeypatch.setenv("GOVREPORTS_PROGRESS_SECONDS", unusable)
        assert heartbeat_seconds() == 30.0
