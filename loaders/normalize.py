"""Normalised simplified-script text and script detection.

Normalisation is OpenCC ``t2s`` (character conversion only: the ``*2sp`` configs rewrite
phrases, e.g. 新增就业, which would break quotes) followed by NFKC, which folds full-width digits,
letters and punctuation to ASCII so that every later rule matches one form. Line ends become
``\\n`` so that line numbers agree with the raw file.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import cache

import opencc


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text)


def normalize_text(raw: str, convert_script: bool = True) -> str:
    """Simplified script, NFKC-folded, ``\\n`` line ends.

    ``convert_script=False`` skips t2s for text already in simplified script: t2s would turn
    rare characters that are also simplified (乾 in the place name 至乾村) into others.
    """
    text = to_simplified(raw) if convert_script else raw
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return normalized_line_ends(text)


def normalized_line_ends(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; line numbers stay those of the file."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# character -> +1 traditional-only, -1 simplified-only, 0 either; shared by every file read
_SCRIPT_OF: dict[str, int] = {}


def _script_of(ch: str) -> int:
    side = _SCRIPT_OF.get(ch)
    if side is None:
        if _converter("t2s").convert(ch) != ch:
            side = 1
        elif _converter("s2t").convert(ch) != ch:
            side = -1
        else:
            side = 0
        _SCRIPT_OF[ch] = side
    return side


def detect_script(text: str) -> str:
    """``simplified``, ``traditional`` or ``mixed``, from the characters that differ by script.

    Each distinct character is converted on its own, so phrase rules cannot skew the count.
    """
    traditional = simplified = 0
    for ch, n in Counter(text).items():
        if not "\u4e00" <= ch <= "\u9fff":
            continue
        side = _script_of(ch)
        if side > 0:
            traditional += n
        elif side < 0:
            simplified += n
    if traditional == 0 and simplified == 0:
        return "simplified"
    share = traditional / (traditional + simplified)
    if share >= 0.9:
        return "traditional"
    if share <= 0.1:
        return "simplified"
    return "mixed"
