"""The one fingerprint of the rules: what a built row depends on besides the reports.

Two things key on it. Incremental models rebuild in full when it changes (their post-hook
records it, macros/overrides/should_full_refresh.sql compares), and ``govreports build``
skips dbt's unit tests when they already passed on it (publish.py). Both need the same
answer to "did a rule change?", so there is one function; the dbt plugin hands its value to
SQL as the macro ``govreports_rules_version()``.

A rule is anything that can change a row: the engines' versions, the dbt project (models and
their YAML, macros, seeds, the project and profile files) and the Python the SQL calls (the
figure extractor). Singular data tests, the loaders and the command line cannot, and are left
out so that editing them rebuilds nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path
from typing import Any

_ENGINES = ("dbt-core", "dbt-duckdb", "duckdb")
_RULE_FOLDERS = ("models", "macros", "seeds")
_RULE_FILES = ("dbt_project.yml", "profiles.yml")
# the Python that SQL calls: the extractor and the words it shares with SQL
_PYTHON_RULES = Path(__file__).resolve().parent / "figures"


def rules_fingerprint(project_dir: Path) -> str:
    """A hash of every rule of ``project_dir`` (never of the reports)."""
    digest = hashlib.sha256()
    for package in _ENGINES:
        digest.update(f"{package}=={version(package)}\n".encode())
    paths = [project_dir / name for name in _RULE_FILES]
    for folder in _RULE_FOLDERS:
        paths.extend(sorted((project_dir / folder).rglob("*")))
    hash_files(digest, paths, project_dir)
    hash_files(digest, sorted(_PYTHON_RULES.glob("*.py")), _PYTHON_RULES.parent)
    return digest.hexdigest()[:32]


def hash_files(digest: Any, paths: Iterable[Path], root: Path) -> None:
    """Add each file's name (relative to ``root`` where it lies below it) and bytes to digest."""
    for path in paths:
        if path.is_file():
            name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
            digest.update(f"{name}\0".encode() + path.read_bytes() + b"\0")
