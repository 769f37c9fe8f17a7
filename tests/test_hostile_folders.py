"""Folders as other people's disks hold them: every entry is loaded or named with its reason,
alone, and a load never hangs, never reads without end and never fails because of one name."""

from __future__ import annotations

import os
import re
import shutil
import socket
from pathlib import Path

import duckdb
import pytest

from loaders.reading import RejectedFile, read_report_file, readable_name
from loaders.warehouse import raw_store_path

from .conftest import REPORTS_DIR, run_govreports, warehouse_env

SAMPLE = REPORTS_DIR / "000_56e08ec3f9ad0187.txt"
OTHER_SAMPLE = REPORTS_DIR / "002_2b2b4e9df3eeff17.txt"
LINKED_SAMPLE = REPORTS_DIR / "004_28d7c83c265e320a.txt"
# 报告.txt in GB2312 bytes: not UTF-8, as names in a zip made on a Chinese Windows arrive
GB_NAME = "报告".encode("gb2312") + b".txt"


@pytest.fixture
def odd_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "collection"
    folder.mkdir()
    shutil.copyfile(SAMPLE, folder / "good.txt")
    with open(os.path.join(os.fsencode(folder), GB_NAME), "wb") as handle:
        handle.write(OTHER_SAMPLE.read_bytes())
    os.mkfifo(folder / "pipe.txt")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(folder / "socket.txt"))
    listener.close()  # the socket file stays
    (folder / "broken.txt").symlink_to(folder / "nowhere.txt")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copyfile(LINKED_SAMPLE, elsewhere / "linked.txt")
    (folder / "linked_folder").symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "back").symlink_to(folder, target_is_directory=True)  # a loop
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / "notes.md").write_text("# notes", encoding="utf-8")
    return folder


def test_each_entry_is_loaded_or_rejected_alone(tmp_path: Path, odd_folder: Path) -> None:
    warehouse = tmp_path / "wh.duckdb"
    env = warehouse_env(warehouse, tmp_path)
    result = run_govreports("load", str(odd_folder), "/dev/zero", env=env)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "pipe.txt: not a report file: a FIFO (named pipe)" in output
    assert "socket.txt: not a report file: a socket" in output
    assert "broken.txt: a broken link" in output
    assert "/dev/zero: not a report file: a character device" in output
    assert "rejected, by reason" in output
    assert "scan.pdf: not a readable PDF" in output
    assert "passed over (not .txt, .html, .htm, .pdf or .docx): .md 1" in output
    with duckdb.connect(str(raw_store_path(warehouse)), read_only=True) as con:
        names = sorted(
            n for (n,) in con.execute("select file_name from raw.report_files").fetchall()
        )
    # the GB2312 name is read as what it says; the folder behind a link is walked once
    assert names == ["good.txt", "linked.txt", "报告.txt"]
    again = run_govreports("load", str(odd_folder), env=env)
    assert "already loaded" in again.stdout + again.stderr
    with duckdb.connect(str(raw_store_path(warehouse)), read_only=True) as con:
        assert con.execute("select count(*) from raw.report_files").fetchone() == (3,)


def test_size_is_enforced_while_reading(tmp_path: Path) -> None:
    """/dev/zero says its size is 0; reading stops at the limit, whatever st_size says."""
    with pytest.raises(RejectedFile, match="not a report file: a character device"):
        read_report_file(Path("/dev/zero"), max_bytes=1_000)
    grown = tmp_path / "grown.txt"
    grown.write_bytes(SAMPLE.read_bytes())
    with pytest.raises(RejectedFile, match=r"too large: [\d,]+ bytes \(limit 1,000\)"):
        read_report_file(grown, max_bytes=1_000)


def test_names_that_are_not_utf8_become_readable_text() -> None:
    as_gb = os.fsdecode(GB_NAME)
    assert readable_name(as_gb) == "报告.txt"
    stray = os.fsdecode(b"report_\xff\xfe.txt")
    assert readable_name(stray) == "report_\\xff\\xfe.txt"
    assert readable_name("报告.txt") == "报告.txt"


def test_many_rejections_are_counted_by_reason(tmp_path: Path) -> None:
    folder = tmp_path / "junk"
    folder.mkdir()
    for i in range(60):
        (folder / f"short_{i:02}.txt").write_text("只有几个字。", encoding="utf-8")
    env = warehouse_env(tmp_path / "wh.duckdb", tmp_path)
    result = run_govreports("load", str(folder), env=env)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert len(re.findall(r"^rejected .*short_\d\d\.txt", output, re.MULTILINE)) == 50
    assert "10 more rejected files not listed" in output
    # the table of reasons counts all 60
    assert re.search(r"fewer than 200 Chinese characters\s*│\s*60\s*│", output), output
