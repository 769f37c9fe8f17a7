"""marts.report_quality and marts.damage_spans on the samples, and `govreports check`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from govreports.cli import app
from govreports.quality import read_report_quality

from .conftest import REPORTS_DIR

runner = CliRunner()

# What a careful reader of each sample should be told (the gold marks 001's garbled headings,
# 004's stripped markers, and 002-004's datelines whose 年/月/日 were stripped).
EXPECTED_GRADES = {
    "000": ("A", []),
    # ten headings repaired; one character after a repair (ㄔ, line 70) stays garbled
    "001": ("C", ["mojibake_unrepaired", "mojibake_repaired", "section_markers_inferred"]),
    "002": ("B", ["characters_stripped", "meeting_date_reconstructed", "congress_incomplete"]),
    "003": (
        "B",
        [
            "characters_stripped",
            "meeting_date_reconstructed",
            "speaker_missing",
            "speaker_title_reconstructed",
            "congress_incomplete",
        ],
    ),
    "004": (
        "B",
        [
            "section_markers_inferred",
            "characters_stripped",
            "meeting_date_reconstructed",
            "congress_incomplete",
        ],
    ),
    "100": ("A", []),
    "101": ("A", []),
    "102": ("A", []),
    "103": ("A", []),
    "104": ("B", ["no_dateline", "meeting_date_missing", "speaker_missing"]),
    "105": ("B", ["no_dateline", "meeting_date_missing", "speaker_missing"]),
    "106": ("A", []),
    "107": ("A", []),
}


def test_grades_of_the_samples(warehouse_con: duckdb.DuckDBPyConnection) -> None:
    got = {
        file_name[:3]: (grade, reasons)
        for file_name, grade, reasons in warehouse_con.execute(
            "select file_name, grade, grade_reasons from marts.report_quality"
        ).fetchall()
    }
    assert got == EXPECTED_GRADES


def test_damage_found_in_the_samples(warehouse_con: duckdb.DuckDBPyConnection) -> None:
    rows = warehouse_con.execute(
        """
        select left(r.file_name, 3), d.damage_kind, d.line_number
        from marts.damage_spans as d inner join marts.reports as r using (report_id)
        order by 1, d.start_offset
        """
    ).fetchall()
    slips = [line for name, kind, line in rows if kind == "gbk_slip_repaired"]
    # exactly the headings the loader repaired (tests/test_mojibake.py) are the slips
    assert slips == [21, 27, 37, 44, 50, 55, 61, 67, 69, 70]
    assert {(n, k) for n, k, _ in rows if k != "gbk_slip_repaired"} == {
        ("001", "mojibake_characters"),
        ("002", "date_fused"),
        ("002", "ordinal_stripped"),
        ("003", "date_fused"),
        ("004", "date_fused"),
    }


def test_damage_spans_point_at_their_text(warehouse_con: duckdb.DuckDBPyConnection) -> None:
    mismatched = warehouse_con.execute(
        """
        select d.damage_id
        from marts.damage_spans as d
        inner join staging.stg_raw__report_files as f using (report_id)
        where substr(f.normalized_text, d.start_offset + 1, d.end_offset - d.start_offset)
            <> d.damaged_text
        """
    ).fetchall()
    assert mismatched == []
    assert warehouse_con.execute(
        "select count(*) from marts.damage_spans where repaired_text is not null"
    ).fetchone() == (10,)


def test_no_sample_figure_or_target_is_flagged_damaged(
    warehouse_con: duckdb.DuckDBPyConnection,
) -> None:
    """The damage in the samples is in headings and datelines, never in a figure's clause."""
    for table in ("metrics", "goals"):
        assert (
            warehouse_con.execute(
                f"select count(*) filter (where is_damaged_span), count(*) from marts.{table}"
            ).fetchone()[0]
            == 0
        )


def test_quality_columns_are_all_described(warehouse_con: duckdb.DuckDBPyConnection) -> None:
    undocumented = warehouse_con.execute(
        """
        select table_name, column_name from duckdb_columns()
        where schema_name = 'marts' and table_name in ('report_quality', 'damage_spans')
            and (comment is null or comment = '')
        union all
        select table_name, column_name from duckdb_columns()
        where schema_name = 'marts' and column_name = 'is_damaged_span'
            and (comment is null or comment = '')
        """
    ).fetchall()
    assert undocumented == []


def plain(output: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", output)


@pytest.mark.parametrize("width", [80, 120, 320])
def test_check_prints_every_report_with_grade_and_lines(built_warehouse: Path, width: int) -> None:
    """One block per report on a narrow terminal, one table row on a wide one; nothing cut."""
    # rich sizes its output to $COLUMNS when stdout is not a terminal
    result = runner.invoke(
        app, ["check", "--warehouse", str(built_warehouse)], env={"COLUMNS": str(width)}
    )
    assert result.exit_code == 0, result.output
    output = plain(result.output)
    for path in REPORTS_DIR.glob("*.txt"):
        assert path.name in output
    assert "mojibake_unrepaired" in output
    assert "at lines 21, 27, 37" in output  # where 001's mojibake is
    assert "grades  A: 7  B: 5  C: 1  D: 0" in output
    assert "D  severe" in output
    assert all(len(line) <= width for line in output.splitlines())
    assert ("┃ report" in output) == (width == 320)


def test_check_rows_come_worst_first(built_warehouse: Path) -> None:
    grades = [row.grade for row in read_report_quality(built_warehouse)]
    assert grades == sorted(grades, reverse=True)


def test_check_says_what_to_run_when_nothing_is_built(tmp_path: Path) -> None:
    missing = tmp_path / "missing.duckdb"
    result = runner.invoke(app, ["check", "-w", str(missing)])
    assert result.exit_code == 2
    assert "run `govreports load`" in plain(result.output)

    loaded_only = tmp_path / "loaded.duckdb"
    shutil.copy(REPORTS_DIR / "000_56e08ec3f9ad0187.txt", tmp_path / "r.txt")
    assert (
        runner.invoke(app, ["load", str(tmp_path / "r.txt"), "-w", str(loaded_only)]).exit_code == 0
    )
    result = runner.invoke(app, ["check", "-w", str(loaded_only)])
    assert result.exit_code == 2
    assert "run `govreports build`" in plain(result.output)
    assert "Traceback" not in result.output
