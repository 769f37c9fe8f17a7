"""Every quantity in a passage of report text, with the phrase it belongs to.

A pure function of the text and the list of units (which comes from `seeds/units.csv`, passed
in by the dbt model, so the seed stays the one place a unit is defined). It runs inside DuckDB
as a UDF (see `duckdb_functions.py`) and is unit-tested here and in dbt.

How a figure is read, on normalised text (NFKC: ASCII digits, `%`, `,`):
- a figure is a number (Arabic, or a Chinese numeral that carries a magnitude such as 三十五万 or
  两千) directly followed by a known unit; years, months, ordinals (第3) and bare numbers are not
  figures;
- its indicator is the text between the previous figure (or the start of its clause) and the
  number, with framing words stripped (全年…完成, 增长, 达到…); the stripped words say whether
  it is a growth, a fall, a change in points, an approximation or a bound;
- a figure with no indicator of its own inherits the one before it in the same sentence part
  (up to 。 or ;), or the head of the clause before it ("粮食产量屡创新高,去年达到1.09万亿斤");
- figures run together by a scraper ("分别增长6.5%5.2%") split on the unit; a run of figures
  joined by 、/和 shares out an indicator list ("城镇和农村居民…分别增长6.5%、5.2%").
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import NamedTuple

import cn2an
import regex

from .comparators import QUALIFIER_COMPARATORS, comparator
from .framing import CHANGE_WORDS, FALL_WORDS, FRAMING_QUALIFIERS, LEADING_WORDS, TRAILING_WORDS
from .series import urban_and_rural_series, with_shared_tail
from .shared_patterns import FIVE_YEAR_PLAN_NAME_IN_TEXT

# Sentence parts (figures inherit indicators within them) and clauses (quotes).
_SENTENCE_END = re.compile(r"[。;!?\n]")
_CLAUSE_END = re.compile(r"[,:]")
_PARENTHETICAL = re.compile(r"\([^()]{0,40}\)")

_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_MAGNITUDES = "十百千万亿"
# A Chinese numeral counts only when it has a digit and a magnitude (三十五万, 两千): bare
# 三 or 十 are ordinals and slogans (三件大事, 两个确立, 十大工程). It is read from the start of a
# run of numeral characters (or one character in, where the figure's look-behind refuses the
# first), and is at most a few dozen long (一千二百三十四万五千六百七十八 has 15): unbounded and
# tried at every character, a long run (十十十…) cost quadratic backtracking, minutes on a
# 200,000-character line.
_CN_CHAR = f"[{_CN_DIGITS}{_CN_MAGNITUDES}]"
_CN_NUMBER = (
    rf"(?:(?<!{_CN_CHAR})|(?<=[0-9.A-Za-z第]{_CN_CHAR})){_CN_CHAR}{{0,20}}"
    rf"(?:[{_CN_DIGITS}][{_CN_MAGNITUDES}]|[{_CN_MAGNITUDES}][{_CN_DIGITS}])"
    rf"{_CN_CHAR}{{0,20}}"
)

_FALL_IN_WORDS = re.compile("|".join(sorted(FALL_WORDS, key=len, reverse=True)))
_CHANGE_IN_WORDS = re.compile("|".join(sorted(CHANGE_WORDS | {"增加"}, key=len, reverse=True)))
_APPROXIMATE_WORDS = frozenset(("约", "近", "超过", "超", "突破", "逾", "余", "多"))
# rates and shares: "…覆盖率", "占本年支出的46.89%", "完成预算的96.98%" (a completion ratio;
# 完成 is stripped as framing)
_RATE_WORDS = re.compile(r"率|比重|占比|比例|份额|覆盖|达标|优良|满意度|贡献|^占|(?:计划|预算)的$")
# "完成年度计划的102%" (完成 is stripped as framing), "完成预算的96.98%"
_COMPLETION = re.compile(r"(?:计划|预算)的$")
_LEVEL_AFTER_CHANGE = re.compile(r"(提高|提升|增长|增加|上升|下降|降低|减少)(到|至)$")
_UNIT_SPLIT = re.compile(r"[和、及与]")
# `regex`, not `re`, for this one: `re` tries the look-behinds at every character, 5x slower.
# The last time word before a figure in its paragraph dates it: a year, or "去年"/"过去一年"
# (the year before the report; "比去年" and "比上年" are comparisons, not dates), or "今年".
_TIME_WORD = regex.compile(
    r"(?<![比较同与]|[0-9]{4}(?:到|至|—|-))(?P<year>(?:19|20)[0-9]{2})年(?!均)|(?<![比较同])(?P<last>去年|过去一年|上一年|上年)(?!结转|结余)|(?P<this>今年|明年)"
)
# a plan's name (十四五, the shared pattern) or a span of five years
# ("五年全国新增城镇就业5100万人"; not the 五年 of a year, 一九九五年, or of 十五年, 第五年)
_FIVE_YEAR = re.compile(
    FIVE_YEAR_PLAN_NAME_IN_TEXT
    + "|(?<![零〇一二两三四五六七八九十百第0-9])五年(?!级)|年均|平均每年"
)
_WHOLE_YEAR = re.compile(r"全年|今年|去年|上年|当年")
# a total over years: "累计", or a span that runs to now ("2021年以来", "十八大以来"), unless it
# is the year itself ("今年以来" in a review, "去年以来" early in the next year)
_CUMULATIVE = re.compile(r"累计|总计|合计|(?<!今年|去年|上年|本年)以来")
# the start of a change whose end follows ("从2021年的46503元…提高到58794元"), left at the end
# of an indicator when the start names its year
_CHANGE_START = re.compile(
    r"(?:从|由)(?:(?:19|20)[0-9]{2}年|[一二九〇零]{4}年|今年|去年|上年|上一年|本年)(?:底|末)?"
    r"(?:预计|实际|计划)?的?$"
)
# an actual the report could only estimate ("全年预计增长5.2%", "预计完成3200亿元"); the word
# governs the rest of its sentence
_ESTIMATE = re.compile(r"预计")
# a growth measured on a comparable basis, not on the published totals ("按可比口径增长5.2%",
# "同口径增长8%", "增长5%(同口径)")
_COMPARABLE_BASIS = re.compile(r"同口径|可比口径|可比价")
_MONTH_RANGE = re.compile(
    r"[0-9]{1,2}(-|—|至)[0-9]{1,2}月|前三季度|上半年|一季度|前[0-9一二三]季度"
)
_JOINED = re.compile(rf"^({'|'.join(FRAMING_QUALIFIERS)})?[、和及与,]?$")
_RANGE_SEPARATOR = re.compile(r"^(—|-|~|至|到)$")
_QUALIFIER = re.compile(rf"\s?({'|'.join(QUALIFIER_COMPARATORS)})")
# 翻一番 doubles (+100%), 翻两番 quadruples (+300%).
_DOUBLING = re.compile(r"翻(?P<times>一|两|二|三)番")
# Percentages in words: 翻一番, and 百分之六 / 百分之六点五 (the unit before the number).
_WORDED_NUMBER = r"[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?"
_WORDED_PERCENT = re.compile(
    _DOUBLING.pattern
    + rf"|百分之(?P<words>{_WORDED_NUMBER})"
    # "百分之八至九", "百分之八到百分之九": a range
    + rf"(?:(?:至|到|—|-)(?:百分之)?(?P<high>{_WORDED_NUMBER}))?"
)
_DOUBLING_GROWTH = {"一": 100.0, "两": 300.0, "二": 300.0, "三": 700.0}
# "175个重点项目": the noun that follows a figure
_FOLLOWING_NOUN = regex.compile(r"[“\"]?([\p{Han}A-Za-z0-9]{1,12})")
_CHANGE_IN_INDICATOR = re.compile("增速|增幅|涨幅|降幅|增长|下降")

# The framing words by length, so stripping looks up a few suffixes and prefixes instead of
# testing every word (this runs for every figure of every report).
_TRAILING_BY_LENGTH = tuple(
    (length, frozenset(w for w in TRAILING_WORDS if len(w) == length))
    for length in sorted({len(w) for w in TRAILING_WORDS}, reverse=True)
)
# leading words are tried in list order: the first one that fits wins
_LEADING_BY_LENGTH = tuple(
    (length, {w: i for i, w in enumerate(LEADING_WORDS) if len(w) == length})
    for length in sorted({len(w) for w in LEADING_WORDS})
)


class _Hit(NamedTuple):
    """A number with its unit, before its indicator is known."""

    start: int
    end: int
    number_text: str
    unit: str
    value: float
    value_high: float | None
    approximate: bool
    clause: tuple[int, int]


class Figure(NamedTuple):
    """One quantity in the text. Offsets are 0-based characters of the text passed in.

    A named tuple, not a dataclass: tens of thousands are made per report batch, and a
    tuple is both the cheapest to make and turned into columns by one ``zip``.
    """

    start_offset: int
    end_offset: int
    number_text: str
    value: float
    value_high: float | None
    unit: str
    indicator: str
    metric_kind: str
    is_approximate: bool
    is_inherited: bool
    lead_words: str
    trail_word: str
    # about, at_least, at_most, range or equal: govreports/figures/comparators.py
    comparator: str
    year_hint: int | None
    # the year hint stands in the figure's own sentence: only such a year may date a figure
    # after its report ("到2025年,全市地区生产总值达到6500亿元")
    is_year_hint_in_sentence: bool
    years_before_report: int | None
    period: str
    # "预计完成", "预计增长": the report states an estimate of the actual
    is_estimate: bool
    # "按可比口径增长", "同口径": measured on a comparable basis
    is_comparable_basis: bool
    quote: str
    quote_start: int


@lru_cache(maxsize=8)
def _figure_pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    # The standard library's engine: this pattern needs nothing of `regex` and is the scan that
    # runs over every character of every report, where `re` is about twice as fast.
    alternation = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    # Spaces inside a figure never include a line break, so that one scan of a whole text
    # finds exactly the figures that a scan of each sentence would (sentences end at lines).
    # Every figure starts with a digit or a numeral character: the look-ahead saying so first
    # lets the engine skip the other characters at once (a quarter of the time of the scan).
    return re.compile(
        rf"(?=[0-9{_CN_DIGITS}{_CN_MAGNITUDES}])"
        rf"(?<![0-9.A-Za-z第])(?:(?P<low>[0-9]+(?:\.[0-9]+)?)[^\S\n]?(?:—|-|~|至)[^\S\n]?)?"
        # thousands grouped by commas ("29,731,732,000元"; a full-width comma is ASCII after NFKC)
        rf"(?P<number>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|{_CN_NUMBER})"
        rf"(?P<approx>余|多)?[^\S\n]?(?P<unit>{alternation})"
    )


def _number_value(text: str) -> float | None:
    if text[0].isdigit():
        return float(text.replace(",", ""))
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def _magnitude_into_unit(number: str, unit: str, known_units: frozenset[str]) -> tuple[str, str]:
    """A Chinese numeral's trailing magnitude goes to the unit when the seed has that unit:
    "六百零八万吨" is 608 万吨 and "一万亿元" 1 万亿元, as "608万吨" and "1万亿元" are."""
    for magnitude in ("万亿", "亿", "万"):
        if (
            number.endswith(magnitude)
            and len(number) > len(magnitude)
            and magnitude + unit in known_units
        ):
            return number[: -len(magnitude)], magnitude + unit
    return number, unit


def _value_in_unit(number: str, unit: str) -> float | None:
    """The number counted in its unit. "四亿零七百多万吨" is 4亿 + 700万 tonnes: before a 万 unit
    the 亿 of a Chinese numeral counts ten thousand of that unit (40700万吨), not 4亿 of it."""
    if number[0].isdigit() or "亿" not in number or not unit.startswith("万") or unit[1:2] == "亿":
        return _number_value(number)
    hundred_millions, _, rest = number.partition("亿")
    high = _number_value(hundred_millions) if hundred_millions else 1.0
    low = _number_value(rest.lstrip("零")) if rest.lstrip("零") else 0.0
    if high is None or low is None:
        return None
    return high * 10000 + low


# A time frame around an indicator ("到2025年…比2020年翻一番") and a list point's dash
# ("——地区生产总值增长6%") name no part of it.
_DATE_FRAME = re.compile(
    r"^(?:——|—|--|-)+|^(?:到|至)?(?:19|20)[0-9]{2}年(?:底|末)?|比(?:19|20)[0-9]{2}年(?:底|末)?$"
)


_BARE_OUTPUT = frozenset(("总产量", "产量", "总产"))
_GENERIC_SUBJECTS = frozenset(("平均每人", "每人平均", "人均", "实际金额", "金额", "总额", "总量"))
# the two characters opening a clause, after a frame of time or place
_CLAUSE_SUBJECT = regex.compile(r"\s*(?:全年|今年|去年|全省|全市|全县|全区|全国|我国)?(\p{Han}{2})")
_INNER_VERB = re.compile(
    r"(?<=.)(?:完成|实现)(?=增加值|总产值|产值|营业收入|主营业务收入|销售收入)"
)
_BARE_ECONOMY = re.compile(r"(?:全[省市县区州旗盟国]|我国|我省|我市|我县|我区)?经济")


def _strip_frame(segment: str) -> tuple[str, list[str]]:
    """The indicator inside ``segment`` and the framing words stripped from its end."""
    words: list[str] = []
    text = _DATE_FRAME.sub("", segment.strip(" ,、")).strip(" ,、")
    # positions, not slices: a segment of thousands of framing words (全年全年…) is stripped in
    # linear time; slicing the remaining text once per word was quadratic
    start, end = 0, len(text)
    changed = True
    while changed and end > start:
        changed = False
        # the longest word that ends the text (two words of one length cannot both end it)
        for length, trailing in _TRAILING_BY_LENGTH:
            if end - start >= length and text[end - length : end] in trailing:
                words.append(text[end - length : end])
                end -= length
                changed = True
                break
    while end > start:
        # "完成率" keeps its 完成: a lone character left over is no indicator
        remaining = end - start
        first = min(
            (
                leading[text[start : start + length]]
                for length, leading in _LEADING_BY_LENGTH
                if remaining - length > 1 or remaining == length
                if text[start : start + length] in leading
            ),
            default=None,
        )
        if first is None:
            break
        start += len(LEADING_WORDS[first])
    indicator = _DATE_FRAME.sub("", text[start:end]).strip(" ,、()")
    # "服务业完成增加值2763.2亿元": the verb inside names no part of the series
    indicator = _INNER_VERB.sub("", indicator)
    # "经济增长5.5%左右": the economy's growth is a noun phrase (GDP growth), not 经济 + 增长
    if words and words[-1] in ("增长", "增速") and _BARE_ECONOMY.fullmatch(indicator):
        indicator += words[-1]
    return indicator, words


def _share_out(indicator: str, count: int) -> list[str]:
    """An indicator naming several series, one per figure of a joined run."""
    parts = [p for p in _UNIT_SPLIT.split(indicator) if p]
    if len(parts) == count and count > 1:
        last = parts[-1]
        # "城镇和农村居民人均可支配收入": the short head shares the tail of the last part
        return [with_shared_tail(p, last) if len(p) <= 2 < len(last) else p for p in parts]
    if count == 2 and len(series := urban_and_rural_series(indicator)) == 2:
        return series
    if count == 3 and indicator.startswith("一二三产"):
        return [f"{p}产{indicator[4:]}" for p in "一二三"]
    return [indicator] * count


def _kind(unit: str, indicator: str, words: list[str], family_of_unit: str) -> tuple[str, int]:
    """(metric kind, sign) from the unit, the indicator and the framing words."""
    stripped = "".join(reversed(words))
    # a framing word may hold the change ("比上年下降4.59%")
    falls = bool(_FALL_IN_WORDS.search(stripped)) or "下降" in indicator or "降低" in indicator
    sign = -1 if falls else 1
    if unit in ("个百分点", "百分点"):
        return "change_pp", sign
    if family_of_unit == "percent":
        if _LEVEL_AFTER_CHANGE.search(stripped) or _RATE_WORDS.search(indicator):
            return "rate_pct", 1
        changes = bool(_CHANGE_IN_WORDS.search(stripped))
        if changes or _CHANGE_IN_INDICATOR.search(indicator):
            return "growth_pct", sign
        return "percent", 1
    if unit == "倍":
        return "multiple", 1
    return ("count" if family_of_unit == "count" else "level"), 1


def extract_figures(text: str, units: list[str], families: list[str]) -> list[Figure]:
    """All figures in ``text``; ``units`` and their ``families`` come from the units seed."""
    if not text or not units:
        return []
    pattern = _figure_pattern(tuple(units))
    family_of = dict(zip(units, families, strict=True))
    count_units = {u for u, f in family_of.items() if f == "count"}
    percent_units = tuple(u for u, f in family_of.items() if f == "percent")
    # parentheticals ("(不含开发区)") are blanked so their commas do not cut clauses
    scan = _PARENTHETICAL.sub(lambda m: " " * len(m.group()), text)
    time_words = _TimeWords(scan)
    # One scan of the whole text, the matches then dealt out to their sentences: no figure
    # spans a sentence end, and scanning sentence by sentence cost a call per sentence.
    matches = list(pattern.finditer(scan))
    worded = list(_WORDED_PERCENT.finditer(scan))
    # each match goes to its sentence by bisection: most sentences hold no figure, and
    # walking them all cost more than the figures
    sentence_ends = [m.start() for m in _SENTENCE_END.finditer(scan)]
    # bisected too: looking back for the line break from every sentence of a text with none
    # walked the whole text each time
    line_breaks = [m.start() for m in re.finditer("\n", scan)]
    found: dict[int, tuple[list[re.Match[str]], list[re.Match[str]]]] = {}
    for match in matches:
        found.setdefault(bisect_right(sentence_ends, match.start()), ([], []))[0].append(match)
    for match in worded:
        found.setdefault(bisect_right(sentence_ends, match.start()), ([], []))[1].append(match)
    figures: list[Figure] = []
    for index in sorted(found):
        s_start = sentence_ends[index - 1] + 1 if index else 0
        s_end = sentence_ends[index] if index < len(sentence_ends) else len(scan)
        sentence_matches, sentence_worded = found[index]
        breaks_before = bisect_left(line_breaks, s_start)
        paragraph_start = line_breaks[breaks_before - 1] + 1 if breaks_before else 0
        figures.extend(
            _figures_in_sentence(
                text,
                scan,
                (s_start, s_end),
                paragraph_start,
                sentence_matches,
                sentence_worded,
                count_units,
                percent_units,
                time_words,
                frozenset(family_of),
            )
        )
    return figures


class _TimeWords:
    """The time words of a text, found once; the last one before a position in its paragraph.

    Time words hold no line break and never run into a figure, so one scan of the whole text
    finds exactly what a scan of each paragraph up to each figure would.
    """

    def __init__(self, scan: str) -> None:
        self.matches = list(_TIME_WORD.finditer(scan))
        self.ends = [m.end() for m in self.matches]

    def last_before(self, paragraph_start: int, position: int) -> regex.Match[str] | None:
        index = bisect_right(self.ends, position) - 1
        if index >= 0 and self.matches[index].start() >= paragraph_start:
            return self.matches[index]
        return None


class _ClausePeriods:
    """Whether a five-year, cumulative or month-range word stands in a clause before a figure.

    The figures of a clause come in order, and each one's context (clause start to figure)
    holds the one before, so only the new stretch is searched, from a margin back that covers a
    word cut by the previous end. Searching from the clause start for every figure was
    quadratic in a long clause (a scraped page with no punctuation).
    """

    _PATTERNS = (_FIVE_YEAR, _CUMULATIVE, _MONTH_RANGE)
    _MARGIN = 16  # longer than any word the patterns match

    def __init__(self, scan: str) -> None:
        self.scan = scan
        self.clause_start = -1
        self.searched_to = -1
        self.found = [False, False, False]

    def before(self, clause_start: int, position: int) -> tuple[bool, bool, bool]:
        if clause_start != self.clause_start or position < self.searched_to:
            self.clause_start, self.searched_to = clause_start, clause_start
            self.found = [False, False, False]
        start = max(clause_start, self.searched_to - self._MARGIN)
        for index, pattern in enumerate(self._PATTERNS):
            if not self.found[index] and pattern.search(self.scan, start, position):
                self.found[index] = True
        self.searched_to = position
        five_year, cumulative, month_range = self.found
        return five_year, cumulative, month_range


def _iter_spans(
    text: str, separator: re.Pattern[str], start: int, end: int
) -> list[tuple[int, int]]:
    """The non-empty stretches of ``text[start:end]`` between separators, as offsets."""
    spans = []
    for match in separator.finditer(text, start, end):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if end > start:
        spans.append((start, end))
    return spans


def _hits(
    scan: str,
    s_start: int,
    s_end: int,
    matches: list[re.Match[str]],
    worded: list[re.Match[str]],
    clauses: list[tuple[int, int]],
    known_units: frozenset[str],
) -> list[_Hit]:
    """Numbers with units in one sentence, ranges ("5%—5.5%") merged, percentages in words
    (翻一番, 百分之六) included."""

    # bisected: a sentence of thousands of clauses must not scan them all for every figure
    clause_starts = [a for a, _ in clauses]

    def clause_of(position: int) -> tuple[int, int]:
        index = bisect_right(clause_starts, position) - 1
        if index >= 0 and position < clauses[index][1]:
            return clauses[index]
        return (s_start, s_end)

    hits: list[_Hit] = []
    for match in matches:
        number, unit = match.group("number"), match.group("unit")
        value: float | None
        if not number[0].isdigit() and "亿" in number[:-1] and "亿" + unit in known_units:
            # "二十六亿六千万美元" is 26.6 亿美元, the unit such a sum is told in
            value = _number_value(number)
            value, unit = (None if value is None else value / 1e8), "亿" + unit
        else:
            if not number[0].isdigit():
                number, unit = _magnitude_into_unit(number, unit, known_units)
            value = _value_in_unit(number, unit)
        if value is None:
            continue
        low = match.group("low")
        hit = _Hit(
            start=match.start(),
            end=match.end(),
            number_text=number if low is None else match.group()[: -len(unit)].strip(),
            unit=unit,
            value=value if low is None else float(low),
            value_high=None if low is None else value,
            approximate=bool(match.group("approx")),
            clause=clause_of(match.start()),
        )
        if hits:
            previous = hits[-1]
            between = scan[previous.end : hit.start].strip()
            if _RANGE_SEPARATOR.match(between) and previous.unit == hit.unit:
                hits[-1] = _Hit(
                    previous.start,
                    hit.end,
                    previous.number_text,
                    hit.unit,
                    previous.value,
                    hit.value,
                    previous.approximate,
                    previous.clause,
                )
                continue
        hits.append(hit)
    for match in worded:
        times = match.group("times")
        value = _DOUBLING_GROWTH[times] if times else _number_value(match.group("words"))
        if value is None:
            continue
        high = match.group("high")
        hits.append(
            _Hit(
                start=match.start(),
                end=match.end(),
                number_text=match.group(),
                unit="%",
                value=value,
                value_high=_number_value(high) if high else None,
                approximate=False,
                clause=clause_of(match.start()),
            )
        )
    return sorted(hits, key=lambda hit: hit.start)


def _figures_in_sentence(
    text: str,
    scan: str,
    sentence: tuple[int, int],
    paragraph_start: int,
    matches: list[re.Match[str]],
    worded: list[re.Match[str]],
    count_units: set[str],
    percent_units: tuple[str, ...],
    time_words: _TimeWords,
    known_units: frozenset[str],
) -> list[Figure]:
    s_start, s_end = sentence
    clauses = _iter_spans(scan, _CLAUSE_END, s_start, s_end)
    raw = _hits(scan, s_start, s_end, matches, worded, clauses, known_units)
    periods = _ClausePeriods(scan)
    # a clause that opens the sentence with no figure of its own frames every figure after it
    frame = (
        clauses[0]
        if clauses and not any(clauses[0][0] <= h.start < clauses[0][1] for h in raw)
        else None
    )
    frame_length = frame[1] - frame[0] if frame else 0
    # a months frame ("1至11月,…"), not a clause that also states a figure
    # ("前三季度地区生产总值增长5%,全年增长5.2%")
    opens_with_months = (
        bool(frame) and frame_length <= 10 and bool(_MONTH_RANGE.search(scan, *frame))
    )
    # "按可比口径计算,…": a basis that opens the sentence holds for each of its figures
    basis_opens = bool(frame and _COMPARABLE_BASIS.search(scan, *frame))
    # a figure's clause states a basis ("按可比口径增长5.2%", "增长5%(同口径)"): each clause is
    # searched once, however many figures it holds
    clause_bases: dict[tuple[int, int], bool] = {}
    # 预计 governs the rest of its sentence: where it first stands
    estimate = _ESTIMATE.search(scan, s_start, s_end)
    estimate_at = estimate.start() if estimate else s_end
    # "党的十八大以来,…", "过去五年,…": a span of years that opens the sentence holds for each
    # of its figures
    span_opens = (
        ""
        if not frame or frame_length > 12
        else "five_year"
        if _FIVE_YEAR.search(scan, *frame)
        else "cumulative"
        if _CUMULATIVE.search(scan, *frame)
        else ""
    )
    # ...unless the year itself is named after it ("…,今年,国内生产总值增长8.5%")
    whole_year = _WHOLE_YEAR.search(scan, frame[1], s_end) if span_opens and frame else None
    whole_year_at = whole_year.start() if whole_year else s_end
    # where the year of a change's start ("从2021年的…") stands: it dates the start, not the end
    change_start_year_at = -1
    results: list[Figure] = []
    previous_end = s_start
    previous_indicator = ""
    # the series named so far in the sentence, one per figure
    sentence_names: list[str] = []
    index = 0
    while index < len(raw):
        # a run of figures joined by 、/和 (or run together) shares one framing
        run = [raw[index]]
        while index + len(run) < len(raw):
            nxt = raw[index + len(run)]
            between = scan[run[-1].end : nxt.start].strip()
            if not _JOINED.match(between) or nxt.unit != run[0].unit:
                break
            run.append(nxt)
        first = run[0]
        clause_start, clause_end = first.clause
        seg_start = max(clause_start, previous_end)
        segment = scan[seg_start : first.start]
        indicator, words = _strip_frame(segment)
        if change_start := _CHANGE_START.search(indicator):
            # "城乡居民人均可支配收入从2021年的46503元…": the series, then the start of a change
            # what is left may be framing ("将由去年的1076亿元增加到1562亿元")
            indicator, more_words = _strip_frame(indicator[: change_start.start()])
            words += [*more_words, "从"]
        inherited = False
        quote_start = clause_start
        unit = first.unit
        # "投资1300亿元以上": a qualifier, not a noun, may follow the figure
        after_qualifier = _QUALIFIER.match(scan, first.end, clause_end)
        following = _FOLLOWING_NOUN.match(
            scan, after_qualifier.end() if after_qualifier else first.end, clause_end
        )
        if following and ((len(indicator) <= 4 and unit in count_units) or 0 < len(indicator) <= 2):
            # "175个重点项目", "建成12公里“四好农村路”": the noun follows the figure
            indicator = indicator + following.group(1)
        elif 0 < len(indicator) <= 2 and previous_indicator and {"至", "到"} & set(words):
            # "由66户整合至12户": a bare verb continues the figure before
            indicator = ""
        shared_names: list[str] | None = None
        shares_one = len(run) == 1 and not {"都", "均"}.isdisjoint(words)
        if (
            not indicator
            and shares_one
            and len(sentence_names) >= 2
            and sentence_names[-1] != sentence_names[-2]
        ):
            # "原煤产量达到七亿七千多万吨,原油达到一亿一千四百多万吨,都比上年增长8%": one figure
            # for each of the series just named
            shared_names = sentence_names[-2:]
            indicator, inherited = shared_names[-1], True
        elif not indicator and len(run) > 1 and len(set(sentence_names[-len(run) :])) == len(run):
            # "城镇居民人均可支配收入9632元,农民人均纯收入3686元,分别增长11%和6.2%": a run with no
            # subject of its own names, in order, the series the sentence just gave
            shared_names = sentence_names[-len(run) :]
            indicator, inherited = shared_names[-1], True
        elif not indicator:
            if previous_indicator:
                indicator, inherited = previous_indicator, True
            else:
                # "粮食产量屡创历史新高,去年达到1.09万亿斤": the clause before names it
                before = [c for c in clauses if c[1] <= clause_start]
                if before:
                    quote_start = before[-1][0]
                    indicator = scan[before[-1][0] : before[-1][1]].strip()[:20]
                    inherited = bool(indicator)
        elif len(indicator) <= 3 and previous_indicator and segment.lstrip().startswith("、"):
            # "粮食播种面积1584.6万亩、总产量132.4亿斤": an enumeration shares its subject
            indicator = previous_indicator[:2] + indicator
        elif indicator in _BARE_OUTPUT and clause_start > s_start:
            # "粮食生产出现重要转机,总产量达2480万吨": the clause before says whose output
            before = [c for c in clauses if c[1] <= clause_start]
            subject = _CLAUSE_SUBJECT.match(
                scan, before[-1][0] if before else s_start, clause_start
            )
            if subject:
                indicator = subject.group(1) + indicator
        elif indicator in _GENERIC_SUBJECTS:
            # "农民的纯收入,全国平均每人达到三百五十五元", "外商直接投资保持良好势头,实际金额达到
            # 330多亿美元": the clause before names the series
            before = [c for c in clauses if c[1] <= clause_start]
            if before:
                quote_start = before[-1][0]
                indicator = scan[before[-1][0] : before[-1][1]].strip()[:20]
                inherited = bool(indicator)
        family = (
            "percent" if unit in percent_units else ("count" if unit in count_units else "other")
        )
        kind, sign = _kind(unit, indicator, words, family)
        if _DOUBLING.fullmatch(first.number_text):
            kind, sign = "growth_pct", 1
        five_year, cumulative, month_range = periods.before(clause_start, first.start)
        # "1至11月,规模以上服务业营业收入增长9.8%,…": a months frame opening the sentence, unless
        # the clause names the whole year ("…,全年预计增长5.2%")
        month_range = month_range or (
            opens_with_months and not _WHOLE_YEAR.search(scan, clause_start, first.start)
        )
        year_match = time_words.last_before(paragraph_start, first.start)
        period = (
            "start_of_change"
            if "从" in words or "由" in words
            else "five_year"
            if five_year
            else "cumulative"
            if cumulative
            else "month_range"
            if month_range
            else "year"
        )
        if span_opens and period in ("year", "month_range") and whole_year_at >= first.start:
            period = span_opens
        if _DOUBLING.fullmatch(first.number_text) and period == "year":
            # 翻两番 is growth over years, never one year's
            period = "cumulative"
        if period == "start_of_change" and year_match:
            change_start_year_at = year_match.start()
        elif year_match and year_match.start() == change_start_year_at:
            # "…分别提高到58794元和23184元": the end of a change is not in its start's year
            year_match = None
        is_estimate = estimate_at < first.start
        if first.clause not in clause_bases:
            clause_bases[first.clause] = bool(_COMPARABLE_BASIS.search(scan, *first.clause))
        is_comparable_basis = basis_opens or clause_bases[first.clause]
        names = (
            shared_names
            if shared_names
            else _share_out(indicator, len(run))
            if len(run) > 1
            else [indicator]
        )
        emitted = [first] * len(names) if shared_names and len(run) == 1 else run
        pair = indicator.split("和")
        if (
            len(run) == 1
            and len(pair) == 2
            and min(len(p) for p in pair) >= 4
            and pair[0][-2:] == pair[1][-2:]
        ):
            # "城镇居民人均可支配收入和农民人均纯收入分别增长10%": one figure for both
            emitted, names = [first, first], pair
        while quote_start < first.start and text[quote_start].isspace():
            # a paragraph's indent (　　, two spaces after NFKC) is no part of its quote
            quote_start += 1
        run_qualifier = _QUALIFIER.match(scan, run[-1].end, clause_end)
        approximate_words = not _APPROXIMATE_WORDS.isdisjoint(words)
        for hit, name in zip(emitted, names, strict=True):
            # "分别增长4%左右和6%左右": each figure may carry its own qualifier
            own_qualifier = _QUALIFIER.match(scan, hit.end, clause_end)
            qualifier = own_qualifier or run_qualifier
            results.append(
                Figure(
                    start_offset=hit.start,
                    end_offset=hit.end,
                    number_text=hit.number_text,
                    value=sign * hit.value,
                    value_high=None if hit.value_high is None else sign * hit.value_high,
                    unit=hit.unit,
                    indicator=name,
                    metric_kind=kind,
                    is_approximate=hit.approximate or approximate_words,
                    is_inherited=inherited,
                    lead_words="".join(reversed(words)),
                    trail_word=qualifier.group(1) if qualifier else "",
                    comparator=comparator(
                        hit.value_high is not None, words, qualifier.group(1) if qualifier else ""
                    ),
                    year_hint=(
                        int(year_match.group("year"))
                        if year_match and year_match.group("year")
                        else None
                    ),
                    is_year_hint_in_sentence=bool(
                        year_match and year_match.group("year") and year_match.start() >= s_start
                    ),
                    years_before_report=(
                        None
                        if not year_match or year_match.group("year")
                        else 1
                        if year_match.group("last")
                        else 0
                    ),
                    period=period,
                    is_estimate=is_estimate,
                    is_comparable_basis=is_comparable_basis,
                    quote=text[quote_start : hit.clause[1]],
                    quote_start=quote_start,
                )
            )
        previous_end = run[-1].end
        # a completion ratio ("完成年度计划的102%") or a frame ("在1979到1983年平均每年递增7.9%的
        # 基础上") names no series for the figures after it
        if not _COMPLETION.search(indicator) and not indicator.startswith("在"):
            previous_indicator = indicator
            sentence_names.extend(names)
        index += len(run)
    return results


COLUMN_FIELDS = Figure._fields


def extract_figures_json(text: str, units: list[str], families: list[str]) -> str:
    """The UDF's shape: one JSON object of columns, each a list with a value per figure.

    One string per call crosses from Python into DuckDB, instead of a list of structs whose
    every field DuckDB converts on its own (that conversion cost more than the extraction);
    columns name each field once per text rather than once per figure.
    """
    figures = extract_figures(text, units, families)
    columns = zip(*figures, strict=True) if figures else [()] * len(COLUMN_FIELDS)
    return json.dumps(
        {name: list(column) for name, column in zip(COLUMN_FIELDS, columns, strict=True)},
        ensure_ascii=False,
    )


@lru_cache(maxsize=8)
def _units_of(units_json: str) -> tuple[list[str], list[str]]:
    units = json.loads(units_json)
    return units["names"], units["families"]


def figures_json_for_units(text: str, units_json: str) -> str:
    """:func:`extract_figures_json` with the units as SQL passes them: one JSON string
    ``{"names": [...], "families": [...]}``, read once however many texts use it."""
    units, families = _units_of(units_json)
    return extract_figures_json(text, units, families)
