"""The ``govreports`` command line: load report files, build the warehouse, summarise it."""

from __future__ import annotations

import inspect
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from loaders.reading import (
    DEFAULT_MAX_BYTES,
    RejectedFile,
    ReportFile,
    discover_report_files,
    read_report_files,
    readable_name,
)
from loaders.warehouse import (
    BadWarehousePath,
    DamagedWarehouse,
    WarehouseBusy,
    connect,
    defer_checkpoints,
    ensure_raw_schema,
    ensure_raw_store,
    loaded_hashes,
    raw_store_path,
    remove_reports,
    resolve_warehouse,
    store_reports,
)

from .dbt_build import find_project_dir
from .export import FORMATS, export_marts
from .publish import build_and_publish, build_slice, exclusive_writer
from .report_page import write_report_page

app = typer.Typer(
    help="govreports: Chinese government work reports in a DuckDB warehouse.\n\n"
    "Typical use:  govreports load data/reports  &&  govreports build",
    no_args_is_help=True,
    add_completion=False,
    # a user's mistake is one line saying what to do (main), never a traceback
    pretty_exceptions_enable=False,
)
# soft_wrap: a message naming a file stays on one line (no wrapping at 80 columns in logs).
console = Console(stderr=True, soft_wrap=True)

# Loads of fewer files name each file skipped; larger ones show a progress bar and counts.
LIST_FILES_BELOW = 20
# Rejections are named one by one up to this many; all are counted by reason.
LIST_REJECTED = 50


def _reason_kind(reason: str) -> str:
    """A rejection's reason without what is particular to the file ("could not be read:
    UnicodeDecodeError: …" counts as "could not be read: UnicodeDecodeError")."""
    return ": ".join(reason.split(": ")[:2])


def _warehouse_option(role: str) -> Any:
    """The --warehouse option, saying what the command does with the file."""
    return Annotated[
        Path | None,
        typer.Option(
            "--warehouse",
            "-w",
            help=f"{role} Default: $GOVREPORTS_WAREHOUSE, else warehouse/govreports.duckdb.",
        ),
    ]


WarehouseToLoad = _warehouse_option(
    "Warehouse to load into: files go to its raw store (<warehouse>.raw) and reach the "
    "warehouse at the next build."
)
WarehouseToBuild = _warehouse_option("Warehouse to build and publish (created if missing).")
WarehouseToRemoveFrom = _warehouse_option(
    "Warehouse to remove reports from: they leave its raw store now, its marts at the next build."
)
WarehouseToRead = _warehouse_option("Warehouse to read (opened read-only, never changed).")


@app.command()
def load(
    paths: Annotated[
        list[Path],
        typer.Argument(
            exists=True,
            help="Report files or folders (searched recursively for .txt, .html, .htm, .pdf, "
            ".docx). "
            "Example: govreports load data/reports extra/2024.html",
        ),
    ],
    warehouse: WarehouseToLoad = None,
    max_bytes: Annotated[
        int, typer.Option(help="Reject files larger than this many bytes.")
    ] = DEFAULT_MAX_BYTES,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Processes that read files. Default: one per core."),
    ] = None,
    batch_mb: Annotated[
        float,
        typer.Option(
            min=0,
            help="Commit after about this many MB of text (raw and normalised, counted in "
            "characters). A failure or Ctrl-C loses only the batch in progress; 0 commits "
            "every file on its own (slow).",
        ),
    ] = 32.0,
) -> None:
    """Load report files into the raw schema; each file loads whole or not at all.

    Files are read by one process per core and committed in batches; a batch is written
    whole or not at all.

    Content already loaded (same SHA-256) is skipped. Files that are not readable reports are
    reported with the reason and not written; the exit status is 1 if any file was rejected.
    """
    target = resolve_warehouse(warehouse)
    discovery = discover_report_files(paths)
    files = discovery.files
    outcomes: Counter[str] = Counter()
    rejected: list[tuple[Path, str]] = []

    def reject(path: Path, reason: str) -> None:
        rejected.append((path, reason))
        outcomes["rejected"] += 1
        if len(rejected) <= LIST_REJECTED:
            console.print(
                f"[red]rejected[/red] {escape(readable_name(str(path)))}: {escape(reason)}"
            )

    for path, reason in discovery.unreadable:
        reject(path, reason)
    batch: list[ReportFile] = []
    batch_bytes = 0
    limit = batch_mb * 1e6

    def commit_batch() -> None:
        nonlocal batch, batch_bytes
        store_reports(con, batch)
        outcomes["loaded"] += len(batch)
        batch, batch_bytes = [], 0

    try:
        with exclusive_writer(target), connect(ensure_raw_store(target)) as con:
            ensure_raw_schema(con)
            defer_checkpoints(con)
            known = loaded_hashes(con)
            with Progress(
                TextColumn("loading"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.description}"),
                console=console,
                disable=len(files) < LIST_FILES_BELOW,
            ) as progress:
                task = progress.add_task("", total=len(files))
                try:
                    for path, report in read_report_files(files, max_bytes, workers):
                        progress.update(task, description=escape(readable_name(path.name)))
                        if isinstance(report, RejectedFile):
                            reject(path, str(report))
                        elif report.sha256 in known:
                            outcomes["already loaded"] += 1
                            if len(files) < LIST_FILES_BELOW:  # else counted in the table
                                console.print(f"already loaded: {escape(readable_name(str(path)))}")
                        else:
                            known.add(report.sha256)
                            batch.append(report)
                            batch_bytes += len(report.raw_text) + len(report.normalized_text)
                            if batch_bytes >= limit:
                                commit_batch()
                        progress.advance(task)
                    commit_batch()
                except BaseException:
                    console.print(
                        f"[red]load stopped[/red]: {outcomes['loaded']} files were stored; "
                        f"the {len(batch)} read since the last commit were not written "
                        "(run the same load again to add them)"
                    )
                    raise
    except WarehouseBusy as exc:
        console.print(f"[red]error[/red]: {escape(str(exc))}")
        raise typer.Exit(2) from None

    table = Table(title=f"load for {escape(str(target))} (published by the next build)")
    table.add_column("outcome")
    table.add_column("files", justify="right")
    for outcome in ("loaded", "already loaded", "rejected"):
        table.add_row(outcome, str(outcomes[outcome]))
    console.print(table)
    if len(rejected) > LIST_REJECTED:
        console.print(f"… {len(rejected) - LIST_REJECTED} more rejected files not listed")
    if rejected:
        reasons = Table(title="rejected, by reason")
        reasons.add_column("reason")
        reasons.add_column("files", justify="right")
        for reason, count in Counter(_reason_kind(r) for _, r in rejected).most_common():
            reasons.add_row(escape(reason), str(count))
        console.print(reasons)
    if discovery.other_suffixes:
        endings = ", ".join(
            f"{suffix} {count}" for suffix, count in discovery.other_suffixes.most_common()
        )
        console.print(f"passed over (not .txt, .html, .htm, .pdf or .docx): {escape(endings)}")
    if rejected:
        raise typer.Exit(1)


def _say_step(message: str) -> None:
    console.print(f"govreports: {escape(message)}")


@app.command()
def build(
    warehouse: WarehouseToBuild = None,
    project_dir: Annotated[
        Path | None, typer.Option(help="dbt project folder. Default: this checkout.")
    ] = None,
    test_all_rows: Annotated[
        bool,
        typer.Option(
            "--test-all-rows",
            help="Run the data tests on every row, not only on the reports this build added.",
        ),
    ] = False,
    keep_failed: Annotated[
        bool,
        typer.Option(
            "--keep-failed",
            help="Keep a failed build's working copy as <warehouse>.failed, to look into.",
        ),
    ] = False,
) -> None:
    """Run `dbt build` (seeds, models, tests) and publish the warehouse if it is green.

    The build runs on a working file; readers keep the old warehouse until the new one
    replaces it in one rename. A failed build changes nothing. The replaced warehouse is kept
    as <warehouse>.previous, where the next build starts (catching up on reports loaded
    since) instead of copying the whole warehouse. The data tests of the per-report models
    read the reports the build added (all of them when the rules changed). More new reports
    than GOVREPORTS_BUILD_SLICE (10,000) are built one slice per dbt run, then published.
    """
    try:
        build_slice()
    except ValueError as exc:
        console.print(f"[red]error[/red]: {escape(str(exc))}")
        raise typer.Exit(2) from None
    target = resolve_warehouse(warehouse)
    if not (target.exists() or raw_store_path(target).exists()):
        console.print(
            f"[red]error[/red]: no reports loaded for {escape(str(target))}; "
            "run `govreports load` first"
        )
        raise typer.Exit(2)
    try:
        with exclusive_writer(target):
            dbt_args = ["build"]
            if test_all_rows:
                dbt_args += ["--vars", "{test_all_rows: true}"]
            result = build_and_publish(
                target,
                find_project_dir(project_dir),
                dbt_args,
                keep_failed=keep_failed,
                say=_say_step,
            )
    except WarehouseBusy as exc:
        console.print(f"[red]error[/red]: {escape(str(exc))}")
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        console.print(
            "[yellow]build interrupted[/yellow]: the published warehouse was left as it was "
            "(its working copy was dropped)"
        )
        raise typer.Exit(130) from None
    if result.recovery:
        console.print(f"[yellow]recovered[/yellow]: {escape(result.recovery)}")
    if result.refused:
        console.print(f"[red]not published[/red]: {escape(result.refused)}")
        raise typer.Exit(1)
    _print_summary(target, result.statuses)
    console.print(f"built from: {result.started_from}")
    if result.compaction is not None:
        before, after = result.compaction
        console.print(
            f"compacted: {before / 2**30:.2f} → {after / 2**30:.2f} GiB "
            "(the build rewrote more than it kept; the free space left behind was dropped)"
        )
    if result.unit_tests_skipped:
        console.print(
            "dbt unit tests: skipped, they passed on these same models, macros, seeds and "
            "extractor (any change runs them again)"
        )
    if result.previous_warning:
        console.print(f"[yellow]warning[/yellow]: {escape(result.previous_warning)}")
    if result.returncode != 0:
        for node, files in result.failures:
            reports = f": reports {escape(', '.join(files))}" if files else ""
            console.print(f"[red]failed[/red] {escape(node)}{reports}")
        console.print("[red]dbt build failed[/red]: the published warehouse was left as it was")
        if result.kept_failed:
            console.print(f"the failed build is kept as {escape(str(result.kept_failed))}")
        raise typer.Exit(result.returncode)


@app.command()
def remove(
    reports: Annotated[
        list[str],
        typer.Argument(
            help="File names, loaded paths, report ids (16 hex digits) or SHA-256 sums. "
            "Example: govreports remove 000_56e08ec3f9ad0187.txt 3ab9cf2f0f97befa",
        ),
    ],
    warehouse: WarehouseToRemoveFrom = None,
) -> None:
    """Remove reports from the warehouse (a file that is no report, loaded by mistake).

    The raw rows go now; `govreports build` then removes the report's rows from every mart.
    The exit status is 1 if a name matched no report (the others are removed all the same).
    """
    target = resolve_warehouse(warehouse)
    if not (target.exists() or raw_store_path(target).exists()):
        console.print(f"[red]error[/red]: no reports loaded for {escape(str(target))}")
        raise typer.Exit(2)
    with exclusive_writer(target), connect(ensure_raw_store(target)) as con:
        removed = remove_reports(con, reports)
    table = Table(title=f"removed from {escape(str(target))}")
    table.add_column("asked for")
    table.add_column("report_id")
    table.add_column("file")
    for identifier, rows in removed.items():
        for report_id, file_name in rows:
            table.add_row(escape(identifier), report_id, escape(file_name))
    console.print(table)
    unmatched = [identifier for identifier, rows in removed.items() if not rows]
    for identifier in unmatched:
        console.print(f"[red]no report[/red] matches {escape(identifier)}")
    if any(removed.values()):
        console.print("run `govreports build` to take them out of the marts")
    if unmatched:
        raise typer.Exit(1)


@app.command()
def summary(warehouse: WarehouseToRead = None) -> None:
    """Print reports loaded and rows per mart."""
    _print_summary(resolve_warehouse(warehouse), {})


@app.command()
def export(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write one file per mart into.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="parquet or csv. Example: --format csv")
    ] = "parquet",
    bom: Annotated[
        bool,
        typer.Option(
            help="Start CSV files with a UTF-8 byte-order mark, so that Excel reads the Chinese "
            "right. --no-bom for tools that take the mark for text."
        ),
    ] = True,
    warehouse: WarehouseToRead = None,
) -> None:
    """Write every mart to DIR as Parquet (default) or CSV, for tools that cannot read DuckDB."""
    if fmt not in FORMATS:
        console.print(f"[red]error[/red]: --format must be one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    table = Table(title=f"export to {escape(str(out_dir))}")
    table.add_column("file")
    table.add_column("rows", justify="right")
    for path, rows in export_marts(resolve_warehouse(warehouse), fmt, out_dir, bom=bom):
        table.add_row(escape(str(path)), f"{rows:,}")
    console.print(table)


@app.command()
def report(
    out: Annotated[Path, typer.Argument(help="HTML file to write.")] = Path(
        "warehouse/report.html"
    ),
    warehouse: WarehouseToRead = None,
) -> None:
    """Write one self-contained HTML page: GDP targets against outcomes, and every report."""
    path = write_report_page(resolve_warehouse(warehouse), out)
    console.print(f"wrote {escape(str(path))}")


@app.command()
def check(warehouse: WarehouseToRead = None) -> None:
    """Print marts.report_quality: per report, a grade (A-D) and what to check before trusting it.

    Shows how the file was read, the boilerplate trimmed, mojibake and stripped characters
    (with their lines), inferred section markers, headline targets found, and the figures and
    targets that come from damaged text. Run `govreports build` first.
    """
    # imported here, so that the command is one block of this file
    from .quality import (
        QualityUnavailable,
        grade_legend,
        grade_summary,
        quarantine_summary,
        read_report_quality,
        render_quality,
    )

    target = resolve_warehouse(warehouse)
    try:
        rows = read_report_quality(target)
    except (QualityUnavailable, WarehouseBusy) as exc:
        console.print(f"[red]error[/red]: {escape(str(exc))}")
        raise typer.Exit(2) from None
    # the table is the command's output: stdout, unlike the progress and errors on stderr
    out = Console(soft_wrap=False)
    out.print(render_quality(rows, f"report quality in {target}", out.width))
    out.print(f"grades  {grade_summary(rows)}")
    if quarantine_summary(rows):
        out.print(escape(quarantine_summary(rows)), highlight=False)
    out.print(escape(grade_legend()), highlight=False)


_QUARANTINE_SHOWN = 10


def _quarantined_reports(con) -> list[tuple[str, list[str]]]:
    import duckdb

    try:
        return con.execute(
            """
            select file_name, quarantine_reasons
            from marts.report_quality
            where is_quarantined
            order by file_name
            """
        ).fetchall()
    except duckdb.BinderException:
        return []  # a warehouse built before reports were quarantined


def _awaiting_build(target: Path) -> int | None:
    """How many loaded reports the published warehouse does not hold yet (None: unknown, a
    load is writing the raw store)."""
    import duckdb

    store = raw_store_path(target)
    if not store.exists():
        return 0
    try:
        with connect(store, read_only=True) as con:
            if target.exists():
                quoted = str(target.resolve()).replace("'", "''")
                con.execute(f"attach '{quoted}' as published (read_only)")
                (waiting,) = con.execute(
                    """
                    select count(*) from raw.report_files
                    where sha256 not in (select sha256 from published.raw.report_files)
                    """
                ).fetchone()
            else:
                (waiting,) = con.execute("select count(*) from raw.report_files").fetchone()
    except (duckdb.Error, WarehouseBusy):
        return None
    return waiting


def _print_summary(target: Path, statuses: dict[str, int]) -> None:
    waiting = _awaiting_build(target)
    if not target.exists():
        console.print(
            f"no warehouse published at {escape(str(target))} yet; "
            f"{waiting} reports loaded (`govreports build` publishes them)"
        )
        return
    if waiting:
        console.print(
            f"{waiting} reports loaded since the last build (`govreports build` adds them)"
        )
    with connect(target, read_only=True) as con:
        tables = con.execute(
            """
            select table_schema, table_name
            from information_schema.tables
            where table_schema in ('raw', 'marts')
            order by table_schema, table_name
            """
        ).fetchall()
        table = Table(title=f"warehouse {escape(str(target))}")
        table.add_column("table")
        table.add_column("rows", justify="right")
        for schema, name in tables:
            (rows,) = con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()
            table.add_row(f"{schema}.{name}", f"{rows:,}")
        quarantined = _quarantined_reports(con) if ("marts", "report_quality") in tables else []
    console.print(table)
    if quarantined:
        # a report's own defect is named, never a reason to publish nothing
        console.print(
            f"[yellow]quarantined[/yellow]: {len(quarantined)} reports could not be placed and are "
            "in no mart but marts.report_quality (`govreports check` lists them all)"
        )
        for file_name, reasons in quarantined[:_QUARANTINE_SHOWN]:
            console.print(f"  {escape(file_name)}: {', '.join(reasons)}")
        if len(quarantined) > _QUARANTINE_SHOWN:
            console.print(f"  … and {len(quarantined) - _QUARANTINE_SHOWN} more")
    if statuses:
        console.print(
            "dbt: " + ", ".join(f"{key} {count}" for key, count in sorted(statuses.items()))
        )


def _reflow_command_help() -> None:
    """Each paragraph of a command's docstring as one line: Typer keeps a docstring's line
    breaks, and its help panel then breaks the lines again at the terminal's width."""
    for command in app.registered_commands:
        doc = inspect.getdoc(command.callback) if command.callback else None
        if command.help is None and doc:
            command.help = "\n\n".join(" ".join(part.split()) for part in doc.split("\n\n"))


_reflow_command_help()


# What a user can cause and fix: a path that cannot work, a warehouse in use or damaged, a
# folder that cannot be written, a full disk. Anything else is a defect and keeps its traceback.
USER_ERRORS = (BadWarehousePath, WarehouseBusy, DamagedWarehouse, OSError)


def describe_error(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    return str(exc)


def main() -> None:
    """The console script: a user's mistake is an error message and exit 2, not a traceback;
    Ctrl-C says what was kept (the commands that write say it themselves) and exits 130."""
    try:
        app()
    except USER_ERRORS as exc:
        console.print(f"[red]error[/red]: {escape(describe_error(exc))}")
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        console.print("[yellow]interrupted[/yellow]")
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
