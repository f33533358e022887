"""What the engine returns: the score, sub-scores made of checks, and findings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bizop_tui.model.entities import ERROR, INFO, WARNING, Finding

if TYPE_CHECKING:
    from bizop_tui.alignment.graph import LinkGraph


@dataclass(frozen=True, slots=True)
class Check:
    """One pass/fail point behind a sub-score: an entry, and why it passed or failed."""

    entry: str
    passed: bool
    reason: str


class SubScore:
    """One sub-score: how many of its checks pass; the checks themselves are listed when asked for."""

    __slots__ = ("key", "title", "weight", "explains", "passed", "total", "_checks")

    def __init__(self, key: str, title: str, weight: int, explains: str, passed: int, total: int,
                 checks: Callable[[], list[Check]]) -> None:
        self.key, self.title, self.weight, self.explains = key, title, weight, explains
        self.passed, self.total = passed, total
        self._checks = checks

    @property
    def checks(self) -> list[Check]:
        """Every check behind this sub-score, entry by entry in file order."""
        return self._checks()

    @property
    def value(self) -> int | None:
        """0-100, or None when nothing was checked (the sub-score then does not count)."""
        if not self.total:
            return None
        return round(100 * self.passed / self.total)


@dataclass(slots=True)
class Alignment:
    score: int
    subscores: list[SubScore]
    findings: list[Finding]
    graph: "LinkGraph | None" = None

    def by_severity(self, severity: str) -> list[Finding]:
        return [f for f in self.findings if f.severity == severity]

    @property
    def errors(self) -> list[Finding]:
        return self.by_severity(ERROR)

    def counts(self) -> dict[str, int]:
        return {s: len(self.by_severity(s)) for s in (ERROR, WARNING, INFO)}

    def subscore(self, key: str) -> SubScore:
        return next(s for s in self.subscores if s.key == key)


SUBSCORES = (
    ("delivery", "Promises delivered", 30, "each value proposition, channel, relationship and revenue stream has operating support"),
    ("chains", "Delivery chains", 25, "each value proposition is reached by a process, an owning unit, people's skills and technology"),
    ("focus", "Operating focus", 20, "each operating entry serves some business element"),
    ("coherence", "Canvas coherence", 15, "segments have propositions and channels; activities, resources and partners have operating counterparts; processes have owners"),
    ("archetype", "Archetype fit", 10, "what the model's archetype needs is in the operating model"),
)


def make_subscores(counts: dict[str, list[int]], checks: Callable[[str], list[Check]]) -> list[SubScore]:
    """Sub-scores from (passed, total) counts; `checks(key)` lists one sub-score's checks on demand."""
    return [
        SubScore(key, title, weight, explains, *counts.get(key, (0, 0)), lambda key=key: checks(key))
        for key, title, weight, explains in SUBSCORES
    ]


def overall(subscores: list[SubScore]) -> int:
    """The weighted mean of the sub-scores that checked something; 100 for an empty model."""
    counted = [(s.value, s.weight) for s in subscores if s.value is not None]
    if not counted:
        return 100
    return round(sum(v * w for v, w in counted) / sum(w for _, w in counted))
