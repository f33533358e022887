"""What a terminal shows from the bytes bizop wrote to it: each cell's character and colours, as the SGR
sequences set them, and the WCAG contrast between a cell's text and its background.

A small emulator of what Textual's Linux driver sends (cursor moves, CR/LF, SGR colours and attributes;
other sequences are skipped). Colours stay as sent (a palette index, or RGB) until `rgb` resolves them
in a terminal's palette: an index below 16 means whatever that terminal's palette holds, so contrast at
16 colours is judged in the palettes of xterm and of the VGA/Linux console (which Rich assumes when it
picks the nearest of the 16 colours).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace

from rich.cells import cell_len

Colour = tuple[str, object]  # ("default", None), ("index", 0-255) or ("rgb", (r, g, b))
DEFAULT: Colour = ("default", None)

XTERM_16 = [(0x00, 0x00, 0x00), (0xCD, 0x00, 0x00), (0x00, 0xCD, 0x00), (0xCD, 0xCD, 0x00), (0x00, 0x00, 0xEE),
            (0xCD, 0x00, 0xCD), (0x00, 0xCD, 0xCD), (0xE5, 0xE5, 0xE5), (0x7F, 0x7F, 0x7F), (0xFF, 0x00, 0x00),
            (0x00, 0xFF, 0x00), (0xFF, 0xFF, 0x00), (0x5C, 0x5C, 0xFF), (0xFF, 0x00, 0xFF), (0x00, 0xFF, 0xFF),
            (0xFF, 0xFF, 0xFF)]
VGA_16 = [(0, 0, 0), (170, 0, 0), (0, 170, 0), (170, 85, 0), (0, 0, 170), (170, 0, 170), (0, 170, 170),
          (170, 170, 170), (85, 85, 85), (255, 85, 85), (85, 255, 85), (255, 255, 85), (85, 85, 255),
          (255, 85, 255), (85, 255, 255), (255, 255, 255)]
PALETTES = {"xterm": XTERM_16, "vga": VGA_16}
DARK_DEFAULTS = ((0xE5, 0xE5, 0xE5), (0, 0, 0))  # a dark terminal's default foreground and background


def _cube(n: int) -> tuple[int, int, int]:
    if n >= 232:
        v = 8 + (n - 232) * 10
        return v, v, v
    n -= 16
    levels = (0, 0x5F, 0x87, 0xAF, 0xD7, 0xFF)
    return levels[n // 36], levels[n // 6 % 6], levels[n % 6]


def rgb(colour: Colour, palette: list, default: tuple[int, int, int]) -> tuple[int, int, int]:
    kind, value = colour
    if kind == "default":
        return default
    if kind == "index":
        return palette[value] if value < 16 else _cube(value)
    return value


def luminance(colour: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """The WCAG 2 contrast ratio, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@dataclass(frozen=True)
class Cell:
    char: str = " "
    fg: Colour = DEFAULT
    bg: Colour = DEFAULT
    bold: bool = False
    dim: bool = False
    reverse: bool = False

    def colours(self, palette: list, defaults=DARK_DEFAULTS) -> tuple[tuple, tuple]:
        """The (text, background) RGB the terminal shows, reverse video and dim (half way to the
        background, as xterm draws it) applied."""
        fg, bg = rgb(self.fg, palette, defaults[0]), rgb(self.bg, palette, defaults[1])
        if self.reverse:
            fg, bg = bg, fg
        if self.dim:
            fg = tuple((f + b) // 2 for f, b in zip(fg, bg))
        return fg, bg

    def contrast(self, palette: list, defaults=DARK_DEFAULTS) -> float:
        return contrast(*self.colours(palette, defaults))


_TOKEN = re.compile(r"\x1b\[([0-9;:?<>=$]*)([ -/]*[@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.|[\r\n\x08]|[^\x1b\r\n\x08]+",
                    re.S)


_COMPLETE = re.compile(r"\x1b(\[[0-9;:?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[^\[\]])", re.S)


class TerminalScreen:
    """A COLSxROWS terminal fed with bytes; `rows` holds its cells."""

    def __init__(self, cols: int, rows: int) -> None:
        self.cols, self.height = cols, rows
        self.rows = [[Cell() for _ in range(cols)] for _ in range(rows)]
        self.x = self.y = 0
        self.pen = Cell()
        self._decode = codecs.getincrementaldecoder("utf-8")("replace").decode
        self._pending = ""

    def feed(self, data: bytes) -> TerminalScreen:
        """Show `data`; bytes may come in any pieces (a sequence cut in two waits for its end)."""
        text = self._pending + self._decode(data)
        cut = text.rfind("\x1b")
        if cut >= 0 and not _COMPLETE.match(text, cut):
            text, self._pending = text[:cut], text[cut:]
        else:
            self._pending = ""
        for match in _TOKEN.finditer(text):
            token = match.group(0)
            if match.group(2) is not None:
                self._csi(match.group(1), match.group(2))
            elif token == "\r":
                self.x = 0
            elif token == "\n":
                self.y = min(self.y + 1, self.height - 1)
            elif token == "\x08":
                self.x = max(self.x - 1, 0)
            elif not token.startswith("\x1b"):
                self._text(token)
        return self

    def _csi(self, params: str, final: str) -> None:
        if final == "H" and not params.startswith("?"):
            parts = [int(p) if p else 1 for p in params.split(";")] if params else [1, 1]
            self.y = min(max(parts[0], 1), self.height) - 1
            self.x = min(max(parts[1] if len(parts) > 1 else 1, 1), self.cols) - 1
        elif final == "G" and not params.startswith("?"):  # the column only
            self.x = min(max(int(params or 1), 1), self.cols) - 1
        elif final == "X" and not params.startswith("?"):  # erase N characters: the background stays
            blank = Cell(bg=self.pen.bg)
            for x in range(self.x, min(self.x + max(int(params or 1), 1), self.cols)):
                self.rows[self.y][x] = blank
        elif final == "m":
            self._sgr([int(p) if p else 0 for p in params.split(";")] if params else [0])

    def _sgr(self, codes: list[int]) -> None:
        pen, i = self.pen, 0
        while i < len(codes):
            code = codes[i]
            if code == 0:
                pen = Cell()
            elif code == 1:
                pen = replace(pen, bold=True)
            elif code == 2:
                pen = replace(pen, dim=True)
            elif code == 22:
                pen = replace(pen, bold=False, dim=False)
            elif code == 7:
                pen = replace(pen, reverse=True)
            elif code == 27:
                pen = replace(pen, reverse=False)
            elif 30 <= code <= 37 or 90 <= code <= 97:
                pen = replace(pen, fg=("index", code - 30 if code < 90 else code - 82))
            elif 40 <= code <= 47 or 100 <= code <= 107:
                pen = replace(pen, bg=("index", code - 40 if code < 100 else code - 92))
            elif code in (39, 49):
                pen = replace(pen, **{"fg" if code == 39 else "bg": DEFAULT})
            elif code in (38, 48) and i + 1 < len(codes):
                key = "fg" if code == 38 else "bg"
                if codes[i + 1] == 5 and i + 2 < len(codes):
                    pen = replace(pen, **{key: ("index", codes[i + 2])})
                    i += 2
                elif codes[i + 1] == 2 and i + 4 < len(codes):
                    pen = replace(pen, **{key: ("rgb", tuple(codes[i + 2:i + 5]))})
                    i += 4
            i += 1
        self.pen = pen

    def _text(self, text: str) -> None:
        for char in text:
            width = cell_len(char)
            if width == 0 or self.x >= self.cols:
                continue
            self.rows[self.y][self.x] = replace(self.pen, char=char)
            for extra in range(1, width):
                if self.x + extra < self.cols:
                    self.rows[self.y][self.x + extra] = replace(self.pen, char="")
            self.x += width

    def text(self) -> str:
        return "\n".join("".join(c.char for c in row) for row in self.rows)

    def cells(self):
        """(x, y, cell) for every cell."""
        for y, row in enumerate(self.rows):
            for x, cell in enumerate(row):
                yield x, y, cell
