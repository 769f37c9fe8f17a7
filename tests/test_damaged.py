"""A damaged warehouse or previous build is named as damaged and never costs the last good copy:
a build recovers from the good one and says so."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from .conftest import REPORTS_DIR, run_govreports, warehouse_env


def govreports(*args: str, warehouse: Path, tmp_path: Path):
    return run_govreports(*args, env=warehouse_env(warehouse, tmp_path))


@pytest.fixture
def built_twice(built_warehouse: Path, tmp_path: Path) -> Path:
    """A warehouse whose last build kept the one before as <warehouse>.previous."""
    warehouse = tmp_path / "govreports.duckdb"
    shutil.copyfile(built_warehouse, warehouse)
    rebuilt = govreports("build", warehouse=warehouse, tmp_path=tmp_path)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert warehouse.with_name(warehouse.name + ".previous").exists()
    return warehouse


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def reports_in(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select count(*) from marts.reports").fetchone()[0]


def test_a_damaged_warehouse_is_rebuilt_from_the_previous_build(built_twice, tmp_path):
    previous = built_twice.with_name(built_twice.name + ".previous")
    truncate(built_twice)
    result = govreports("build", warehouse=built_twice, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "was damaged: set aside as govreports.duckdb.damaged" in result.stderr
    assert reports_in(built_twice) == 13
    assert built_twice.with_name(built_twice.name + ".damaged").exists()
    assert previous.exists()


def test_reports_loaded_after_the_previous_build_survive_the_recovery(built_twice, tmp_path):
    # loads go to the raw store, never to the damaged file: the recovered build has them all
    extra = tmp_path / "extra" / "edited.txt"
    extra.parent.mkdir()
    sample = REPORTS_DIR / "000_56e08ec3f9ad0187.txt"
    extra.write_text(sample.read_text(encoding="utf-8") + "\n(edited copy)\n", encoding="utf-8")
    loaded = govreports("load", str(extra), warehouse=built_twice, tmp_path=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    truncate(built_twice)
    result = govreports("build", warehouse=built_twice, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "rebuilt from the previous build with every loaded report" in result.stderr
    assert reports_in(built_twice) == 14


def test_a_damaged_warehouse_without_a_good_copy_is_named_and_kept(built_twice, tmp_path):
    truncate(built_twice)
    truncate(built_twice.with_name(built_twice.name + ".previous"))
    damaged_bytes = built_twice.read_bytes()
    for command in ("build", "summary", "check"):
        result = govreports(command, warehouse=built_twice, tmp_path=tmp_path)
        assert result.returncode == 2, (command, result.stderr)
        assert "damaged" in result.stderr, command
        assert "Traceback" not in result.stderr
    assert built_twice.read_bytes() == damaged_bytes
    assert "in use" not in result.stderr  # a damaged file is not a busy one


def test_a_damaged_previous_build_is_not_a_starting_point(built_twice, tmp_path):
    previous = built_twice.with_name(built_twice.name + ".previous")
    truncate(previous)
    more = govreports("load", str(REPORTS_DIR), warehouse=built_twice, tmp_path=tmp_path)
    assert more.returncode == 0
    result = govreports("build", warehouse=built_twice, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "built from: copy" in result.stderr
    assert reports_in(built_twice) == 13
