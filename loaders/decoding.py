"""Turn the bytes of a report file into text, detecting the encoding on the whole file.

Scraped reports arrive as UTF-8 (with or without BOM), UTF-16, GB18030/GBK or Big5. A BOM is
trusted first, strict UTF-8 second (it almost never decodes text that is not UTF-8), and only
then does charset-normalizer weigh the legacy Chinese code pages against each other.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Code pages a Chinese report can plausibly be in once UTF-8 and BOMs are ruled out.
_LEGACY_CANDIDATES = ["gb18030", "big5", "utf_16_le", "utf_16_be"]

# Signatures of binary formats that users rename to .txt by mistake.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)


class DecodeError(ValueError):
    """The bytes are not text in any encoding a report can be in."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def _looks_like_bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM puts a NUL in every other byte of ASCII, and rarely elsewhere."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    if odd_nuls > half * 0.2 and even_nuls < half * 0.02:
        return "utf-16-le"
    if even_nuls > half * 0.2 and odd_nuls < half * 0.02:
        return "utf-16-be"
    return None


# A UTF-8 file cut short in the middle of a character, or with a stray byte, is still UTF-8:
# its few invalid sequences become U+FFFD (which marts.damage_spans shows) instead of the whole
# report being rejected or misread as GB18030. One damaged spot per 10,000 bytes is allowed,
# and a spot (a stray byte inside a character) gives up to four replacements; GB18030 and
# Big5 text is invalid UTF-8 at nearly every Chinese character, far beyond this.
_UTF8_BYTES_PER_DAMAGED_SPOT = 10_000
_REPLACEMENTS_PER_SPOT = 4


def _utf8_with_few_errors(data: bytes) -> str | None:
    """``data`` as UTF-8 with invalid sequences replaced, if there are only a few of them."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    spots = max(1, len(data) // _UTF8_BYTES_PER_DAMAGED_SPOT)
    return text if replaced <= spots * _REPLACEMENTS_PER_SPOT else None


def _damaged_unicode(data: bytes, bom: bytes, encoding: str) -> str | None:
    """A file with a byte-order mark that does not quite decode, read if the damage is small.

    Only UTF-8 is read with a few invalid sequences. In UTF-16 a byte lost or added shifts
    every character after it into other valid characters, and a file cut short cannot be told
    from one that lost a byte inside: it stays refused.
    """
    if encoding == "utf-8-sig":
        return _utf8_with_few_errors(data[len(bom) :])
    return None


# control characters that no text file holds (tab, line ends, form feed and NUL are allowed)
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f]")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` or raise :class:`DecodeError` saying why it is not text."""
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise DecodeError(f"binary file: looks like {kind}")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                nearly = _damaged_unicode(data, bom, encoding)
                if nearly is not None:
                    return Decoded(nearly, encoding)
                raise DecodeError(
                    f"has a {encoding} byte-order mark but does not decode: {exc}"
                ) from None
    utf16 = _looks_like_bomless_utf16(data)
    if utf16:
        try:
            return Decoded(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        nearly = _utf8_with_few_errors(data)
        if nearly is not None:
            text, encoding = nearly, "utf-8"
        else:
            best = from_bytes(data, cp_isolation=_LEGACY_CANDIDATES).best()
            if best is None:
                raise DecodeError("undecodable: not UTF-8, UTF-16, GB18030 or Big5 text") from None
            encoding = codecs.lookup(best.encoding).name
            text = data.decode(encoding)
    else:
        encoding = "utf-8"
    if _control_ratio(text) > 0.01:
        raise DecodeError("binary file: too many control characters for text")
    return Decoded(text, encoding)
