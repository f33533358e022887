"""Stories about the app over a thin link at 80x24 (issue 14 items 4 and 5): the first frame is already the
layout for the terminal's size, nothing animates over SSH unless the person asks, and notices are short
and stay clear of the score and the details.

The first-frame story runs the app in a real pseudo-terminal (tests/live_terminal.py): only the real
driver shows what is sent before the first resize reaches the screen.
"""

from __future__ import annotations

import re

import pytest
from textual.widgets._toast import Toast

from bizop_tui.tui.config import animation_level, load_config
from live_terminal import LiveTerminal
from terminal_screen import TerminalScreen
from tui_helpers import NARROW, WIDE, open_app, wait_for

FRAME_START = b"\x1b[1;1H"  # Textual draws a whole frame from the top left corner


def frames(output: bytes) -> list[str]:
    """The screen after each frame the app sent, as text."""
    screen, shown = TerminalScreen(80, 24), []
    starts = [i for i in range(len(output)) if output.startswith(FRAME_START, i)] + [len(output)]
    screen.feed(output[:starts[0]])
    for start, end in zip(starts, starts[1:]):
        shown.append(screen.feed(output[start:end]).text())
    return shown


def test_the_first_frame_at_80x24_is_already_the_one_pane_layout(amazon_path):
    """The three-pane layout used to go out first (11.8 KB at 80x24), then be replaced: a flash on a slow
    link. Now no frame of it is ever sent."""
    with LiveTerminal([str(amazon_path)]) as terminal:
        terminal.wait_to_see("Alignment 93/100")
        terminal.settle()
    shown = frames(terminal.output)
    assert shown and not [frame for frame in shown if "╮╭" in frame]  # two pane corners side by side
    first = shown[0].splitlines()
    assert first[1].startswith(" Business model  Operating model  Alignment")  # the pane tabs
    assert first[3].startswith("▼ Customer segments")


# -- animations ---------------------------------------------------------------------------------------


UNDERLINE_ROW = re.compile(rb"\x1b\[3;\d+H")  # the cursor moved into the tab underline's row (80x24)


def underline_writes_per_tab(amazon_path, env: dict) -> list[int]:
    """In a pty at 80x24: how often the app redraws the tab underline for each of three presses of tab."""
    writes = []
    with LiveTerminal([str(amazon_path)], env=env) as terminal:
        terminal.wait_to_see("Alignment 93/100")
        terminal.settle(1.0, timeout=5)
        for _ in range(3):
            before = len(terminal.output)
            terminal.type(b"\t")
            terminal.settle(0.6, timeout=5)
            writes.append(len(UNDERLINE_ROW.findall(terminal.output[before:])))
    return writes


def test_over_ssh_the_tab_underline_jumps_instead_of_gliding(amazon_path):
    """A glide of 300 ms is a redraw of the underline a frame down the link (13-20 a tab); over SSH it is
    drawn once or a few times. Counted as the cursor moves into its row, however much of it is drawn."""
    local = underline_writes_per_tab(amazon_path, {})
    over_ssh = underline_writes_per_tab(amazon_path, {"SSH_CONNECTION": "10.0.0.1 50000 10.0.0.2 22"})
    assert max(over_ssh) <= 4 and min(local) > max(over_ssh)


@pytest.mark.parametrize("variable", ["SSH_CONNECTION", "SSH_TTY"])
async def test_over_ssh_nothing_animates(amazon, monkeypatch, variable):
    monkeypatch.setenv(variable, "10.0.0.1 50000 10.0.0.2 22" if variable == "SSH_CONNECTION" else "/dev/pts/3")
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        assert pilot.app.animation_level == "none"


@pytest.mark.parametrize(("setting", "level"), [("true", "full"), ("false", "none")])
async def test_the_config_file_turns_animations_on_over_ssh_or_off_anywhere(amazon, monkeypatch, tmp_path, setting,
                                                                             level):
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 50000 10.0.0.2 22")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text(f"animations = {setting}\n", "utf-8")
    monkeypatch.setenv("BIZOP_CONFIG_DIR", str(tmp_path / "config"))
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        assert pilot.app.animation_level == level


def test_the_animation_level_follows_the_config_then_TEXTUAL_ANIMATIONS_then_ssh():
    ssh = {"SSH_CONNECTION": "10.0.0.1 50000 10.0.0.2 22"}
    assert animation_level(None, {}) is None  # Textual's own: full
    assert animation_level(None, ssh) == "none"
    assert animation_level(None, {**ssh, "TEXTUAL_ANIMATIONS": "basic"}) is None  # asked for: Textual reads it
    assert animation_level(True, ssh) == "full" and animation_level(False, {}) == "none"


def test_a_config_that_says_animations_in_words_is_a_problem_not_a_crash(tmp_path):
    (tmp_path / "config.toml").write_text('animations = "yes"\n', "utf-8")
    config = load_config(str(tmp_path / "config.toml"))
    assert config.animations is None and config.problems == ["animations must be true or false"]


# -- notices ------------------------------------------------------------------------------------------


async def shown_toast(pilot) -> Toast:
    assert await wait_for(pilot, lambda: len(pilot.app.screen.query(Toast)) == 1)
    await pilot.pause()
    return pilot.app.screen.query_one(Toast)


def overlaps(a, b) -> bool:
    return bool(a.intersection(b).area)


async def test_at_80x24_a_notice_is_short_and_clear_of_the_score_and_the_details(amazon):
    async with open_app(amazon).run_test(size=NARROW, notifications=True) as pilot:
        await pilot.press("escape")  # "Nothing to close here ..."
        main = pilot.app.main_screen
        toast = await shown_toast(pilot)
        assert toast.region.height <= 3
        assert not overlaps(toast.region, main.query_one("#title").region)
        assert not overlaps(toast.region, main.query_one("#details").region)
        assert not overlaps(toast.region, main.query_one("#keys").region)
        notice = pilot.app._notifications
        assert all(n.timeout <= 3 for n in notice if n.severity == "information")


async def test_on_a_wide_terminal_a_notice_stays_clear_of_the_alignment_scores(amazon):
    async with open_app(amazon).run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("escape")
        main = pilot.app.main_screen
        toast = await shown_toast(pilot)
        assert not overlaps(toast.region, main.query_one("#title").region)
        assert not overlaps(toast.region, main.query_one("#scores").region)
