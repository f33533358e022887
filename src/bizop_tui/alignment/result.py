"""What the engine returns: the score (or why there is none yet), sub-scores made of checks, and findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bizop_tui.alignment.materiality import weighted_value
from bizop_tui.model.entities import ERROR, INFO, WARNING, Finding

if TYPE_CHECKING:
    from bizop_tui.alignment.graph import LinkGraph
    from bizop_tui.alignment.materiality import CostToServe, Stakes

FULL = 10  # a check's credit is counted in tenths: 10 is a pass, 5 half credit, 2 a diluted fifth


class Check:
    """One point behind a sub-score: an entry, its credit, why, the money it weighs, and who earned it.

    `by` names the entries that satisfied the check (for a pass) or that it looked at (for a failure);
    it is worked out when asked for, from the graph as it is then.
    """

    __slots__ = ("entry", "credit", "reason", "stake", "_by")

    def __init__(self, entry: str, credit: int, reason: str, stake: int = 0,
                 by: Callable[[], Iterable[str]] | tuple[str, ...] = ()) -> None:
        self.entry, self.credit, self.reason, self.stake, self._by = entry, credit, reason, stake, by

    @property
    def passed(self) -> bool:
        return self.credit >= FULL

    @property
    def by(self) -> list[str]:
        return list(self._by()) if callable(self._by) else list(self._by)

    def first_by(self, count: int) -> tuple[list[str], bool]:
        """The nearest `count` of `by`, and whether there are more: the walk stops there (on a model of
        thousands of entries the whole of `by` can be most of the graph)."""
        found = iter(self._by()) if callable(self._by) else iter(self._by)
        first = list(islice(found, count))
        return first, next(found, None) is not None

    def __repr__(self) -> str:
        return f"Check({self.entry!r}, {self.credit / FULL:g}, {self.reason!r})"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Check) and (self.entry, self.credit, self.reason, self.stake)
                == (other.entry, other.credit, other.reason, other.stake))

    __hash__ = None  # type: ignore[assignment]


class SubScore:
    """One sub-score: its checks' credit weighted by the money they stand for; checks listed when asked."""

    __slots__ = ("key", "title", "weight", "explains", "passed", "total", "tallies", "_checks")

    def __init__(self, key: str, title: str, weight: int, explains: str, tallies: tuple[int, int, int, int, int],
                 checks: Callable[[], list[Check]]) -> None:
        """`tallies` are (checks, passed, credit, stake, credit x stake), summed over the checks."""
        self.key, self.title, self.weight, self.explains = key, title, weight, explains
        self.total, self.passed = tallies[0], tallies[1]
        self.tallies = tallies
        self._checks = checks

    @property
    def checks(self) -> list[Check]:
        """Every check behind this sub-score, entry by entry in file order."""
        return self._checks()

    @property
    def exact(self) -> float | None:
        count, _passed, credit, stake, credit_stake = self.tallies
        return weighted_value(count, credit, stake, credit_stake)

    @property
    def value(self) -> int | None:
        """0-100, or None when nothing was checked (the sub-score then does not count)."""
        exact = self.exact
        return None if exact is None else round(exact)

    @property
    def weighted(self) -> bool:
        """Whether money weighs its checks."""
        return self.tallies[3] > 0


@dataclass(slots=True)
class Alignment:
    score: int | None  # None: not enough to judge yet (see `verdict`)
    subscores: list[SubScore]
    findings: list[Finding]
    graph: "LinkGraph | None" = None
    verdict: str = ""  # why there is no score, when there is none
    stakes: "Stakes | None" = None
    _cost: Callable[[], "CostToServe"] | None = field(default=None, repr=False)

    def by_severity(self, severity: str) -> list[Finding]:
        return [f for f in self.findings if f.severity == severity]

    @property
    def errors(self) -> list[Finding]:
        return self.by_severity(ERROR)

    def counts(self) -> dict[str, int]:
        return {s: len(self.by_severity(s)) for s in (ERROR, WARNING, INFO)}

    def subscore(self, key: str) -> SubScore:
        return next(s for s in self.subscores if s.key == key)

    def cost_to_serve(self) -> "CostToServe | None":
        """Revenue against the cost of serving each segment, allocated along the links (worked out when asked)."""
        return self._cost() if self._cost else None

    def roots(self) -> list[Finding]:
        """The findings that follow from no other: each with its consequences listed by `children`."""
        return [f for f in self.findings if f.cause is None]

    def children(self, finding: Finding) -> list[Finding]:
        return [f for f in self.findings if f.cause == finding.key]


SUBSCORES = (
    ("delivery", "Promises delivered", 30, "each value proposition, channel, relationship and revenue stream has operating support"),
    ("chains", "Delivery chains", 25, "each value proposition is reached by a process, an owning unit, people's skills and technology; each revenue stream by a billing or collection capability"),
    ("focus", "Operating focus", 20, "each operating entry serves some business element"),
    ("coherence", "Canvas coherence", 15, "segments have propositions and channels; activities, resources and partners have operating counterparts; processes have owners; costs pay for something; no open conflicts"),
    ("archetype", "Archetype fit", 10, "what the model's archetype needs is in the operating model"),
)


def make_subscores(tallies: dict[str, list[int]], checks: Callable[[str], list[Check]]) -> list[SubScore]:
    """Sub-scores from their tallies; `checks(key)` lists one sub-score's checks on demand."""
    return [
        SubScore(key, title, weight, explains, tuple(tallies.get(key, (0, 0, 0, 0, 0))), lambda key=key: checks(key))
        for key, title, weight, explains in SUBSCORES
    ]


def overall(subscores: list[SubScore]) -> int | None:
    """The weighted mean of the sub-scores that checked something; None when none did."""
    counted = [(s.value, s.weight) for s in subscores if s.value is not None]
    if not counted:
        return None
    return round(sum(v * w for v, w in counted) / sum(w for _, w in counted))
