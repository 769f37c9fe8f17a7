"""marts.sections and marts.glossary against the gold section trees of the sample reports."""

from __future__ import annotations

import pytest

from loaders.normalize import normalize_text

from .conftest import load_gold

GOLD = load_gold()
SHANXI = sorted(name for name in GOLD if name.startswith("0"))
MORE = sorted(name for name in GOLD if name.startswith("1"))
# 104's lessons list 一是…四是 sits inside item (五); the gold notes allow treating it as the
# third level, which is what the rule "一是 items only where a part has no (一) items" does.
LENIENT_SHI_ITEMS = {"104_de3c66283932da11.txt"}
GARBLED_HEAD_CHARS = 2  # a byte slip destroys characters: compare the surviving head
HEAD_CHARS = 5


def fold(text: str) -> str:
    return normalize_text(text).replace(" ", "")


@pytest.fixture(scope="module")
def sections(warehouse_con) -> dict[str, list[dict]]:
    cursor = warehouse_con.execute(
        """
        select reports.file_name, sections.*
        from marts.sections as sections
        inner join marts.reports as reports using (report_id)
        order by reports.file_name, sections.start_offset, sections.depth
        """
    )
    columns = [d[0] for d in cursor.description]
    tree: dict[str, list[dict]] = {}
    for row in cursor.fetchall():
        record = dict(zip(columns, row, strict=True))
        tree.setdefault(record["file_name"], []).append(record)
    return tree


def parts_of(sections: dict, file_name: str) -> list[dict]:
    return [s for s in sections[file_name] if s["depth"] == 1 and s["kind"] != "preamble"]


def items_of(sections: dict, part: dict, file_name: str) -> list[dict]:
    return [s for s in sections[file_name] if s["parent_section_id"] == part["section_id"]]


def gold_items(part: dict, file_name: str) -> list[dict]:
    items = part["items"]
    if file_name in LENIENT_SHI_ITEMS and any(i["number"][0] in "(（" for i in items):
        items = [i for i in items if i["number"][0] in "(（"]
    return items


@pytest.mark.parametrize("file_name", sorted(GOLD))
def test_parts_and_kinds_in_order(sections, file_name):
    got = [(p["start_line"], p["kind"]) for p in parts_of(sections, file_name)]
    want = [(s["line"], s["kind"]) for s in GOLD[file_name]["sections"]]
    assert got == want


@pytest.mark.parametrize("file_name", sorted(GOLD))
def test_part_numbers_and_marker_status(sections, file_name):
    numerals = "一二三四五六七八九十"
    for part, gold in zip(parts_of(sections, file_name), GOLD[file_name]["sections"], strict=True):
        expected_number = numerals.index(gold["number"]) + 1 if gold["number"] else None
        assert part["number"] == expected_number, gold["title"]
        assert part["marker_status"] == gold["marker_status"], gold["title"]
        assert fold(part["title"]) == fold(gold["title"]).rstrip(":")


@pytest.mark.parametrize("file_name", sorted(GOLD))
def test_items_under_each_part(sections, file_name):
    for part, gold in zip(parts_of(sections, file_name), GOLD[file_name]["sections"], strict=True):
        got = items_of(sections, part, file_name)
        want = gold_items(gold, file_name)
        assert [i["start_line"] for i in got] == [i["line"] for i in want], gold["title"]
        for item, gold_item in zip(got, want, strict=True):
            assert item["marker_status"] == gold_item["marker_status"], gold_item
            chars = GARBLED_HEAD_CHARS if gold_item["marker_status"] == "garbled" else HEAD_CHARS
            assert fold(item["title"])[:chars] == fold(gold_item["title_head"])[:chars], gold_item


def test_every_sample_has_a_review_and_a_plan(sections):
    for file_name in GOLD:
        kinds = {p["kind"] for p in parts_of(sections, file_name)}
        assert kinds & {"review", "five_year_review"}, file_name
        assert kinds & {"plan", "five_year_plan"}, file_name


def test_glossaries_are_split_into_terms(warehouse_con):
    rows = warehouse_con.execute(
        """
        select reports.file_name, count(*) as terms, count(distinct glossary.term) as distinct_terms
        from marts.glossary as glossary
        inner join marts.reports as reports using (report_id)
        group by reports.file_name
        order by reports.file_name
        """
    ).fetchall()
    # the four Shanxi reports with a glossary number their entries 1…n (000: 26 unnumbered)
    assert rows == [
        ("000_56e08ec3f9ad0187.txt", 26, 26),
        ("001_cdd563ffef68d5a8.txt", 36, 36),
        ("003_3ab9cf2f0f97befa.txt", 20, 20),
        ("004_28d7c83c265e320a.txt", 17, 17),
    ]
    terms = {
        term for (term,) in warehouse_con.execute("select term from marts.glossary").fetchall()
    }
    assert {"三保", "三公经费", "新时代枫桥经验", "浦江经验", "六稳", "四好农村路"} <= terms
