"""Commit subjects are short, capitalised and without a final period, from the commit that set
the rule on (detail goes in the body)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# the first commit written under the rule; older subjects stay as history wrote them
RULE_SINCE = "91452ca"
MAX_SUBJECT = 72


def _subjects() -> list[str]:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    known = subprocess.run(
        ["git", "cat-file", "-e", f"{RULE_SINCE}^{{commit}}"], cwd=REPO, check=False
    )
    if known.returncode != 0:
        pytest.skip(f"history before {RULE_SINCE} is not in this clone")
    log = subprocess.run(
        ["git", "log", "--format=%s", f"{RULE_SINCE}^..HEAD"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return log.stdout.splitlines()


def test_subjects_fit_in_a_log_line() -> None:
    long = [s for s in _subjects() if len(s) > MAX_SUBJECT]
    assert long == []


def test_subjects_are_capitalised_without_a_final_period() -> None:
    tagged = [s for s in _subjects() if s[:1].islower() or s.endswith(".")]
    assert tagged == []
