"""The pure parsing functions on any input: no unexpected exception, numbers back as written,
and no input that makes them run for minutes.

DuckDB's regular expressions are RE2 (linear time); the Python ones (the `regex` and `re`
modules) backtrack, so every Python parser is timed here on 200,000-character lines built to
make a backtracking pattern or a per-figure rescan blow up.
"""

from __future__ import annotations

import codecs
import csv
import html
import re
import time
import unicodedata
from pathlib import Path

import cn2an
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreports.figures.extractor import extract_figures
from loaders.decoding import Decoded, DecodeError, decode_bytes
from loaders.html_text import html_to_text
from loaders.mojibake import find_gbk_slips, repair_gbk_slip
from loaders.normalize import detect_script, normalize_text
from loaders.reading import RejectedFile, ReportFile, parse_report_bytes

UNITS_CSV = Path(__file__).resolve().parent.parent / "seeds" / "units.csv"
with UNITS_CSV.open(encoding="utf-8") as handle:
    _ROWS = list(csv.DictReader(handle))
UNITS = [row["unit"] for row in _ROWS]
FAMILIES = [row["unit_family"] for row in _ROWS]
MULTIPLIERS = {row["unit"]: float(row["multiplier"]) for row in _ROWS}

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------------ time bounds

N = 200_000
SECONDS = 5.0  # each function on one input; all of them take well under a second
PATHOLOGICAL = {
    "digits": "1" * N,
    "growth-run": "增长5%、" * (N // 5),  # one clause of 40,000 figures
    "sentences": "增长5%。" * (N // 5),  # 40,000 sentences in one paragraph
    "clauses": "地区生产总值增长6.5%," * (N // 14),
    "ranges": "5%-6%" * (N // 5),
    "years-and-figures": "2023年增长5%" * (N // 9),
    "chinese-magnitudes": "十" * N,  # a numeral run with no digit-magnitude pair
    "chinese-digits": "三" * N,
    "chinese-pairs": "一十" * (N // 2),
    "magnitude-after-unit": "5" + "万" * N,
    "qualifiers": "(一)2023年地区生产总值增长6.5%左右、5.2%以上和3%," * (N // 30),
    "brackets": "(" * N,
    "percent-signs": "%" * N,
    "enumeration-commas": "、" * N,
    "framing-words": "全年" * (N // 2) + "增长" * (N // 2) + "5%",
    "unit-words": "亿元万人公里" * (N // 6),
    "slipped-lines": ("。ㄒ唬┮阅茉" * 10 + "\n") * (N // 61),
    "slipped-one-line": "。" + "ㄒ唬┮" * (N // 3),
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_parsers_finish_quickly_on_pathological_lines(name: str) -> None:
    text = PATHOLOGICAL[name]
    timings = {}
    for label, parse in (
        ("extract_figures", lambda: extract_figures(text, UNITS, FAMILIES)),
        ("find_gbk_slips", lambda: find_gbk_slips(text)),
        ("repair_gbk_slip", lambda: repair_gbk_slip(text)),
        ("html_to_text", lambda: html_to_text(f"<p>{html.escape(text)}</p>")),
        ("normalize_text", lambda: normalize_text(text)),
        ("detect_script", lambda: detect_script(text)),
        ("decode_bytes", lambda: decode_bytes(text.encode("utf-8"))),
    ):
        started = time.perf_counter()
        parse()
        timings[label] = time.perf_counter() - started
    slow = {label: round(s, 2) for label, s in timings.items() if s > SECONDS}
    assert not slow, f"{name}: {slow}"


def test_chinese_numerals_still_read_after_the_linear_rewrite() -> None:
    """The bounded numeral pattern reads what the unbounded one read, beside other numerals."""
    got = [
        (f.number_text, f.value, f.unit)
        for f in extract_figures("引进人才两千余人,新增5万三十五万人,1二五千元", UNITS, FAMILIES)
    ]
    # a trailing 万 or 亿 that a unit of the seed begins with goes to the unit, as after Arabic
    # digits (三十五万人 reads as 三十五 万人, as 35万人 does)
    assert got == [
        ("两千", 2000.0, "人"),
        ("5", 5.0, "万"),
        ("三十五", 35.0, "万人"),
        ("五千", 5000.0, "元"),
    ]


@pytest.mark.parametrize("depth", [2_000, 20_000])
def test_deeply_nested_page_is_read_without_recursion(depth: int) -> None:
    """Pages with an unclosed <font> on every line nest that deep; recursion stopped at 1,000."""
    page = "<font>各位代表,现在我代表政府报告工作。<br>" * depth
    lines = html_to_text(page).split("\n")
    assert len(lines) == depth
    assert set(lines) == {"各位代表,现在我代表政府报告工作。"}
    assert html_to_text("<div>" * depth + "正文" + "</div>" * depth) == "正文"


# ------------------------------------------------------------------ no unexpected exceptions

# Text a report is made of: Chinese, digits, punctuation both widths, spaces of all kinds,
# line ends, and a sprinkling of anything else.
_REPORT_ALPHABET = st.sampled_from(
    list("各位代表政府工作报告年月日增长下降万亿元人次第一二三四五六七八九十百千两零")
    + list("0123456789.%,:;()、。,:;()%\u3000\u2002\u00a0 \t\n\r")
)
# Any character a decoder can give: lone surrogates cannot come out of bytes (decoding is
# strict, or replaces with U+FFFD), so they are left out.
_ANY_DECODED = st.characters(codec="utf-8")
report_like_text = st.text(
    alphabet=st.one_of(_REPORT_ALPHABET, _REPORT_ALPHABET, _ANY_DECODED), max_size=400
)


@PROPERTY
@given(st.binary(max_size=3000))
def test_decode_bytes_decodes_or_says_why(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        assert str(exc)
    else:
        assert isinstance(decoded, Decoded)
        decoded.text.encode("utf-8", errors="surrogatepass")  # a real string of code points
        codecs.lookup(decoded.encoding)


@PROPERTY
@given(st.binary(max_size=3000), st.sampled_from(["r.txt", "r.html"]))
def test_a_file_of_any_bytes_loads_or_is_rejected_with_a_reason(data: bytes, name: str) -> None:
    try:
        report = parse_report_bytes(data, Path(name))
    except RejectedFile as exc:
        assert str(exc)
    else:
        assert isinstance(report, ReportFile)


@PROPERTY
@given(report_like_text, st.booleans())
def test_a_report_like_file_loads_or_is_rejected_with_a_reason(text: str, html_page: bool) -> None:
    """Text with the evidence of a report around it goes through every step of the loader."""
    body = "2023年政府工作报告\n各位代表:\n" + text * 3 + "\n" + "经济社会发展" * 40
    if html_page:
        body = f"<html><body><p>{body}</p><script>{text}</script></body></html>"
    for encoding in ("utf-8", "utf-16", "gb18030"):
        try:
            data = body.encode(encoding)
        except UnicodeEncodeError:
            continue
        try:
            report = parse_report_bytes(data, Path("r.html" if html_page else "r.txt"))
        except RejectedFile as exc:
            assert str(exc)
        else:
            assert "\r" not in report.normalized_text
            assert "\x00" not in report.raw_text


@PROPERTY
@given(report_like_text, st.booleans())
def test_normalize_text_keeps_lines_and_is_stable(text: str, convert: bool) -> None:
    normalized = normalize_text(text, convert_script=convert)
    assert "\r" not in normalized
    line_ends = text.count("\r\n") + text.replace("\r\n", "").count("\r")
    line_ends += text.replace("\r\n", "").count("\n")
    assert normalized.count("\n") == line_ends
    # NFKC and line ends are settled after one pass
    once = normalize_text(text, convert_script=False)
    assert normalize_text(once, convert_script=False) == once
    assert detect_script(text) in {"simplified", "traditional", "mixed"}


@PROPERTY
@given(st.text(alphabet=_ANY_DECODED, max_size=500))
def test_html_to_text_takes_any_markup(markup: str) -> None:
    text = html_to_text(markup)
    assert all(line.strip() for line in text.split("\n")) or text == ""


@PROPERTY
@given(st.lists(report_like_text, max_size=20))
def test_html_to_text_gives_back_the_paragraphs(lines: list[str]) -> None:
    """Each <p> of a saved page comes back as its line; scripts and menus never do.

    Control characters are left out: HTML parsers drop them (the loader removes NUL first).
    """
    lines = [
        " ".join("".join(ch for ch in line if unicodedata.category(ch) != "Cc").split())
        for line in lines
    ]
    page = (
        "<html><head><script>var s='脚本';</script></head><body><nav>导航</nav>"
        + "".join(f"<p>{html.escape(line)}</p>" for line in lines)
        + "</body></html>"
    )
    expected = [line for line in lines if line.strip()]
    assert [line.strip() for line in html_to_text(page).split("\n") if line] == expected


@PROPERTY
@given(report_like_text)
def test_gbk_slip_repair_takes_any_line(text: str) -> None:
    line_count = text.count("\n") + 1
    for number, repaired in find_gbk_slips(text):
        assert 1 <= number <= line_count
        assert repaired[0] in "(（)）"
    for line in text.split("\n"):
        repaired = repair_gbk_slip(line)
        assert repaired is None or repaired[0] in "(（)）"


@PROPERTY
@given(st.text(alphabet="。,;:)」』》ㄒ唬┮阅茉锤锩ǘ怨鑳啥税l(（一二三C0 ", max_size=80))
def test_gbk_slip_repair_on_slip_like_lines(line: str) -> None:
    repaired = repair_gbk_slip(line)
    assert repaired is None or repaired[0] in "(（)）"


# ------------------------------------------------------------------ numbers round-trip


def _counts_as_a_numeral(number: int) -> bool:
    """The extractor's rule: a digit beside a magnitude (三十五万), so 十万 alone is no figure."""
    return bool(
        re.search(
            "[一二三四五六七八九][十百千万亿]|[十百千万亿][零一二三四五六七八九]",
            cn2an.an2cn(number),
        )
    )


@PROPERTY
@given(
    st.integers(min_value=11, max_value=99_999_999).filter(_counts_as_a_numeral),
    st.sampled_from(["人", "个", "吨", "亩", "座"]),
)
def test_chinese_numerals_come_back_as_written(number: int, unit: str) -> None:
    """The numeral and its unit read back as written, and count the number: a trailing 万 may
    go to the unit (十一万人 is 十一 万人), never lost."""
    numeral = cn2an.an2cn(number)
    (figure,) = extract_figures(f"某项指标完成{numeral}{unit},", UNITS, FAMILIES)
    assert figure.number_text + figure.unit == numeral + unit
    assert figure.value * MULTIPLIERS[figure.unit] == float(number) * MULTIPLIERS[unit]


@PROPERTY
@given(
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
)
def test_full_width_ranges_come_back_as_written(low, high) -> None:
    """２．５％—３％ after normalisation is the range 2.5 to 3, whatever the numbers."""
    written = f"某项指标增长{low}%—{high}%左右,"
    full = "".join(chr(ord(c) + 0xFEE0) if c in "0123456789.%," else c for c in written)
    figures = extract_figures(normalize_text(full, convert_script=False), UNITS, FAMILIES)
    assert [(f.value, f.value_high, f.unit) for f in figures] == [(float(low), float(high), "%")]


@PROPERTY
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=300))
def test_unicode_files_decode_back_to_their_text(text: str) -> None:
    text = text.lstrip("\ufeff")
    for encoding in ("utf-8", "utf-8-sig", "utf-16"):
        data = text.encode(encoding)
        try:
            decoded = decode_bytes(data)
        except DecodeError as exc:
            # only text that starts like a binary format's signature is refused
            assert str(exc).startswith("binary file: looks like"), exc
            continue
        assert decoded.text == text
