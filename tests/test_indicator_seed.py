"""seeds/indicators.csv on indicators as reports write them.

The warehouse codes an indicator by the longest seed phrase it contains (macros/parsing/
longest_indicator_phrase.sql, 的 and blanks removed first; ties go to the phrase that sorts
first). The cases are the ones the issue "Targets and outcomes" found coded wrongly.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "seeds" / "indicators.csv"
with SEED.open(encoding="utf-8") as handle:
    PHRASES = [(row["phrase"], row["canonical_indicator"]) for row in csv.DictReader(handle)]


def code_of(indicator: str) -> str | None:
    text = re.sub(r"[的\s]", "", indicator)
    found = [(phrase, code) for phrase, code in PHRASES if phrase in text]
    if not found:
        return None
    return min(found, key=lambda item: (-len(item[0]), item[0]))[1]


@pytest.mark.parametrize(
    ("indicator", "code"),
    [
        # ratios and intensities name GDP and are not GDP
        ("研究与试验发展经费支出与国内生产总值之比", "rd_intensity"),
        ("研究与试验发展经费支出占国内生产总值比重", "rd_intensity"),
        ("全社会研发投入强度", "rd_intensity"),
        ("研发经费支出占GDP比重", "other"),
        ("财政收入占国内生产总值的比重", "other"),
        ("数字经济核心产业增加值占地区生产总值比重", "other"),
        ("单位国内生产总值用水量", "water_intensity"),
        ("万元生产总值用水量", "water_intensity"),
        ("单位国内生产总值能耗", "energy_intensity"),
        ("单位地区生产总值能耗", "energy_intensity"),
        ("单位工业增加值能耗", "other"),
        ("单位工业增加值用水量", "other"),
        # the 内蒙古 names of the rural and urban series
        ("农村牧区常住居民人均可支配收入", "rural_disposable_income"),
        ("城镇常住居民人均可支配收入", "urban_disposable_income"),
        # the economy's growth is GDP growth (经济增长5%左右)
        ("经济增长", "gdp"),
        ("国内生产总值", "gdp"),
    ],
)
def test_an_indicator_gets_the_code_of_its_longest_phrase(indicator: str, code: str) -> None:
    assert code_of(indicator) == code


def test_every_phrase_is_listed_once():
    phrases = [phrase for phrase, _ in PHRASES]
    assert len(phrases) == len(set(phrases))
