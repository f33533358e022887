"""Only what changed on screen goes to the terminal.

Textual repaints whole regions: a line whose cursor moved, a widget that gained the focus, a tree line
under the mouse, a scrollbar, a border. Over SSH every byte counts (at 256 kbit/s, 32 KB is a second),
so the app keeps a copy of what the terminal shows, cell by cell, and turns each update into the runs
of cells that differ from it. An update that changes nothing writes nothing but the cursor's place.

A cell is compared by the escape codes its style renders to (so styles that differ only in mouse
metadata are the same look) and by its character. The copy is forgotten, and the next frame written
whole, whenever the terminal may show something else: a new size, or a return from $EDITOR.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from rich.cells import get_character_cell_size
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.geometry import Size
from textual.strip import Strip

WIDE_RIGHT = "\x00"  # the key of the right half of a double-width character


class ChangedCells(CompositorUpdate):
    """The runs of cells an update changes: (x, y, segments) each."""

    def __init__(self, runs: list[tuple[int, int, list[Segment]]], erase: bool = False) -> None:
        self.runs = runs
        self.erase = erase  # blanks that end a run may be erased rather than written (see `_put`)

    def render_segments(self, console: Console) -> str:
        color_system = console._color_system
        out: list[str] = []
        now: Look | None = None  # the terminal's look, kept from run to run: a cursor move does not change it
        row = -1
        for x, y, segments in self.runs:
            out.append(_move_to(x, y, row))
            row = y
            if color_system:
                now = _render_run(segments, color_system, now, out, self.erase)
            else:
                _put(out, "".join(s.text for s in segments), self.erase)
        if now is not None:
            out.append("\x1b[0m")
        return "".join(out)


def _move_to(x: int, y: int, row: int) -> str:
    """The shortest absolute move to column x of line y, the cursor being on line `row`: on the same line
    only the column is given (never a relative move: the terminal may count a character's width
    otherwise than Rich does)."""
    if y == row:
        return f"\x1b[{x + 1}G"
    return f"\x1b[{y + 1}H" if x == 0 else f"\x1b[{y + 1};{x + 1}H"


# -- writing a run with only the attributes that change --------------------------------------------
#
# Textual writes each segment as "ESC[codes m" text "ESC[0m": a line of five pieces on one background
# restates that background five times. Here a look is stated once and then only what changes from one
# piece to the next (or a reset and the whole look, when that is shorter), from run to run too: a
# cursor move leaves the look as it was. An update ends reset, as Textual's own writes do.

Look = tuple[frozenset[str], str, str]  # (attributes, foreground, background) as SGR parameters
_LOOKS: dict[str, Look] = {}


def _look_of(ansi: str) -> Look:
    """'1;38;5;253;48;5;233' -> ({'1'}, '38;5;253', '48;5;233')."""
    look = _LOOKS.get(ansi)
    if look is None:
        params = ansi.split(";")
        attributes, fg, bg, i = set(), "", "", 0
        while i < len(params):
            code = params[i]
            if code in ("38", "48"):
                size = 3 if params[i + 1 : i + 2] == ["5"] else 5  # 38;5;n or 38;2;r;g;b
                colour, i = ";".join(params[i : i + size]), i + size
                fg, bg = (colour, bg) if code == "38" else (fg, colour)
                continue
            number = int(code) if code.isdigit() else -1
            if 30 <= number <= 37 or 90 <= number <= 97 or number == 39:
                fg = code
            elif 40 <= number <= 47 or 100 <= number <= 107 or number == 49:
                bg = code
            elif code:
                attributes.add(code)
            i += 1
        look = _LOOKS[ansi] = (frozenset(attributes), fg, bg)
    return look


_OFF = {"1": "22", "2": "22", "3": "23", "4": "24", "21": "24", "5": "25", "6": "25", "7": "27", "8": "28",
        "9": "29", "51": "54", "52": "54", "53": "55"}  # the parameter that turns an attribute off


def _change(before: Look | None, after: Look) -> str:
    """The SGR parameters that turn `before` (None: the reset state) into `after`: what changes, or a
    reset and the whole look, whichever is shorter."""
    attributes, fg, bg = after
    whole = ";".join(sorted(attributes) + [c for c in (fg, bg) if c])
    if before is None:
        return whole
    reset = "0;" + whole if whole else "0"
    offs = {_OFF.get(a) for a in before[0] - attributes}
    if None in offs:
        return reset
    kept = {a for a in before[0] if _OFF.get(a) not in offs} if offs else before[0]  # 22 ends bold and dim both
    step = sorted(offs) + sorted(attributes - kept)
    step += [c or default for c, was, default in ((fg, before[1], "39"), (bg, before[2], "49")) if c != was]
    step_text = ";".join(step)
    return step_text if len(step_text) <= len(reset) else reset


def _render_run(segments: list[Segment], color_system, now: Look | None, out: list[str], erase: bool = False
                ) -> Look | None:
    """Add a run's text and looks to `out`, from the look `now` (None: the reset state); returns the
    look it leaves. With `erase`, the blanks that end the run may be erased (see `_put`)."""
    last = len(segments) - 1
    for i, (text, style, _) in enumerate(segments):
        ansi = "" if style is None else style._ansi if style._ansi is not None else Strip.render_ansi(style, color_system)
        if style is not None and style._link:  # a hyperlink: as Textual writes it, from the reset state
            if now is not None:
                out.append("\x1b[0m")
                now = None
            out.append(Strip.render_style(style, text, color_system))
            continue
        if not ansi:
            if now is not None:
                out.append("\x1b[0m")
                now = None
            _put(out, text, erase and i == last)
            continue
        look = _look_of(ansi)
        change = _change(now, look)
        if change:
            out.append(f"\x1b[{change}m")
        _put(out, text, erase and i == last and look[0] <= UNSEEN_ON_BLANKS)
        now = look
    return now


# Attributes a blank cell does not show: bold, dim, italic, blinking, hidden (underline, reverse video,
# strike-through and the rest do show).
UNSEEN_ON_BLANKS = frozenset({"1", "2", "3", "5", "6", "8"})


def _put(out: list[str], text: str, erase: bool) -> None:
    """Add `text`; with `erase`, its trailing blanks as one "erase N characters" (ECH) when shorter.
    A terminal that erases with the current background (terminfo's bce) shows them as written: a
    details line over a longer one ends in dozens of blanks."""
    if erase:
        kept = text.rstrip(" ")
        blanks = len(text) - len(kept)
        erasing = f"\x1b[{blanks}X"
        if blanks > len(erasing):
            out.append(kept)
            out.append(erasing)  # the cursor stays; the next run moves it anyway
            return
    out.append(text)


def erases_with_background(term: str | None) -> bool:
    """True when terminfo says terminal `term` erases with the current background and can erase N
    characters (xterm-256color and linux do; tmux's and screen's entries, and unknown ones, do not)."""
    try:
        import curses

        with open(os.devnull, "wb") as null:
            curses.setupterm(term or "dumb", null.fileno())
        return curses.tigetflag("bce") == 1 and bool(curses.tigetstr("ech"))
    except Exception:  # no curses (Windows), no terminfo entry: write the blanks
        return False


class ScreenCopy:
    """What the terminal shows, cell by cell, as written by the app."""

    def __init__(self) -> None:
        self.size: Size | None = None
        self.rows: list[list[str | None]] = []
        self._looks: dict[Style, str] = {}
        self.erase_blanks: bool | None = None  # None: ask terminfo at the first update that is trimmed

    def forget(self) -> None:
        """The terminal may show anything now: the next update is written whole."""
        self.size = None
        self.rows = []

    def changes(self, update: CompositorUpdate, size: Size, console: Console) -> CompositorUpdate:
        """`update` as the cells it changes on this screen (an update of a kind not known here is kept)."""
        if isinstance(update, ChopsUpdate):
            pieces = _chop_pieces(update)
        elif isinstance(update, LayoutUpdate):
            pieces = _layout_pieces(update)
        else:
            self.forget()
            return update
        fresh = size != self.size
        if fresh:
            self.size = size
            self.rows = [[None] * size.width for _ in range(size.height)]
        if len(self._looks) > 4096:  # styles carry mouse metadata per line: keep the table small
            self._looks.clear()
        runs: list[tuple[int, int, list[Segment]]] = []
        for x, y, strip in pieces:
            if 0 <= y < size.height:
                self._compare(x, y, strip, console, runs)
        if fresh:
            return update  # a fresh copy: everything changes, as Textual writes it
        if self.erase_blanks is None:
            self.erase_blanks = erases_with_background(os.environ.get("TERM"))
        return ChangedCells(runs, self.erase_blanks)

    def _look(self, style: Style | None, console: Console) -> str:
        if style is None:
            return ""
        look = self._looks.get(style)
        if look is None:
            look = self._looks[style] = Strip.render_style(style, "", console._color_system) if console._color_system \
                else ""
        return look

    def _compare(self, x: int, y: int, strip: Strip, console: Console,
                 runs: list[tuple[int, int, list[Segment]]]) -> None:
        keys: list[str] = []
        chars: list[str] = []
        styles: list[Style | None] = []
        for text, style, control in strip:
            if control:
                continue
            look = self._look(style, console)
            if text.isascii():
                keys.extend([look + c for c in text])
                chars.extend(text)
                styles.extend([style] * len(text))
                continue
            for c in text:
                width = get_character_cell_size(c)
                if width == 0 and chars:  # a combining mark belongs to the character before it
                    base = -2 if keys[-1].startswith(WIDE_RIGHT) else -1
                    chars[base] += c
                    keys[base] += c
                elif width == 2:
                    keys += [look + c, WIDE_RIGHT + look]
                    chars += [c, ""]
                    styles += [style, style]
                elif width == 1:
                    keys.append(look + c)
                    chars.append(c)
                    styles.append(style)
        row = self.rows[y]
        end = min(x + len(keys), len(row))
        if x < 0 or x >= end:
            return
        keys = keys[: end - x]
        old = row[x:end]
        if old == keys:
            return
        for first, last in _spans(old, keys):
            start, stop = x + first, x + last + 1
            # A terminal blanks a double-width character when one of its halves is written over: what it
            # shows in the other half is not known any more, and is written again by the next update there.
            if start > 0 and (row[start] or "").startswith(WIDE_RIGHT):
                row[start - 1] = None
            if stop < len(row) and (row[stop] or "").startswith(WIDE_RIGHT):
                row[stop] = None
            row[start:stop] = keys[first : last + 1]
            segments: list[Segment] = []
            run_style, run_text = styles[first], []
            for i in range(first, last + 1):
                if styles[i] is not run_style and styles[i] != run_style:
                    segments.append(Segment("".join(run_text), run_style))
                    run_style, run_text = styles[i], []
                run_text.append(chars[i])
            segments.append(Segment("".join(run_text), run_style))
            runs.append((start, y, segments))


GAP = 12  # unchanged cells worth a jump: a cursor move and a look restated cost about as many bytes


def _spans(old: list[str | None], new: list[str]) -> list[tuple[int, int]]:
    """(first, last) of each stretch of cells that differ, stretches apart by fewer than GAP unchanged
    cells taken together."""
    spans: list[tuple[int, int]] = []
    for i, (was, now) in enumerate(zip(old, new)):
        if was != now:
            if spans and i - spans[-1][1] <= GAP:
                spans[-1] = (spans[-1][0], i)
            else:
                spans.append((i, i))
    return spans


def _chop_pieces(update: ChopsUpdate) -> Iterable[tuple[int, int, Strip]]:
    """(x, y, strip) of what a ChopsUpdate writes, cropped to its spans as Textual crops them."""
    for y, x1, x2 in update.spans:
        for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items()):
            if strip is None or x > x2 or end <= x1:
                continue
            if not (x2 > x >= x1 and end <= x2):
                strip = strip.crop(0, min(end, x2) - x)
            yield x, y, strip


def _layout_pieces(update: LayoutUpdate) -> Iterable[tuple[int, int, Strip]]:
    x0 = update.region.x
    for y, line in enumerate(update.strips, update.region.y):
        x = x0
        for strip in line:
            yield x, y, strip
            x += strip.cell_length
