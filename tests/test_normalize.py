"""normalize_text (t2s + NFKC + LF) and detect_script."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.normalize import detect_script, nfkc, normalize_text, to_simplified

REPORTS_DIR = Path(__file__).resolve().parent.parent / "data" / "reports"
REPORT_NAMES = sorted(p.name for p in REPORTS_DIR.glob("*.txt"))
SIMPLIFIED = "000_56e08ec3f9ad0187.txt"
TRADITIONAL = "001_cdd563ffef68d5a8.txt"
CRLF = "107_951d3d7d4c7a8cc8.txt"


def report_text(name: str) -> str:
    return (REPORTS_DIR / name).read_bytes().decode("utf-8")


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("朔州市第七屆人民代表大會", "朔州市第七届人民代表大会"),
        ("市長 吳秀玲", "市长 吴秀玲"),
        (
            "現在,我代表市人民政府向大會報告工作,請予審議",
            "现在,我代表市人民政府向大会报告工作,请予审议",
        ),
        ("新增就業", "新增就业"),
    ],
)
def test_t2s_converts_traditional(traditional: str, simplified: str) -> None:
    assert to_simplified(traditional) == simplified
    assert normalize_text(traditional) == simplified


def test_simplified_phrases_are_not_rewritten() -> None:
    """t2s converts characters only; a *2sp config would rewrite 新增 to 添加."""
    assert opencc.OpenCC("tw2sp").convert("新增就业") != "新增就业"  # the trap is real
    for text in ["新增就业", "城镇新增就业1.2万人", "新增就業2000人"]:
        assert "新增就业" in normalize_text(text)
        assert "添加" not in normalize_text(text)


def test_traditional_report_normalises_to_simplified() -> None:
    raw = report_text(TRADITIONAL)
    normalized = normalize_text(raw)
    assert "朔州市第七屆人民代表大會" in raw
    assert "朔州市第七届人民代表大会" in normalized
    assert "人民代表大會" not in normalized
    assert detect_script(normalized) == "simplified"


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_t2s_converts_characters_in_place(name: str) -> None:
    """Character conversion only: same length, same line breaks, so offsets still line up."""
    raw = report_text(name)
    converted = to_simplified(raw)
    assert len(converted) == len(raw)
    assert [i for i, ch in enumerate(converted) if ch in "\r\n"] == [
        i for i, ch in enumerate(raw) if ch in "\r\n"
    ]


@pytest.mark.parametrize(
    ("full_width", "folded"),
    [
        ("２０２３年，增长５％", "2023年,增长5%"),
        ("ＧＤＰ增长５．２％", "GDP增长5.2%"),
        ("（一）Ａ级景区：３个！", "(一)A级景区:3个!"),
        ("ｗｗｗ．ｇｏｖ．ｃｎ", "www.gov.cn"),
        ("各位代表\u3000同志们", "各位代表 同志们"),
    ],
)
def test_nfkc_folds_full_width(full_width: str, folded: str) -> None:
    assert normalize_text(full_width) == folded


def test_crlf_becomes_lf_with_line_count_preserved() -> None:
    raw = report_text(CRLF)
    assert raw.count("\r\n") > 10
    normalized = normalize_text(raw)
    assert "\r" not in normalized
    raw_lines = raw.split("\r\n")
    norm_lines = normalized.split("\n")
    assert len(norm_lines) == len(raw_lines) == len(raw.splitlines())
    # Line i of the normalised text is line i of the raw file, normalised.
    assert norm_lines == [normalize_text(line) for line in raw_lines]


def test_lone_cr_becomes_lf() -> None:
    assert normalize_text("第一行\r第二行\r\n第三行\n第四行") == "第一行\n第二行\n第三行\n第四行"


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_normalize_keeps_line_numbers_of_every_report(name: str) -> None:
    raw = report_text(name)
    assert len(normalize_text(raw).split("\n")) == len(raw.splitlines()) + raw.endswith(
        ("\n", "\r")
    )


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_normalize_is_idempotent(name: str) -> None:
    once = normalize_text(report_text(name))
    assert normalize_text(once) == once


def test_detect_script_traditional_report() -> None:
    assert detect_script(report_text(TRADITIONAL)) == "traditional"


@pytest.mark.parametrize("name", [n for n in REPORT_NAMES if n != TRADITIONAL])
def test_detect_script_simplified_reports(name: str) -> None:
    assert detect_script(report_text(name)) == "simplified"


def test_detect_script_mixed() -> None:
    simplified = report_text(SIMPLIFIED)
    traditional = opencc.OpenCC("s2t").convert(simplified)
    assert detect_script(traditional) == "traditional"
    lines_s = simplified.splitlines()
    lines_t = traditional.splitlines()
    half = len(lines_s) // 2
    mixed = "\n".join(lines_t[:half] + lines_s[half:])
    assert detect_script(mixed) == "mixed"


def test_detect_script_small_cases() -> None:
    assert detect_script("國會議員選舉") == "traditional"
    assert detect_script("国会议员选举") == "simplified"
    assert detect_script("国会议员 國會議員") == "mixed"
    # No character that differs by script: simplified by default.
    assert detect_script("") == "simplified"
    assert detect_script("GDP 5.2% 人民") == "simplified"


def test_simplified_text_keeps_characters_t2s_would_change():
    """乾 is also a simplified character (place names such as 至乾村): no t2s on simplified text."""
    text = "西交子至乾村道路硬化"
    assert normalize_text(text, convert_script=False) == text
    assert normalize_text(text) != text  # t2s itself would rewrite it


# characters that fold, compose or reorder under NFKC, beside ideographs and ASCII
_NFKC_ALPHABET = (
    "国會人1a\u0301e\u0308\u1100\u1161\u11a8\uac00\u3000"
    "\uff11\uff0c\ufe6b\u2460\u00bd\u0f73\u0345\u03b9"
)


@given(st.text(alphabet=st.sampled_from(_NFKC_ALPHABET) | st.characters(), max_size=60))
@settings(max_examples=500, deadline=None)
def test_nfkc_between_ideographs_equals_nfkc_of_the_whole(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_nfkc_composes_across_a_piece_boundary_only_where_nfkc_does() -> None:
    # e + combining acute composes; an ideograph between them stops that, in both
    for text in ["e\u0301国", "国e\u0301", "e国\u0301", "\u1100\u1161国\u11a8", "1\uff0c2国\ufe6b"]:
        assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_invisible_format_characters_are_removed() -> None:
    """Zero-width and bidi controls split what they stand in: 地区\u200b生产总值 must read as
    地区生产总值 (the raw text keeps them)."""
    hidden = "地区\u200b生产\u200d总值\u202e增长\u2066５％\u2069左右\ufeff\u00ad。"
    assert normalize_text(hidden, convert_script=False) == "地区生产总值增长5%左右。"
    assert normalize_text("第一行\u200b\n第二行\u2067\n") == "第一行\n第二行\n"
