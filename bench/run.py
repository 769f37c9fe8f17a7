"""The govreports benchmark: load and build N synthetic reports, and compare with the floor.

For each corpus size N (``make bench BENCH_SIZES="1000 10000"``), in a temporary folder:

1. generate N synthetic reports plus 10 more (bench/generate.py);
2. the **floor**: one DuckDB pass reading every file once and running a single
   ``regexp_extract_all`` with the number-and-unit pattern (numbers before a unit of
   ``seeds/units.csv``) — the least any tool must do to find the figures in this text;
3. the **naive peer**: a plain Python loop over the files applying the same pattern;
4. ``govreports load`` of the N files, then ``govreports build`` (a full ``dbt build``: seeds,
   models, data tests and unit tests), each timed with the peak memory of its process tree;
5. ``govreports load`` of 10 extra reports and ``govreports build`` again: the incremental
   path of a growing archive, right after the full build (this build starts from the copy of
   itself the full build kept: the file it replaced held no built report, see
   govreports/publish.py);
6. the same with 10 more: the steady state of a growing archive, where a build starts from
   the previous one;
7. the size of the warehouse file.

It prints one table and writes the figures as JSON (``--json``). The corpus is synthetic and
is deleted at the end unless ``--keep`` is given.
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
from pathlib import Path
from typing import Any

import duckdb

from .generate import load_regions, load_units, plan_corpus, write_corpus

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EXTRA_REPORTS = 10
DEFAULT_JSON = REPO / "bench" / "results.json"


def number_and_unit_pattern(units: list[str]) -> str:
    """The floor's pattern, valid for RE2 (DuckDB) and Python ``re`` alike."""
    alternation = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    return rf"[0-9]+(?:\.[0-9]+)?(?:余|多)?\s?(?:{alternation})"


# ---------------------------------------------------------------------------------------------
# Measuring a command: wall time and the peak resident memory of its whole process tree


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


@dataclass
class Measured:
    seconds: float
    peak_rss_bytes: int
    returncode: int
    output: str = field(repr=False, default="")
    # the machine's 1-minute load average at the end: other work on a shared machine shows
    load_average: float = 0.0


def measure(command: list[str], env: dict[str, str], interval: float = 0.05) -> Measured:
    """Run ``command``; sample the summed RSS of it and its descendants until it exits."""
    peak = 0
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_bytes(process.pid))
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return Measured(seconds, peak, process.returncode, output, os.getloadavg()[0])


# ---------------------------------------------------------------------------------------------
# The floor and the peer


def floor_pass(corpus: Path, pattern: str) -> tuple[float, int]:
    """One DuckDB pass: read every file, one regexp_extract_all; (seconds, figures found)."""
    con = duckdb.connect()
    try:
        started = time.perf_counter()
        (found,) = con.execute(
            "select sum(len(regexp_extract_all(content, ?))) from read_text(?)",
            [pattern, str(corpus / "*.txt")],
        ).fetchone()
        return time.perf_counter() - started, int(found or 0)
    finally:
        con.close()


def naive_peer(corpus: Path, pattern: str) -> tuple[float, int]:
    """What a one-off script would do: walk the files, apply the same regex."""
    started = time.perf_counter()
    compiled = re.compile(pattern)
    found = 0
    for path in sorted(corpus.glob("*.txt")):
        found += len(compiled.findall(path.read_text(encoding="utf-8")))
    return time.perf_counter() - started, found


# ---------------------------------------------------------------------------------------------
# One corpus size


@dataclass
class SizeResult:
    reports: int
    corpus_bytes: int
    generate_seconds: float
    floor_seconds: float
    floor_figures: int
    peer_seconds: float
    peer_figures: int
    load_seconds: float
    load_peak_rss_bytes: int
    build_seconds: float
    build_peak_rss_bytes: int
    dbt_elapsed_seconds: float
    add_load_seconds: float
    add_build_seconds: float
    add_peak_rss_bytes: int
    add_dbt_elapsed_seconds: float
    add_started_from: str
    steady_load_seconds: float
    steady_build_seconds: float
    steady_dbt_elapsed_seconds: float
    steady_started_from: str
    warehouse_bytes: int
    metrics_rows: int
    load_averages: dict[str, float]
    build_slowest_nodes: list[tuple[str, float]]
    add_slowest_nodes: list[tuple[str, float]]
    steady_slowest_nodes: list[tuple[str, float]]

    @property
    def load_reports_per_second(self) -> float:
        return self.reports / self.load_seconds

    @property
    def load_mb_per_second(self) -> float:
        return self.corpus_bytes / 1e6 / self.load_seconds

    @property
    def load_and_build_seconds(self) -> float:
        return self.load_seconds + self.build_seconds

    @property
    def add_seconds(self) -> float:
        return self.add_load_seconds + self.add_build_seconds

    @property
    def steady_seconds(self) -> float:
        return self.steady_load_seconds + self.steady_build_seconds

    @property
    def peak_rss_bytes(self) -> int:
        return max(self.load_peak_rss_bytes, self.build_peak_rss_bytes, self.add_peak_rss_bytes)

    def as_json(self) -> dict[str, Any]:
        derived = {
            "load_reports_per_second": self.load_reports_per_second,
            "load_mb_per_second": self.load_mb_per_second,
            "load_and_build_seconds": self.load_and_build_seconds,
            "add_seconds": self.add_seconds,
            "steady_seconds": self.steady_seconds,
            "peak_rss_bytes": self.peak_rss_bytes,
            "times_floor": self.load_and_build_seconds / self.floor_seconds,
            "times_peer": self.load_and_build_seconds / self.peer_seconds,
        }
        return asdict(self) | derived


class BenchmarkFailed(RuntimeError):
    pass


def _slowest_nodes(target_path: Path, top: int = 8) -> tuple[float, list[tuple[str, float]]]:
    results = json.loads((target_path / "run_results.json").read_text(encoding="utf-8"))
    nodes = sorted(
        (
            (
                r["unique_id"].split(".", 1)[0] + ":" + r["unique_id"].rsplit(".", 1)[-1],
                round(r["execution_time"], 2),
            )
            for r in results["results"]
        ),
        key=lambda item: -item[1],
    )
    return float(results["elapsed_time"]), nodes[:top]


def _checked(step: str, measured: Measured) -> Measured:
    if measured.returncode != 0:
        raise BenchmarkFailed(f"{step} failed ({measured.returncode}):\n{measured.output[-4000:]}")
    return measured


def _started_from(output: str) -> str:
    found = re.search(r"built from: (.+)", output)
    return found.group(1).strip() if found else "?"


def _metrics_rows(warehouse: Path) -> int:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        (rows,) = con.execute("select count(*) from marts.metrics").fetchone()
        return int(rows)
    finally:
        con.close()


def run_size(n: int, workdir: Path, seed: int = 7, log: Any = print) -> SizeResult:
    corpus, extra, more = workdir / "corpus", workdir / "extra", workdir / "more"
    warehouse = workdir / "govreports.duckdb"
    env = dict(os.environ)
    env["GOVREPORTS_WAREHOUSE"] = str(warehouse)
    env["DBT_TARGET_PATH"] = str(workdir / "target")
    env["DBT_LOG_PATH"] = str(workdir / "logs")
    govreports = str(BIN / "govreports")

    log(f"[N={n}] generating {n} + {EXTRA_REPORTS} synthetic reports in {workdir}")
    started = time.perf_counter()
    regions = load_regions()
    plan = plan_corpus(n + 2 * EXTRA_REPORTS, seed, regions)
    files = write_corpus(plan[:n], corpus, regions=regions)
    write_corpus(plan[n : n + EXTRA_REPORTS], extra, regions=regions)
    write_corpus(plan[n + EXTRA_REPORTS :], more, regions=regions)
    generate_seconds = time.perf_counter() - started
    corpus_bytes = sum(path.stat().st_size for path in files)

    pattern = number_and_unit_pattern(load_units())
    log(f"[N={n}] floor: one DuckDB regexp_extract_all pass")
    floor_seconds, floor_figures = floor_pass(corpus, pattern)
    log(f"[N={n}] naive peer: a Python loop with the same regex")
    peer_seconds, peer_figures = naive_peer(corpus, pattern)

    def load_and_build(
        folder: Path, what: str
    ) -> tuple[Measured, Measured, float, list[tuple[str, float]]]:
        log(f"[N={n}] govreports load and build: {what}")
        load = _checked(f"load ({what})", measure([govreports, "load", str(folder)], env))
        build = _checked(f"build ({what})", measure([govreports, "build"], env))
        return (load, build, *_slowest_nodes(workdir / "target"))

    load, build, dbt_elapsed, build_nodes = load_and_build(corpus, "full")
    add_load, add_build, add_dbt_elapsed, add_nodes = load_and_build(
        extra, f"+ {EXTRA_REPORTS} reports"
    )
    steady_load, steady_build, steady_dbt_elapsed, steady_nodes = load_and_build(
        more, f"+ {EXTRA_REPORTS} more reports, steady state"
    )
    wal = warehouse.with_name(warehouse.name + ".wal")
    return SizeResult(
        reports=n,
        corpus_bytes=corpus_bytes,
        generate_seconds=generate_seconds,
        floor_seconds=floor_seconds,
        floor_figures=floor_figures,
        peer_seconds=peer_seconds,
        peer_figures=peer_figures,
        load_seconds=load.seconds,
        load_peak_rss_bytes=load.peak_rss_bytes,
        build_seconds=build.seconds,
        build_peak_rss_bytes=build.peak_rss_bytes,
        dbt_elapsed_seconds=dbt_elapsed,
        add_load_seconds=add_load.seconds,
        add_build_seconds=add_build.seconds,
        add_peak_rss_bytes=max(
            add_load.peak_rss_bytes,
            add_build.peak_rss_bytes,
            steady_load.peak_rss_bytes,
            steady_build.peak_rss_bytes,
        ),
        add_dbt_elapsed_seconds=add_dbt_elapsed,
        add_started_from=_started_from(add_build.output),
        steady_load_seconds=steady_load.seconds,
        steady_build_seconds=steady_build.seconds,
        steady_dbt_elapsed_seconds=steady_dbt_elapsed,
        steady_started_from=_started_from(steady_build.output),
        warehouse_bytes=warehouse.stat().st_size + (wal.stat().st_size if wal.exists() else 0),
        metrics_rows=_metrics_rows(warehouse),
        load_averages={
            "load": load.load_average,
            "build": build.load_average,
            "add_load": add_load.load_average,
            "add_build": add_build.load_average,
            "steady_build": steady_build.load_average,
        },
        build_slowest_nodes=build_nodes,
        add_slowest_nodes=add_nodes,
        steady_slowest_nodes=steady_nodes,
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


def table(results: list[SizeResult]) -> str:
    rows: list[tuple[str, list[str]]] = [
        ("corpus (MB of files)", [f"{r.corpus_bytes / 1e6:.0f}" for r in results]),
        ("floor: one DuckDB regexp pass (s)", [f"{r.floor_seconds:.1f}" for r in results]),
        ("naive Python peer (s)", [f"{r.peer_seconds:.1f}" for r in results]),
        (
            "figures: floor / peer / metrics mart",
            [f"{r.floor_figures:,} / {r.peer_figures:,} / {r.metrics_rows:,}" for r in results],
        ),
        ("load (s)", [f"{r.load_seconds:.1f}" for r in results]),
        ("load (reports/s)", [f"{r.load_reports_per_second:.0f}" for r in results]),
        ("load (MB/s)", [f"{r.load_mb_per_second:.1f}" for r in results]),
        ("full build (s)", [f"{r.build_seconds:.1f}" for r in results]),
        ("  of which dbt (s)", [f"{r.dbt_elapsed_seconds:.1f}" for r in results]),
        ("load + full build (s)", [f"{r.load_and_build_seconds:.1f}" for r in results]),
        (
            "load + full build / floor (x)",
            [f"{r.load_and_build_seconds / r.floor_seconds:.1f}" for r in results],
        ),
        (
            "load + full build / peer (x)",
            [f"{r.load_and_build_seconds / r.peer_seconds:.1f}" for r in results],
        ),
        (
            f"+{EXTRA_REPORTS} reports: load + build (s)",
            [
                f"{r.add_load_seconds:.1f} + {r.add_build_seconds:.1f} = {r.add_seconds:.1f}"
                for r in results
            ],
        ),
        (
            f"+{EXTRA_REPORTS} more, steady state (s)",
            [
                f"{r.steady_load_seconds:.1f} + {r.steady_build_seconds:.1f} = "
                f"{r.steady_seconds:.1f}"
                for r in results
            ],
        ),
        ("peak RSS, any step", [_gib(r.peak_rss_bytes) for r in results]),
        (
            "machine load avg after load/build/add",
            ["/".join(f"{v:.1f}" for v in r.load_averages.values()) for r in results],
        ),
        ("warehouse size", [_gib(r.warehouse_bytes) for r in results]),
    ]
    headers = ["", *[f"N={r.reports:,}" for r in results]]
    if len(results) >= 2:
        first, last = results[0], results[-1]
        headers.append(f"N ratio {last.reports // first.reports}x")
        ratios = {
            "load (s)": last.load_seconds / first.load_seconds,
            "full build (s)": last.build_seconds / first.build_seconds,
            "load + full build (s)": last.load_and_build_seconds / first.load_and_build_seconds,
            "floor: one DuckDB regexp pass (s)": last.floor_seconds / first.floor_seconds,
            f"+{EXTRA_REPORTS} reports: load + build (s)": last.add_seconds / first.add_seconds,
            f"+{EXTRA_REPORTS} more, steady state (s)": last.steady_seconds / first.steady_seconds,
            "peak RSS, any step": last.peak_rss_bytes / first.peak_rss_bytes,
            "warehouse size": last.warehouse_bytes / first.warehouse_bytes,
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
    results = []
    for n in sizes:
        workdir = Path(tempfile.mkdtemp(prefix=f"govreports-bench-{n}-", dir=workroot))
        try:
            results.append(run_size(n, workdir, seed))
        finally:
            if not keep:
                shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(table(results))
    if json_path is not None:
        payload = {
            "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "machine": machine(),
            "extra_reports": EXTRA_REPORTS,
            "seed": seed,
            "results": [r.as_json() for r in results],
        }
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        print(f"\nwrote {json_path}")
    return results


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
