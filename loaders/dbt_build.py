"""Run ``dbt build`` on a warehouse in a child process and summarise its results.

A child process is used on purpose: when it exits, every DuckDB handle dbt opened is gone, so
the warehouse is never left locked for the next reader or loader.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .warehouse import WAREHOUSE_ENV

PROJECT_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BuildResult:
    returncode: int
    statuses: dict[str, int]


def find_project_dir(start: Path | None = None) -> Path:
    """The dbt project: the current folder if it holds dbt_project.yml, else this checkout."""
    candidate = (start or Path.cwd()).resolve()
    if (candidate / "dbt_project.yml").exists():
        return candidate
    if (PROJECT_DIR / "dbt_project.yml").exists():
        return PROJECT_DIR
    raise FileNotFoundError("no dbt_project.yml in the current folder or the govreports checkout")


def _dbt_executable() -> str:
    beside_python = Path(sys.executable).with_name("dbt")
    return str(beside_python) if beside_python.exists() else "dbt"


def run_dbt(
    args: list[str], warehouse: Path, project_dir: Path, quiet: bool = False
) -> BuildResult:
    env = dict(os.environ)
    env[WAREHOUSE_ENV] = str(warehouse.resolve())
    command = [
        _dbt_executable(),
        *args,
        "--project-dir",
        str(project_dir),
        "--profiles-dir",
        str(project_dir),
    ]
    completed = subprocess.run(
        command,
        cwd=project_dir,
        env=env,
        check=False,
        stdout=subprocess.PIPE if quiet else None,
        stderr=subprocess.STDOUT if quiet else None,
        text=True,
    )
    if quiet and completed.returncode != 0 and completed.stdout:
        sys.stderr.write(completed.stdout)
    target_path = Path(env.get("DBT_TARGET_PATH") or project_dir / "target")
    return BuildResult(completed.returncode, _statuses(target_path / "run_results.json"))


def _statuses(run_results: Path) -> dict[str, int]:
    if not run_results.exists():
        return {}
    counts: dict[str, int] = {}
    for result in json.loads(run_results.read_text(encoding="utf-8")).get("results", []):
        kind = result["unique_id"].split(".", 1)[0]
        key = f"{kind}:{result['status']}"
        counts[key] = counts.get(key, 0) + 1
    return counts
