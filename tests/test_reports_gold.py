"""marts.reports against the hand-made gold of all sample reports: metadata and body bounds."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from loaders.normalize import normalize_text

from .conftest import BIN, load_gold

GOLD = load_gold()
EXACT_FIELDS = [
    "region",
    "province",
    "parent_city",
    "level",
    "report_year",
    "review_year",
    "speaker",
    "speaker_title",
]


@pytest.fixture(scope="module")
def reports(warehouse_con) -> dict[str, dict]:
    cursor = warehouse_con.execute("select * from marts.reports")
    columns = [d[0] for d in cursor.description]
    rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return {row["file_name"]: row for row in rows}


def test_every_sample_is_one_report(reports):
    assert sorted(reports) == sorted(GOLD)


@pytest.mark.parametrize("file_name", sorted(GOLD))
@pytest.mark.parametrize("field", EXACT_FIELDS)
def test_metadata_matches_gold(reports, file_name, field):
    assert reports[file_name][field] == GOLD[file_name][field]


@pytest.mark.parametrize("file_name", sorted(GOLD))
def test_meeting_date_matches_gold(reports, file_name):
    expected = GOLD[file_name]["meeting_date"]
    got = reports[file_name]["meeting_date"]
    assert got == (dt.date.fromisoformat(expected) if expected else None)
    if GOLD[file_name]["meeting_date_source"] in ("dateline", "dateline_reconstructed"):
        assert reports[file_name]["meeting_date_source"] == GOLD[file_name]["meeting_date_source"]


@pytest.mark.parametrize("file_name", sorted(GOLD))
def test_congress_when_the_dateline_gives_it(reports, file_name):
    if GOLD[file_name]["congress_source"] == "dateline":
        assert reports[file_name]["congress"] == GOLD[file_name]["congress"]
    else:
        assert reports[file_name]["congress"] is None
        assert "congress_incomplete" in reports[file_name]["metadata_flags"] or (
            "no_dateline" in reports[file_name]["metadata_flags"]
        )


@pytest.mark.parametrize("file_name", sorted(GOLD))
def test_body_bounds_match_gold(reports, file_name):
    gold, report = GOLD[file_name], reports[file_name]
    assert report["body_start_line"] == gold["body_start_line"]
    assert report["body_end_line"] == gold["body_end_line"]
    assert report["body_text"].startswith(normalize_text(gold["body_start_simplified"]).strip())
    assert report["body_text"].endswith(normalize_text(gold["body_end_simplified"]).strip())


@pytest.mark.parametrize("file_name", sorted(GOLD))
def test_script_matches_gold(reports, file_name):
    assert reports[file_name]["script"] == GOLD[file_name]["script"]


def test_damaged_values_are_flagged_not_guessed(reports):
    yuanqu = reports["003_3ab9cf2f0f97befa.txt"]
    assert yuanqu["speaker"] is None
    assert "speaker_missing" in yuanqu["metadata_flags"]
    assert "speaker_title_reconstructed" in yuanqu["metadata_flags"]
    assert "meeting_date_reconstructed" in yuanqu["metadata_flags"]
    national = reports["104_de3c66283932da11.txt"]
    assert national["meeting_date"] is None
    assert "no_dateline" in national["metadata_flags"]


def test_duckdb_cli_reads_the_warehouse(built_warehouse):
    """The CLI the README installs (duckdb-cli, same storage line) opens the built file."""
    result = subprocess.run(
        [
            str(BIN / "duckdb"),
            "-readonly",
            "-csv",
            "-noheader",
            str(built_warehouse),
            "-c",
            "select count(*) from marts.reports",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(len(GOLD))
