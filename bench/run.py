"""The govreports benchmark: load and build N synthetic reports, and compare with the floor.

For each corpus size N (``make bench BENCH_SIZES="1000 10000"``), in a temporary folder:

1. generate N synthetic reports (bench/generate.py), plus a year's batch of 3% of N (at
   least 1) and twice 10 more; copy beside the N the real files of ``data/wild/reports``
   (130 files as public collections hold them; a few are not reports and ``govreports
   load`` rejects them);
2. the **floor**: one DuckDB pass reading every file of the corpus once (``read_text`` over
   the list of its files: all but the generator's ``MANIFEST.json``) and running a single
   ``regexp_extract_all`` with the number-and-unit pattern (numbers before a unit of
   ``seeds/units.csv``) — the least any tool must do to find the figures in this text;
3. the **naive peer**: a plain Python loop over the same files applying the same pattern
   (bytes decoded as UTF-8, undecodable bytes dropped);
4. ``govreports load`` of the corpus (its exit status 1 is accepted when every file it
   rejected is a wild one, and nothing else went wrong), then ``govreports build`` (a full
   ``dbt build``: seeds, models, data tests and unit tests), each timed with the peak memory
   of its process tree;
5. **a year's batch**: ``govreports load`` of the 3% batch and ``govreports build`` again,
   as an archive grows when a year's reports come in;
6. ``govreports load`` of 10 extra reports and ``govreports build`` again: adding a few
   reports to a growing archive;
7. the same with 10 more: the steady state of a growing archive, where a build starts from
   the previous one;
8. disk: during every load and build, the summed size of the files whose name starts with
   the warehouse's (``govreports.duckdb``: the published warehouse, ``.previous`` the build
   the next one starts from, ``.building`` the working copy, ``.raw`` the load store,
   ``.compact``, and their ``.wal`` logs) is sampled and its peak kept; at the end the
   warehouse, the previous build and the load store are measured apart.

It prints one table and writes the figures as JSON (``--json``). The corpus is deleted at the
end unless ``--keep`` is given.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import duckdb

from .generate import load_regions, load_units, plan_corpus, write_corpus

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WILD = REPO / "data" / "wild" / "reports"
MANIFEST = "MANIFEST.json"
EXTRA_REPORTS = 10
# a year's reports coming into an archive: 3% of it (3,000 at 100,000 reports)
BATCH_SHARE = 0.03
DEFAULT_JSON = REPO / "bench" / "results.json"


def batch_size(n: int) -> int:
    """The reports of a year's batch for a corpus of ``n``: 3% of it, at least 1."""
    return max(1, round(n * BATCH_SHARE))


def number_and_unit_pattern(units: list[str]) -> str:
    """The floor's pattern, valid for RE2 (DuckDB) and Python ``re`` alike."""
    alternation = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    return rf"[0-9]+(?:\.[0-9]+)?(?:余|多)?\s?(?:{alternation})"


# ---------------------------------------------------------------------------------------------
# Measuring a command: wall time, the peak resident memory of its whole process tree and the
# peak disk taken by the warehouse's files


def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # the command name may hold spaces: fields start after its closing bracket
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def tree_rss_bytes(root: int) -> int:
    children = _children_by_parent()
    total, todo = 0, [root]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * page
        except OSError:
            continue
    return total


def warehouse_files(warehouse: Path) -> dict[str, int]:
    """The size of every file beside ``warehouse`` whose name starts with its name: the
    warehouse, its previous build, the working copy, the load store, their logs."""
    sizes: dict[str, int] = {}
    try:
        entries = list(os.scandir(warehouse.parent))
    except OSError:
        return sizes
    for entry in entries:
        if not entry.name.startswith(warehouse.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False):
                sizes[entry.name] = entry.stat(follow_symlinks=False).st_size
        except OSError:
            continue  # renamed or deleted between the listing and the stat
    return sizes


def warehouse_disk_bytes(warehouse: Path) -> int:
    return sum(warehouse_files(warehouse).values())


def _with_wal(warehouse: Path, suffix: str) -> int:
    """The size of ``<warehouse><suffix>`` and its log, 0 for those missing."""
    sizes = warehouse_files(warehouse)
    name = warehouse.name + suffix
    return sizes.get(name, 0) + sizes.get(name + ".wal", 0)


@dataclass
class Measured:
    seconds: float
    peak_rss_bytes: int
    returncode: int
    output: str = field(repr=False, default="")
    # the machine's 1-minute load average at the end: other work on a shared machine shows
    load_average: float = 0.0
    # the peak summed size of the warehouse's files while the command ran (0 if not asked)
    peak_disk_bytes: int = 0


def measure(
    command: list[str],
    env: dict[str, str],
    interval: float = 0.05,
    warehouse: Path | None = None,
) -> Measured:
    """Run ``command``; sample the summed RSS of it and its descendants until it exits, and
    the summed size of ``warehouse``'s files if given."""
    peak = peak_disk = 0
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_disk
        while True:
            peak = max(peak, tree_rss_bytes(process.pid))
            if warehouse is not None:
                peak_disk = max(peak_disk, warehouse_disk_bytes(warehouse))
            if done.wait(interval):
                break

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if warehouse is not None:  # what the command left, should it have ended between samples
        peak_disk = max(peak_disk, warehouse_disk_bytes(warehouse))
    return Measured(
        seconds, peak, process.returncode, output, os.getloadavg()[0], peak_disk_bytes=peak_disk
    )


# ---------------------------------------------------------------------------------------------
# The corpus, the floor and the peer


def corpus_files(corpus: Path) -> list[Path]:
    """Every file of the corpus folder, as the load is given them: all but the generator's
    manifest (which the load passes over, being no report)."""
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.name != MANIFEST)


def copy_wild(corpus: Path, wild: Path = WILD) -> list[Path]:
    """Copy the real files of ``wild`` into ``corpus``, byte for byte, beside the synthetic
    ones (whose names all start with ``synthetic_``)."""
    copied = []
    for source in sorted(p for p in wild.rglob("*") if p.is_file()):
        target = corpus / source.relative_to(wild)
        if target.exists():
            raise BenchmarkFailed(f"{source.name} would replace a file of the corpus")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        copied.append(target)
    return copied


def floor_pass(files: list[Path], pattern: str) -> tuple[float, int]:
    """One DuckDB pass: read every file, one regexp_extract_all; (seconds, figures found).

    ``read_text`` reads UTF-8 only. The synthetic files and the 130 wild ones all are; a file
    that is not stops the benchmark here, named by DuckDB, rather than be counted otherwise."""
    con = duckdb.connect()
    try:
        started = time.perf_counter()
        (found,) = con.execute(
            "select sum(len(regexp_extract_all(content, ?))) from read_text(?)",
            [pattern, [str(path) for path in files]],
        ).fetchone()
        return time.perf_counter() - started, int(found or 0)
    except duckdb.InvalidInputException as exc:
        raise BenchmarkFailed(f"the floor could not read a file as UTF-8: {exc}") from None
    finally:
        con.close()


def naive_peer(files: list[Path], pattern: str) -> tuple[float, int]:
    """What a one-off script would do: walk the files, apply the same regex."""
    started = time.perf_counter()
    compiled = re.compile(pattern)
    found = 0
    for path in files:
        found += len(compiled.findall(path.read_bytes().decode("utf-8", errors="ignore")))
    return time.perf_counter() - started, found


# ---------------------------------------------------------------------------------------------
# One corpus size


@dataclass
class SizeResult:
    reports: int  # synthetic reports in the corpus (N)
    wild_files: int  # real files of data/wild/reports mixed in
    wild_rejected: int  # of those, the files the load rejected (no report)
    corpus_files: int
    corpus_bytes: int
    loaded_bytes: int  # every file handed to a load: the corpus, the batch and the extras
    generate_seconds: float
    floor_seconds: float
    floor_figures: int
    peer_seconds: float
    peer_figures: int
    load_seconds: float
    load_peak_rss_bytes: int
    build_seconds: float
    build_peak_rss_bytes: int
    dbt_elapsed_seconds: float  # summed over its dbt runs, one per slice (build_dbt_runs)
    build_dbt_runs: int
    reports_after_build: int  # rows of marts.reports
    batch_reports: int
    batch_load_seconds: float
    batch_build_seconds: float
    batch_peak_rss_bytes: int
    batch_dbt_elapsed_seconds: float
    batch_started_from: str
    reports_after_batch: int
    add_load_seconds: float
    add_build_seconds: float
    add_peak_rss_bytes: int
    add_dbt_elapsed_seconds: float
    add_started_from: str
    steady_load_seconds: float
    steady_build_seconds: float
    steady_dbt_elapsed_seconds: float
    steady_started_from: str
    peak_disk_bytes: int  # the warehouse's files together, at their largest during any step
    peak_disk_step: str
    warehouse_bytes: int  # at the end, with its log; likewise the previous build and store
    previous_bytes: int
    raw_store_bytes: int
    metrics_rows: int
    load_averages: dict[str, float]
    build_slowest_nodes: list[tuple[str, float]]
    batch_slowest_nodes: list[tuple[str, float]]
    add_slowest_nodes: list[tuple[str, float]]
    steady_slowest_nodes: list[tuple[str, float]]

    @property
    def load_reports_per_second(self) -> float:
        return self.corpus_files / self.load_seconds

    @property
    def load_mb_per_second(self) -> float:
        return self.corpus_bytes / 1e6 / self.load_seconds

    @property
    def load_and_build_seconds(self) -> float:
        return self.load_seconds + self.build_seconds

    @property
    def batch_seconds(self) -> float:
        return self.batch_load_seconds + self.batch_build_seconds

    @property
    def add_seconds(self) -> float:
        return self.add_load_seconds + self.add_build_seconds

    @property
    def steady_seconds(self) -> float:
        return self.steady_load_seconds + self.steady_build_seconds

    @property
    def peak_rss_bytes(self) -> int:
        return max(
            self.load_peak_rss_bytes,
            self.build_peak_rss_bytes,
            self.batch_peak_rss_bytes,
            self.add_peak_rss_bytes,
        )

    @property
    def disk_bytes_at_end(self) -> int:
        return self.warehouse_bytes + self.previous_bytes + self.raw_store_bytes

    @property
    def times_floor(self) -> float:
        return self.load_and_build_seconds / self.floor_seconds

    @property
    def times_peer(self) -> float:
        return self.load_and_build_seconds / self.peer_seconds

    @property
    def warehouse_per_loaded_byte(self) -> float:
        return self.warehouse_bytes / self.loaded_bytes

    @property
    def peak_disk_per_loaded_byte(self) -> float:
        return self.peak_disk_bytes / self.loaded_bytes

    def as_json(self) -> dict[str, Any]:
        derived = {
            "load_reports_per_second": self.load_reports_per_second,
            "load_mb_per_second": self.load_mb_per_second,
            "load_and_build_seconds": self.load_and_build_seconds,
            "batch_seconds": self.batch_seconds,
            "add_seconds": self.add_seconds,
            "steady_seconds": self.steady_seconds,
            "peak_rss_bytes": self.peak_rss_bytes,
            "disk_bytes_at_end": self.disk_bytes_at_end,
            "times_floor": self.times_floor,
            "times_peer": self.times_peer,
            "warehouse_per_loaded_byte": self.warehouse_per_loaded_byte,
            "peak_disk_per_loaded_byte": self.peak_disk_per_loaded_byte,
        }
        return asdict(self) | derived


class BenchmarkFailed(RuntimeError):
    pass


# dbt's console lines: one per node ("12 of 357 OK created sql incremental model
# intermediate.int_x .... [OK in 0.36s]") and one at the end of each run ("Finished running …
# (14.53s)."); a build of more reports than a slice runs dbt once per slice
_NODE_LINE = re.compile(
    r"\d+ of \d+ (?:OK created sql \w+ model|OK loaded seed file|PASS|(?:WARN|FAIL) \d+|ERROR)"
    r" (\S+) .*?\[[^\]]*? in ([0-9.]+)s\]"
)
_RUN_END = re.compile(r"Finished running .*\(([0-9.]+)s\)")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class DbtRuns:
    """What the dbt runs of one ``govreports build`` took, read from its output."""

    runs: int
    elapsed_seconds: float  # summed over the runs
    slowest_nodes: list[tuple[str, float]]  # each node's seconds summed over the runs


def dbt_runs(output: str, top: int = 8) -> DbtRuns:
    text = _ANSI.sub("", output)
    ends = [float(seconds) for seconds in _RUN_END.findall(text)]
    per_node: dict[str, float] = {}
    for name, seconds in _NODE_LINE.findall(text):
        per_node[name] = per_node.get(name, 0.0) + float(seconds)
    slowest = sorted(per_node.items(), key=lambda item: -item[1])[:top]
    return DbtRuns(len(ends), sum(ends), [(name, round(s, 2)) for name, s in slowest])


def _checked(step: str, measured: Measured) -> Measured:
    if measured.returncode != 0:
        raise BenchmarkFailed(f"{step} failed ({measured.returncode}):\n{measured.output[-4000:]}")
    return measured


# the load's closing table: "│ rejected       │     7 │"
_OUTCOME_ROW = re.compile(r"^\W*(loaded|already loaded|rejected)\W+(\d+)\W*$", re.MULTILINE)
# a file the load rejected, named with the reason: "rejected <path>: <reason>"
_REJECTED_LINE = re.compile(r"^rejected (.+?): ", re.MULTILINE)


def _checked_load(step: str, measured: Measured, may_reject: set[str]) -> int:
    """The files a load rejected. ``govreports load`` exits 1 when it rejected files that are
    no report, having loaded the others: accepted when every file rejected is one of
    ``may_reject`` (by name) and the load ran to its closing table; any other status fails."""
    if measured.returncode == 0:
        return 0
    failed = BenchmarkFailed(f"{step} failed ({measured.returncode}):\n{measured.output[-4000:]}")
    if measured.returncode != 1 or not may_reject:
        raise failed
    outcomes = {kind: int(count) for kind, count in _OUTCOME_ROW.findall(measured.output)}
    named = [Path(name).name for name in _REJECTED_LINE.findall(measured.output)]
    if (
        "Traceback" in measured.output
        or "load stopped" in measured.output
        or not outcomes.get("rejected")
        or len(named) != outcomes["rejected"]  # over 50, the load names only 50
        or not set(named) <= may_reject
    ):
        raise failed
    return outcomes["rejected"]


def _started_from(output: str) -> str:
    found = re.search(r"built from: (.+)", output)
    return found.group(1).strip() if found else "?"


def _count_rows(warehouse: Path, table_name: str) -> int:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        (rows,) = con.execute(f"select count(*) from {table_name}").fetchone()
        return int(rows)
    finally:
        con.close()


@dataclass
class Round:
    """One ``govreports load`` and the ``govreports build`` after it."""

    load: Measured
    build: Measured
    dbt: DbtRuns
    rejected: int
    reports_rows: int

    @property
    def peak_rss_bytes(self) -> int:
        return max(self.load.peak_rss_bytes, self.build.peak_rss_bytes)

    @property
    def peak_disk_bytes(self) -> int:
        return max(self.load.peak_disk_bytes, self.build.peak_disk_bytes)

    @property
    def started_from(self) -> str:
        return _started_from(self.build.output)


def check_sizes(sizes: list[int], seed: int = 7) -> None:
    """Fail before any work when the generator cannot make the largest size's reports."""
    largest = max(sizes)
    try:
        plan_corpus(largest + batch_size(largest) + 2 * EXTRA_REPORTS, seed)
    except ValueError as exc:
        raise BenchmarkFailed(
            f"N={largest:,} needs {largest + batch_size(largest) + 2 * EXTRA_REPORTS:,} "
            f"synthetic reports (a year's batch and 2 x {EXTRA_REPORTS} included): {exc}"
        ) from None


def run_size(n: int, workdir: Path, seed: int = 7, log: Any = print) -> SizeResult:
    folders = {name: workdir / name for name in ("corpus", "batch", "extra", "more")}
    warehouse = workdir / "govreports.duckdb"
    env = dict(os.environ)
    env["GOVREPORTS_WAREHOUSE"] = str(warehouse)
    env["DBT_TARGET_PATH"] = str(workdir / "target")
    env["DBT_LOG_PATH"] = str(workdir / "logs")
    govreports = str(BIN / "govreports")
    batch = batch_size(n)

    log(
        f"[N={n}] generating {n} + a year's batch of {batch} + 2 x {EXTRA_REPORTS} synthetic "
        f"reports in {workdir}, with the files of {WILD.relative_to(REPO)}"
    )
    started = time.perf_counter()
    regions = load_regions()
    plan = plan_corpus(n + batch + 2 * EXTRA_REPORTS, seed, regions)
    cuts = [0, n, n + batch, n + batch + EXTRA_REPORTS, len(plan)]
    written = {
        name: write_corpus(plan[start:end], folder, regions=regions)
        for (name, folder), (start, end) in zip(folders.items(), pairwise(cuts), strict=True)
    }
    wild = copy_wild(folders["corpus"])
    generate_seconds = time.perf_counter() - started
    files = corpus_files(folders["corpus"])
    if len(files) != n + len(wild):
        raise BenchmarkFailed(f"the corpus holds {len(files)} files, not {n} + {len(wild)}")
    corpus_bytes = sum(path.stat().st_size for path in files)
    loaded_bytes = corpus_bytes + sum(
        path.stat().st_size for name in ("batch", "extra", "more") for path in written[name]
    )

    pattern = number_and_unit_pattern(load_units())
    log(f"[N={n}] floor: one DuckDB regexp_extract_all pass over {len(files)} files")
    floor_seconds, floor_figures = floor_pass(files, pattern)
    log(f"[N={n}] naive peer: a Python loop with the same regex")
    peer_seconds, peer_figures = naive_peer(files, pattern)

    def load_and_build(folder: Path, what: str, may_reject: frozenset[str] = frozenset()) -> Round:
        log(f"[N={n}] govreports load and build: {what}")
        load = measure([govreports, "load", str(folder)], env, warehouse=warehouse)
        rejected = _checked_load(f"load ({what})", load, set(may_reject))
        build = _checked(
            f"build ({what})", measure([govreports, "build"], env, warehouse=warehouse)
        )
        reports_rows = _count_rows(warehouse, "marts.reports")
        return Round(load, build, dbt_runs(build.output), rejected, reports_rows)

    rounds = {
        "full": load_and_build(folders["corpus"], "full", frozenset(path.name for path in wild)),
        "batch": load_and_build(folders["batch"], f"a year's batch, + {batch} reports"),
        "add": load_and_build(folders["extra"], f"+ {EXTRA_REPORTS} reports"),
        "steady": load_and_build(folders["more"], f"+ {EXTRA_REPORTS} more reports, steady state"),
    }
    full, batch_round, add, steady = rounds.values()
    peak_disk_step = max(rounds, key=lambda name: rounds[name].peak_disk_bytes)
    return SizeResult(
        reports=n,
        wild_files=len(wild),
        wild_rejected=full.rejected,
        corpus_files=len(files),
        corpus_bytes=corpus_bytes,
        loaded_bytes=loaded_bytes,
        generate_seconds=generate_seconds,
        floor_seconds=floor_seconds,
        floor_figures=floor_figures,
        peer_seconds=peer_seconds,
        peer_figures=peer_figures,
        load_seconds=full.load.seconds,
        load_peak_rss_bytes=full.load.peak_rss_bytes,
        build_seconds=full.build.seconds,
        build_peak_rss_bytes=full.build.peak_rss_bytes,
        dbt_elapsed_seconds=full.dbt.elapsed_seconds,
        build_dbt_runs=full.dbt.runs,
        reports_after_build=full.reports_rows,
        batch_reports=batch,
        batch_load_seconds=batch_round.load.seconds,
        batch_build_seconds=batch_round.build.seconds,
        batch_peak_rss_bytes=batch_round.peak_rss_bytes,
        batch_dbt_elapsed_seconds=batch_round.dbt.elapsed_seconds,
        batch_started_from=batch_round.started_from,
        reports_after_batch=batch_round.reports_rows,
        add_load_seconds=add.load.seconds,
        add_build_seconds=add.build.seconds,
        add_peak_rss_bytes=max(add.peak_rss_bytes, steady.peak_rss_bytes),
        add_dbt_elapsed_seconds=add.dbt.elapsed_seconds,
        add_started_from=add.started_from,
        steady_load_seconds=steady.load.seconds,
        steady_build_seconds=steady.build.seconds,
        steady_dbt_elapsed_seconds=steady.dbt.elapsed_seconds,
        steady_started_from=steady.started_from,
        peak_disk_bytes=rounds[peak_disk_step].peak_disk_bytes,
        peak_disk_step=peak_disk_step,
        warehouse_bytes=_with_wal(warehouse, ""),
        previous_bytes=_with_wal(warehouse, ".previous"),
        raw_store_bytes=_with_wal(warehouse, ".raw"),
        metrics_rows=_count_rows(warehouse, "marts.metrics"),
        load_averages={
            "load": full.load.load_average,
            "build": full.build.load_average,
            "batch_build": batch_round.build.load_average,
            "add_build": add.build.load_average,
            "steady_build": steady.build.load_average,
        },
        build_slowest_nodes=full.dbt.slowest_nodes,
        batch_slowest_nodes=batch_round.dbt.slowest_nodes,
        add_slowest_nodes=add.dbt.slowest_nodes,
        steady_slowest_nodes=steady.dbt.slowest_nodes,
    )


# ---------------------------------------------------------------------------------------------
# Report


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory / 2**30, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
    }


def _gib(value: int) -> str:
    return f"{value / 2**30:.2f} GiB"


def _steps(load: float, build: float) -> str:
    return f"{load:.1f} + {build:.1f} = {load + build:.1f}"


CORPUS = "corpus: files (synthetic + wild), MB"
FLOOR = "floor: one DuckDB regexp pass (s)"
LOAD = "load (s)"
BUILD = "full build (s)"
LOAD_AND_BUILD = "load + full build (s)"
BATCH = "a year's batch: load + build (s)"
ADD = f"+{EXTRA_REPORTS} reports: load + build (s)"
STEADY = f"+{EXTRA_REPORTS} more, steady state (s)"
PEAK_RSS = "peak RSS, any step (process tree)"
PEAK_DISK = "peak disk, warehouse files (step)"
WAREHOUSE = "warehouse size"
DISK_AT_END = "disk at end: warehouse + previous + store"


def table(results: list[SizeResult]) -> str:
    rows: list[tuple[str, list[str]]] = [
        (
            CORPUS,
            [
                f"{r.reports:,} + {r.wild_files} = {r.corpus_files:,}, {r.corpus_bytes / 1e6:.0f}"
                for r in results
            ],
        ),
        ("wild files the load rejected", [f"{r.wild_rejected}" for r in results]),
        (FLOOR, [f"{r.floor_seconds:.1f}" for r in results]),
        ("naive Python peer (s)", [f"{r.peer_seconds:.1f}" for r in results]),
        (
            "figures: floor / peer / metrics mart",
            [f"{r.floor_figures:,} / {r.peer_figures:,} / {r.metrics_rows:,}" for r in results],
        ),
        (LOAD, [f"{r.load_seconds:.1f}" for r in results]),
        ("load (files/s)", [f"{r.load_reports_per_second:.0f}" for r in results]),
        ("load (MB/s)", [f"{r.load_mb_per_second:.1f}" for r in results]),
        (BUILD, [f"{r.build_seconds:.1f}" for r in results]),
        (
            "  of which dbt (s, runs)",
            [f"{r.dbt_elapsed_seconds:.1f}, {r.build_dbt_runs}" for r in results],
        ),
        (LOAD_AND_BUILD, [f"{r.load_and_build_seconds:.1f}" for r in results]),
        ("load + full build / floor (x)", [f"{r.times_floor:.1f}" for r in results]),
        ("load + full build / peer (x)", [f"{r.times_peer:.1f}" for r in results]),
        (
            "a year's batch (reports, 3% of N)",
            [
                f"{r.batch_reports:,}: {r.reports_after_build:,} → {r.reports_after_batch:,} rows"
                for r in results
            ],
        ),
        (BATCH, [_steps(r.batch_load_seconds, r.batch_build_seconds) for r in results]),
        (ADD, [_steps(r.add_load_seconds, r.add_build_seconds) for r in results]),
        (STEADY, [_steps(r.steady_load_seconds, r.steady_build_seconds) for r in results]),
        (
            "built from: batch / +10 / steady",
            [
                f"{r.batch_started_from} / {r.add_started_from} / {r.steady_started_from}"
                for r in results
            ],
        ),
        (PEAK_RSS, [_gib(r.peak_rss_bytes) for r in results]),
        (PEAK_DISK, [f"{_gib(r.peak_disk_bytes)} ({r.peak_disk_step})" for r in results]),
        (WAREHOUSE, [_gib(r.warehouse_bytes) for r in results]),
        (
            DISK_AT_END,
            [
                f"{_gib(r.warehouse_bytes)} + {_gib(r.previous_bytes)} + "
                f"{_gib(r.raw_store_bytes)} = {_gib(r.disk_bytes_at_end)}"
                for r in results
            ],
        ),
        ("warehouse / bytes loaded (x)", [f"{r.warehouse_per_loaded_byte:.1f}" for r in results]),
        ("peak disk / bytes loaded (x)", [f"{r.peak_disk_per_loaded_byte:.1f}" for r in results]),
        (
            "machine load avg after load/build/batch/+10/steady",
            ["/".join(f"{v:.1f}" for v in r.load_averages.values()) for r in results],
        ),
    ]
    headers = ["", *[f"N={r.reports:,}" for r in results]]
    if len(results) >= 2:
        first, last = results[0], results[-1]
        headers.append(f"N ratio {last.reports / first.reports:g}x")
        ratios = {
            CORPUS: last.corpus_bytes / first.corpus_bytes,
            FLOOR: last.floor_seconds / first.floor_seconds,
            LOAD: last.load_seconds / first.load_seconds,
            BUILD: last.build_seconds / first.build_seconds,
            LOAD_AND_BUILD: last.load_and_build_seconds / first.load_and_build_seconds,
            BATCH: last.batch_seconds / first.batch_seconds,
            ADD: last.add_seconds / first.add_seconds,
            STEADY: last.steady_seconds / first.steady_seconds,
            PEAK_RSS: last.peak_rss_bytes / first.peak_rss_bytes,
            PEAK_DISK: last.peak_disk_bytes / first.peak_disk_bytes,
            WAREHOUSE: last.warehouse_bytes / first.warehouse_bytes,
            DISK_AT_END: last.disk_bytes_at_end / first.disk_bytes_at_end,
        }
        rows = [
            (name, [*cells, f"{ratios[name]:.1f}x" if name in ratios else ""])
            for name, cells in rows
        ]
    widths = [max(len(headers[0]), *(len(name) for name, _ in rows))]
    for column in range(1, len(headers)):
        widths.append(max(len(headers[column]), *(len(cells[column - 1]) for _, cells in rows)))
    lines = [
        "  ".join(
            h.ljust(w) if i == 0 else h.rjust(w)
            for i, (h, w) in enumerate(zip(headers, widths, strict=True))
        )
    ]
    lines.append("  ".join("-" * w for w in widths))
    for name, cells in rows:
        lines.append(
            "  ".join(
                [
                    name.ljust(widths[0]),
                    *(c.rjust(w) for c, w in zip(cells, widths[1:], strict=True)),
                ]
            )
        )
    return "\n".join(lines)


def run(
    sizes: list[int],
    json_path: Path | None,
    keep: bool = False,
    seed: int = 7,
    workroot: Path | None = None,
) -> list[SizeResult]:
    check_sizes(sizes, seed)
    results: list[SizeResult] = []
    for n in sizes:
        workdir = Path(tempfile.mkdtemp(prefix=f"govreports-bench-{n}-", dir=workroot))
        try:
            results.append(run_size(n, workdir, seed))
        finally:
            if not keep:
                shutil.rmtree(workdir, ignore_errors=True)
        # after each size, so that a larger size failing (out of disk) keeps the smaller ones
        if json_path is not None:
            write_results(results, json_path, seed)
    print()
    print(table(results))
    if json_path is not None:
        print(f"\nwrote {json_path}")
    return results


def write_results(results: list[SizeResult], json_path: Path, seed: int) -> None:
    payload = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": machine(),
        "extra_reports": EXTRA_REPORTS,
        "batch_share": BATCH_SHARE,
        "wild_folder": str(WILD.relative_to(REPO)),
        "seed": seed,
        "results": [r.as_json() for r in results],
    }
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write results")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and warehouse")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--workroot",
        type=Path,
        default=None,
        help="parent of the temporary folders (default: the system's temp)",
    )
    args = parser.parse_args()
    try:
        run(args.sizes, args.json, args.keep, args.seed, args.workroot)
    except BenchmarkFailed as exc:
        print(exc, file=sys.stderr)
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
