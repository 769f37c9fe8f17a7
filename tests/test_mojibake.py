"""Repair of heading lines decoded from GBK one byte out of step."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.mojibake import find_gbk_slips, repair_gbk_slip

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"


def slip(text: str) -> str:
    """Garble text the way a scraper did: GBK bytes decoded one byte late."""
    return (b"\xa1" + text.encode("gbk")).decode("gbk", errors="ignore")


def test_slipped_heading_is_repaired():
    garbled = "。ㄒ唬┮阅茉锤锩C合改革為牽引,全力構建"
    assert repair_gbk_slip(garbled).startswith("（一）以能源革")


@pytest.mark.parametrize(
    "heading", ["（五）以城鄉融合發展為方向,全力開創", "（七）以補齊民生短板為根本,全力滿足"]
)
def test_round_trip_of_a_generated_slip(heading):
    """Where the slip destroyed no byte, the repair gives back the heading exactly."""
    garbled = slip(heading)
    assert garbled.startswith("。") and garbled != heading
    assert repair_gbk_slip(garbled) == heading


@pytest.mark.parametrize(
    "line",
    ["(一)坚持稳中求进", "一、2022年工作回顾", "各位代表:", "", "。", "”。这是正文的续行。"],
)
def test_clean_lines_are_left_alone(line):
    assert repair_gbk_slip(line) is None


def test_only_the_garbled_headings_of_the_samples_are_found():
    found = {}
    for path in sorted(REPORTS.glob("*.txt")):
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        lines = [number for number, _ in find_gbk_slips(text)]
        if lines:
            found[path.name[:3]] = lines
    # the gold marks exactly these heading lines of 001 as garbled
    assert found == {"001": [21, 27, 37, 44, 50, 55, 61, 67, 69, 70]}
