"""Where each entry's text lies in the file, so an edit can replace exactly those lines.

bizop edits a file by splicing text, entry by entry, rather than by dumping a whole tomlkit
document: a whole-document dump regroups arrays of tables that are interleaved with other tables,
and moves the comments above an entry onto its neighbour. Splicing keeps every other byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADER_NAME = re.compile(r"^[ \t]*\[(\[)?([^\[\]]*)\]")


@dataclass(frozen=True, slots=True)
class Span:
    """An entry's text: [lead, start) holds the comments directly above it, [start, end) the table."""

    path: str
    index: int
    lead: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Layout:
    spans: dict[str, list[Span]]  # by block path, in file order
    ends_with_newline: bool
    length: int

    def span(self, path: str, index: int) -> Span:
        return self.spans[path][index]


def _header_path(line: str) -> tuple[bool, str] | None:
    match = _HEADER_NAME.match(line)
    if not match:
        return None
    parts = [p.strip().strip('"').strip("'") for p in match.group(2).split(".")]
    return bool(match.group(1)), ".".join(parts)


def scan_layout(text: str) -> Layout:
    """Find every `[[side.block]]` table's span, skipping multi-line strings and arrays."""
    spans: dict[str, list[Span]] = {}
    offset = 0
    state = _LineState()
    current: tuple[str, int] | None = None  # path and start offset of the open array table
    last_content_end = 0
    comment_run_start: int | None = None
    for line in text.splitlines(keepends=True):
        bare = line.rstrip("\r\n")
        stripped = bare.strip()
        at_top = state.at_top_level()
        if at_top and stripped.startswith("["):
            header = _header_path(bare)
            if current is not None:
                _close(spans, current, last_content_end)
                current = None
            if header is not None and header[0]:
                lead = comment_run_start if comment_run_start is not None else offset
                current = (header[1], offset, lead)
            last_content_end = offset + len(line)
            comment_run_start = None
        elif at_top and (not stripped or stripped.startswith("#")):
            if not stripped:
                comment_run_start = None
            elif comment_run_start is None:
                comment_run_start = offset
        else:
            comment_run_start = None
            state.feed(bare)
            last_content_end = offset + len(line)
        offset += len(line)
    if current is not None:
        _close(spans, current, last_content_end)
    return Layout(spans=spans, ends_with_newline=text.endswith("\n") or not text, length=len(text))


def _close(spans: dict[str, list[Span]], current, end: int) -> None:
    path, start, lead = current
    group = spans.setdefault(path, [])
    group.append(Span(path, len(group), lead, start, max(end, start)))


class _LineState:
    """Tracks whether the scanner is inside a multi-line string or a multi-line array/inline table."""

    def __init__(self) -> None:
        self.in_string: str | None = None  # '"""' or "'''"
        self.depth = 0

    def at_top_level(self) -> bool:
        return self.in_string is None and self.depth == 0

    def feed(self, line: str) -> None:
        i, n = 0, len(line)
        while i < n:
            if self.in_string is not None:
                close = line.find(self.in_string, i)
                while close != -1 and self.in_string == '"""' and _escaped(line, close):
                    close = line.find(self.in_string, close + 1)
                if close == -1:
                    return
                i = close + 3
                while i < n and line[i] == self.in_string[0]:  # up to two quotes may end the string
                    i += 1
                self.in_string = None
                continue
            char = line[i]
            if char == "#":
                return
            if char in "\"'":
                triple = char * 3
                if line.startswith(triple, i):
                    self.in_string = triple
                    i += 3
                    continue
                i = _skip_string(line, i, char)
                continue
            if char in "[{":
                self.depth += 1
            elif char in "]}":
                self.depth = max(self.depth - 1, 0)
            i += 1


def _escaped(line: str, index: int) -> bool:
    slashes = 0
    j = index - 1
    while j >= 0 and line[j] == "\\":
        slashes += 1
        j -= 1
    return slashes % 2 == 1


def _skip_string(line: str, i: int, quote: str) -> int:
    j = i + 1
    while j < len(line):
        if line[j] == "\\" and quote == '"':
            j += 2
            continue
        if line[j] == quote:
            return j + 1
        j += 1
    return j
