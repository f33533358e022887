"""The model itself as JSON, for programs: its settings, every entry, and every link, with stable keys.

This is the data, not the review (report/json_export.py has the score and findings). Keys are
documented in docs/integrations.md; a later version only adds keys.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from typing import Any

from bizop_tui import __version__
from bizop_tui.model.entities import Entry, Model
from bizop_tui.model.vocabulary import LINK_KINDS

FORMAT = 1


def model_data(model: Model) -> dict[str, Any]:
    """The model as JSON-ready data: its entries (block by block, file order within a block), then
    every link between them."""
    entries = list(model.entries())
    return {
        "bizop": __version__,
        "format": FORMAT,
        "model": {
            "name": model.name,
            "description": model.description,
            "archetypes": list(model.archetypes),
            "currency": model.currency,
            "reviewed": _date(model.reviewed),
        },
        "entries": [_entry(entry) for entry in entries],
        "links": [
            {"kind": kind.key, "from": entry.id, "to": target, "resolved": target in model.by_id}
            for entry in entries for kind in LINK_KINDS for target in entry.linked(kind.key)
        ],
    }


def render_model_json(model: Model) -> str:
    """JSON that keeps letters of every language readable but escapes the characters that act on a
    terminal or hide in text (controls, DEL, direction overrides, zero-width characters)."""
    text = json.dumps(model_data(model), indent=2, ensure_ascii=False, allow_nan=False)
    return _NOT_ASCII.sub(_escaped, text) + "\n"


def _entry(entry: Entry) -> dict[str, Any]:
    return {
        "side": entry.side,
        "block": entry.block.key,
        "id": entry.id,
        "name": entry.name,
        "status": entry.status,
        "segments": list(entry.segments),
        "supports": list(entry.supports),
        "owner": entry.owner,
        "conflicts": list(entry.conflicts),
        "amount": entry.amount,
        "cost": entry.cost,
        "notes": entry.notes,
        "tags": list(entry.tags),
        "reviewed": _date(entry.reviewed),
        "line": entry.line,
        "extra": {key: _plain(value) for key, value in entry.extra.items()},
    }


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _plain(value: Any) -> Any:
    """A value of a key bizop does not know, as JSON can hold it: dates as ISO text, nan and inf as null."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


_NOT_ASCII = re.compile(r"[^\x00-\x7e]")  # json.dumps escapes the controls below 0x20 itself


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp"):
        return char
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
