"""Repair heading lines that a scraper decoded from GBK one byte out of step.

When a page's GBK bytes are decoded starting one byte late, each character is read from the
second byte of one character and the first byte of the next, giving runs of rare symbols
("。ㄒ唬┮阅茉" for "（一）以能源") until an ASCII byte brings the decoder back in step. Encoding
the garbled run as GBK again and dropping its first byte restores the original, except for the
bytes the slip destroyed. Only lines that start with a character no line can start with (a
full stop, a closing bracket…) and whose repair starts with a bracket are touched: those are
the numbered headings that the sections model needs. The raw text is never changed; repairs
are stored beside it. How much of a line a repair covers is :func:`slipped_run_length`, which
the damage_spans model calls too (the dbt plugin registers it as ``govreports_gbk_slip_length``).
"""

from __future__ import annotations

import re

_CANNOT_START_A_LINE = frozenset("。，、；：）」』》")
_FIRST_ASCII = re.compile(r"[\x00-\x7f]")
_MAX_RUN = 40


def slipped_run_length(stripped: str) -> int:
    """How many characters from the start of a slipped line (its indent stripped) are re-decoded:
    up to the first ASCII character, which brings the decoder back in step, if one stands within
    the first 40, else 20."""
    ascii_char = _FIRST_ASCII.search(stripped[:_MAX_RUN])
    return ascii_char.end() if ascii_char else min(len(stripped), _MAX_RUN // 2)


def repair_gbk_slip(line: str) -> str | None:
    """The repaired line, or None when the line does not look slipped."""
    stripped = line.lstrip()
    if not stripped or stripped[0] not in _CANNOT_START_A_LINE:
        return None
    cut = slipped_run_length(stripped)
    try:
        slipped = stripped[:cut].encode("gbk")
    except UnicodeEncodeError:
        return None
    repaired = slipped[1:].decode("gbk", errors="replace").replace("\ufffd", "")
    if not repaired or repaired[0] not in "（(）)":
        return None
    return repaired + stripped[cut:]


def find_gbk_slips(text: str) -> list[tuple[int, str]]:
    """(1-based line number, repaired line) for every slipped heading line of ``text``."""
    repairs = []
    for number, line in enumerate(text.split("\n"), start=1):
        repaired = repair_gbk_slip(line)
        if repaired is not None:
            repairs.append((number, repaired))
    return repairs
