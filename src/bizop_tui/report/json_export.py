"""A JSON export for programs: stable keys, stable order."""

from __future__ import annotations

import json
import re
import unicodedata

from bizop_tui import __version__
from bizop_tui.model.vocabulary import OPERATING_DIMENSIONS
from bizop_tui.report.summary import Review


def review_data(review: Review) -> dict:
    model, alignment = review.model, review.alignment
    return {
        "bizop": __version__,
        "model": {
            "name": model.name,
            "path": model.path,
            "archetypes": list(model.archetypes),
            "currency": model.currency,
            "entries": len(model),
        },
        "score": alignment.score,
        "scores": {
            sub.key: {
                "title": sub.title,
                "value": sub.value,
                "weight": sub.weight,
                "passed": sub.passed,
                "total": sub.total,
                "checks": [{"entry": c.entry, "passed": c.passed, "reason": c.reason} for c in sub.checks],
            }
            for sub in alignment.subscores
        },
        "coverage": [
            {
                "block": row.block.key,
                "total": row.total,
                "supported": row.supported,
                "by_dimension": {d.key: n for d, n in zip(OPERATING_DIMENSIONS, row.reached)},
            }
            for row in review.coverage
        ],
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity,
                "message": f.message,
                "entries": list(f.entries),
                "line": f.line,
                "hint": f.hint,
            }
            for f in alignment.findings
        ],
    }


_NOT_ASCII = re.compile(r"[^\x00-\x7e]")  # json.dumps escapes the controls below 0x20 itself


def _escape_invisible(match: re.Match[str]) -> str:
    char = match.group()
    if unicodedata.category(char) not in ("Cc", "Cf"):
        return char
    return "".join(f"\\u{u:04x}" for u in _utf16(char))


def render_json(review: Review) -> str:
    """JSON that keeps letters of every language readable but escapes characters that act on a
    terminal or hide in text (DEL, C1 controls, direction overrides, zero-width characters)."""
    text = json.dumps(review_data(review), indent=2, ensure_ascii=False)
    return _NOT_ASCII.sub(_escape_invisible, text) + "\n"


def _utf16(char: str) -> list[int]:
    code = ord(char)
    if code < 0x10000:
        return [code]
    code -= 0x10000
    return [0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)]
