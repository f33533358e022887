"""Shared helpers for the import stories: run `bizop` in-process, and write a BMML file."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bizop_tui.cli import main


@pytest.fixture
def run():
    """Run `bizop ARGS...` in-process; returns click's Result (exit_code, stdout, stderr)."""
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(main, list(args), env={"NO_COLOR": "1"}, catch_exceptions=False, prog_name="bizop")

    return run


@pytest.fixture
def bmml_file(tmp_path):
    """Write BMML text to tmp_path/NAME and return its path as a string."""

    def write(text: str | bytes, name: str = "model.bmml") -> str:
        path = tmp_path / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return str(path)

    return write
