"""The refactoring check: scripts/compare_marts.py tells identical marts from changed ones."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "compare_marts.py"


def compare(before: Path, after: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(before), str(after)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_warehouse_matches_itself(built_warehouse: Path) -> None:
    result = compare(built_warehouse, built_warehouse)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "goals: identical" in result.stdout


def test_a_changed_value_and_a_missing_row_are_named(built_warehouse: Path, tmp_path: Path) -> None:
    changed = tmp_path / "it's changed.duckdb"
    shutil.copy(built_warehouse, changed)
    with duckdb.connect(str(changed)) as con:
        con.execute(
            "update marts.goals set value = value + 1 "
            "where goal_id = (select min(goal_id) from marts.goals where value is not null)"
        )
        # a table: marts.sections is a view
        con.execute(
            "delete from marts.glossary where rowid = (select min(rowid) from marts.glossary)"
        )
    result = compare(built_warehouse, changed)
    assert result.returncode == 1
    lines = {line.split(":")[0]: line for line in result.stdout.splitlines()}
    assert "value (1 rows)" in lines["goals"]
    assert "1 rows only before, 0 only after" in lines["glossary"]
    assert lines["metrics"] == "metrics: identical"
