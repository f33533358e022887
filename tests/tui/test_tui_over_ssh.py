"""Stories about the app over a thin link at 80x24 (issue 14 items 4 and 5): the first frame is already the
layout for the terminal's size, nothing animates over SSH unless the person asks, and notices are short
and stay clear of the score and the details.

The first-frame story runs the app in a real pseudo-terminal (tests/live_terminal.py): only the real
driver shows what is sent before the first resize reaches the screen.
"""

from __future__ import annotations

from live_terminal import LiveTerminal
from terminal_screen import TerminalScreen

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
