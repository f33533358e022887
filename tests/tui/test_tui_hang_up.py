"""Stories about the terminal going away under the app (a dropped SSH connection, a closed window): the
unsaved edits are in the journal and the app is gone at once, never left spinning (issue 14 item 1).

Each runs `bizop FILE` in a real pseudo-terminal (tests/live_terminal.py): only the real driver reads a
terminal that hangs up. The time limits are generous (a busy machine); the app needs well under one.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

from bizop_tui.tui.hang_up import HANG_UP_STATUS
from live_terminal import LiveTerminal

GONE_WITHIN = 8.0  # seconds


def journals() -> list[dict]:
    folder = Path(os.environ["BIZOP_STATE_DIR"]) / "recovery"
    return [json.loads(p.read_text()) for p in folder.glob("*.json")] if folder.exists() else []


def open_and_delete_an_entry(terminal: LiveTerminal) -> None:
    terminal.wait_for(b"Alignment")
    terminal.settle()
    terminal.type(b"d")  # the first business entry goes
    terminal.wait_for(b"brings it back")


@pytest.mark.parametrize("controlling", [True, False], ids=["hang-up-signal", "end-of-input-only"])
def test_when_the_connection_drops_the_unsaved_edit_is_journaled_and_the_app_exits(amazon_path, controlling):
    """sshd closes the terminal: SIGHUP when it is the app's controlling terminal; without that (nohup, an
    inherited terminal) the app only reads end-of-file, which Textual alone reads for ever at full CPU."""
    with LiveTerminal([str(amazon_path)], controlling=controlling) as terminal:
        open_and_delete_an_entry(terminal)
        terminal.hang_up()
        assert terminal.wait(GONE_WITHIN) == HANG_UP_STATUS
    [journal] = journals()
    assert journal["text"] is not None and journal["text"] != amazon_path.read_text()


def test_a_hang_up_without_edits_leaves_no_journal_behind(amazon_path):
    with LiveTerminal([str(amazon_path)]) as terminal:
        terminal.wait_for(b"Alignment")
        terminal.settle()
        assert [j["text"] for j in journals()] == [None]  # the session says it has the file open
        terminal.hang_up()
        assert terminal.wait(GONE_WITHIN) == HANG_UP_STATUS
    assert journals() == []


def test_terminated_by_a_logout_the_app_journals_and_gives_the_terminal_back(amazon_path):
    """SIGTERM with the terminal still there: the edits are kept and the terminal left as it was found."""
    with LiveTerminal([str(amazon_path)]) as terminal:
        open_and_delete_an_entry(terminal)
        terminal.signal(signal.SIGTERM)
        assert terminal.wait(GONE_WITHIN) == 128 + signal.SIGTERM
        terminal.read(0.5)
        assert terminal.output.rsplit(b"brings it back", 1)[1].count(b"\x1b[?1049l") == 1  # main screen back
    [journal] = journals()
    assert journal["text"] is not None
