"""`govreports load`: files into raw.report_files, whole or not at all, with clear rejections."""

from __future__ import annotations

import hashlib
import html
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from govreports.cli import app
from loaders import LOADER_VERSION
from loaders.normalize import normalize_text
from loaders.reading import RejectedFile, read_report_file
from loaders.warehouse import (
    DEFAULT_WAREHOUSE,
    WAREHOUSE_ENV,
    connect,
    ensure_raw_schema,
    loaded_hashes,
    raw_store_path,
    resolve_warehouse,
    store_reports,
)

from .conftest import held_open

REPO = Path(__file__).resolve().parent.parent
REPORTS_DIR = REPO / "data" / "reports"
REPORT_FILES = sorted(REPORTS_DIR.glob("*.txt"))
SIMPLIFIED = REPORTS_DIR / "000_56e08ec3f9ad0187.txt"
TRADITIONAL = REPORTS_DIR / "001_cdd563ffef68d5a8.txt"
CRLF = REPORTS_DIR / "107_951d3d7d4c7a8cc8.txt"
_VENV_BIN = REPO / ".venv" / "bin" / "govreports"
GOVREPORTS = _VENV_BIN if _VENV_BIN.exists() else Path(sys.executable).parent / "govreports"

runner = CliRunner()

ENGLISH_MEMO = (
    """MEMO
To: All staff
From: Facilities
Subject: Office move

Please pack your desks by Friday. The movers arrive on Monday at 8 am. The annual
government work report will be discussed at the next meeting; bring your notes.
Thank you for your patience.
"""
    * 5
)

PDF_BYTES = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n" + bytes(range(256)) * 8
)
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"
    + bytes(range(256)) * 8
)
MAX_BYTES = 100_000  # every sample report is smaller; the "too large" file is not


# ------------------------------------------------------------------ helpers


@pytest.fixture(autouse=True)
def _never_the_real_warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that forgot --warehouse writes into tmp_path, never into the checkout."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.setenv(WAREHOUSE_ENV, str(tmp_path / "safety-net.duckdb"))


def plain(output: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", output)


def cli_load(*args: object) -> tuple[int, str]:
    result = runner.invoke(app, ["load", *(str(a) for a in args)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, plain(result.output)


def loaded_file(warehouse: Path) -> Path:
    """Where a load put its reports: the warehouse's raw store (a file of their own, which
    readers of the warehouse never hold), or a file a test wrote into directly."""
    store = raw_store_path(warehouse)
    return store if store.exists() else warehouse


def fetch(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(loaded_file(warehouse)), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def rows_by_name(warehouse: Path) -> dict[str, dict]:
    con = duckdb.connect(str(loaded_file(warehouse)), read_only=True)
    try:
        cur = con.execute("select * from raw.report_files")
        columns = [d[0] for d in cur.description]
        rows = [dict(zip(columns, r, strict=True)) for r in cur.fetchall()]
        return {row["file_name"]: row for row in rows}
    finally:
        con.close()


def file_names(warehouse: Path) -> set[str]:
    return {name for (name,) in fetch(warehouse, "select file_name from raw.report_files")}


def line_naming(output: str, path: Path) -> str:
    """The one output line that names ``path`` (a message must name the file it is about)."""
    lines = [line for line in output.splitlines() if str(path) in line]
    assert len(lines) == 1, f"expected one line naming {path}, got {lines!r} in\n{output}"
    return lines[0]


def content_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def saved_page(text: str) -> str:
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>报告</title>'
        "<style>p{margin:0}</style><script>var m='菜单脚本';</script></head><body>"
        "<nav><a href='/'>导航甲栏目</a> <a href='/gk'>导航乙栏目</a></nav>\n"
        f"<div class='article'>\n{body}\n</div>"
        "<script>track('统计脚本')</script><nav><a href='/map'>页脚丙栏目</a></nav></body></html>"
    )


def subprocess_count(warehouse: Path) -> subprocess.CompletedProcess[str]:
    """Open the warehouse read-write from another process (needs no one else holding it)."""
    code = (
        "import sys, duckdb\n"
        "con = duckdb.connect(sys.argv[1])\n"
        "print(con.execute('select count(*) from raw.report_files').fetchone()[0])\n"
        "con.close()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(loaded_file(warehouse))],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


# ------------------------------------------------------------------ the sample load


@pytest.fixture(scope="module")
def sample_load(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    warehouse = tmp_path_factory.mktemp("sample") / "govreports.duckdb"
    result = runner.invoke(app, ["load", str(REPORTS_DIR), "--warehouse", str(warehouse)])
    return warehouse, result.exit_code, plain(result.output)


def test_sample_load_exits_zero(sample_load: tuple[Path, int, str]) -> None:
    warehouse, exit_code, output = sample_load
    assert exit_code == 0, output
    assert raw_store_path(warehouse).exists()
    assert re.search(r"loaded\s+│\s+13\s+│", output), output
    assert "rejected" in output and not re.search(r"rejected\s+│\s+[1-9]", output)


def test_sample_load_has_one_row_per_report(sample_load: tuple[Path, int, str]) -> None:
    warehouse, _, _ = sample_load
    assert len(REPORT_FILES) == 13
    assert fetch(warehouse, "select count(*) from raw.report_files") == [(13,)]
    assert file_names(warehouse) == {p.name for p in REPORT_FILES}  # SOURCES.md is not loaded


@pytest.mark.parametrize("path", REPORT_FILES, ids=lambda p: p.name[:3])
def test_sample_row_matches_file(sample_load: tuple[Path, int, str], path: Path) -> None:
    warehouse, _, _ = sample_load
    row = rows_by_name(warehouse)[path.name]
    data = path.read_bytes()
    raw = data.decode("utf-8")
    assert row["sha256"] == hashlib.sha256(data).hexdigest()
    assert row["byte_size"] == len(data)
    assert row["file_path"] == str(path)
    assert row["encoding"] == "utf-8"
    assert row["content_type"] == "text"
    assert row["script"] == ("traditional" if path == TRADITIONAL else "simplified")
    assert row["raw_text"] == raw
    assert row["raw_text"].encode("utf-8") == data  # byte for byte
    assert row["normalized_text"] == normalize_text(raw, convert_script=path == TRADITIONAL)
    assert row["loaded_at"] is not None
    assert row["loader_version"] == LOADER_VERSION


def test_sample_crlf_kept_raw_and_normalised(sample_load: tuple[Path, int, str]) -> None:
    warehouse, _, _ = sample_load
    row = rows_by_name(warehouse)[CRLF.name]
    assert "\r\n" in row["raw_text"]
    assert "\r" not in row["normalized_text"]
    assert row["normalized_text"].count("\n") == row["raw_text"].count("\r\n")


def test_sample_traditional_normalised_to_simplified(sample_load: tuple[Path, int, str]) -> None:
    warehouse, _, _ = sample_load
    row = rows_by_name(warehouse)[TRADITIONAL.name]
    assert "朔州市第七屆人民代表大會" in row["raw_text"]
    assert "朔州市第七届人民代表大会" in row["normalized_text"]


def test_second_load_adds_nothing(tmp_path: Path) -> None:
    warehouse = tmp_path / "wh.duckdb"
    code, output = cli_load(REPORTS_DIR, "--warehouse", warehouse)
    assert code == 0, output
    before = fetch(warehouse, "select sha256, loaded_at from raw.report_files order by sha256")
    assert len(before) == 13

    code, output = cli_load(REPORTS_DIR, "--warehouse", warehouse)
    assert code == 0, output
    for path in REPORT_FILES:
        assert "already loaded" in line_naming(output, path)
    assert re.search(r"loaded\s+│\s+0\s+│", output), output
    after = fetch(warehouse, "select sha256, loaded_at from raw.report_files order by sha256")
    assert after == before


def test_same_content_under_another_name_is_already_loaded(tmp_path: Path) -> None:
    warehouse = tmp_path / "wh.duckdb"
    copy = tmp_path / "renamed.txt"
    shutil.copyfile(SIMPLIFIED, copy)
    assert cli_load(SIMPLIFIED, "-w", warehouse)[0] == 0
    code, output = cli_load(copy, "-w", warehouse)
    assert code == 0, output
    assert "already loaded" in line_naming(output, copy)
    assert file_names(warehouse) == {SIMPLIFIED.name}


# ------------------------------------------------------------------ bad inputs


def _too_large() -> bytes:
    data = SIMPLIFIED.read_bytes() * 3  # a valid report, only too big
    assert len(data) > MAX_BYTES
    return data


BAD_INPUTS = {
    "empty": (lambda: b"", "empty file"),
    "whitespace": (lambda: b"  \n\t \r\n    \n", "only whitespace"),
    "random": (lambda: random.Random(20240305).randbytes(8192), "undecodable"),
    "english_memo": (lambda: ENGLISH_MEMO.encode("utf-8"), "not a government work report"),
    "chinese_not_a_report": (
        lambda: ("今天天气很好，我们去公园散步，看见许多花草树木。\n" * 30).encode("utf-8"),
        "not a government work report",
    ),
    "pdf_renamed": (lambda: PDF_BYTES, "PDF"),
    "png_renamed": (lambda: PNG_BYTES, "PNG"),
    "too_large": (_too_large, "too large"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_rejected_and_good_files_load(tmp_path: Path, case: str) -> None:
    make, reason = BAD_INPUTS[case]
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(SIMPLIFIED, folder / "a_good.txt")  # sorts before the bad file
    bad = folder / f"b_{case}.txt"
    bad.write_bytes(make())
    shutil.copyfile(CRLF, folder / "c_good.txt")  # and after it
    warehouse = tmp_path / "wh.duckdb"

    code, output = cli_load(folder, "--warehouse", warehouse, "--max-bytes", MAX_BYTES)

    assert code == 1, output
    message = line_naming(output, bad)
    assert "rejected" in message
    assert f"{bad}: " in message
    assert reason in message
    assert file_names(warehouse) == {"a_good.txt", "c_good.txt"}
    assert fetch(
        warehouse,
        "select count(*) from raw.report_files where sha256 = ?",
        [hashlib.sha256(bad.read_bytes()).hexdigest()],
    ) == [(0,)]


def test_too_large_file_is_otherwise_a_report(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(_too_large())
    with pytest.raises(RejectedFile, match=r"too large: 106,287 bytes \(limit 100,000\)"):
        read_report_file(big, max_bytes=MAX_BYTES)
    assert read_report_file(big, max_bytes=10 * MAX_BYTES).byte_size == big.stat().st_size


def test_all_bad_inputs_among_the_samples(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(REPORTS_DIR, folder)
    bad_paths = []
    for case, (make, _) in BAD_INPUTS.items():
        bad = folder / f"050_{case}.txt"  # between 004_* and 100_*
        bad.write_bytes(make())
        bad_paths.append(bad)
    warehouse = tmp_path / "wh.duckdb"

    code, output = cli_load(folder, "-w", warehouse, "--max-bytes", MAX_BYTES)

    assert code == 1, output
    for bad, (_, reason) in zip(bad_paths, BAD_INPUTS.values(), strict=True):
        assert reason in line_naming(output, bad)
    assert file_names(warehouse) == {p.name for p in REPORT_FILES}
    assert re.search(rf"rejected\s+│\s+{len(BAD_INPUTS)}\s+│", output), output


def test_rejection_names_files_with_brackets_and_long_paths(tmp_path: Path) -> None:
    """File names are printed literally (not as rich markup) and on one line."""
    folder = tmp_path / ("a_rather_long_folder_name_so_the_message_is_wider_than_80_columns" * 2)
    folder.mkdir()
    bad = folder / "[草稿] 2024年政府工作报告.txt"
    bad.write_bytes(b"")
    code, output = cli_load(bad, "-w", tmp_path / "wh.duckdb")
    assert code == 1, output
    assert f"{bad}: empty file" in line_naming(output, bad)


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    code, output = cli_load(tmp_path / "nope.txt", "-w", tmp_path / "wh.duckdb")
    assert code == 2
    assert "nope.txt" in output


# ------------------------------------------------------------------ where the warehouse is


def test_resolve_warehouse_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    option = tmp_path / "option.duckdb"
    monkeypatch.setenv(WAREHOUSE_ENV, str(tmp_path / "env.duckdb"))
    assert resolve_warehouse(option) == option
    assert resolve_warehouse(None) == tmp_path / "env.duckdb"
    monkeypatch.setenv(WAREHOUSE_ENV, "")
    assert resolve_warehouse(None) == DEFAULT_WAREHOUSE
    monkeypatch.delenv(WAREHOUSE_ENV)
    assert resolve_warehouse(None) == Path("warehouse/govreports.duckdb")


def test_warehouse_option_wins_over_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from_env = tmp_path / "env.duckdb"
    from_option = tmp_path / "option.duckdb"
    monkeypatch.setenv(WAREHOUSE_ENV, str(from_env))
    code, output = cli_load(SIMPLIFIED, "--warehouse", from_option)
    assert code == 0, output
    assert file_names(from_option) == {SIMPLIFIED.name}
    assert not from_env.exists()


def test_warehouse_from_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from_env = tmp_path / "env" / "wh.duckdb"
    monkeypatch.setenv(WAREHOUSE_ENV, str(from_env))
    monkeypatch.chdir(tmp_path)
    code, output = cli_load(SIMPLIFIED)
    assert code == 0, output
    assert file_names(from_env) == {SIMPLIFIED.name}
    assert not (tmp_path / "warehouse").exists()


def test_default_warehouse_relative_to_cwd(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(WAREHOUSE_ENV)
    monkeypatch.chdir(tmp_path)
    code, output = cli_load(SIMPLIFIED)
    assert code == 0, output
    default = tmp_path / "warehouse" / "govreports.duckdb"
    assert file_names(default) == {SIMPLIFIED.name}
    assert "warehouse/govreports.duckdb" in output
    assert not (tmp_path / "safety-net.duckdb").exists()


# ------------------------------------------------------------------ html and legacy encodings


@pytest.mark.parametrize("html_encoding", ["utf-8", "gb18030"])
def test_html_and_gb18030_copies_load_as_matching_rows(tmp_path: Path, html_encoding: str) -> None:
    text = SIMPLIFIED.read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    page = saved_page(text).replace('charset="utf-8"', f'charset="{html_encoding}"')
    (folder / "report.html").write_bytes(page.encode(html_encoding))
    (folder / "report_gb18030.txt").write_bytes(text.encode("gb18030"))
    warehouse = tmp_path / "wh.duckdb"

    code, output = cli_load(folder, "-w", warehouse)

    assert code == 0, output
    rows = rows_by_name(warehouse)
    assert set(rows) == {"report.html", "report_gb18030.txt"}
    web, legacy = rows["report.html"], rows["report_gb18030.txt"]
    assert web["sha256"] != legacy["sha256"]
    assert (web["content_type"], web["encoding"]) == ("html", html_encoding)
    assert (legacy["content_type"], legacy["encoding"]) == ("text", "gb18030")
    assert web["raw_text"] == page  # the HTML source, as decoded
    assert legacy["raw_text"] == text
    assert web["script"] == legacy["script"] == "simplified"
    for hidden in ["导航甲栏目", "导航乙栏目", "页脚丙栏目", "菜单脚本", "统计脚本", "<p>"]:
        assert hidden in web["raw_text"]
        assert hidden not in web["normalized_text"]
    body = content_lines(legacy["normalized_text"])
    assert len(body) > 100
    assert content_lines(web["normalized_text"]) == body


# ------------------------------------------------------------------ locking and connections


@pytest.mark.parametrize("holder_read_only", [False, True], ids=["writer", "reader"])
def test_a_tool_holding_the_warehouse_never_blocks_a_load(
    tmp_path: Path, holder_read_only: bool
) -> None:
    warehouse = tmp_path / "wh.duckdb"
    assert cli_load(CRLF, "-w", warehouse)[0] == 0
    with duckdb.connect(str(warehouse)) as con:  # a published warehouse, as a build leaves it
        con.execute("create table t as select 1")
    with held_open(warehouse, read_only=holder_read_only):
        code, output = cli_load(SIMPLIFIED, "-w", warehouse)
        assert code == 0, output
    assert SIMPLIFIED.name in file_names(warehouse)


@pytest.mark.parametrize("holder_read_only", [False, True], ids=["writer", "reader"])
def test_busy_raw_store_fails_clearly_then_loads(tmp_path: Path, holder_read_only: bool) -> None:
    """Only another process holding the raw store itself (a second load) makes a load wait."""
    warehouse = tmp_path / "wh.duckdb"
    assert cli_load(CRLF, "-w", warehouse)[0] == 0
    store = raw_store_path(warehouse)
    with held_open(store, read_only=holder_read_only):
        code, output = cli_load(SIMPLIFIED, "-w", warehouse)
        assert code == 2, output
        assert "in use" in output
        assert str(store) in output
        assert "Traceback" not in output
    code, output = cli_load(SIMPLIFIED, "-w", warehouse)
    assert code == 0, output
    assert SIMPLIFIED.name in file_names(warehouse)


@pytest.mark.parametrize("with_rejection", [False, True], ids=["clean", "with-rejection"])
def test_no_connection_left_open_after_load(tmp_path: Path, with_rejection: bool) -> None:
    warehouse = tmp_path / "wh.duckdb"
    args: list[object] = [SIMPLIFIED, TRADITIONAL]
    if with_rejection:
        empty = tmp_path / "empty.txt"
        empty.write_bytes(b"")
        args.append(empty)
    code, output = cli_load(*args, "-w", warehouse)
    assert code == (1 if with_rejection else 0), output
    probe = subprocess_count(warehouse)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip() == "2"


def test_no_connection_left_open_after_busy_failure(tmp_path: Path) -> None:
    warehouse = tmp_path / "wh.duckdb"
    assert cli_load(SIMPLIFIED, "-w", warehouse)[0] == 0
    with held_open(raw_store_path(warehouse)):
        assert cli_load(TRADITIONAL, "-w", warehouse)[0] == 2
    probe = subprocess_count(warehouse)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip() == "1"


def test_real_process_exit_codes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(SIMPLIFIED, folder / "good.txt")
    bad = folder / "memo.txt"
    bad.write_text(ENGLISH_MEMO, encoding="utf-8")
    warehouse = tmp_path / "wh.duckdb"
    env = {**os.environ, WAREHOUSE_ENV: str(tmp_path / "unused.duckdb"), "COLUMNS": "80"}

    def run(*args: object) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(GOVREPORTS), "load", *(str(a) for a in args), "--warehouse", str(warehouse)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    first = run(folder)
    assert first.returncode == 1, first.stderr
    assert "not a government work report" in line_naming(plain(first.stderr), bad)
    second = run(folder / "good.txt")
    assert second.returncode == 0, second.stderr
    assert "already loaded" in plain(second.stderr)
    assert file_names(warehouse) == {"good.txt"}
    assert not (tmp_path / "unused.duckdb").exists()


# ------------------------------------------------------------------ store_reports


class FailAfterInsert:
    """A connection that raises right after the insert has run (before the commit)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, exc: BaseException) -> None:
        self.con = con
        self.exc = exc
        self.rows_seen: int | None = None

    def execute(self, sql: str, *args: object) -> duckdb.DuckDBPyConnection:
        return self.con.execute(sql, *args)

    def executemany(self, sql: str, *args: object) -> duckdb.DuckDBPyConnection:
        self.con.executemany(sql, *args)
        (self.rows_seen,) = self.con.execute("select count(*) from raw.report_files").fetchone()
        raise self.exc


@pytest.mark.parametrize(
    "exc", [RuntimeError("boom after insert"), KeyboardInterrupt()], ids=["error", "interrupt"]
)
def test_store_reports_failure_leaves_no_row(tmp_path: Path, exc: BaseException) -> None:
    warehouse = tmp_path / "wh.duckdb"
    batch = [read_report_file(SIMPLIFIED), read_report_file(TRADITIONAL)]
    with connect(warehouse) as con:
        ensure_raw_schema(con)
        failing = FailAfterInsert(con, exc)
        with pytest.raises(type(exc)):
            store_reports(failing, batch)
        assert failing.rows_seen == 2  # the inserts really happened inside the transaction
        assert con.execute("select count(*) from raw.report_files").fetchone() == (0,)
        # The connection is not stuck in a failed transaction.
        store_reports(con, batch)
        assert loaded_hashes(con) == {report.sha256 for report in batch}
    assert fetch(warehouse, "select file_name from raw.report_files order by 1") == [
        (SIMPLIFIED.name,),
        (TRADITIONAL.name,),
    ]


@pytest.mark.parametrize(
    ("batch_mb", "kept"),
    [("0", {SIMPLIFIED.name}), ("32", set())],
    ids=["commit-per-file", "one-batch"],
)
def test_store_failure_during_cli_load_keeps_committed_batches_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_mb: str, kept: set[str]
) -> None:
    import govreports.cli

    real_store = govreports.cli.store_reports

    def store(con: duckdb.DuckDBPyConnection, reports) -> None:
        if any(report.file_name == TRADITIONAL.name for report in reports):
            return real_store(FailAfterInsert(con, RuntimeError("disk full")), reports)
        return real_store(con, reports)

    monkeypatch.setattr(govreports.cli, "store_reports", store)
    warehouse = tmp_path / "wh.duckdb"
    result = runner.invoke(
        app,
        ["load", str(SIMPLIFIED), str(TRADITIONAL), "-w", str(warehouse), "--batch-mb", batch_mb],
    )
    assert isinstance(result.exception, RuntimeError)
    assert result.exit_code != 0
    assert "load stopped" in result.output
    assert file_names(warehouse) == kept
    probe = subprocess_count(warehouse)  # the connection was closed despite the error
    assert probe.returncode == 0, probe.stderr


def test_a_warehouse_named_like_a_schema_is_refused_with_the_reason(tmp_path: Path) -> None:
    clash = tmp_path / "raw.duckdb"
    result = subprocess.run(
        [str(GOVREPORTS), "load", str(SIMPLIFIED), "-w", str(clash)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "choose another file name" in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr
    assert not clash.exists()
    assert not raw_store_path(clash).exists()
