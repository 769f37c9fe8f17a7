"""Read one report file into a record ready to store: pure checks apart from the file read."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from . import LOADER_VERSION
from .decoding import DecodeError, decode_bytes
from .document_kind import not_a_report_reason
from .docx_text import DocxTextError, docx_to_text, is_docx
from .html_text import html_to_text
from .mojibake import find_gbk_slips
from .normalize import (
    detect_script,
    normalize_text,
    normalized_line_ends,
    unescape_scraped_text,
)
from .pdf_text import PdfTextError, pdf_to_text

REPORT_SUFFIXES = frozenset({".txt", ".html", ".htm", ".pdf", ".docx"})
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MIN_HAN_CHARS = 200

# Phrases that every government work report carries somewhere (title, dateline or salutation).
_REPORT_EVIDENCE = re.compile(r"政府工作报告|工作报告|各位代表|人民代表大会")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HTML_SNIFF = re.compile(rb"<\s*(!doctype\s+html|html|head|body)\b", re.IGNORECASE)
# Word 97-2003 and other OLE compound files
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class RejectedFile(ValueError):
    """A file that is not loaded; the message says why."""


@dataclass(frozen=True)
class ReportFile:
    sha256: str
    file_name: str
    file_path: str
    byte_size: int
    encoding: str
    content_type: str
    script: str
    raw_text: str  # the file exactly as decoded (HTML source for web pages)
    normalized_text: str  # visible text, simplified script, NFKC, \n line ends
    # (line number, normalised repaired line) for heading lines garbled by a GBK byte slip
    line_repairs: tuple[tuple[int, str], ...] = ()
    loader_version: str = LOADER_VERSION


def parse_report_bytes(data: bytes, path: Path) -> ReportFile:
    """Check and decode the bytes of ``path``; raise :class:`RejectedFile` with the reason."""
    if not data.strip():
        raise RejectedFile("empty file" if not data else "only whitespace")
    content_type, encoding, raw_text = _file_text(data, path)
    # NUL characters survive no SQL string function intact and carry no text.
    raw_text = raw_text.replace("\x00", "")
    is_html = content_type == "html"
    visible = unescape_scraped_text(html_to_text(raw_text) if is_html else raw_text)
    if not visible.strip():
        raise RejectedFile("no visible text")
    script = detect_script(visible)
    convert_script = script != "simplified"
    normalized = normalize_text(visible, convert_script=convert_script)
    if sum(1 for _ in islice(_HAN.finditer(normalized), MIN_HAN_CHARS)) < MIN_HAN_CHARS:
        raise RejectedFile(
            f"not a government work report: fewer than {MIN_HAN_CHARS} Chinese characters"
        )
    if not _REPORT_EVIDENCE.search(normalized):
        raise RejectedFile(
            "not a government work report: no title, dateline or 各位代表 salutation found"
        )
    other_document = not_a_report_reason(normalized)
    if other_document:
        raise RejectedFile(other_document)
    return ReportFile(
        sha256=hashlib.sha256(data).hexdigest(),
        file_name=readable_name(path.name),
        file_path=readable_name(str(path)),
        byte_size=len(data),
        encoding=encoding,
        content_type=content_type,
        script=script,
        raw_text=raw_text,
        normalized_text=normalized,
        line_repairs=tuple(
            (number, normalize_text(line, convert_script=convert_script))
            for number, line in find_gbk_slips(normalized_line_ends(visible))
        ),
    )


def _file_text(data: bytes, path: Path) -> tuple[str, str, str]:
    """The file's kind (``text``, ``html``, ``pdf`` or ``docx``), encoding and text.

    The kind is told by the bytes, whatever the name says: a PDF or Word file saved as .txt
    is read as what it is. A PDF's or Word file's raw text is its text as extracted: the file's
    bytes are not text, and its SHA-256 keeps its identity.
    """
    try:
        if data.startswith(b"%PDF-"):
            return "pdf", "pdf text layer", pdf_to_text(data)
        if is_docx(data):
            return "docx", "docx (utf-8 xml)", docx_to_text(data)
    except (PdfTextError, DocxTextError) as exc:
        raise RejectedFile(str(exc)) from None
    if data.startswith(_OLE_MAGIC):
        raise RejectedFile("a Word 97-2003 (.doc) or other OLE file: save it as .docx or PDF")
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        raise RejectedFile(str(exc)) from None
    is_html = path.suffix.lower() in {".html", ".htm"} or bool(_HTML_SNIFF.search(data[:2048]))
    return ("html" if is_html else "text"), decoded.encoding, decoded.text


def readable_name(name: str) -> str:
    """A file name as text a database can hold, whatever bytes the file system gave.

    Names that are not UTF-8 reach Python with their bytes smuggled in as lone surrogates,
    which no UTF-8 column takes. Such a name is read as GB18030 (Chinese names from Windows
    archives), which decodes it exactly when it fits; otherwise its stray bytes are written
    \\xNN. Either way the name says which file it was.
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="backslashreplace")


def _file_kind(mode: int) -> str | None:
    """What a non-regular file is ("a FIFO", "a device"), or None for a regular file."""
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return kind
    return None if stat.S_ISREG(mode) else "not a regular file"


def read_bytes_capped(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, refusing anything else and anything over ``max_bytes``.

    The file is opened without blocking (a FIFO would wait for a writer) and its type checked
    on the open file; the size is enforced while reading, since /dev/zero or a file that grows
    says nothing true in st_size.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise RejectedFile(f"could not be opened: {exc.strerror or exc}") from None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        kind = _file_kind(status.st_mode)
        if kind:
            raise RejectedFile(f"not a report file: {kind}")
        if status.st_size > max_bytes:
            raise RejectedFile(f"too large: {status.st_size:,} bytes (limit {max_bytes:,})")
        # a file that grows while it is read is cut off at the limit all the same
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise RejectedFile(f"too large: over {max_bytes:,} bytes read (limit {max_bytes:,})")
    return data


def read_report_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> ReportFile:
    data = read_bytes_capped(path, max_bytes)
    try:
        return parse_report_bytes(data, path)
    except RejectedFile:
        raise
    except Exception as exc:
        # A file no rule foresaw (a parser failing on it) must not stop the files after it:
        # it is rejected like any unreadable file, the reason naming the failure.
        raise RejectedFile(f"could not be read: {type(exc).__name__}: {exc}") from exc


def _read_or_reject(path: Path, max_bytes: int) -> ReportFile | RejectedFile:
    try:
        return read_report_file(path, max_bytes=max_bytes)
    except RejectedFile as exc:
        return exc
    except OSError as exc:
        return RejectedFile(str(exc))


def _read_chunk(paths: list[Path], max_bytes: int) -> list[ReportFile | RejectedFile]:
    return [_read_or_reject(path, max_bytes) for path in paths]


def read_report_files(
    paths: list[Path],
    max_bytes: int = DEFAULT_MAX_BYTES,
    workers: int | None = None,
    chunk: int = 8,
) -> Iterator[tuple[Path, ReportFile | RejectedFile]]:
    """Each path with its report or the reason it was rejected, in the order given.

    Decoding and normalising cost more than storing, so files are read by a pool of
    ``workers`` processes (default: one per core). At most two chunks per worker are in
    flight, so memory holds a few dozen reports however many files are read.
    """
    workers = workers or os.cpu_count() or 1
    # a few files are read before worker processes would have started
    if workers == 1 or len(paths) <= 4 * chunk:
        for path in paths:
            yield path, _read_or_reject(path, max_bytes)
        return
    chunks = [paths[i : i + chunk] for i in range(0, len(paths), chunk)]
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        pending: deque[tuple[list[Path], Future[list[ReportFile | RejectedFile]]]] = deque()
        submitted = 0
        while submitted < len(chunks) or pending:
            while submitted < len(chunks) and len(pending) < 2 * workers:
                pending.append(
                    (chunks[submitted], pool.submit(_read_chunk, chunks[submitted], max_bytes))
                )
                submitted += 1
            chunk_paths, future = pending.popleft()
            yield from zip(chunk_paths, future.result(), strict=True)
    finally:
        # a load that stops early (an error, Ctrl-C) does not wait for files it will not store
        pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class Discovery:
    """What a walk of the paths given found: files to read, and what it left out and why."""

    files: list[Path] = field(default_factory=list)
    # (path, reason): entries that are reports by name but cannot be read as files
    unreadable: list[tuple[Path, str]] = field(default_factory=list)
    # file endings that are not reports (.pdf, .docx …), with how many of each were passed over
    other_suffixes: Counter[str] = field(default_factory=Counter)


def discover_report_files(paths: list[Path]) -> Discovery:
    """Files named directly, plus the report files found recursively under folders.

    Links are followed, folder links included (each folder once, so a link back up cannot
    loop). A broken link, a FIFO or a device with a report's ending, and a folder that cannot
    be listed are each reported with the reason; files with other endings are counted by
    ending.
    """
    found = Discovery()
    seen_folders: set[str] = set()
    for path in paths:
        if path.is_dir():
            _walk(path, found, seen_folders)
        else:
            found.files.append(path)
    return found


def _walk(folder: Path, found: Discovery, seen_folders: set[str]) -> None:
    def unlistable(error: OSError) -> None:
        found.unreadable.append((Path(error.filename), f"folder not read: {error.strerror}"))

    for root, folders, names in os.walk(folder, onerror=unlistable, followlinks=True):
        real = os.path.realpath(root)
        if real in seen_folders:
            folders[:] = []
            continue
        seen_folders.add(real)
        folders.sort()
        for name in sorted(names):
            path = Path(root) / name
            suffix = path.suffix.lower()
            if suffix not in REPORT_SUFFIXES:
                found.other_suffixes[suffix or "(no ending)"] += 1
                continue
            try:
                mode = path.stat().st_mode
            except OSError as exc:
                reason = "a broken link" if path.is_symlink() else f"not found: {exc.strerror}"
                found.unreadable.append((path, reason))
                continue
            kind = _file_kind(mode)
            if kind:
                found.unreadable.append((path, f"not a report file: {kind}"))
            else:
                found.files.append(path)
