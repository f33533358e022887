"""A JSON export for programs: stable keys, stable order."""

from __future__ import annotations

import json

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


def render_json(review: Review) -> str:
    return json.dumps(review_data(review), indent=2, ensure_ascii=False) + "\n"
