"""Stories about `bizop FILE`, the command typed most: it opens the app without loading the command
line's parser, and fails exactly as `bizop open FILE` does (issue 13: the first frame)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bizop_tui.cli import main as command_line
from bizop_tui.start import COMMANDS, opens_app

MISSING = "no-such-model.toml"


def test_the_quick_start_knows_every_command_of_the_command_line():
    assert COMMANDS == set(command_line.commands)


@pytest.mark.parametrize("args, opens", [
    ([], True), (["model.toml"], True), (["review"], False), (["review", "m.toml"], False),
    (["--version"], False), (["-h"], False), (["a.toml", "b.toml"], False), (["open"], False),
])
def test_only_a_file_or_nothing_opens_the_app_directly(args, opens):
    assert opens_app(args) is opens


def run_start(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """Run the `bizop` entry point with `args` (stdin not a terminal), and say whether click was loaded."""
    script = ("import sys\nfrom bizop_tui.start import main\nsys.argv = ['bizop', *sys.argv[1:]]\n"
              "try:\n    main()\nfinally:\n    print('click loaded' if 'click' in sys.modules else 'no click')\n")
    return subprocess.run([sys.executable, "-c", script, *args], cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60)


def test_opening_a_file_without_a_terminal_refuses_as_bizop_open_does_without_click(tmp_path):
    quick = run_start([MISSING], tmp_path)
    full = run_start(["open", MISSING], tmp_path)
    assert quick.returncode == full.returncode == 2
    assert quick.stderr == full.stderr
    assert "the app needs a terminal, but stdin, stdout and stderr are not terminals" in quick.stderr
    assert "Traceback" not in quick.stderr
    assert quick.stdout.strip() == "no click"
    assert full.stdout.strip() == "click loaded"


def test_a_command_still_goes_to_the_command_line(tmp_path):
    run = run_start(["rules"], tmp_path)
    assert run.returncode == 0
    assert "click loaded" in run.stdout
