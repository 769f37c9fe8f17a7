"""dbt run by hand is as safe as `govreports build`: it builds a working copy under the
writers' lock and publishes it only after a green run; the commands that only read work while
readers hold the warehouse; the profile's default path is the project's, from any folder."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from govreports.publish import exclusive_writer

from .conftest import REPO, project_copy, run_govreports, warehouse_env

DBT = Path(sys.executable).with_name("dbt")


def dbt(*args: str, env: dict[str, str], cwd: Path, project: Path = REPO):
    return subprocess.run(
        [str(DBT), *args, "--project-dir", str(project), "--profiles-dir", str(project)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def published(built_warehouse: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    warehouse = tmp_path / "govreports.duckdb"
    shutil.copyfile(built_warehouse, warehouse)
    return warehouse, warehouse_env(warehouse, tmp_path)


def test_dbt_build_by_hand_publishes_beside_a_reader(published, tmp_path):
    warehouse, env = published
    reader = duckdb.connect(str(warehouse), read_only=True)
    try:
        for command in (
            ["compile"],
            ["show", "--inline", "select count(*) as n from {{ ref('reports') }}"],
            ["docs", "generate"],
        ):
            ran = dbt(*command, env=env, cwd=tmp_path)
            assert ran.returncode == 0, (command, ran.stdout[-2000:])
        built = dbt("build", env=env, cwd=tmp_path)
        assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-2000:]
        assert f"govreports: published {warehouse}" in built.stderr
        # the reader keeps the warehouse it opened
        assert reader.execute("select count(*) from marts.reports").fetchone() == (13,)
    finally:
        reader.close()
    assert not warehouse.with_name(warehouse.name + ".building").exists()
    assert warehouse.with_name(warehouse.name + ".previous").exists()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from marts.reports").fetchone() == (13,)


def test_a_failed_dbt_build_by_hand_leaves_the_warehouse_as_it_was(published, tmp_path):
    warehouse, env = published
    project = project_copy(tmp_path, "select report_id from {{ ref('reports') }}\n")
    before = sha256(warehouse)
    built = dbt("build", env=env, cwd=tmp_path, project=project)
    assert built.returncode != 0
    assert "the published warehouse was left as it was" in built.stderr
    assert sha256(warehouse) == before
    assert not warehouse.with_name(warehouse.name + ".building").exists()


def test_dbt_by_hand_waits_its_turn_with_loads_and_builds(published, tmp_path):
    warehouse, env = published
    before = sha256(warehouse)
    with exclusive_writer(warehouse):
        built = dbt("build", env=env, cwd=tmp_path)
    assert built.returncode != 0
    assert "being loaded or built by another process" in built.stdout + built.stderr
    assert sha256(warehouse) == before


def test_the_default_warehouse_is_the_projects_from_any_folder(tmp_path):
    project = project_copy(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = warehouse_env(tmp_path / "unused.duckdb", tmp_path)
    del env["GOVREPORTS_WAREHOUSE"]
    default = project / "warehouse" / "govreports.duckdb"
    loaded = run_govreports("load", str(REPO / "data" / "reports"), "-w", str(default), env=env)
    assert loaded.returncode == 0, loaded.stderr
    built = dbt("build", env=env, cwd=elsewhere, project=project)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-2000:]
    assert f"govreports: published {default}" in built.stderr
    assert not (elsewhere / "warehouse").exists()
