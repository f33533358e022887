"""Only changed cells are written to the terminal, and the terminal still shows exactly what Textual drew:
updates are fed to a small terminal emulator both whole and as the screen copy trims them."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import get_character_cell_size
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Region, Size
from textual.strip import Strip

from bizop_tui.tui.screen_copy import ScreenCopy

WIDTH, HEIGHT = 12, 4
CONSOLE = Console(color_system="256", force_terminal=True, width=WIDTH)
STYLES = [None, Style(color="red"), Style(color="red", meta={"line": 3}), Style(bold=True, bgcolor="blue"),
          Style(color="green", link="https://example.com")]
CHARS = "ab -→漢é" + "\u0301"  # a double-width character and a combining accent among them


TOKEN = re.compile(r"\x1b\[(?P<row>\d+);(?P<col>\d+)H|\x1b\[(?P<sgr>[\d;]*)m|\x1b\]8;[^\x1b]*\x1b\\|(?P<newline>\n)"
                   r"|(?P<char>.)", re.S)


class Terminal:
    """Cells of (character, style codes) as a terminal keeps them, double-width characters included."""

    def __init__(self) -> None:
        self.cells = [[(" ", "")] * WIDTH for _ in range(HEIGHT)]
        self.x = self.y = 0
        self.sgr = ""

    def feed(self, data: str) -> None:
        for match in TOKEN.finditer(data):
            if match["row"]:
                self.y, self.x = int(match["row"]) - 1, int(match["col"]) - 1
            elif match["sgr"] is not None:
                self.sgr = "" if match["sgr"] in ("", "0") else match["sgr"]
            elif match["newline"]:
                self.y, self.x = self.y + 1, 0
            elif match["char"]:
                self.put(match["char"])
            # a hyperlink's start or end changes no cell

    def put(self, char: str) -> None:
        width = get_character_cell_size(char)
        if width == 0:
            x = max(self.x - 1, 0)
            if self.x and self.cells[self.y][x][0] == "":  # after a double-width character
                x -= 1
            old, sgr = self.cells[self.y][x]
            self.cells[self.y][x] = (old + char, sgr)
            return
        row = self.cells[self.y]
        for x in range(self.x, min(self.x + width, WIDTH)):
            if row[x][0] == "" and x > 0:  # writing over the right half clears the left half
                row[x - 1] = (" ", row[x - 1][1])
            if get_character_cell_size(row[x][0][:1] or " ") == 2 and x + 1 < WIDTH:
                row[x + 1] = (" ", row[x + 1][1])
        row[self.x] = (char, self.sgr)
        if width == 2 and self.x + 1 < WIDTH:
            row[self.x + 1] = ("", self.sgr)
        self.x += width


def strip_of(cells: list[tuple[str, Style | None]]) -> Strip:
    return Strip([Segment(text, style) for text, style in cells])


def fit(cells: list[tuple[str, Style | None]], width: int) -> list[tuple[str, Style | None]]:
    """Cells cut or padded to `width` columns (a double-width character never split)."""
    out, used = [], 0
    for text, style in cells:
        size = sum(get_character_cell_size(c) for c in text)
        if used + size > width:
            break
        out.append((text, style))
        used += size
    return out + [(" ", None)] * (width - used)


cell = st.tuples(st.text(CHARS, min_size=1, max_size=2).filter(lambda t: get_character_cell_size(t[0]) > 0),
                 st.sampled_from(STYLES))
line = st.lists(cell, min_size=1, max_size=8)
chop = st.tuples(st.integers(0, HEIGHT - 1), st.integers(0, WIDTH - 2), st.integers(1, WIDTH), line)
update = st.one_of(st.lists(chop, min_size=1, max_size=4), st.lists(line, min_size=HEIGHT, max_size=HEIGHT))


def textual_update(spec):
    """A ChopsUpdate (chops of lines at given places) or a LayoutUpdate (every line), as Textual makes them."""
    if isinstance(spec[0], tuple):
        chops = [dict() for _ in range(HEIGHT)]
        ends: list[list[int]] = [[] for _ in range(HEIGHT)]
        spans = []
        for y, x, width, cells in spec:
            width = min(width, WIDTH - x)
            if chops[y]:
                continue  # one chop a line keeps the example simple
            chops[y][x] = strip_of(fit(cells, width))
            ends[y].append(x + width)
            spans.append((y, x, x + width))
        spans.sort()
        return ChopsUpdate(chops, spans, ends)
    return LayoutUpdate([[strip_of(fit(cells, WIDTH))] for cells in spec], Region(0, 0, WIDTH, HEIGHT))


ACCENT_ON_WIDE = [[(0, 0, 1, [("a", None)]), (3, 0, 2, [("漢", STYLES[1])])],  # found by hypothesis
                  [[("a", None)], [("a", None)], [("a", None)], [("漢\u0301", STYLES[1])]]]


@settings(max_examples=300, deadline=None)
@given(st.lists(update, min_size=1, max_size=6))
@example([ACCENT_ON_WIDE[0], ACCENT_ON_WIDE[1]])
def test_the_terminal_shows_the_same_whether_updates_are_written_whole_or_trimmed(updates):
    whole, trimmed, copy = Terminal(), Terminal(), ScreenCopy()
    for spec in updates:
        made = textual_update(spec)
        whole.feed(made.render_segments(CONSOLE))
        trimmed.feed(copy.changes(made, Size(WIDTH, HEIGHT), CONSOLE).render_segments(CONSOLE))
        assert trimmed.cells == whole.cells


def test_an_update_that_changes_nothing_writes_nothing():
    copy = ScreenCopy()
    frame = LayoutUpdate([[strip_of(fit([("row", STYLES[1])], WIDTH))]] * HEIGHT, Region(0, 0, WIDTH, HEIGHT))
    assert copy.changes(frame, Size(WIDTH, HEIGHT), CONSOLE).render_segments(CONSOLE)
    # The same look with other mouse metadata (a tree's line numbers) is the same on screen.
    again = ChopsUpdate([{0: strip_of(fit([("row", STYLES[2])], WIDTH))}] + [{}] * (HEIGHT - 1), [(0, 0, WIDTH)],
                        [[WIDTH]] + [[]] * (HEIGHT - 1))
    assert copy.changes(again, Size(WIDTH, HEIGHT), CONSOLE).render_segments(CONSOLE) == ""


def test_a_new_size_or_a_forgotten_copy_writes_the_whole_frame():
    copy = ScreenCopy()
    frame = LayoutUpdate([[strip_of(fit([("row", None)], WIDTH))]] * HEIGHT, Region(0, 0, WIDTH, HEIGHT))
    first = copy.changes(frame, Size(WIDTH, HEIGHT), CONSOLE).render_segments(CONSOLE)
    copy.forget()
    assert copy.changes(frame, Size(WIDTH, HEIGHT), CONSOLE).render_segments(CONSOLE) == first

