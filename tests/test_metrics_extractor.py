"""The pure figure extractor (govreports/figures/extractor.py), on hand-made clauses and random
text."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreports.figures.duckdb_functions import FIGURE_FIELDS
from govreports.figures.extractor import extract_figures, extract_figures_json
from loaders.normalize import normalize_text

UNITS_CSV = Path(__file__).resolve().parent.parent / "seeds" / "units.csv"
with UNITS_CSV.open(encoding="utf-8") as handle:
    _ROWS = list(csv.DictReader(handle))
UNITS = [row["unit"] for row in _ROWS]
FAMILIES = [row["unit_family"] for row in _ROWS]


def figures(text: str) -> list[tuple]:
    return [
        (f.indicator, f.value, f.unit, f.metric_kind)
        for f in extract_figures(text, UNITS, FAMILIES)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "全年地区生产总值完成59.33亿元,增长13.9%",
            [("地区生产总值", 59.33, "亿元", "level"), ("地区生产总值", 13.9, "%", "growth_pct")],
        ),
        (
            "完成规上工业总产值60.2亿元",
            [("规上工业总产值", 60.2, "亿元", "level")],
        ),
        (
            "一般公共预算收入首次突破15亿元大关,达15.8亿元,增长12.4%",
            [
                ("一般公共预算收入", 15.0, "亿元", "level"),
                ("一般公共预算收入", 15.8, "亿元", "level"),
                ("一般公共预算收入", 12.4, "%", "growth_pct"),
            ],
        ),
        (
            "城乡居民人均可支配收入分别增长4%、8.7%",
            [
                ("城镇居民人均可支配收入", 4.0, "%", "growth_pct"),
                ("农村居民人均可支配收入", 8.7, "%", "growth_pct"),
            ],
        ),
        (
            "地区生产总值增长8%固定资产投资增长9.5%",
            [("地区生产总值", 8.0, "%", "growth_pct"), ("固定资产投资", 9.5, "%", "growth_pct")],
        ),
        ("万元GDP能耗下降17%", [("万元GDP能耗", -17.0, "%", "growth_pct")]),
        ("城镇登记失业率为3.79%", [("城镇登记失业率", 3.79, "%", "rate_pct")]),
        ("比重提高1.2个百分点", [("比重", 1.2, "个百分点", "change_pp")]),
        ("国内生产总值达到39.8 万亿元", [("国内生产总值", 39.8, "万亿元", "level")]),
        ("新建5G基站330座", [("新建5G基站", 330.0, "座", "count")]),
        ("2022年12月,召开第3次会议", []),
        ("办好三件大事,坚持两个确立", []),
    ],
)
def test_clauses(text, expected):
    assert figures(text) == expected


def test_parenthetical_commas_do_not_cut_the_clause():
    got = figures("全市生产总值完成2650.6亿元(不含定州,下同)、增长9%")
    assert got == [("生产总值", 2650.6, "亿元", "level"), ("生产总值", 9.0, "%", "growth_pct")]


def test_offsets_point_at_the_number_and_quotes_are_in_the_text():
    text = "各位代表。固定资产投资完成20.8亿元,增长13.9%。"
    for figure in extract_figures(text, UNITS, FAMILIES):
        assert text[figure.start_offset : figure.end_offset].startswith(figure.number_text)
        assert text[figure.quote_start :].startswith(figure.quote)
        assert figure.start_offset >= figure.quote_start


@pytest.mark.parametrize(
    ("text", "indicator", "trail_word"),
    [
        ("完成投资1300亿元以上。", "投资", "以上"),
        ("完成投资1300亿元左右。", "投资", "左右"),
        ("实现收入50亿元以内。", "收入", "以内"),
        ("新增学位4000个以上。", "新增学位", "以上"),
        ("建成175个重点项目。", "建成重点项目", ""),
    ],
)
def test_a_qualifier_after_the_figure_is_no_part_of_its_indicator(text, indicator, trail_word):
    (figure,) = extract_figures(text, UNITS, FAMILIES)
    assert (figure.indicator, figure.trail_word) == (indicator, trail_word)


def test_a_year_dates_figures_of_its_sentence_and_says_so():
    text = (
        "锚定十四五规划目标,到2025年,全市地区生产总值达到6500亿元,一般公共预算收入达到240亿元。"
        "常住人口城镇化率达到72%。"
    )
    found = [
        (f.indicator, f.year_hint, f.is_year_hint_in_sentence)
        for f in extract_figures(text, UNITS, FAMILIES)
    ]
    assert found == [
        ("地区生产总值", 2025, True),
        ("一般公共预算收入", 2025, True),
        # the paragraph's year still hints, but from another sentence
        ("常住人口城镇化率", 2025, False),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一般公共预算收入增长百分之六。", [("一般公共预算收入", 6.0, "%", "growth_pct")]),
        ("居民收入增长百分之六点五左右。", [("居民收入", 6.5, "%", "growth_pct")]),
        # a time frame and a comparison base are no part of the indicator
        ("旅游总收入:到2025年比2020年翻一番。", [("旅游总收入", 100.0, "%", "growth_pct")]),
        ("——地区生产总值增长6%左右;", [("地区生产总值", 6.0, "%", "growth_pct")]),
    ],
)
def test_percentages_in_words_and_framed_indicators(text, expected):
    assert figures(text) == expected


def test_a_months_frame_opening_a_sentence_dates_its_figures():
    text = "1至11月,规模以上服务业营业收入增长9.8%,金融业增加值增长6.5%。全年地区生产总值增长6%。"
    periods = [f.period for f in extract_figures(text, UNITS, FAMILIES)]
    assert periods == ["month_range", "month_range", "year"]
    text = "前三季度,全市地区生产总值增长5%,全年预计增长5.2%。"
    periods = [f.period for f in extract_figures(text, UNITS, FAMILIES)]
    assert periods == ["month_range", "year"]


def test_a_paragraph_indent_is_no_part_of_the_quote():
    text = "  全年完成投资1300亿元。"
    (figure,) = extract_figures(text, UNITS, FAMILIES)
    assert figure.quote == "全年完成投资1300亿元"
    assert text[figure.quote_start :].startswith(figure.quote)


def test_json_columns_are_the_figures_the_plugin_reads():
    text = "固定资产投资完成20.8亿元,增长13.9%;粮食产量132.4亿斤。"
    found = extract_figures(text, UNITS, FAMILIES)
    columns = json.loads(extract_figures_json(text, UNITS, FAMILIES))
    # the names and order the SQL macro parses (govreports/dbt_plugin.py)
    assert tuple(columns) == tuple(FIGURE_FIELDS)
    assert len(found) == 3
    for name, values in columns.items():
        assert values == [getattr(figure, name) for figure in found]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_in_no_exception_out(text):
    for figure in extract_figures(text, UNITS, FAMILIES):
        assert figure.unit in UNITS


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["亿元", "万人", "%", "万吨", "公里"]),
)
def test_numbers_come_back_as_written(number, unit):
    text = f"某项指标完成{number}{unit},"
    (figure,) = extract_figures(text, UNITS, FAMILIES)
    assert figure.value == pytest.approx(float(number))
    assert figure.unit == unit
    assert figure.indicator == "某项指标"


_UNIT_ROWS = {row["unit"]: row for row in _ROWS}


@pytest.mark.parametrize(
    ("text", "indicator", "value", "unit", "family", "normalized_unit", "multiplier"),
    [
        ("实际利用外资12.5亿美元", "实际利用外资", 12.5, "亿美元", "currency", "usd", 1e8),
        ("外贸进出口总额完成3500万美元", "外贸进出口总额", 3500, "万美元", "currency", "usd", 1e4),
        ("进出口总额达到4.2万亿元", "进出口总额", 4.2, "万亿元", "currency", "yuan", 1e12),
        ("粮食产量1389.8亿斤", "粮食产量", 1389.8, "亿斤", "mass", "kg", 5e7),
        ("开行中欧班列1500列", "开行中欧班列", 1500, "列", "count", "unit", 1),
        ("中欧班列累计开行超1.4万列", "中欧班列累计开行", 1.4, "万列", "count", "unit", 1e4),
    ],
)
def test_a_figure_keeps_its_unit_family_and_currency(
    text: str,
    indicator: str,
    value: float,
    unit: str,
    family: str,
    normalized_unit: str,
    multiplier: float,
) -> None:
    """US dollars stay US dollars (the seed's usd, never yuan); trains (列) are a unit."""
    (figure,) = extract_figures(text, UNITS, FAMILIES)
    row = _UNIT_ROWS[figure.unit]
    assert (figure.indicator, figure.value, figure.unit) == (indicator, value, unit)
    assert (row["unit_family"], row["normalized_unit"]) == (family, normalized_unit)
    assert float(row["multiplier"]) == multiplier


def read(text: str) -> list:
    """The figures of a sentence as the warehouse reads it: normalised first."""
    return extract_figures(normalize_text(text), UNITS, FAMILIES)


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        # 国务院_2008: five years of jobs are no year's
        ("五年全国新增城镇就业5100万人", ["five_year"]),
        ("过去五年,全省地区生产总值年均增长7%,新增就业200万人", ["five_year", "five_year"]),
        # 河北省_2006: a quadrupling took decades
        ("全省生产总值提前实现“翻两番、三步走”第一步战略目标", ["cumulative"]),
        ("党的十八大以来，累计减少贫困人口500万", ["cumulative"]),
        ("2021年以来，全市新增就业12万人，粮食产量增长3%", ["cumulative", "cumulative"]),
        # the year itself, and a year named after a frame that names a plan
        ("今年以来，新增就业50万人", ["year"]),
        (
            "根据“十五”计划纲要（草案）提出的指导思想和目标任务，今年，国内生产总值增长8.5％。",
            ["year"],
        ),
        # 一九九五年 holds 五年, and is one year
        ("一九九五年粮食产量达到4.6亿吨", ["year"]),
    ],
)
def test_a_span_of_years_is_no_single_year(text: str, periods: list[str]) -> None:
    assert [f.period for f in read(text)] == periods


def test_a_change_from_a_dated_start_splits_start_and_end():
    """2026_西藏: the 从 side is dated by its own year; the end side is not that year's."""
    figures = read("城乡居民人均可支配收入从2021年的46503元和16935元分别提高到58794元和23184元")
    assert [(f.indicator, f.value, f.period, f.year_hint) for f in figures] == [
        ("城镇居民人均可支配收入", 46503, "start_of_change", 2021),
        ("农村居民人均可支配收入", 16935, "start_of_change", 2021),
        ("城镇居民人均可支配收入", 58794, "year", None),
        ("农村居民人均可支配收入", 23184, "year", None),
    ]


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        # 国务院_1956, 国务院_2008: the subject is the clause before 将由…
        (
            "同时，生产资料在工业总产值中所占的比重，将由１９５５年的４６％上升到４７．２％；",
            "生产资料在工业总产值中所占的比重",
        ),
        (
            "今年中央财政用于教育的投入，将由去年的1076亿元增加到1562亿元；",
            "今年中央财政用于教育的投入",
        ),
        ("要求工农业总产值的增长速度由今年预计的3%提高到4%", "要求工农业总产值的增长速度"),
    ],
)
def test_the_start_of_a_change_is_no_part_of_the_indicator(text: str, indicator: str) -> None:
    start, end = read(text)
    assert (start.indicator, start.period) == (indicator, "start_of_change")
    assert (end.indicator, end.period) == (indicator, "year")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # estimates: the actual is flagged, the indicator stays the series
        (
            "全年地区生产总值预计完成3200亿元，预计增长6%",
            [("地区生产总值", 3200, True, False), ("地区生产总值", 6, True, False)],
        ),
        # a basis is a flag on its own figure, never the indicator, never the next figure's
        (
            "一般公共预算收入完成300亿元，按可比口径增长5.2%，税收收入增长3%",
            [
                ("一般公共预算收入", 300, False, False),
                ("一般公共预算收入", 5.2, False, True),
                ("税收收入", 3, False, False),
            ],
        ),
        ("一般公共预算收入同口径增长8.4%", [("一般公共预算收入", 8.4, False, True)]),
        (
            "按可比口径计算，一般公共预算收入增长6%，税收收入增长4%",
            [("一般公共预算收入", 6, False, True), ("税收收入", 4, False, True)],
        ),
    ],
)
def test_estimates_and_comparable_bases_are_flags(text: str, expected: list[tuple]) -> None:
    assert [
        (f.indicator, f.value, f.is_estimate, f.is_comparable_basis) for f in read(text)
    ] == expected


def test_a_short_head_takes_the_tail_after_the_other_head():
    """The 内蒙古 wording: 城镇和农村牧区常住居民… is 城镇常住居民… and 农村牧区常住居民…"""
    figures = read("城镇和农村牧区常住居民人均可支配收入分别增长5%和7%")
    assert [f.indicator for f in figures] == [
        "城镇常住居民人均可支配收入",
        "农村牧区常住居民人均可支配收入",
    ]
