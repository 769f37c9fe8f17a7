"""Normalised simplified-script text and script detection.

Normalisation is OpenCC ``t2s`` (character conversion only: the ``*2sp`` configs rewrite
phrases, e.g. 新增就业, which would break quotes) followed by NFKC, which folds full-width digits,
letters and punctuation to ASCII so that every later rule matches one form. Line ends become
``\\n`` so that line numbers agree with the raw file.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache

import opencc


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text)


# Characters that draw nothing but split what they stand in (地区\u200b生产总值 is no longer
# 地区生产总值 to a pattern): zero-width spaces and joiners, direction marks and embeddings,
# the word joiner and invisible operators, the soft hyphen, a byte-order mark inside a text.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def normalize_text(raw: str, convert_script: bool = True) -> str:
    """Simplified script, NFKC-folded, ``\\n`` line ends, invisible format characters removed.

    ``convert_script=False`` skips t2s for text already in simplified script: t2s would turn
    rare characters that are also simplified (乾 in the place name 至乾村) into others.
    """
    text = to_simplified(raw) if convert_script else raw
    return normalized_line_ends(_INVISIBLE.sub("", nfkc(text)))


# A scraper that stored a page's line breaks as the escapes themselves (the four characters
# "\r\n") leaves a whole report on one line; one that kept HTML entities (&nbsp;, &ldquo;)
# leaves them in a text file.
_LITERAL_LINE_BREAK = re.compile(r"\\r\\n|\\n|\\r")
_HTML_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#[0-9]{2,6}|#x[0-9a-fA-F]{2,5});")


def unescape_scraped_text(text: str) -> str:
    """Line breaks stored as literal ``\\r\\n`` become line breaks, HTML entities characters.

    Only a text with more escaped line breaks than real ones (three at least) is taken to be
    stored that way, so a report that quotes one backslash sequence keeps it.
    """
    escaped = len(_LITERAL_LINE_BREAK.findall(text))
    if escaped >= 3 and escaped > text.count("\n"):
        text = _LITERAL_LINE_BREAK.sub("\n", text).replace("\\t", "\t")
    if _HTML_ENTITY.search(text):
        text = html.unescape(text)
    return text


# CJK unified ideographs are NFKC-stable starters that compose with nothing, so a text may be
# normalised piece by piece between them: the same result as the whole text in half the time
# (Python's NFKC decomposes and recomposes every ideograph once one character needs folding).
_BETWEEN_IDEOGRAPHS = re.compile(r"[^\u4e00-\u9fff]+")


def _nfkc_piece(match: re.Match[str]) -> str:
    piece = match.group()
    if unicodedata.is_normalized("NFKC", piece):
        return piece
    return unicodedata.normalize("NFKC", piece)


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, faster on Chinese text."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    return _BETWEEN_IDEOGRAPHS.sub(_nfkc_piece, text)


def normalized_line_ends(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; line numbers stay those of the file."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _script_of(ch: str) -> int:
    """+1 traditional-only, -1 simplified-only, 0 either."""
    if _converter("t2s").convert(ch) != ch:
        return 1
    if _converter("s2t").convert(ch) != ch:
        return -1
    return 0


@cache
def _script_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Character classes of the traditional-only and the simplified-only CJK characters.

    Built once per process from the same per-character test: counting a text's characters
    through a class is faster than testing every character.
    """
    traditional, simplified = [], []
    for code in range(0x4E00, 0xA000):
        side = _script_of(chr(code))
        if side > 0:
            traditional.append(chr(code))
        elif side < 0:
            simplified.append(chr(code))
    return (
        re.compile("[" + "".join(traditional) + "]"),
        re.compile("[" + "".join(simplified) + "]"),
    )


def detect_script(text: str) -> str:
    """``simplified``, ``traditional`` or ``mixed``, from the characters that differ by script.

    Each distinct character is converted on its own, so phrase rules cannot skew the count.
    """
    traditional_pattern, simplified_pattern = _script_patterns()
    traditional = len(traditional_pattern.findall(text))
    simplified = len(simplified_pattern.findall(text))
    if traditional == 0 and simplified == 0:
        return "simplified"
    share = traditional / (traditional + simplified)
    if share >= 0.9:
        return "traditional"
    if share <= 0.1:
        return "simplified"
    return "mixed"
