"""Build into a working copy of the warehouse and publish it only when the build is green.

Readers (the DuckDB CLI, BI tools) may hold the published file open at any time, even during a
build: the build works on another file, and the finished file replaces the published one with
an atomic rename, so a reader sees the old warehouse or the new one, never half a build. A
failed build leaves the published warehouse as it was. Loads and builds of one warehouse take
turns through an advisory lock file, so a load cannot slip in between a build's start and its
publication and be lost.

The working file is not a fresh copy of the warehouse each time: copying gigabytes cost more
than the build itself when a few reports were added. The published file a build replaces is
kept beside it (``<warehouse>.previous``, one build behind); the next build takes it, copies in
the raw reports loaded since (and drops those deleted), and dbt's incremental models catch up
on every report they lack. A build starts from a copy when there is no previous build, after
a failure, when the previous build lacks more than a quarter of the reports (as after a
first build: the file it replaced held none) and catching up would cost more than copying,
when the last build changed the rules (the previous one would rebuild in full again), and
when the previous build is mostly free space (below).
A build whose outgoing file the next build could not start from (after a first build it holds
no built report) keeps a copy of itself as the previous build instead, so that the next build,
adding a few reports, need not copy. The price is disk: the warehouse is on disk twice between
builds.

DuckDB never gives back the blocks of a table it rebuilt: it reuses them. A build that rebuilt
most tables (new rules) leaves a file half free space, so such a file is compacted before it
is published, by copying its database into a fresh file (a few seconds per gigabyte, and only
after builds that rewrote more than they kept).
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import duckdb

from loaders.warehouse import (
    WRITER_CONFIG,
    DamagedWarehouse,
    WarehouseBusy,
    build_memory_limit,
    ensure_raw_schema,
    ensure_raw_store,
    is_lock_conflict,
    raw_store_path,
)

from .dbt_build import (
    BuildResult,
    failures_with_reports,
    record_unit_tests_passed,
    run_dbt,
    unit_tests_passed_on,
)
from .fingerprint import rules_fingerprint


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


@contextmanager
def exclusive_writer(warehouse: Path) -> Iterator[None]:
    """Held by every load and build of ``warehouse``; a second writer is told, not queued."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    lock_path = warehouse.with_name(warehouse.name + ".lock")
    with lock_path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WarehouseBusy(
                f"{warehouse} is being loaded or built by another process; "
                "try again when it has finished"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _snapshot(warehouse: Path, copy: Path) -> None:
    """Copy the warehouse consistently: checkpointed when no reader holds it, else as read
    (the writers' lock is held, and readers write nothing, so the file is stable either way)."""
    _discard(copy)
    _checkpoint_if_free(warehouse)
    shutil.copyfile(warehouse, copy)
    if _wal(warehouse).exists():
        shutil.copyfile(_wal(warehouse), _wal(copy))


def _previous(path: Path) -> Path:
    return path.with_name(path.name + ".previous")


def _discard(path: Path) -> None:
    for stale in (path, _wal(path)):
        stale.unlink(missing_ok=True)


def _checkpoint_if_free(warehouse: Path) -> None:
    """Fold a load's log into the file, so that a read-only attach sees every report."""
    try:
        con = duckdb.connect(str(warehouse), config=dict(WRITER_CONFIG))
    except duckdb.IOException:
        return  # readers hold it: they could not either, had a writer left a log
    try:
        con.execute("checkpoint")
    finally:
        con.close()


class PreviousUnusable(RuntimeError):
    """The previous build is not worth catching up: another loader version, far behind, or
    built with other rules."""


# A previous build that lacks more than this share of the reports (the file a first build
# replaced holds no built report at all) would take longer to catch up than a copy.
MAX_CATCH_UP_SHARE = 0.25


# A built file is compacted when its free blocks exceed this share of its used ones: after an
# incremental build only the tables' last row groups were rewritten (under a third free at
# 10,000 reports), after a rebuild about half the file is free.
COMPACT_FREE_SHARE = 0.5


def _has_table(con: duckdb.DuckDBPyConnection, catalog: str, schema: str, table: str) -> bool:
    (count,) = con.execute(
        """
        select count(*) from duckdb_tables()
        where database_name = ? and schema_name = ? and table_name = ?
        """,
        [catalog, schema, table],
    ).fetchone()
    return count > 0


def _check_lag(con: duckdb.DuckDBPyConnection, loaded_catalog: str) -> None:
    """The build in ``con`` lacks more than a quarter of the reports ``loaded_catalog`` holds."""
    # report_quality has a row for every built report, the quarantined ones included
    built = 0
    if _has_table(con, _catalog(con), "marts", "report_quality"):
        (built,) = con.execute("select count(*) from marts.report_quality").fetchone()
    (loaded,) = con.execute(f"select count(*) from {loaded_catalog}.raw.report_files").fetchone()
    if loaded - built > MAX_CATCH_UP_SHARE * loaded:
        raise PreviousUnusable(f"the previous build holds {built} of {loaded} reports")


def _check_rules(con: duckdb.DuckDBPyConnection) -> None:
    """The previous build is one build behind: when the last build changed the rules (and so
    rebuilt its models in full), catching up from the previous one would rebuild them again."""
    for catalog in (_catalog(con), "published"):
        if not _has_table(con, catalog, "intermediate", "incremental_fingerprints"):
            return  # a warehouse never built: nothing to compare, the lag check decides
    (changed,) = con.execute(
        """
        select count(*)
        from published.intermediate.incremental_fingerprints as current_rules
        full outer join intermediate.incremental_fingerprints as previous_rules
            using (model_name)
        where current_rules.fingerprint is distinct from previous_rules.fingerprint
        """
    ).fetchone()
    if changed:
        raise PreviousUnusable(f"the previous build has other rules for {changed} models")


def _check_free_space(con: duckdb.DuckDBPyConnection) -> None:
    """A previous build left half free by a rebuild would be compacted again after this build:
    copying the (compacted) warehouse costs less."""
    if _is_bloated(con):
        raise PreviousUnusable("the previous build is mostly free space left by a rebuild")


def _is_bloated(con: duckdb.DuckDBPyConnection, free_share: float = COMPACT_FREE_SHARE) -> bool:
    used, free = con.execute(
        "select used_blocks, free_blocks from pragma_database_size() where database_name = ?",
        [_catalog(con)],
    ).fetchone()
    return free > free_share * used


def _usable_as_previous(outgoing: Path, built: Path) -> bool:
    """Whether a build could start from ``outgoing`` once ``built`` is published: the checks
    the next build makes, made now."""
    try:
        con = duckdb.connect(str(outgoing), read_only=True)
    except duckdb.Error:
        return True  # a reader holds it open for writing: the next build will tell
    try:
        con.execute(f"attach '{_quoted(built)}' as published (read_only)")
        _check_lag(con, "published")
        _check_rules(con)
        _check_free_space(con)
    except (duckdb.Error, PreviousUnusable):
        return False
    finally:
        con.close()
    return True


def _catalog(con: duckdb.DuckDBPyConnection) -> str:
    (name,) = con.execute("select current_database()").fetchone()
    return name


_RAW_COLUMNS = """
    select list((column_name, data_type) order by ordinal_position)
    from information_schema.columns
    where table_catalog = ? and table_schema = 'raw' and table_name = 'report_files'
"""


# Raw reports copied into the working file per commit. DuckDB holds a transaction's appended
# rows in memory until they fill a row group (122,880 rows): copying the 100,000 reports of a
# first build in one commit took 18 GB of memory. A copy cut short leaves the working file
# with some of them, which the next build's catch-up completes (it copies what is missing).
RAW_COPY_BATCH = 500


# dbt selectors of the nodes that read every report, whatever a run added: the tables rebuilt
# whole from the incremental models (goal_outcomes, target_panel, …) and the singular tests
# (data-tests/). A slice that more follow leaves them to the last, which builds and tests
# them once on all the reports: built at every slice, they grew with the reports already built.
NODES_OF_ALL_REPORTS = (
    "config.materialized:table,config.materialized:incremental+",
    "test_type:singular",
)

# Reports one dbt run of a build reads at most: a build of more runs dbt once per slice (in
# the order of their hashes) before it publishes. The models are incremental by report, so
# the slices give the rows of one run. A first build of 100,000 reports in one run ran out of
# memory at 4 GB after spilling 44 GB (bench/README.md); 10,000 took 4.5 GiB.
BUILD_SLICE_ENV = "GOVREPORTS_BUILD_SLICE"
DEFAULT_BUILD_SLICE = 10_000


def build_slice() -> int:
    """The reports a dbt run of a build reads at most (GOVREPORTS_BUILD_SLICE)."""
    value = os.environ.get(BUILD_SLICE_ENV, "")
    try:
        size = int(value) if value else DEFAULT_BUILD_SLICE
    except ValueError:
        raise ValueError(
            f"{BUILD_SLICE_ENV} must be a whole number of reports, not {value!r}"
        ) from None
    if size < 1:
        raise ValueError(f"{BUILD_SLICE_ENV} must be at least 1, not {size}")
    return size


def _sync_raw_reports(
    warehouse: Path, working: Path, *, catching_up: bool, limit: int | None = None
) -> tuple[int, int]:
    """Make the working file's raw reports those the raw store holds: the reports deleted
    from the store go in one commit, those added come in commits of RAW_COPY_BATCH, at most
    ``limit`` of them (the first by hash). Returns the reports copied and those left to copy.

    ``catching_up``: the working file is a previous build, worth it only if it is close
    enough to the store and was built with the rules of the published warehouse.
    """
    store = raw_store_path(warehouse)
    _checkpoint_if_free(store)
    con = duckdb.connect(
        str(working),
        config={**WRITER_CONFIG, "memory_limit": build_memory_limit()},
    )
    try:
        con.execute(f"attach '{_quoted(store)}' as loaded (read_only)")
        (ours,) = con.execute(_RAW_COLUMNS, [_catalog(con)]).fetchone()
        (theirs,) = con.execute(_RAW_COLUMNS, ["loaded"]).fetchone()
        if ours != theirs:
            raise PreviousUnusable(f"raw.report_files has columns {theirs}, the previous {ours}")
        if catching_up:
            _check_lag(con, "loaded")
            if warehouse.exists():
                con.execute(f"attach '{_quoted(warehouse)}' as published (read_only)")
                _check_rules(con)
            _check_free_space(con)
        # the hashes first, then the rows of just those: a join would read every report's text
        (missing, deleted) = con.execute(
            """
            select
                list(loaded.sha256 order by loaded.sha256) filter (where known.sha256 is null),
                list(known.sha256) filter (where loaded.sha256 is null)
            from (select sha256 from loaded.raw.report_files) as loaded
            full outer join (select sha256 from raw.report_files) as known
                on loaded.sha256 = known.sha256
            """
        ).fetchone()
        if deleted:
            con.execute("delete from raw.report_files where list_contains(?, sha256)", [deleted])
        missing = missing or []
        to_copy = missing if limit is None else missing[:limit]
        for start in range(0, len(to_copy), RAW_COPY_BATCH):
            # a list constant filters while scanning and reads the text of matches only; a
            # semi-join read every report's text
            con.execute(
                """
                insert into raw.report_files
                select * from loaded.raw.report_files where list_contains(?, sha256)
                """,
                [to_copy[start : start + RAW_COPY_BATCH]],
            )
        return len(to_copy), len(missing) - len(to_copy)
    finally:
        con.close()


def copy_next_slice(warehouse: Path, working: Path, limit: int) -> int:
    """Copy up to ``limit`` more of the loaded reports into the working file; how many."""
    copied, _ = _sync_raw_reports(warehouse, working, catching_up=False, limit=limit)
    return copied


def reports_left_to_copy(warehouse: Path, working: Path) -> int:
    """The loaded reports the working file does not hold yet: those of the next slices."""
    con = duckdb.connect(str(working), read_only=True)
    try:
        con.execute(f"attach '{_quoted(raw_store_path(warehouse))}' as loaded (read_only)")
        (left,) = con.execute(
            """
            select count(*) from loaded.raw.report_files as loaded_file
            where loaded_file.sha256 not in (select sha256 from raw.report_files)
            """
        ).fetchone()
        return int(left)
    finally:
        con.close()


def is_readable_database(path: Path) -> bool:
    """Whether ``path`` opens as a DuckDB database and lists its tables (a truncated or
    overwritten file does not). A file held open for writing elsewhere counts as readable."""
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        return is_lock_conflict(exc)
    try:
        con.execute("select count(*) from duckdb_tables()").fetchone()
        return True
    except duckdb.Error:
        return False
    finally:
        con.close()


def recover_from_previous(warehouse: Path) -> str:
    """A damaged warehouse is set aside (``<warehouse>.damaged``) and the previous build, if
    readable, takes its place; what was done, for the user. Raises DamagedWarehouse when no
    good copy is left (nothing is deleted either way)."""
    previous = _previous(warehouse)
    if not (previous.exists() and is_readable_database(previous)):
        raise DamagedWarehouse(
            f"{warehouse} is damaged (not a DuckDB file DuckDB can read) and there is no good "
            f"previous build to recover from; load the reports again into a new warehouse"
        )
    damaged = warehouse.with_name(warehouse.name + ".damaged")
    _discard(damaged)
    os.replace(warehouse, damaged)
    if _wal(warehouse).exists():
        os.replace(_wal(warehouse), _wal(damaged))
    shutil.copyfile(previous, warehouse)
    if _wal(previous).exists():
        shutil.copyfile(_wal(previous), _wal(warehouse))
    if raw_store_path(warehouse).exists():
        # the loaded reports live in the raw store, which the build reads whole
        return (
            f"{warehouse} was damaged: set aside as {damaged.name}, and rebuilt from the "
            "previous build with every loaded report"
        )
    return (
        f"{warehouse} was damaged: set aside as {damaged.name}, and rebuilt from the previous "
        "build (reports loaded after that build must be loaded again)"
    )


def prepare_working_copy(warehouse: Path, working: Path, limit: int | None = None) -> str:
    """Put at ``working`` a warehouse to build, with at most ``limit`` of the reports loaded
    since (the first slice); say how: ``previous build``, ``copy`` or ``new``."""
    _discard(working)
    previous = _previous(warehouse)
    if previous.exists() and not is_readable_database(previous):
        # a damaged previous build is no starting point; the warehouse itself is untouched
        _discard(previous)
    if previous.exists():
        os.replace(previous, working)
        if _wal(previous).exists():
            os.replace(_wal(previous), _wal(working))
        try:
            _sync_raw_reports(warehouse, working, catching_up=True, limit=limit)
            return "previous build"
        except (duckdb.Error, PreviousUnusable):
            # far behind, a raw table of another loader version, a damaged file: a copy
            _discard(working)
    if warehouse.exists():
        _snapshot(warehouse, working)
        started_from = "copy"
    else:
        # the first build of loaded reports
        with duckdb.connect(str(working), config=dict(WRITER_CONFIG)) as con:
            ensure_raw_schema(con)
        started_from = "new"
    _sync_raw_reports(warehouse, working, catching_up=False, limit=limit)
    return started_from


def compact_if_bloated(
    path: Path, free_share: float = COMPACT_FREE_SHARE
) -> tuple[int, int] | None:
    """Rewrite the DuckDB file at ``path`` without its free blocks, if they are many; its
    sizes in bytes before and after, or None when it was left as it was.

    ``COPY FROM DATABASE`` carries schemas, tables, views, macros, constraints and comments;
    the copy replaces the file only once complete, so a failure leaves the file as it was.
    """
    con = duckdb.connect(str(path), read_only=True)
    try:
        bloated = _is_bloated(con, free_share)
    finally:
        con.close()
    if not bloated:
        return None
    bytes_before = path.stat().st_size + (_wal(path).stat().st_size if _wal(path).exists() else 0)
    compact = path.with_name(path.name + ".compact")
    _discard(compact)
    con = duckdb.connect(config={"memory_limit": build_memory_limit()})
    try:
        con.execute(f"attach '{_quoted(path)}' as bloated (read_only)")
        con.execute(f"attach '{_quoted(compact)}' as compact")
        con.execute("copy from database bloated to compact")
        con.execute("detach compact")
    except BaseException:
        con.close()
        _discard(compact)
        raise
    con.close()
    os.replace(compact, path)
    _wal(path).unlink(missing_ok=True)
    return bytes_before, path.stat().st_size


def _quoted(path: Path) -> str:
    return str(path.resolve()).replace("'", "''")


class ForeignWriter(RuntimeError):
    """Another process holds the published warehouse open for writing."""


def _refuse_foreign_writer(warehouse: Path) -> None:
    """Publishing beside a process that holds the warehouse read-write would let its log,
    which DuckDB finds by the file's name (<warehouse>.wal), be replayed onto the new file."""
    if not warehouse.exists():
        return
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error as exc:
        if is_lock_conflict(exc):
            raise ForeignWriter(
                f"another process holds {warehouse} open for writing; the green build was not "
                "published (close that program, or open the warehouse read-only, and build "
                "again)"
            ) from exc
        return
    con.close()


def publish(warehouse: Path, building: Path) -> tuple[tuple[int, int] | None, str]:
    """Replace ``warehouse`` with the green build at ``building``: compacted if mostly free
    space, the outgoing warehouse kept as the next build's start, one atomic rename. Returns
    the compaction (sizes before and after, or None) and a warning about the previous build.
    Raises :class:`ForeignWriter` (and leaves everything as it was) when another process
    holds the warehouse open for writing."""
    _refuse_foreign_writer(warehouse)
    compaction = compact_if_bloated(building)
    previous_warning = _keep_previous(warehouse, building)
    _refuse_foreign_writer(warehouse)
    os.replace(building, warehouse)
    # the new file was closed cleanly; an old log must not be replayed onto it
    _wal(warehouse).unlink(missing_ok=True)
    return compaction, previous_warning


def publish_green_build(warehouse: Path, building: Path) -> list[str]:
    """:func:`publish`, for dbt run by hand: what to tell the user, line by line."""
    try:
        compaction, previous_warning = publish(warehouse, building)
    except ForeignWriter as exc:
        discard(building)
        return [f"not published: {exc}"]
    lines = []
    if compaction is not None:
        before, after = compaction
        lines.append(f"compacted: {before / 2**30:.2f} → {after / 2**30:.2f} GiB")
    if previous_warning:
        lines.append(f"warning: {previous_warning}")
    return lines


def discard(path: Path) -> None:
    """Remove a DuckDB file and its log."""
    _discard(path)


def failed_copy(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".failed")


def _keep_previous(warehouse: Path, building: Path) -> str:
    """Keep the outgoing warehouse (or a copy of the new one) as the next build's start; a
    warning when that failed (a full disk): the green build is published all the same."""
    previous = _previous(warehouse)
    _discard(previous)
    try:
        if warehouse.exists() and _usable_as_previous(warehouse, building):
            # the outgoing warehouse is the next build's starting point (readers keep it)
            os.link(warehouse, previous)
        else:
            # the next build would copy this one (the outgoing file holds no built report
            # after a first build, or other rules): copied now, while the long build is
            # running anyway, adding the next reports starts from it
            shutil.copyfile(building, previous)
    except OSError as exc:
        _discard(previous)
        return (
            f"the previous build could not be kept ({exc.strerror or exc}); the next build "
            "will start from a copy"
        )
    return ""


def _silent(message: str) -> None:
    pass


def build_and_publish(
    warehouse: Path,
    project_dir: Path,
    dbt_args: list[str],
    keep_failed: bool = False,
    say: Callable[[str], None] = _silent,
) -> BuildResult:
    """Run dbt on a working copy of ``warehouse``; replace ``warehouse`` with it if dbt succeeds.

    A failed build's working copy is dropped, or kept as ``<warehouse>.failed`` when asked.
    ``say`` hears each step as it starts.
    """
    building = warehouse.with_name(warehouse.name + ".building")
    say(f"preparing the working copy {building.name}")
    recovery = (
        recover_from_previous(warehouse)
        if warehouse.exists() and not is_readable_database(warehouse)
        else ""
    )
    ensure_raw_store(warehouse)
    try:
        slice_size = build_slice()
        started_from = prepare_working_copy(warehouse, building, limit=slice_size)
        fingerprint = rules_fingerprint(project_dir)
        skip_unit_tests = dbt_args[:1] == ["build"] and unit_tests_passed_on(
            project_dir, fingerprint
        )
        if skip_unit_tests:
            # unit tests check the rules on fixed rows, never the reports: passed on these rules
            dbt_args = [*dbt_args, "--exclude-resource-type", "unit_test"]

        def run(args: list[str]) -> BuildResult:
            if left := reports_left_to_copy(warehouse, building):
                say(f"{left} reports left for the next slices: the nodes of all reports wait")
                args = [*args, "--exclude", *NODES_OF_ALL_REPORTS]
            return replace(
                run_dbt(args, building, project_dir),
                started_from=started_from,
                unit_tests_skipped=skip_unit_tests,
                recovery=recovery,
            )

        say(f"working copy ready (from {started_from}); running dbt {' '.join(dbt_args)}")
        result = run(dbt_args)
        if result.returncode == 0 and dbt_args[:1] == ["build"] and not skip_unit_tests:
            record_unit_tests_passed(project_dir, fingerprint)
            # they passed on these rules: the next slices need not run them again
            dbt_args = [*dbt_args, "--exclude-resource-type", "unit_test"]
        # more reports than a slice: dbt again on the next, before anything is published
        slices = 1
        while result.returncode == 0 and (
            copied := copy_next_slice(warehouse, building, slice_size)
        ):
            slices += 1
            say(f"slice {slices}: {copied} more reports; running dbt {' '.join(dbt_args)} again")
            result = run(dbt_args)
        if result.returncode == 0:
            say(f"dbt passed: publishing {warehouse.name}")
            try:
                compaction, previous_warning = publish(warehouse, building)
                result = replace(result, compaction=compaction, previous_warning=previous_warning)
            except ForeignWriter as exc:
                result = replace(result, returncode=1, refused=str(exc))
        else:
            result = replace(result, failures=failures_with_reports(project_dir, building))
            if keep_failed:
                kept = failed_copy(warehouse)
                _discard(kept)
                os.replace(building, kept)
                if _wal(building).exists():
                    os.replace(_wal(building), _wal(kept))
                result = replace(result, kept_failed=kept)
        return result
    finally:
        # after a failure or an interruption the working file is dropped: the next build
        # starts from a copy
        _discard(building)
