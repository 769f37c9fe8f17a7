"""The text of a PDF with a text layer, one paragraph per line.

A PDF holds positioned lines, not paragraphs: a report's paragraph is wrapped over several
lines and pages, and pages carry running page numbers. Reading a wrapped line as a line would
end a sentence at every wrap (the figure extractor ends sentences at line breaks), so lines
are joined back into paragraphs by their geometry, as a reader sees them: a line continues
the paragraph before it when that one ran to the right margin and this one is not indented
(a Chinese paragraph opens with a two-character indent; headings are centred or short).
Characters come from pdfminer.six, which maps CID fonts (the Adobe-GB1/CNS1 fonts of Chinese
PDFs) to Unicode through their CMaps and groups characters into lines.
"""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass

# "— 3 —", "- 12 -", "3", "第 3 页", "3/25": running page numbers, not text
_PAGE_NUMBER = re.compile(r"^[\s\-—–_·]*(第\s*)?[0-9]+(\s*页)?(\s*/\s*[0-9]+)?[\s\-—–_·]*$")


# how many characters short of the right margin a wrapped line may end
_WRAP_SLACK = 4


class PdfTextError(ValueError):
    """A PDF whose text cannot be read; the message says why."""


@dataclass(frozen=True)
class PdfLine:
    """One line of a page: its text and where it stands (PDF points, y up)."""

    text: str
    x0: float
    x1: float
    top: float
    height: float


def pdf_lines(data: bytes) -> list[list[PdfLine]]:
    """The lines of each page, top to bottom."""
    # imported here: only PDFs need it, and it is slow to import
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    pages: list[list[PdfLine]] = []
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams(line_margin=0.3)):
            found: list[tuple[float, PdfLine]] = []
            for element in page:
                if not isinstance(element, LTTextContainer):
                    continue
                for line in element:
                    if isinstance(line, LTTextLine) and line.get_text().strip():
                        text = line.get_text().strip()
                        found.append(
                            (-line.y1, PdfLine(text, line.x0, line.x1, line.y1, line.height))
                        )
            found.sort(key=lambda item: (round(item[0], 1), item[1].x0))
            pages.append([line for _, line in found])
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise PdfTextError("an encrypted PDF: save it without a password first") from None
    except PDFSyntaxError as exc:
        raise PdfTextError(f"not a readable PDF ({exc})") from None
    except Exception as exc:  # pdfminer raises many kinds on a damaged file; none is ours
        raise PdfTextError(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    return pages


def paragraphs(pages: list[list[PdfLine]]) -> list[str]:
    """Lines joined into paragraphs by their geometry; page numbers dropped."""
    result: list[str] = []
    continues = False
    for lines in pages:
        body = [line for line in lines if not _PAGE_NUMBER.match(line.text)]
        if not body:
            continue
        left = min(line.x0 for line in body)
        right = max(line.x1 for line in body)
        pitch = _line_pitch(body)
        previous: PdfLine | None = None
        for line in body:
            unit = max(line.height, 1.0)
            indented = line.x0 - left > unit
            # a blank line's worth of space parts paragraphs set without an indent
            spaced = previous is not None and previous.top - line.top > 1.6 * pitch
            # a centred heading wrapped under a full-width line goes on centred
            centred = abs(
                (line.x0 + line.x1) / 2 - (left + right) / 2
            ) < unit and line.x1 - line.x0 < 0.8 * (right - left)
            if continues and (not indented or centred) and not spaced and result:
                result[-1] += line.text
            else:
                result.append(line.text)
            # near the margin: the paragraph goes on in the next line unless that one is
            # indented. Unjustified lines wrap a few characters short (a run of digits is not
            # broken), and a paragraph's last line is told by the indent after it.
            continues = right - line.x1 < _WRAP_SLACK * unit
            previous = line
    return result


def _line_pitch(lines: list[PdfLine]) -> float:
    """The usual distance from one line to the next on a page (the median step)."""
    steps = sorted(a.top - b.top for a, b in itertools.pairwise(lines) if a.top > b.top)
    return steps[len(steps) // 2] if steps else max(line.height for line in lines)


def pdf_to_text(data: bytes) -> str:
    """The text of a PDF, a paragraph per line; raise :class:`PdfTextError` when it has none."""
    pages = pdf_lines(data)
    if not pages:
        raise PdfTextError("a PDF without pages")
    text = "\n".join(paragraphs(pages))
    if not text.strip():
        raise PdfTextError(
            f"a PDF with no text layer ({len(pages)} pages of images, a scan?): run OCR on it first"
        )
    return text + "\n"
