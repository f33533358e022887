"""What every renderer shows, computed once: the model, its alignment and the coverage matrix."""

from __future__ import annotations

from dataclasses import dataclass

from bizop_tui.alignment import Alignment
from bizop_tui.alignment.coverage import CoverageRow, coverage
from bizop_tui.model.entities import Model

SHORT_DIMENSION = {
    "organisation": "Org",
    "processes": "Proc",
    "people": "People",
    "technology": "Tech",
    "governance": "Gov",
    "locations": "Loc",
    "suppliers": "Supp",
}


@dataclass(frozen=True, slots=True)
class Review:
    model: Model
    alignment: Alignment
    coverage: list[CoverageRow]


def make_review(model: Model, alignment: Alignment) -> Review:
    return Review(model, alignment, coverage(model, alignment.graph))


def bar(value: int | None, width: int = 20) -> str:
    if value is None:
        return "·" * width
    filled = round(width * value / 100)
    return "█" * filled + "░" * (width - filled)


def subscore_detail(sub) -> str:
    if sub.value is None:
        return "nothing to check"
    return f"{sub.passed} of {sub.total} checks pass"
