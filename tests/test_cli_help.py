"""Each command's --help reads as prose: a paragraph wraps at the terminal's width only."""

from __future__ import annotations

import inspect

import pytest
from typer.testing import CliRunner

from govreports.cli import app

COMMANDS = [command.callback.__name__ for command in app.registered_commands if command.callback]


@pytest.mark.parametrize("name", COMMANDS)
def test_help_keeps_each_paragraph_whole(name: str) -> None:
    result = CliRunner().invoke(app, [name, "--help"], env={"COLUMNS": "2000"})
    assert result.exit_code == 0, result.output
    callback = next(c.callback for c in app.registered_commands if c.callback.__name__ == name)
    for paragraph in inspect.getdoc(callback).split("\n\n"):
        assert " ".join(paragraph.split()) in result.output, paragraph


READ_ONLY = {"summary", "export", "report", "check"}


@pytest.mark.parametrize("name", COMMANDS)
def test_warehouse_option_says_what_the_command_does_with_it(name: str) -> None:
    result = CliRunner().invoke(app, [name, "--help"], env={"COLUMNS": "2000"})
    line = next(line for line in result.output.splitlines() if "--warehouse" in line)
    assert ("read-only" in line) == (name in READ_ONLY), line
    assert "$GOVREPORTS_WAREHOUSE" in line
