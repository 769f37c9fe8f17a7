"""Normalised simplified-script text and script detection.

Normalisation is OpenCC ``t2s`` (character conversion only: the ``*2sp`` configs rewrite
phrases, e.g. 新增就业, which would break quotes) followed by NFKC, which folds full-width digits,
letters and punctuation to ASCII so that every later rule matches one form. Line ends become
``\\n`` so that line numbers agree with the raw file.
"""

from __future__ import annotations

import unicodedata
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
    text = unicodedata.normalize("NFKC", to_simplified(raw) if convert_script else raw)
    return normalized_line_ends(text)


def normalized_line_ends(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; line numbers stay those of the file."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def detect_script(text: str) -> str:
    """``simplified``, ``traditional`` or ``mixed``, from the characters that differ by script.

    Each distinct character is converted on its own, so phrase rules cannot skew the count.
    """
    t2s = _converter("t2s")
    s2t = _converter("s2t")
    traditional = simplified = 0
    counts: dict[str, int] = {}
    for ch in text:
        if "\u4e00" <= ch <= "\u9fff":
            counts[ch] = counts.get(ch, 0) + 1
    for ch, n in counts.items():
        if t2s.convert(ch) != ch:
            traditional += n
        elif s2t.convert(ch) != ch:
            simplified += n
    if traditional == 0 and simplified == 0:
        return "simplified"
    share = traditional / (traditional + simplified)
    if share >= 0.9:
        return "traditional"
    if share <= 0.1:
        return "simplified"
    return "mixed"
