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

    def __init__(self, runs: list[tuple[int, int, list[Segment]]]) -> None:
        self.runs = runs

    def render_segments(self, console: Console) -> str:
        color_system = console._color_system
        out: list[str] = []
        for x, y, segments in self.runs:
            out.append(f"\x1b[{y + 1};{x + 1}H")
            out.append(Strip(segments).render(console) if color_system else "".join(s.text for s in segments))
        return "".join(out)


class ScreenCopy:
    """What the terminal shows, cell by cell, as written by the app."""

    def __init__(self) -> None:
        self.size: Size | None = None
        self.rows: list[list[str | None]] = []
        self._looks: dict[Style, str] = {}

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
        return update if fresh else ChangedCells(runs)  # a fresh copy: everything changes, as Textual writes it

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
        first = next(i for i, (a, b) in enumerate(zip(old, keys)) if a != b)
        last = next(i for i in range(len(keys) - 1, -1, -1) if old[i] != keys[i])
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
        runs.append((x + first, y, segments))


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
