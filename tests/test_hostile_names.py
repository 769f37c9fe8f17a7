"""Warehouse and export paths that work or are refused at the first command, and mistakes
and interruptions that end in one line saying what happened, never a traceback."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import duckdb
import pytest

from loaders.warehouse import raw_store_path

from .conftest import BIN, REPO, REPORTS_DIR, held_open, run_govreports, warehouse_env

SAMPLE = REPORTS_DIR / "000_56e08ec3f9ad0187.txt"


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return " ".join(result.stderr.split())


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("o'brien.duckdb", "use letters, digits, _ and -"),
        ('x"y.duckdb', "use letters, digits, _ and -"),
        ("temp.duckdb", "one of its own catalogs"),
        ("system.duckdb", "one of its own catalogs"),
        ("raw.duckdb", "like one of the warehouse's schemas"),
    ],
)
def test_a_warehouse_name_that_could_never_build_is_refused_first(tmp_path, name, reason):
    warehouse = tmp_path / name
    env = warehouse_env(warehouse, tmp_path)
    for command in (("load", str(SAMPLE)), ("build",), ("summary",), ("check",)):
        said = one_line_error(run_govreports(*command, env=env))
        assert reason in said, (command, said)
    assert not warehouse.exists()
    assert not raw_store_path(warehouse).exists()


def test_a_folder_as_warehouse_is_refused(tmp_path):
    folder = tmp_path / "folder.duckdb"
    folder.mkdir()
    said = one_line_error(run_govreports("load", str(SAMPLE), env=warehouse_env(folder, tmp_path)))
    assert "is a folder; name a DuckDB file in it" in said


def test_export_into_a_folder_with_a_quote_and_not_onto_a_file(built_warehouse, tmp_path):
    env = warehouse_env(built_warehouse, tmp_path)
    quoted = tmp_path / "o'brien's exports"
    exported = run_govreports("export", "--format", "csv", str(quoted), env=env)
    assert exported.returncode == 0, exported.stderr
    assert (quoted / "reports.csv").exists()
    a_file = tmp_path / "taken.csv"
    a_file.write_text("keep me", encoding="utf-8")
    said = one_line_error(run_govreports("export", "--format", "csv", str(a_file), env=env))
    assert str(a_file) in said
    assert a_file.read_text(encoding="utf-8") == "keep me"


def test_summary_beside_a_writer_says_the_warehouse_is_busy(built_warehouse, tmp_path):
    warehouse = tmp_path / "govreports.duckdb"
    shutil.copyfile(built_warehouse, warehouse)
    with held_open(warehouse):
        said = one_line_error(run_govreports("summary", env=warehouse_env(warehouse, tmp_path)))
        assert str(warehouse) in said


def test_ctrl_c_during_a_build_says_what_was_kept(built_warehouse, tmp_path):
    warehouse = tmp_path / "govreports.duckdb"
    shutil.copyfile(built_warehouse, warehouse)
    digest = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    build = subprocess.Popen(
        [str(BIN / "govreports"), "build"],
        cwd=REPO,
        env=warehouse_env(warehouse, tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # a shell starting the tests in the background makes them ignore SIGINT, as would the
        # build; a terminal's Ctrl-C reaches a build that does not
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert build.stderr is not None
    said = []
    for line in build.stderr:
        said.append(line)
        if "running dbt" in line:
            break
    # Ctrl-C reaches the terminal's whole foreground group: govreports and its dbt
    os.killpg(build.pid, signal.SIGINT)
    said.append(build.stderr.read())
    assert build.wait(timeout=120) == 130
    stderr = " ".join("".join(said).split())
    assert "build interrupted: the published warehouse was left as it was" in stderr
    assert "Traceback" not in stderr
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == digest
    assert not warehouse.with_name(warehouse.name + ".building").exists()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from marts.reports").fetchone() == (13,)


def test_a_folder_the_user_cannot_write_is_one_line(tmp_path_factory):
    """As root every folder is writable: the command then runs as nobody (setpriv)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: no folder is read-only to root")
        prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    # a folder of its own, outside pytest's (owner-only) temporary root, so nobody reaches it
    base = Path(tempfile.mkdtemp(prefix="govreports-readonly-"))
    try:
        base.chmod(0o755)
        locked = base / "locked"
        locked.mkdir(mode=0o555)
        locked.chmod(0o555)
        result = subprocess.run(
            [*prefix, str(BIN / "govreports"), "load", str(SAMPLE), "-w", str(locked / "w.duckdb")],
            capture_output=True,
            text=True,
            check=False,
            cwd=base,
        )
        said = one_line_error(result)
        assert "Permission denied" in said
        assert list(locked.iterdir()) == []
    finally:
        (base / "locked").chmod(0o755)
        shutil.rmtree(base)
