"""Starting the app: a terminal is needed, and the exit status tells a crash from a clean quit."""

from __future__ import annotations

import subprocess
import sys


def test_opening_the_app_without_a_terminal_is_refused_plainly(tmp_path):
    model = tmp_path / "m.toml"
    model.write_text('[model]\nname = "Acme"\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bizop_tui", str(model)], stdin=subprocess.PIPE,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "needs a terminal" in done.stderr and "bizop review" in done.stderr
