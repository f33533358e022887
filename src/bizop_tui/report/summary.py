"""What every renderer shows, computed once: the model, its alignment, coverage, money and lifecycle."""

from __future__ import annotations

from dataclasses import dataclass, field

from bizop_tui.alignment import Alignment
from bizop_tui.alignment.coverage import CoverageRow, coverage
from bizop_tui.alignment.materiality import CostToServe
from bizop_tui.alignment.status import described_as_discontinued
from bizop_tui.model.entities import ERROR, INFO, WARNING, Entry, Finding, Model
from bizop_tui.model.vocabulary import BET, EXTERNAL, PLANNED, RETIRING

SHORT_DIMENSION = {
    "organisation": "Org",
    "processes": "Proc",
    "people": "People",
    "technology": "Tech",
    "governance": "Gov",
    "locations": "Loc",
    "suppliers": "Supp",
}
SEVERITY_WORDS = {ERROR: ("error", "errors"), WARNING: ("warning", "warnings"), INFO: ("info", "info")}
LIFECYCLE = (EXTERNAL, BET, RETIRING, PLANNED)
LIFECYCLE_TITLES = {
    EXTERNAL: "Delivered outside this model (external)",
    BET: "Bets (explorations: investment, not waste)",
    RETIRING: "Being retired",
    PLANNED: "Planned (the roadmap: bizop roadmap FILE)",
}


@dataclass(frozen=True, slots=True)
class Review:
    model: Model
    alignment: Alignment
    coverage: list[CoverageRow]
    cost: CostToServe | None = None
    lifecycle: dict[str, list[Entry]] = field(default_factory=dict)


def make_review(model: Model, alignment: Alignment) -> Review:
    lifecycle: dict[str, list[Entry]] = {status: [] for status in LIFECYCLE}
    for entry in model.entries():
        if model.by_id.get(entry.id) is not entry:
            continue
        status = entry.status if entry.status in lifecycle else RETIRING if described_as_discontinued(entry) else None
        if status:
            lifecycle[status].append(entry)
    return Review(model, alignment, coverage(model, alignment.graph), alignment.cost_to_serve(), lifecycle)


def bar(value: int | None, width: int = 20) -> str:
    if value is None:
        return "·" * width
    filled = round(width * value / 100)
    return "█" * filled + "░" * (width - filled)


def subscore_detail(sub) -> str:
    if sub.value is None:
        return "nothing to check"
    detail = f"{sub.passed} of {sub.total} checks pass"
    return detail + ", money-weighted" if sub.weighted else detail


def plural(n: int, one: str, many: str = "") -> str:
    return f"{n} {one}" if n == 1 else f"{n} {many or one + 's'}"


def counts_line(alignment: Alignment) -> str:
    """'0 errors, 1 warning, 2 info': every count in the right number."""
    counts = alignment.counts()
    return ", ".join(f"{counts[s]} {SEVERITY_WORDS[s][0 if counts[s] == 1 else 1]}" for s in (ERROR, WARNING, INFO))


def score_text(alignment: Alignment) -> str:
    return "-" if alignment.score is None else str(alignment.score)


def money_text(value: float | None, currency: str) -> str:
    if value is None:
        return ""
    return f"{value:,.0f} {currency}".strip()


def grouped(findings: list[Finding]) -> list[tuple[Finding, list[Finding]]]:
    """Each root finding with the findings that follow from it, in the order given."""
    children: dict[str, list[Finding]] = {}
    for f in findings:
        if f.cause is not None:
            children.setdefault(f.cause, []).append(f)
    return [(f, children.get(f.key, [])) for f in findings if f.cause is None]
