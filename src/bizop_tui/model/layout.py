"""Where each entry's text lies in the file, so an edit can replace exactly those lines.

bizop edits a file by splicing text, entry by entry, rather than by dumping a whole tomlkit
document: a whole-document dump regroups arrays of tables that are interleaved with other tables,
and moves the comments above an entry onto its neighbour. Splicing keeps every other byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADER_NAME = re.compile(r"^[ \t]*\[(\[)?([^\[\]]*)\]")


@dataclass(slots=True)
class Span:
    """An entry's text: [lead, start) holds the comments directly above it, [start, end) the table."""

    path: str
    index: int
    lead: int
    start: int
    end: int


@dataclass(slots=True)
class Layout:
    spans: dict[str, list[Span]]  # by block path, in file order

    def replace(self, at: int, removed: str, inserted: str, path: str, index: int) -> None:
        """Follow an edit of table `index` of `path` (inserted, removed or rewritten) without a rescan."""
        spans = self.spans.setdefault(path, [])
        old = spans[index] if removed.strip() else None
        if old is not None:
            del spans[index]
        delta = len(inserted) - len(removed)
        for group in self.spans.values():
            for span in group:
                if span.lead >= at:
                    span.lead += delta
                    span.start += delta
                    span.end += delta
        if inserted.strip():
            own = scan_layout(inserted).spans[path][0]
            lead = old.lead if old is not None else at + own.lead
            spans.insert(index, Span(path, index, lead, at + own.start, at + own.end))
        for i in range(index, len(spans)):
            spans[i].index = i


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
    for line in _lines(text):
        bare = line.rstrip("\r\n")
        stripped = bare.strip()
        at_top = state.at_top_level()
        if at_top and stripped.startswith("["):
            header = _header_path(bare)
            if current is not None and header is not None and header[1].startswith(current[0] + "."):
                # [side.block.sub] or [[side.block.sub]]: a table inside the open entry, part of its span
                last_content_end = offset + len(line)
                comment_run_start = None
                offset += len(line)
                continue
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
    return Layout(spans=spans)


def _lines(text: str):
    """The lines of `text` with their ends, split at "\n" only (as TOML does): str.splitlines would also
    split at characters a TOML string may hold, such as U+0085 or U+2028, and miscount every line after."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start)
        end = size if end < 0 else end + 1
        yield text[start:end]
        start = end


def _close(spans: dict[str, list[Span]], current, end: int) -> None:
    path, start, lead = current
    group = spans.setdefault(path, [])
    group.append(Span(path, len(group), lead, start, max(end, start)))


# The tokens that matter for finding table headers: string openers and closers, comments, brackets.
_TOKEN = re.compile(r'"""|' + r"'''|" + r'"(?:[^"\\\n]|\\.)*"?|' + r"'[^'\n]*'?|#|[\[\]{}]")
_SPECIAL = re.compile(r"""["'#\[\]{}]""")


class _LineState:
    """Tracks whether the scanner is inside a multi-line string or a multi-line array/inline table."""

    def __init__(self) -> None:
        self.in_string: str | None = None  # a triple quote while inside a multi-line string
        self.depth = 0

    def at_top_level(self) -> bool:
        return self.in_string is None and self.depth == 0

    def feed(self, line: str) -> None:
        if self.in_string is None and not _SPECIAL.search(line):
            return
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
            match = _TOKEN.search(line, i)
            if match is None:
                return
            token = match.group()
            i = match.end()
            if token == "#":
                return
            if token in ('"""', "'''"):
                self.in_string = token
            elif token in ("[", "{"):
                self.depth += 1
            elif token in ("]", "}"):
                self.depth = max(self.depth - 1, 0)


def _escaped(line: str, index: int) -> bool:
    slashes = 0
    j = index - 1
    while j >= 0 and line[j] == "\\":
        slashes += 1
        j -= 1
    return slashes % 2 == 1
