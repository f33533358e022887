"""Every bundled template (the starting point of `bizop new`) must load cleanly: no error findings.

The folder is globbed, so templates added later are checked too.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import bizop_tui.templates
from bizop_tui.alignment import analyse
from bizop_tui.model import ERROR, load_model

TEMPLATE_FOLDER = Path(bizop_tui.templates.__file__).parent
TEMPLATES = sorted(TEMPLATE_FOLDER.glob("*.toml"))


def test_there_is_a_starter_template():
    assert (TEMPLATE_FOLDER / "starter.toml") in TEMPLATES


@pytest.mark.parametrize("path", TEMPLATES, ids=[p.stem for p in TEMPLATES])
def test_every_template_loads_with_no_error_finding(path):
    model = load_model(str(path))
    alignment = analyse(model, today=dt.date(2026, 6, 1))

    assert model.name.strip()
    assert len(model) > 0
    assert [p for p in model.problems if p.severity == ERROR] == []
    errors = [f"{f.rule} line {f.line}: {f.message}" for f in alignment.errors]
    assert errors == []
    assert 0 <= alignment.score <= 100
