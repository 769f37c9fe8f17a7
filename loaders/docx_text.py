"""The text of a Word document (.docx), one paragraph per line.

A .docx is a ZIP archive whose ``word/document.xml`` holds the body as paragraphs (``w:p``) of
runs of text (``w:t``); tables hold paragraphs in their cells. Reading it needs the standard
library only: the paragraphs, in document order, with tabs and manual line breaks kept.
Deleted text of tracked changes (``w:delText``) is not text the report says, and is left out.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BODY = "word/document.xml"
# a body's XML is far smaller than its text in any other form; this bounds a ZIP bomb
_MAX_XML_BYTES = 256 * 1024 * 1024


class DocxTextError(ValueError):
    """A .docx whose text cannot be read; the message says why."""


def is_docx(data: bytes) -> bool:
    """Whether ``data`` is a ZIP archive holding a Word document body."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _BODY in archive.namelist()
    except zipfile.BadZipFile:
        return False


def docx_to_text(data: bytes) -> str:
    """The paragraphs of a .docx, a paragraph per line."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.getinfo(_BODY).file_size > _MAX_XML_BYTES:
                raise DocxTextError("a Word document whose body is over 256 MB unpacked")
            body = archive.read(_BODY)
    except (zipfile.BadZipFile, KeyError) as exc:
        raise DocxTextError(f"not a readable Word document ({exc})") from None
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as exc:
        raise DocxTextError(f"a Word document with a damaged body ({exc})") from None
    return "".join(_paragraph_text(paragraph) + "\n" for paragraph in root.iter(f"{_W}p"))


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts: list[str] = []
    for element in paragraph.iter():
        if element.tag == f"{_W}t" and element.text:
            parts.append(element.text)
        elif element.tag == f"{_W}tab":
            parts.append("\t")
        elif element.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts)
