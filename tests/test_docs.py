"""The README and the docs state facts the code can check: commands, make targets, marts,
files, models and links. No warehouse is built; this runs in well under a second."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govreports.cli import app

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
DOCS = sorted((REPO / "docs").glob("*.md"))
PAGES = [README, *DOCS, REPO / "bench" / "README.md"]
MAX_README_LINES = 200

FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
COMMAND = re.compile(r"\bgovreports ([a-z][a-z-]*)\b")
MAKE_TARGET = re.compile(r"\bmake ([a-z][a-z-]*)\b")
MART = re.compile(r"`marts\.([a-z_]+)`")
# a path in the repository, as the docs write it in code spans
REPO_PATH = re.compile(
    r"^(?:loaders|govreports|models|macros|seeds|tests|bench|scripts|data|analyses|data-tests|docs)"
    r"/[\w./-]*$"
)
# a duration ("3.5 s", "120 ms", "15 minutes"), not a decade ("the 1950s") nor "t2s"
TIMING = re.compile(r"(?<![\w.])(?!\d{3}0s\b)\d+(?:\.\d+)? ?(?:ms|s|seconds?|min|minutes?)\b")
MODEL_NAME = re.compile(r"\b((?:int|stg)_[a-z0-9_]+)(?![*\w])")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def code_of(text: str) -> list[str]:
    """The code blocks and inline code spans of a Markdown text."""
    blocks = FENCE.findall(text)
    prose = FENCE.sub("", text)
    return blocks + INLINE_CODE.findall(prose)


def cli_commands() -> set[str]:
    """The subcommands `govreports --help` lists."""
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    panel = result.output.split("Commands", 1)[1]
    return set(re.findall(r"^│ ([a-z][a-z-]*) ", panel, re.MULTILINE))


def make_targets() -> set[str]:
    return set(re.findall(r"^([A-Za-z0-9_.-]+):(?!=)", read(REPO / "Makefile"), re.MULTILINE))


def section(text: str, heading: str) -> str:
    return text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"`", "", heading.strip().lower())
    kept = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return kept.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = FENCE.sub("", read(path))
    return {slug(h) for h in re.findall(r"^#{1,6} (.+)$", text, re.MULTILINE)}


def test_the_cli_has_commands_to_check():
    assert {"load", "build"} <= cli_commands()


def test_readme_is_short():
    lines = len(read(README).splitlines())
    assert lines <= MAX_README_LINES, f"README.md has {lines} lines (at most {MAX_README_LINES})"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_govreports_command_named_exists(page: Path):
    named = {name for code in code_of(read(page)) for name in COMMAND.findall(code)}
    assert named <= cli_commands(), f"not govreports commands: {named - cli_commands()}"


def test_readme_lists_every_command():
    listed = set(COMMAND.findall("\n".join(code_of(section(read(README), "The command line")))))
    assert cli_commands() <= listed, f"missing from the README: {cli_commands() - listed}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_make_target_named_exists(page: Path):
    named = {name for code in code_of(read(page)) for name in MAKE_TARGET.findall(code)}
    assert named <= make_targets(), f"not Makefile targets: {named - make_targets()}"


def test_readme_lists_exactly_the_marts():
    marts = {path.stem for path in (REPO / "models" / "marts").glob("*.sql")}
    listed = set(MART.findall(section(read(README), "The tables")))
    assert listed == marts, f"listed, no mart: {listed - marts}; marts not listed: {marts - listed}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_relative_link_resolves(page: Path):
    broken = []
    for target in LINK.findall(FENCE.sub("", read(page))):
        if re.match(r"^[a-z]+:", target):
            continue  # https:, mailto:
        path_part, _, anchor = target.partition("#")
        path = (page.parent / path_part).resolve() if path_part else page
        # an anchor is checked in Markdown files only, once the file is known to exist
        if not path.exists() or (anchor and path.suffix == ".md" and anchor not in anchors(path)):
            broken.append(target)
    assert broken == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_repository_path_named_exists(page: Path):
    missing = []
    for code in code_of(read(page)):
        for token in code.split():
            token = token.strip("`,;:()")
            if not REPO_PATH.match(token) or re.search(r"[<>*{}]", token):
                continue
            if not (REPO / token).exists():
                missing.append(token)
    assert missing == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_model_named_exists(page: Path):
    models = {path.stem for path in (REPO / "models").rglob("*.sql")}
    named = {name for code in code_of(read(page)) for name in MODEL_NAME.findall(code)}
    assert named <= models, f"no such model: {named - models}"


@pytest.mark.parametrize("page", [README, *DOCS], ids=lambda p: str(p.relative_to(REPO)))
def test_timings_live_in_bench_readme_only(page: Path):
    """Measurements are history and belong to bench/README.md, not to the docs."""
    assert TIMING.findall(read(page)) == []


def test_the_indicator_page_is_the_seed() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "write_indicator_docs", REPO / "scripts" / "write_indicator_docs.py"
    )
    assert spec is not None and spec.loader is not None
    writer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(writer)
    page = read(REPO / "docs" / "indicators.md")
    assert page == writer.indicator_page(), "run scripts/write_indicator_docs.py"
    assert "`gdp`" in page and "地区生产总值" in page
