"""The layers point one way: the core (model, alignment, report, the session, the CLI's non-interactive
commands) never imports Textual, so it stays fast to start and usable without a terminal UI; the app's
settings file is plain data too."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = ["bizop_tui.model", "bizop_tui.model.document", "bizop_tui.model.journal", "bizop_tui.alignment",
        "bizop_tui.alignment.engine", "bizop_tui.report.terminal", "bizop_tui.report.markdown",
        "bizop_tui.report.json_export", "bizop_tui.cli", "bizop_tui.model.schema", "bizop_tui.report.csv_export",
        "bizop_tui.report.model_export", "bizop_tui.interchange.bmml", "bizop_tui.interchange.imported",
        "bizop_tui.model.changes", "bizop_tui.model.revisions", "bizop_tui.alignment.diff",
        "bizop_tui.alignment.roadmap", "bizop_tui.report.diff", "bizop_tui.report.textconv",
        "bizop_tui.session", "bizop_tui.tui.config", "bizop_tui.comparing", "bizop_tui.model.versions"]


def imported_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


@pytest.mark.parametrize("module", CORE)
def test_the_core_does_not_import_textual(module):
    assert not {m for m in imported_after(f"import {module}") if m.split(".")[0] == "textual"}


def test_a_review_from_the_command_line_never_loads_textual(tmp_path):
    model = tmp_path / "m.toml"
    model.write_text('[model]\nname = "Acme"\n', encoding="utf-8")
    code = (
        "from bizop_tui.cli import main\n"
        f"try:\n    main(['review', {str(model)!r}])\nexcept SystemExit:\n    pass"
    )
    assert not {m for m in imported_after(code) if m.split(".")[0] == "textual"}


def test_a_diff_and_a_textconv_from_the_command_line_never_load_textual(tmp_path):
    model = tmp_path / "m.toml"
    model.write_text('[model]\nname = "Acme"\n', encoding="utf-8")
    for args in (["diff", str(model), str(model), "--roadmap"], ["textconv", str(model)]):
        code = (
            "from bizop_tui.cli import main\n"
            f"try:\n    main({args!r})\nexcept SystemExit:\n    pass"
        )
        assert not {m for m in imported_after(code) if m.split(".")[0] == "textual"}


def test_the_session_is_the_only_place_the_app_touches_the_journal():
    from pathlib import Path

    tui = Path(__file__).resolve().parent.parent / "src" / "bizop_tui" / "tui"
    for module in tui.rglob("*.py"):
        text = module.read_text("utf-8")
        assert ".journal." not in text and "import Journal" not in text or module.name == "launch.py", module
