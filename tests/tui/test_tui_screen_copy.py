"""Only changed cells are written to the terminal, and the terminal still shows exactly what Textual drew:
updates are fed to a small terminal emulator both whole and as the screen copy trims them."""

from __future__ import annotations

import re

import pytest

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import get_character_cell_size
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Region, Size
from textual.strip import Strip

from bizop_tui.tui import screen_copy
from bizop_tui.tui.screen_copy import ScreenCopy

WIDTH, HEIGHT = 12, 4
CONSOLE = Console(color_system="256", force_terminal=True, width=WIDTH)
STYLES = [None, Style(color="red"), Style(color="red", meta={"line": 3}), Style(bold=True, bgcolor="blue"),
          Style(color="green", link="https://example.com"), Style(color="red", bgcolor="blue"),
          Style(bgcolor="blue"), Style(italic=True, color="#102030", bgcolor="blue"), Style(color="default"),
          Style(bold=True, dim=True, bgcolor="blue"), Style(dim=True, underline=True, bgcolor="blue"),
          Style(reverse=True, color="red", bgcolor="blue"), Style(strike=True, bgcolor="#304050")]
CHARS = "ab -→漢é" + "\u0301"  # a double-width character and a combining accent among them


TOKEN = re.compile(r"\x1b\[(?P<row>\d+)(;(?P<col>\d+))?H|\x1b\[(?P<column>\d+)G|\x1b\[(?P<erase>\d+)X"
                   r"|\x1b\[(?P<sgr>[\d;]*)m|\x1b\]8;[^\x1b]*\x1b\\|(?P<newline>\n)|(?P<char>.)", re.S)


OFF = {"22": {"1", "2"}, "23": {"3"}, "24": {"4", "21"}, "25": {"5", "6"}, "27": {"7"}, "28": {"8"}, "29": {"9"},
       "54": {"51", "52"}, "55": {"53"}}


def apply_sgr(look: str, sgr: str) -> str:
    """The look after SGR parameters `sgr`, as a terminal keeps it: attributes on or off, one foreground
    and one background, each parameter in turn (0 or none: all reset). Written out in one fixed order."""
    attributes, fg, bg = set(look.split("|")[0].split()) if look else set(), *(look.split("|")[1:] or ["", ""])
    params = sgr.split(";") if sgr else ["0"]
    i = 0
    while i < len(params):
        code = params[i]
        if code in ("38", "48"):
            size = 3 if params[i + 1] == "5" else 5
            colour = ";".join(params[i + 1 : i + size])
            fg, bg = (colour, bg) if code == "38" else (fg, colour)
            i += size
            continue
        number = int(code or "0")
        if number == 0:
            attributes, fg, bg = set(), "", ""
        elif 30 <= number <= 37 or 90 <= number <= 97:
            fg = code
        elif 40 <= number <= 47 or 100 <= number <= 107:
            bg = code
        elif number == 39:
            fg = ""
        elif number == 49:
            bg = ""
        elif code in OFF:
            attributes -= OFF[code]
        else:
            attributes.add(code)
        i += 1
    return "" if not (attributes or fg or bg) else f"{' '.join(sorted(attributes))}|{fg}|{bg}"


class Terminal:
    """Cells of (character, style codes) as a terminal keeps them, double-width characters included."""

    def __init__(self) -> None:
        self.cells = [[(" ", "")] * WIDTH for _ in range(HEIGHT)]
        self.x = self.y = 0
        self.sgr = ""

    def feed(self, data: str) -> None:
        for match in TOKEN.finditer(data):
            if match["row"]:
                self.y, self.x = int(match["row"]) - 1, int(match["col"] or 1) - 1
            elif match["column"]:
                self.x = int(match["column"]) - 1
            elif match["erase"]:
                self.erase(int(match["erase"]))
            elif match["sgr"] is not None:
                self.sgr = apply_sgr(self.sgr, match["sgr"])
            elif match["newline"]:
                self.y, self.x = self.y + 1, 0
            elif match["char"]:
                self.put(match["char"])
            # a hyperlink's start or end changes no cell

    def erase(self, count: int) -> None:
        """ECH on a terminal that erases with the current background: blanks of that background only,
        and the cursor stays."""
        x, sgr = self.x, self.sgr
        self.sgr = apply_sgr("", colours("", sgr.split("|")[2]) or "0") if sgr else ""
        for _ in range(min(count, WIDTH - x)):
            self.put(" ")
        self.x, self.sgr = x, sgr

    def seen(self) -> list[list[tuple[str, str]]]:
        """The cells as a person sees them: a blank shows only its background and the attributes that
        show on a blank (underline, reverse video, strike-through)."""
        return [[(char, _blank_look(sgr) if char == " " else sgr) for char, sgr in row] for row in self.cells]

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


def _blank_look(sgr: str) -> str:
    if not sgr:
        return ""
    attributes, fg, bg = sgr.split("|")
    shown = set(attributes.split()) - set(screen_copy.UNSEEN_ON_BLANKS)
    return apply_sgr("", ";".join([*sorted(shown), colours(fg if "7" in shown else "", bg)]).strip(";") or "0")


def colours(fg: str, bg: str) -> str:
    """SGR parameters for a look's foreground and background as apply_sgr keeps them."""
    return ";".join([p + colour if ";" in colour else colour for p, colour in (("38;", fg), ("48;", bg)) if colour])


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
@given(st.lists(update, min_size=1, max_size=6), st.booleans())
@example([ACCENT_ON_WIDE[0], ACCENT_ON_WIDE[1]], False)
def test_the_terminal_shows_the_same_whether_updates_are_written_whole_or_trimmed(updates, erase):
    """`erase`: a terminal that erases with the background (terminfo's bce), where blanks that end a run
    may be erased rather than written."""
    shows_the_same(updates, erase)


@settings(max_examples=300, deadline=None)
@given(st.lists(update, min_size=1, max_size=6), st.integers(0, 3), st.booleans())
def test_the_same_when_the_changes_of_a_line_are_written_as_several_runs(updates, gap, erase):
    """A line's changed cells become several runs when unchanged cells lie between them (GAP is 12 cells
    in the app; these lines are 12 wide, so the jump is tried at every distance here)."""
    saved = screen_copy.GAP
    screen_copy.GAP = gap
    try:
        shows_the_same(updates, erase)
    finally:
        screen_copy.GAP = saved


def shows_the_same(updates, erase: bool) -> None:
    whole, trimmed, copy = Terminal(), Terminal(), ScreenCopy()
    copy.erase_blanks = erase
    for spec in updates:
        made = textual_update(spec)
        whole.feed(made.render_segments(CONSOLE))
        trimmed.feed(copy.changes(made, Size(WIDTH, HEIGHT), CONSOLE).render_segments(CONSOLE))
        if erase:  # an erased cell keeps no foreground or bold: the same to the eye
            assert trimmed.seen() == whole.seen()
        else:
            assert trimmed.cells == whole.cells


def test_an_update_that_changes_nothing_writes_nothing():
    copy = ScreenCopy()
    copy.erase_blanks = False
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



def test_a_line_of_pieces_on_one_background_states_the_background_once():
    """Over SSH every byte counts: a details line in five colours on the panel's background says
    the background once, and each piece says only what it changes."""
    copy = ScreenCopy()
    copy.erase_blanks = False
    blank = LayoutUpdate([[strip_of(fit([(" ", None)], WIDTH))]] * HEIGHT, Region(0, 0, WIDTH, HEIGHT))
    copy.changes(blank, Size(WIDTH, HEIGHT), CONSOLE)
    on_panel = [("ab", Style(color="red", bgcolor="blue")), ("cd", Style(color="green", bgcolor="blue")),
                ("ef", Style(bold=True, color="green", bgcolor="blue")), ("gh", Style(color="red", bgcolor="blue"))]
    line = LayoutUpdate([[strip_of(fit(on_panel, WIDTH))]] + [[strip_of(fit([(" ", None)], WIDTH))]] * (HEIGHT - 1),
                        Region(0, 0, WIDTH, HEIGHT))
    written = copy.changes(line, Size(WIDTH, HEIGHT), CONSOLE).render_segments(CONSOLE)
    as_textual_writes = strip_of(on_panel).render(CONSOLE)
    # The background once, then only the colour, then bold on, then bold off and the colour; it ends reset.
    assert written == "\x1b[1H\x1b[31;44mab\x1b[32mcd\x1b[1mef\x1b[22;31mgh\x1b[0m"
    assert len(written) < len(as_textual_writes)
    screen = Terminal()
    screen.feed(written)
    textual = Terminal()
    textual.feed(f"\x1b[1;1H{as_textual_writes}")
    assert screen.cells[0] == textual.cells[0]


def test_changes_far_apart_in_a_line_are_written_as_two_runs(monkeypatch):
    """A details line that keeps its label and changes a name and a line number: the label between
    them is not written again."""
    monkeypatch.setattr(screen_copy, "GAP", 3)
    copy = ScreenCopy()
    copy.erase_blanks = False
    rows = [[strip_of(fit([("ab label 12", None)], WIDTH))]] + [[strip_of(fit([(" ", None)], WIDTH))]] * (HEIGHT - 1)
    copy.changes(LayoutUpdate(rows, Region(0, 0, WIDTH, HEIGHT)), Size(WIDTH, HEIGHT), CONSOLE)
    rows[0] = [strip_of(fit([("cd label 34", None)], WIDTH))]
    written = copy.changes(LayoutUpdate(rows, Region(0, 0, WIDTH, HEIGHT)), Size(WIDTH, HEIGHT),
                           CONSOLE).render_segments(CONSOLE)
    assert written == "\x1b[1Hcd\x1b[10G34"  # the second run: only its column


def test_the_look_carries_from_run_to_run():
    """Two runs on one background: the second says nothing of the look (a cursor move keeps it)."""
    copy = ScreenCopy()
    copy.erase_blanks = False
    on_panel = Style(color="red", bgcolor="blue")
    rows = [[strip_of(fit([(" ", on_panel)] * WIDTH, WIDTH))] for _ in range(HEIGHT)]
    copy.changes(LayoutUpdate(rows, Region(0, 0, WIDTH, HEIGHT)), Size(WIDTH, HEIGHT), CONSOLE)
    rows[1] = [strip_of(fit([("ab", on_panel)] + [(" ", on_panel)] * (WIDTH - 2), WIDTH))]
    rows[2] = [strip_of(fit([(" ", on_panel), ("cd", on_panel)] + [(" ", on_panel)] * (WIDTH - 3), WIDTH))]
    written = copy.changes(LayoutUpdate(rows, Region(0, 0, WIDTH, HEIGHT)), Size(WIDTH, HEIGHT),
                           CONSOLE).render_segments(CONSOLE)
    assert written == "\x1b[2H\x1b[31;44mab\x1b[3;2Hcd\x1b[0m"


def test_a_shorter_line_over_a_longer_one_erases_what_is_left_where_the_terminal_can():
    """A details line that replaces a longer one ends in blanks on the panel's background: erased in
    seven bytes on a terminal that erases with its background, written out on any other."""
    on_panel, lines = Style(color="red", bgcolor="blue"), {}
    for erase in (True, False):
        copy = ScreenCopy()
        copy.erase_blanks = erase
        rows = [[strip_of(fit([("x" * WIDTH, on_panel)], WIDTH))] for _ in range(HEIGHT)]
        copy.changes(LayoutUpdate(rows, Region(0, 0, WIDTH, HEIGHT)), Size(WIDTH, HEIGHT), CONSOLE)
        rows[0] = [strip_of(fit([("ab", on_panel), (" " * (WIDTH - 2), on_panel)], WIDTH))]
        lines[erase] = copy.changes(LayoutUpdate(rows, Region(0, 0, WIDTH, HEIGHT)), Size(WIDTH, HEIGHT),
                                    CONSOLE).render_segments(CONSOLE)
    assert lines[True] == "\x1b[1H\x1b[31;44mab\x1b[10X\x1b[0m"
    assert lines[False] == "\x1b[1H\x1b[31;44mab" + " " * (WIDTH - 2) + "\x1b[0m"


@pytest.mark.parametrize("look", [Style(underline=True, bgcolor="blue"), Style(reverse=True, color="red"),
                                  Style(strike=True, bgcolor="blue")], ids=["underline", "reverse", "strike"])
def test_blanks_that_show_their_look_are_written_not_erased(look):
    """An erased cell keeps only the background: underlined, struck or reversed blanks must be written."""
    copy = ScreenCopy()
    copy.erase_blanks = True
    whole, trimmed = Terminal(), Terminal()
    rows = [[strip_of(fit([("x" * WIDTH, None)], WIDTH))] for _ in range(HEIGHT)]
    for update in (rows, [[strip_of(fit([("ab", None), (" " * (WIDTH - 2), look)], WIDTH))]] + rows[1:]):
        made = LayoutUpdate(update, Region(0, 0, WIDTH, HEIGHT))
        whole.feed(made.render_segments(CONSOLE))
        trimmed.feed(copy.changes(made, Size(WIDTH, HEIGHT), CONSOLE).render_segments(CONSOLE))
    assert trimmed.seen() == whole.seen()


def test_blanks_are_erased_only_where_terminfo_says_the_terminal_erases_with_its_background():
    assert not screen_copy.erases_with_background("no-such-terminal-anywhere")
    assert not screen_copy.erases_with_background("dumb")
    assert not screen_copy.erases_with_background(None)
