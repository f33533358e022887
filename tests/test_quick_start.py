"""The README's quick start is a contract: CI runs its test line, and both lines use a virtual environment."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _quick_start_lines() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_the_quick_start_has_one_line_to_open_the_app_and_one_to_run_the_tests():
    open_line, test_line = _quick_start_lines()
    assert "\n" not in open_line and "\n" not in test_line
    assert open_line.endswith("bizop")
    assert test_line.endswith("pytest")


def test_ci_runs_the_readme_test_line_word_for_word():
    _, test_line = _quick_start_lines()
    ci = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert test_line in ci


def test_the_quick_start_never_installs_into_the_system_python():
    # PEP 668 systems refuse it, and elsewhere it would change the user's global packages.
    for line in _quick_start_lines():
        assert line.startswith("python3 -m venv .venv && .venv/bin/python -m pip install")
