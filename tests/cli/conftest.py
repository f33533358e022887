"""Shared helpers for the command-line stories: a CliRunner and a writer of small model files."""

from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner

from bizop_tui.cli import main

# Without these, Rich might believe it writes to a terminal and use more than 80 columns.
PLAIN_ENV = {"FORCE_COLOR": None, "TTY_COMPATIBLE": None, "TTY_INTERACTIVE": None, "COLUMNS": None,
             "NO_COLOR": "1"}


@pytest.fixture
def run():
    """Run `bizop ARGS...` in-process; returns click's Result (exit_code, stdout, stderr, output)."""
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(main, list(args), env=PLAIN_ENV, catch_exceptions=False, prog_name="bizop")

    return run


@pytest.fixture
def model_file(tmp_path):
    """Write a model to tmp_path/NAME (dedented) and return its path as a string."""

    def write(text: str, name: str = "model.toml") -> str:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return str(path)

    return write
