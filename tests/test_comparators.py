"""The comparator of a figure (govreports/figures/comparators.py), on real sentences."""

from __future__ import annotations

import re

import pytest

from govreports.figures import comparators
from govreports.figures.extractor import extract_figures
from govreports.figures.shared_patterns import STRETCH_LEAD
from tests.test_metrics_extractor import FAMILIES, UNITS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("地区生产总值增长6%左右", "about"),
        ("居民消费价格涨幅3%上下", "about"),
        ("城镇调查失业率控制在5.5%以内", "at_most"),
        ("城镇调查失业率控制在5.5%", "at_most"),
        ("居民消费价格涨幅不超过3%", "at_most"),
        ("粮食产量不低于650亿斤", "at_least"),
        ("粮食播种面积不少于13.67万亩", "at_least"),
        ("固定资产投资增长6%以上", "at_least"),
        ("地区生产总值迈上3000亿元", "at_least"),
        ("地区生产总值增长5%—5.5%", "range"),
        ("一般公共预算收入增长6%", "equal"),
    ],
)
def test_a_figure_of_a_real_sentence_has_its_comparator(text: str, expected: str) -> None:
    (figure,) = extract_figures(text, UNITS, FAMILIES)
    assert figure.comparator == expected


def test_each_figure_of_a_run_has_its_own_qualifier() -> None:
    found = extract_figures("城乡居民人均可支配收入分别增长4%左右和6%以上", UNITS, FAMILIES)
    assert [f.comparator for f in found] == ["about", "at_least"]


def test_a_range_is_a_range_whatever_the_words() -> None:
    assert comparators.comparator(True, ["不低于"], "左右") == "range"


def test_the_word_after_the_number_wins_over_the_words_before() -> None:
    assert comparators.comparator(False, ["控制在"], "以上") == "at_least"


def test_a_longer_bound_takes_precedence_over_the_word_it_contains() -> None:
    assert comparators.comparator(False, ["不低于"], "") == "at_least"
    assert comparators.comparator(False, ["低于"], "") == "at_most"


def test_every_comparator_word_is_a_framing_word_of_the_extractor() -> None:
    from govreports.figures import extractor, framing

    assert set(comparators.BOUND_COMPARATORS) <= set(framing.TRAILING_WORDS)
    assert all(extractor._QUALIFIER.fullmatch(word) for word in comparators.QUALIFIER_COMPARATORS)


@pytest.mark.parametrize(
    ("text", "target", "stretch"),
    [
        ("地区生产总值增长6%以上,力争7%", (6.0, "at_least"), 7.0),
        ("地区生产总值增长6.5%左右、力争7%", (6.5, "about"), 7.0),
        ("地区生产总值增长6%左右,争取达到7%", (6.0, "about"), 7.0),
        ("地区生产总值增长6%左右,努力实现7%", (6.0, "about"), 7.0),
        ("地区生产总值增长5%左右,在实际工作中力争更好", (5.0, "about"), None),
    ],
)
def test_a_stretch_figure_inherits_its_target_and_opens_with_a_stretch_word(
    text: str, target: tuple[float, str], stretch: float | None
) -> None:
    """What int_goal_figures_dated pairs: a figure that a stretch word opens (the shared
    pattern STRETCH_LEAD on its lead words) and that inherits the indicator of the target just
    before it, in the same unit."""
    first, *rest = extract_figures(text, UNITS, FAMILIES)
    assert (first.indicator, first.value, first.comparator) == ("地区生产总值", *target)
    assert [f.value for f in rest] == ([stretch] if stretch is not None else [])
    for figure in rest:
        assert figure.is_inherited
        assert (figure.indicator, figure.unit) == (first.indicator, first.unit)
        assert re.search(STRETCH_LEAD, figure.lead_words)


def test_a_stretch_word_is_framing_not_indicator() -> None:
    """努力, like 力争 and 争取, names no part of a series: 努力把…控制在10%以内 is 把…."""
    (figure,) = extract_figures("努力把全年零售物价上涨幅度控制在10%以内", UNITS, FAMILIES)
    assert figure.indicator == "把全年零售物价上涨幅度"
    assert all(word in comparators.STRETCH_WORDS for word in ("力争", "争取", "努力"))
