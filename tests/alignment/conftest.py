"""Shared helpers for the alignment stories: load a small inline model and analyse it.

`align(text)` writes `text` to a file, loads it and returns the Alignment. A text without a
[model] table gets `[model] name = "Acme"` put in front, so each story shows only what matters.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from bizop_tui.alignment import analyse
from bizop_tui.model import load_model

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def load(tmp_path):
    counter = iter(range(1_000_000))

    def load(text: str):
        text = textwrap.dedent(text).lstrip("\n")
        if "[model]" not in text:
            text = '[model]\nname = "Acme"\n\n' + text
        path = tmp_path / f"model-{next(counter)}.toml"
        path.write_text(text, encoding="utf-8")
        return load_model(str(path))

    return load


@pytest.fixture
def align(load):
    def align(text: str, today: dt.date = TODAY):
        return analyse(load(text), today=today)

    return align


@pytest.fixture
def rule_findings():
    """The findings of one rule in an Alignment."""

    def rule_findings(alignment, rule: str):
        return [f for f in alignment.findings if f.rule == rule]

    return rule_findings
