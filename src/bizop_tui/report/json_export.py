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
        "verdict": alignment.verdict or None,
        "scores": {
            sub.key: {
                "title": sub.title,
                "value": sub.value,
                "weight": sub.weight,
                "passed": sub.passed,
                "total": sub.total,
                "weighted": sub.weighted,
                "checks": [{"entry": c.entry, "passed": c.passed, "reason": c.reason, "credit": c.credit / 10,
                            "stake": c.stake, "by": c.by} for c in sub.checks],
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
                "key": f.key,
                "at_stake": f.at_stake,
                "cause": f.cause,
                "subject": f.subject or None,
                "looked_for": list(f.looked_for),
                "fix": None if f.fix is None else {"link": f.fix.kind, "source": f.fix.source, "target": f.fix.target,
                                                   "among": list(f.fix.among)},
            }
            for f in alignment.findings
        ],
        "money": _money(review),
        "lifecycle": {status: [e.id for e in entries] for status, entries in review.lifecycle.items()},
    }


def _money(review: Review) -> dict | None:
    cost = review.cost
    if cost is None or not cost.source:
        return None
    return {
        "currency": review.model.currency,
        "allocated": cost.source,
        "total_cost": cost.total,
        "unallocated": cost.unallocated_total,
        "unallocated_by_entry": dict(sorted(cost.unallocated.items())),
        "segments": [{"id": row.segment.id, "name": row.segment.name, "revenue": row.revenue,
                      "cost_to_serve": row.cost, "margin": row.margin} for row in cost.segments],
        "propositions": dict(sorted(cost.propositions.items())),
    }


_NOT_ASCII = re.compile(r"[^\x00-\x7e]")  # json.dumps escapes the controls below 0x20 itself


def _escape_invisible(match: re.Match[str]) -> str:
    char = match.group()
    if unicodedata.category(char) not in ("Cc", "Cf"):
        return char
    return "".join(f"\\u{u:04x}" for u in _utf16(char))


def render_json(review: Review) -> str:
    return dumps(review_data(review))


def dumps(data) -> str:
    """JSON that keeps letters of every language readable but escapes characters that act on a
    terminal or hide in text (DEL, C1 controls, direction overrides, zero-width characters)."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _NOT_ASCII.sub(_escape_invisible, text) + "\n"


def _utf16(char: str) -> list[int]:
    code = ord(char)
    if code < 0x10000:
        return [code]
    code -= 0x10000
    return [0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)]
