"""Stories about reading the screen in any terminal (issue 14 item 3): every mark and message keeps at least
4.5:1 contrast (WCAG AA) in the default theme at 256 colours, at 16 colours and under NO_COLOR (and in
true colour), and severity reads from the mark and the words, not from colour alone.

How it is measured: the app runs in a real pseudo-terminal with TERM, COLORTERM and NO_COLOR set as a
terminal would set them, so Textual's own driver picks the colour system and writes the very escape
sequences a terminal receives; tests/terminal_screen.py replays them into cells, and every cell holding
a character to read (not a line, a border, a scrollbar or the tab underline) is measured against its
own background. Palette colours (the 16) are judged in the xterm and the VGA/Linux console palettes,
default colours as a dark terminal's. Behind a dialog the screen is dimmed on purpose: there only the
dialog and its key bar are judged.

The model is the Amazon sample with one broken link (an error), so errors, warnings and information
are all on screen, and "(unknown id)" in the details; 100x30 shows the tree, the findings and the
details at once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from live_terminal import LiveTerminal
from terminal_screen import PALETTES, TerminalScreen

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "bizop_tui" / "templates" / "amazon.toml"
MIDDLE_MILE_SUPPORTS = 'supports = ["ka-fulfilment-logistics", "vp-fast-delivery"]\ncost = 30_000_000_000'
COLS, ROWS = 100, 30
AA = 4.5
NOT_TEXT = set("─│╭╮╰╯├└┌┐┘┤┬┴┼━┃╸╺╹╻▁▂▃▄▅▆▇█▀▔▏▕▌▐╴╶ ")

TERMINALS = {
    "256 colours": ({"TERM": "xterm-256color"}, ["xterm"]),
    "16 colours": ({"TERM": "xterm"}, ["xterm", "vga"]),
    "NO_COLOR": ({"TERM": "xterm-256color", "NO_COLOR": "1"}, ["xterm"]),
    "true colour": ({"TERM": "xterm-256color", "COLORTERM": "truecolor"}, ["xterm"]),
}

# What a person does, and what is then on screen to read.
STEPS = [
    ("the main screen", b"", "Alignment 93/100"),
    ("an entry with a broken link", b"/middle-mile\r", "(unknown id)"),
    ("the error highlighted in the findings", b"\t", "hint: Fix the id"),
    ("the last finding (information) highlighted", b"\x1b[F", "is a bet"),
    ("a warning", b"/zzzq\r", "No entry matches"),
    ("a notice", b"\x1b", "Nothing to close here"),
    ("the help", b"?", "bizop keys"),
    ("the marks explained in the help", b"\x1b[6~", "worst finding is an error"),
    ("the help closed", b"\x1b", "tab pane"),
    ("a new entry form", b"a", "Cost per year"),
]


@pytest.fixture(scope="module")
def broken_link_model(tmp_path_factory) -> Path:
    text = SAMPLE.read_text()
    assert text.count(MIDDLE_MILE_SUPPORTS) == 1
    path = tmp_path_factory.mktemp("legibility") / "amazon.toml"
    path.write_text(text.replace(MIDDLE_MILE_SUPPORTS, MIDDLE_MILE_SUPPORTS.replace("vp-fast-delivery", "vp-gone")))
    return path


@pytest.fixture(scope="module")
def screens(broken_link_model):
    """screens(terminal): the screen after each step of one session in that terminal (run once a module)."""
    seen: dict[str, dict[str, TerminalScreen]] = {}

    def of(terminal: str) -> dict[str, TerminalScreen]:
        if terminal not in seen:
            seen[terminal] = screens_of_a_session(broken_link_model, TERMINALS[terminal][0])
        return seen[terminal]

    return of


def screens_of_a_session(model: Path, env: dict) -> dict[str, TerminalScreen]:
    """The screen after each step, as the terminal shows it."""
    shots = {}
    with LiveTerminal([str(model)], cols=COLS, rows=ROWS, env=env) as terminal:
        for name, keys, shows in STEPS:
            if keys:
                terminal.type(keys)
            terminal.wait_to_see(shows)
            terminal.settle(0.4, timeout=2.0)  # a text box blinks its cursor: never quite quiet
            shots[name] = TerminalScreen(COLS, ROWS)
            shots[name].rows = [list(row) for row in terminal.screen.rows]
    return shots


def dialog_box(screen: TerminalScreen) -> tuple[int, int, int, int] | None:
    """(top, bottom, left, right) of a dialog's thick border, or None when no dialog is open."""
    rows = [y for y, row in enumerate(screen.rows) if "▀" * 10 in "".join(c.char for c in row)]
    if not rows:
        return None
    top = rows[0]
    bottom = next(y for y in range(ROWS - 1, top, -1) if "▄" * 10 in "".join(c.char for c in screen.rows[y]))
    line = "".join(c.char for c in screen.rows[top])
    return top, bottom, line.index("█"), line.rindex("█")


def hard_to_read(screen: TerminalScreen, palettes: list[str]) -> list[str]:
    """Each character below AA contrast, once per colour pair: 'ratio char "its row" (palette)'."""
    box = dialog_box(screen)
    found = {}
    for x, y, cell in screen.cells():
        if cell.char in NOT_TEXT or not cell.char:
            continue
        if box and not (box[0] < y < box[1] and box[2] < x < box[3]) and y != ROWS - 1:
            continue  # the dimmed screen behind a dialog (its own key bar is the last row)
        for palette in palettes:
            ratio = cell.contrast(PALETTES[palette])
            if ratio < AA:
                row = "".join(c.char for c in screen.rows[y]).strip()
                found.setdefault((cell.fg, cell.bg, palette), f"{ratio:.2f} {cell.char!r} in \"{row[:70]}\" ({palette})")
    return sorted(found.values())


@pytest.mark.parametrize("terminal", list(TERMINALS))
def test_every_mark_and_message_keeps_AA_contrast(screens, terminal):
    palettes = TERMINALS[terminal][1]
    problems = {name: hard_to_read(screen, palettes) for name, screen in screens(terminal).items()}
    assert {name: found for name, found in problems.items() if found} == {}


def marks(screen: TerminalScreen, mark: str) -> list:
    """The cells of `mark` but on the highlighted finding (which is drawn in the cursor's colours)."""
    return [cell for _, _, cell in screen.cells() if cell.char == mark and cell.bg == ("index", 0)]


def test_at_16_colours_errors_are_red_and_warnings_and_information_are_not(screens):
    """Warnings used to be bright red and errors magenta, so warnings looked like errors."""
    shots = screens("16 colours")
    screens = [shots["an entry with a broken link"], shots["the last finding (information) highlighted"]]
    red = {("index", 1), ("index", 9)}
    errors = [cell for screen in screens for cell in marks(screen, "✖")]
    assert errors and all(cell.fg in red for cell in errors)
    warning_colours = {cell.fg for screen in screens for cell in marks(screen, "▲")}
    info_colours = {cell.fg for screen in screens for cell in marks(screen, "•")}
    assert warning_colours and info_colours
    assert not warning_colours & red and not info_colours & red and not warning_colours & info_colours


def test_without_colour_each_severity_has_its_own_mark_and_the_words_say_it(screens):
    shots = screens("NO_COLOR")
    screen = shots["the error highlighted in the findings"].text()
    assert "1 error · 7 warnings · 4 info" in screen  # the alignment pane says it in words
    assert "✖1 ▲7" in screen.splitlines()[0]  # the title bar: marks and counts
    findings = [line.split("││")[1].strip("│ ") for line in screen.splitlines() if "││" in line]
    assert any(f.startswith("✖ 'Middle-mile") for f in findings) and any(f.startswith("▲") for f in findings)
    help_text = shots["the marks explained in the help"].text()
    for mark, word in (("✖", "an error"), ("▲", "a warning"), ("•", "a note")):
        assert any(mark in line and word in line.lower() for line in help_text.splitlines()), (mark, word)
