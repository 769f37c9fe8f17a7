"""decode_bytes: every encoding a scraped report arrives in decodes back to the exact text."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import opencc
import pytest

from loaders.decoding import Decoded, DecodeError, decode_bytes

REPORTS_DIR = Path(__file__).resolve().parent.parent / "data" / "reports"
SIMPLIFIED = "000_56e08ec3f9ad0187.txt"  # simplified; has •, ©, NBSP: GB18030 but not GBK
TRADITIONAL = "001_cdd563ffef68d5a8.txt"  # traditional script
CRLF = "107_951d3d7d4c7a8cc8.txt"  # CRLF line ends
GBK_SAFE = "004_28d7c83c265e320a.txt"  # simplified, every character is in GBK


def report_text(name: str) -> str:
    return (REPORTS_DIR / name).read_bytes().decode("utf-8")


def big5_text() -> str:
    """001 in traditional script (s2t), keeping the lines Big5 can encode.

    OpenCC's standard forms (羣, 爲, ...) and a few rare characters have no Big5 code, so the lines
    holding them are left out; most of the report remains.
    """
    text = opencc.OpenCC("s2t").convert(report_text(TRADITIONAL))
    lines = text.splitlines(keepends=True)
    kept = []
    for line in lines:
        try:
            line.encode("big5")
        except UnicodeEncodeError:
            continue
        kept.append(line)
    assert len(kept) >= 0.7 * len(lines)
    return "".join(kept)


def _utf16_le_no_bom(text: str) -> bytes:
    return text.encode("utf-16-le")


def _utf16_be_bom(text: str) -> bytes:
    return codecs.BOM_UTF16_BE + text.encode("utf-16-be")


# (encoder, expected Decoded.encoding)
UNICODE_ENCODINGS = {
    "utf-8": (lambda t: t.encode("utf-8"), "utf-8"),
    "utf-8-bom": (lambda t: t.encode("utf-8-sig"), "utf-8-sig"),
    "utf-16-bom": (lambda t: t.encode("utf-16"), "utf-16"),
    "utf-16-be-bom": (_utf16_be_bom, "utf-16"),
    "utf-16-le-no-bom": (_utf16_le_no_bom, "utf-16-le"),
    "gb18030": (lambda t: t.encode("gb18030"), "gb18030"),
}


@pytest.mark.parametrize("report", [SIMPLIFIED, TRADITIONAL, CRLF])
@pytest.mark.parametrize("case", sorted(UNICODE_ENCODINGS))
def test_unicode_and_gb18030_round_trip(report: str, case: str) -> None:
    encode, expected = UNICODE_ENCODINGS[case]
    text = report_text(report)
    data = encode(text)
    decoded = decode_bytes(data)
    assert isinstance(decoded, Decoded)
    assert decoded.encoding == expected
    assert decoded.text == text
    assert not decoded.text.startswith("\ufeff")


def test_crlf_survives_decoding() -> None:
    text = report_text(CRLF)
    assert "\r\n" in text
    decoded = decode_bytes(text.encode("utf-16-le"))
    assert decoded.text.count("\r\n") == text.count("\r\n")


def test_gb18030_sample_needs_more_than_gbk() -> None:
    """The GB18030 case above is not GBK in disguise: 000 has characters GBK lacks."""
    with pytest.raises(UnicodeEncodeError):
        report_text(SIMPLIFIED).encode("gbk")


@pytest.mark.parametrize("report", [TRADITIONAL, GBK_SAFE])
def test_gbk_round_trip(report: str) -> None:
    text = report_text(report)
    data = text.encode("gbk")
    assert data != text.encode("utf-8")
    decoded = decode_bytes(data)
    assert decoded.text == text
    # GBK is a subset of GB18030, so either name is a correct record of the encoding.
    assert decoded.encoding in {"gbk", "gb18030"}
    assert data.decode(decoded.encoding) == text


def test_big5_round_trip() -> None:
    text = big5_text()
    data = text.encode("big5")
    decoded = decode_bytes(data)
    assert decoded.encoding == "big5"
    assert decoded.text == text
    assert "朔州市第七屆人民代表大會" in decoded.text


def test_big5_is_not_read_as_gb18030() -> None:
    """Big5 bytes often decode without error as GB18030 (into nonsense); that must not win."""
    text = big5_text()
    data = text.encode("big5")
    wrong = data.decode("gb18030")  # succeeds: the trap is real for this text
    assert wrong != text
    assert decode_bytes(data).text == text


def test_encoding_is_recorded_per_input() -> None:
    text = report_text(SIMPLIFIED)
    seen = {decode_bytes(encode(text)).encoding for encode, _ in UNICODE_ENCODINGS.values()}
    assert seen == {"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030"}


PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06"
PDF_HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(PDF_HEADER + bytes(range(256)) * 4, "PDF", id="pdf"),
        pytest.param(PNG_HEADER + bytes(range(256)) * 4, "PNG", id="png"),
        pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(500), "JPEG", id="jpeg"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00" + bytes(500), "ZIP", id="zip"),
    ],
)
def test_binary_signatures_raise(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason) as info:
        decode_bytes(data)
    assert str(info.value).startswith("binary file")


@pytest.mark.parametrize("seed", [0, 1, 42, 2024])
@pytest.mark.parametrize("size", [257, 4096, 65536])
def test_random_bytes_raise(seed: int, size: int) -> None:
    data = random.Random(seed).randbytes(size)
    with pytest.raises(DecodeError) as info:
        decode_bytes(data)
    reason = str(info.value)
    assert reason
    assert "undecodable" in reason or "binary" in reason


def test_control_characters_raise() -> None:
    data = ("各位代表" + "\x01\x02\x03\x04" * 10).encode("utf-8")
    with pytest.raises(DecodeError, match="control characters"):
        decode_bytes(data)


def test_decode_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="PDF"):
        decode_bytes(PDF_HEADER)
