"""What test_loading.py does not cover: a folder tree mixing reports with files that only look
like text, files cut short, pages no parser foresaw, and a parser that fails on one file.

Rejected files are named with their reason and nothing of them is written; files that are
reports despite their damage load (the damage is then visible in marts.damage_spans); the
command exits 1 when anything was rejected, and the good files beside the bad always load.
"""

from __future__ import annotations

import gzip
import html
import random
import re
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from govreports.cli import app
from loaders.warehouse import WAREHOUSE_ENV, raw_store_path

REPORTS_DIR = Path(__file__).resolve().parent.parent / "data" / "reports"
SIMPLIFIED = REPORTS_DIR / "000_56e08ec3f9ad0187.txt"
SMALL = REPORTS_DIR / "107_951d3d7d4c7a8cc8.txt"

runner = CliRunner()


@pytest.fixture(autouse=True)
def _never_the_real_warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(WAREHOUSE_ENV, str(tmp_path / "safety-net.duckdb"))


def load(*args: object) -> tuple[int, str]:
    result = runner.invoke(app, ["load", *(str(a) for a in args)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, re.sub(r"\x1b\[[0-9;]*m", "", result.output)


def loaded(warehouse: Path) -> dict[str, tuple[str, str]]:
    with duckdb.connect(str(raw_store_path(warehouse)), read_only=True) as con:
        rows = con.execute("select file_name, encoding, raw_text from raw.report_files").fetchall()
    return {name: (encoding, raw) for name, encoding, raw in rows}


def line_naming(output: str, path: Path) -> str:
    lines = [line for line in output.splitlines() if str(path) in line]
    assert len(lines) == 1, f"expected one line naming {path}, got {lines!r} in\n{output}"
    return lines[0]


def utf8_with_controls() -> bytes:
    """Valid UTF-8 that is no text: a binary record format with Chinese field values."""
    rng = random.Random(11)
    chunks = [
        f"\x02\x10字段{rng.randrange(10**6)}\x03\x01各位代表\x04".encode() for _ in range(400)
    ]
    return b"".join(chunks)


def deeply_nested_page() -> bytes:
    """An old page with an unclosed <font> on every line: thousands of elements deep."""
    lines = SMALL.read_text(encoding="utf-8").splitlines()
    body = "".join(f"<font size=3>{html.escape(line)}<br>" for line in lines * 40)
    return f"<html><body>{body}</body></html>".encode()


# name -> (bytes, reason in the rejection line)
REJECTED = {
    "sub/utf8_controls.txt": (utf8_with_controls, "too many control characters"),
    # a PDF is read now; one cut to its header is no readable PDF
    "sub/scan.pdf": (lambda: b"%PDF-1.4", "not a readable PDF"),
    "sub/minified.txt": (
        lambda: ("function f(a){return a+1};var x={'k':[1,2,3]};" * 300).encode(),
        "not a government work report",
    ),
    "sub/report.txt.gz.txt": (lambda: gzip.compress(SIMPLIFIED.read_bytes()), "undecodable"),
    "sub/deeper/scripts_only.html": (
        lambda: (
            b"<html><head><script>var a='\xe5\x90\x84';</script></head><body>"
            b"<script>track()</script><style>p{}</style></body></html>"
        ),
        "no visible text",
    ),
    "sub/cut_utf16.txt": (
        # UTF-16 cut short cannot be told from UTF-16 that lost a byte inside: refused
        lambda: SMALL.read_text("utf-8").encode("utf-16")[:-1],
        "byte-order mark but does not decode",
    ),
    "sub/deeper/utf16_byte_lost.txt": (
        # a byte lost inside UTF-16 shifts every character after it: refused, not misread
        lambda: (lambda d: d[:1001] + d[1002:])(SIMPLIFIED.read_text("utf-8").encode("utf-16")),
        "byte-order mark but does not decode",
    ),
}
# name -> bytes of files that are reports despite their damage
LOADED = {
    "a_good.txt": SIMPLIFIED.read_bytes,
    "sub/deeper/b_good.html": lambda: (
        "<html><body>"
        + "".join(f"<p>{html.escape(line)}</p>" for line in SMALL.read_text("utf-8").splitlines())
        + "</body></html>"
    ).encode(),
    # a download cut off inside the last character
    "sub/cut_utf8.txt": lambda: SMALL.read_bytes()[:-1],
    # a stray byte in the middle of the text
    "sub/stray_byte.txt": lambda: (
        SIMPLIFIED.read_bytes()[:5001]
        + b"\xff"
        + SIMPLIFIED.read_bytes()[5001:]
        + "\n(第二份)".encode()
    ),
    "sub/deeper/nested_font.html": deeply_nested_page,
}
IGNORED = {"notes.md": b"# notes", "sub/data.json": b"{}"}


def test_folder_tree_mixing_reports_damaged_files_and_garbage(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for name, (make, _) in REJECTED.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(make())
    for name, make in LOADED.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(make())
    for name, data in IGNORED.items():
        (folder / name).write_bytes(data)
    warehouse = tmp_path / "wh.duckdb"

    code, output = load(folder, "-w", warehouse)

    assert code == 1, output
    for name, (_, reason) in REJECTED.items():
        message = line_naming(output, folder / name)
        assert "rejected" in message and reason in message, message
    for name in IGNORED:
        assert name not in output
    rows = loaded(warehouse)
    assert set(rows) == {Path(name).name for name in LOADED}
    assert re.search(rf"rejected\s+│\s+{len(REJECTED)}\s+│", output), output

    # damaged files keep every character they have; what was lost is a visible U+FFFD
    encoding, raw = rows["cut_utf8.txt"]
    assert encoding == "utf-8" and raw.endswith("\ufffd")
    assert raw[:-1] == SMALL.read_bytes()[:-1].decode("utf-8", errors="ignore")
    encoding, raw = rows["stray_byte.txt"]
    assert encoding == "utf-8" and 1 <= raw.count("\ufffd") <= 4
    assert len(raw) >= len(SIMPLIFIED.read_text("utf-8"))


def test_a_parser_failing_on_one_file_rejects_it_and_loads_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import loaders.reading

    real = loaders.reading.html_to_text

    def html_to_text(markup: str) -> str:
        if "爆炸" in markup:
            raise RuntimeError("parser bug")
        return real(markup)

    monkeypatch.setattr(loaders.reading, "html_to_text", html_to_text)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SIMPLIFIED.read_bytes())
    bad = folder / "b.html"
    bad.write_text("<p>爆炸</p>" + SMALL.read_text("utf-8"), encoding="utf-8")
    (folder / "c.html").write_text(f"<p>{SMALL.read_text('utf-8')}</p>", encoding="utf-8")
    warehouse = tmp_path / "wh.duckdb"

    code, output = load(folder, "-w", warehouse)

    assert code == 1, output
    assert "could not be read: RuntimeError: parser bug" in line_naming(output, bad)
    assert set(loaded(warehouse)) == {"a.txt", "c.html"}
