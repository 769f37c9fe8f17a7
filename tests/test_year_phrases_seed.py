"""seeds/report_year_phrases.csv: every phrase dates the real sentence it was written for."""

from __future__ import annotations

import csv

import duckdb
import pytest

from .conftest import REPO

PHRASES = list(csv.DictReader((REPO / "seeds" / "report_year_phrases.csv").open(encoding="utf-8")))


@pytest.mark.parametrize("phrase", PHRASES, ids=[p["clue"] for p in PHRASES])
def test_each_phrase_matches_its_example(phrase: dict[str, str]) -> None:
    # DuckDB's RE2, as the model uses it; the example is normalised text (ASCII commas)
    example = phrase["example"].replace("，", ",")
    (groups,) = duckdb.sql(
        "select [regexp_extract($example, $pattern, 1), regexp_extract($example, $pattern, 2)]",
        params={"example": example, "pattern": phrase["pattern"]},
    ).fetchone()
    assert groups[0] != "", phrase["clue"]
    if phrase["reads"] == "congress_session":
        assert set(groups[0]) <= set("一二三四五六七八九十")
    else:
        assert groups[0].isdigit() or set(groups[0]) <= set("〇○零O0一二三四五六七八九")


def test_sessions_seed_covers_every_term_and_year() -> None:
    rows = list(
        csv.DictReader((REPO / "seeds" / "national_congress_sessions.csv").open(encoding="utf-8"))
    )
    keys = {(int(r["term"]), int(r["session"])) for r in rows}
    assert len(keys) == len(rows)
    # one session a year from 1978 on, none twice in a year
    years = [int(r["year"]) for r in rows if int(r["year"]) >= 1978]
    assert sorted(years) == list(range(1978, max(years) + 1))
    assert {term for term, _ in keys} == set(range(1, 15))
