"""A CSV export for spreadsheets: one row per entry, with stable columns (docs/integrations.md).

Cells are data, never formulas: a text cell that a spreadsheet would read as a formula (starting
with = + - @, a tab or a carriage return, or their full-width forms) gets a leading apostrophe,
which spreadsheets show as text. Numbers are written by bizop itself and are left as numbers.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

from bizop_tui.alignment import Alignment
from bizop_tui.model.entities import Entry, Model

COLUMNS = ("side", "block", "id", "name", "status", "segments", "supports", "owner", "conflicts",
           "amount", "cost", "findings", "line")
LIST_SEPARATOR = "; "
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def render_csv(model: Model, alignment: Alignment) -> str:
    """The model's entries as CSV (RFC 4180: quoted where needed, CRLF line ends), a header row first;
    block by block in canvas order, and in file order within a block."""
    findings = Counter(entry_id for f in alignment.findings for entry_id in set(f.entries))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in model.entries():
        writer.writerow(_row(entry, findings[entry.id]))
    return out.getvalue()


def _row(entry: Entry, findings: int) -> list[str]:
    return [
        entry.side,
        entry.block.key,
        _text(entry.id),
        _text(entry.name),
        entry.status,
        _ids(entry.segments),
        _ids(entry.supports),
        _text(entry.owner or ""),
        _ids(entry.conflicts),
        _number(entry.amount),
        _number(entry.cost),
        str(findings),
        str(entry.line) if entry.line is not None else "",
    ]


def _ids(ids: tuple[str, ...]) -> str:
    return _text(LIST_SEPARATOR.join(ids))


def _number(value: int | float | None) -> str:
    return "" if value is None else repr(value)


def _text(value: str) -> str:
    """User text as a cell a spreadsheet shows and never evaluates."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value
