"""The one fingerprint of the rules (govreports/fingerprint.py): what changes it, what does not."""

from __future__ import annotations

from pathlib import Path

from govreports.fingerprint import rules_fingerprint

from .conftest import project_copy


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_rule_changes_it_and_a_singular_test_does_not(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    first = rules_fingerprint(project)
    assert rules_fingerprint(project) == first

    _append(next((project / "data-tests").glob("*.sql")), "\n-- a note\n")
    assert rules_fingerprint(project) == first

    _append(project / "macros" / "spans.sql", "\n{# a note #}\n")
    after_macro = rules_fingerprint(project)
    assert after_macro != first

    _append(project / "seeds" / "units.csv", "公顷,area,0.01,平方公里,\n")
    assert rules_fingerprint(project) not in (first, after_macro)
