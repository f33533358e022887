"""Where things are in the file: the line of each entry, found by scanning the text once.

tomllib gives no positions, so the loader asks this index. An entry written as `[[side.block]]`
is found at its header; one written inline is found by its `id = "..."` line.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_HEADER = re.compile(
    r"""^[ \t]*\[\[[ \t]*["']?(business|operating)["']?[ \t]*\.[ \t]*["']?([A-Za-z0-9_-]+)["']?[ \t]*\]\]""",
    re.MULTILINE,
)
_ID = re.compile(r"""^[ \t]*(?:\[\[[^\]\n]*\]\][ \t]*)?[{ \t,]*id[ \t]*=[ \t]*(?:"([^"\\\n]*)"|'([^'\n]*)')""", re.MULTILINE)
_INLINE_ID = re.compile(r"""[{,][ \t]*id[ \t]*=[ \t]*(?:"([^"\\\n]*)"|'([^'\n]*)')""")


class LineIndex:
    """Line numbers (1-based) of entry headers, `id = ...` lines and top-level keys."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None
        self._ids: dict[str, int] | None = None
        self.headers: dict[str, list[int]] = {}
        if '"""' in text or "'''" in text:
            # A multi-line string may hold a line that looks like a header: ask the scanner that
            # knows where strings are (slower, so only for files that have such strings).
            from bizop_tui.model.layout import scan_layout

            starts = sorted((span.start, path) for path, spans in scan_layout(text).spans.items() for span in spans)
        else:
            starts = [(m.start(), f"{m.group(1)}.{m.group(2)}") for m in _HEADER.finditer(text)]
        line, last = 1, 0
        for start, path in starts:
            line += text.count("\n", last, start)
            last = start
            self.headers.setdefault(path, []).append(line)

    @property
    def ids(self) -> dict[str, int]:
        """The line of each `id = "..."`: needed only for entries written inline, so found on demand."""
        if self._ids is None:
            self._ids = {}
            for pattern in (_ID, _INLINE_ID):
                for match in pattern.finditer(self._text):
                    value = match.group(1) if match.group(1) is not None else match.group(2)
                    self._ids.setdefault(value, self.line_of(match.start()))
        return self._ids

    def line_of(self, offset: int) -> int:
        if self._starts is None:
            self._starts = [0]
            self._starts.extend(m.end() for m in re.finditer("\n", self._text))
        return bisect_right(self._starts, offset)

    def entry_line(self, path: str, index: int, count: int, entry_id: object) -> int | None:
        """The line of the `index`-th of `count` entries in block `path`."""
        headers = self.headers.get(path, ())
        if len(headers) == count:
            return headers[index]
        if isinstance(entry_id, str) and entry_id in self.ids:
            return self.ids[entry_id]
        return self.key_line(path.rsplit(".", 1)[-1])

    def key_line(self, key: str) -> int | None:
        """The first line that assigns or opens `key`."""
        pattern = rf"""^[ \t]*(?:\[+[ \t]*(?:[^\]\n]*\.)?[ \t]*)?["']?{re.escape(key)}["']?[ \t]*[=\]]"""
        match = re.search(pattern, self._text, re.MULTILINE)
        return self.line_of(match.start()) if match else None

