"""Stories about finding one's way: --help on every command, --version, and `python -m bizop_tui`."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bizop_tui import __version__
from bizop_tui.cli import main

COMMANDS = sorted(main.commands)


def test_the_documented_commands_exist():
    assert {"open", "review", "check", "export", "new"} <= set(COMMANDS)


def test_help_lists_every_command(run):
    result = run("--help")

    assert result.exit_code == 0
    assert "Usage:" in result.stdout
    for command in ("review", "check", "export", "new"):
        assert command in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_help_works_on_every_command(run, command):
    result = run(command, "--help")

    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: bizop {command} [OPTIONS]")
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_short_help_works_on_every_command(run, command):
    result = run(command, "-h")

    assert result.exit_code == 0
    assert "Usage:" in result.stdout


def test_check_help_explains_the_exit_codes(run):
    out = " ".join(run("check", "--help").stdout.split())

    assert "Exit 0" in out
    assert "--min-score" in out


def test_version_prints_the_version(run):
    result = run("--version")

    assert result.exit_code == 0
    assert result.stdout.strip() == f"bizop, version {__version__}"


def test_python_dash_m_bizop_tui_prints_the_version():
    completed = subprocess.run(
        [sys.executable, "-m", "bizop_tui", "--version"], capture_output=True, text=True, timeout=120
    )

    assert completed.returncode == 0, completed.stderr
    assert __version__ in completed.stdout
    assert completed.stderr == ""
