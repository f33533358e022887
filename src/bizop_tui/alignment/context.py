"""What every rule sees: the model, its link graph, the money at stake, settings, and where to put results.

Rules write findings and checks into a Sink: one per entry for entry rules, one per group or for
the whole model otherwise, so that after an edit only the sinks of what changed are filled again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from bizop_tui.alignment.graph import LinkGraph
from bizop_tui.alignment.materiality import Stakes, whole
from bizop_tui.alignment.result import FULL, Check
from bizop_tui.model.entities import Entry, Finding, Model

# Sub-scores whose checks money weighs; the others count each check the same.
MONEY_WEIGHTED = frozenset({"delivery", "chains", "focus"})


@dataclass(slots=True)
class Sink:
    """The findings of one entry, group or global rule, and the sub-score checks it counts."""

    findings: list[Finding] = field(default_factory=list)
    checks: list[tuple[str, Check]] = field(default_factory=list)  # (sub-score key, check)

    def tallies(self) -> dict[str, list[int]]:
        """Per sub-score: [checks, passed, credit, stake, credit x stake]."""
        out: dict[str, list[int]] = {}
        for key, check in self.checks:
            tally = out.setdefault(key, [0, 0, 0, 0, 0])
            add_check(tally, check, 1)
        return out


def add_check(tally: list[int], check: Check, sign: int) -> None:
    tally[0] += sign
    tally[1] += sign * (check.credit >= FULL)
    tally[2] += sign * check.credit
    tally[3] += sign * check.stake
    tally[4] += sign * check.credit * check.stake


@dataclass(slots=True)
class Context:
    model: Model
    graph: LinkGraph
    today: dt.date
    disabled: tuple[str, ...] = ()
    stakes: Stakes = field(default_factory=Stakes)
    # The entries that name each customer segment in `segments`, by id.
    segment_users: dict[str, dict[str, None]] = field(default_factory=dict)
    # Which entries name each id (built on demand by the engine).
    referrers: Callable[[], dict[str, dict[str, None]]] = lambda: {}
    sink: Sink = field(default_factory=Sink)
    _enabled: dict[str, bool] = field(default_factory=dict)

    def enabled(self, rule: str) -> bool:
        """A rule is off when the model disables its id or a prefix of it ("stale", "cost.summary")."""
        known = self._enabled.get(rule)
        if known is None:
            known = self._enabled[rule] = not any(rule == d or rule.startswith(d + ".") for d in self.disabled)
        return known

    def report(self, rule: str, severity: str, message: str, entries: tuple[Entry, ...] | list[Entry] = (),
               hint: str = "", line: int | None = None, **more) -> None:
        """Add a finding; `more` sets its other fields (at_stake, subject, looked_for, fix)."""
        if not self.enabled(rule):
            return
        if line is None and entries:
            line = entries[0].line
        if "at_stake" in more and not more["at_stake"]:
            more["at_stake"] = None
        self.sink.findings.append(Finding(rule, severity, message, tuple(e.id for e in entries), line, hint, **more))

    def check(self, subscore: str, rule: str, entry: Entry | None, credit: int | bool, reason: str,
              stake: float = 0.0, by: Callable[[], Iterable[str]] | tuple[str, ...] = ()) -> None:
        """Count one check of a sub-score (credit: True/False, or tenths of a pass); a rule switched off
        counts nothing. `stake` weighs it in the money-weighted sub-scores."""
        if not self.enabled(rule):
            return
        credit = FULL if credit is True else 0 if credit is False else credit
        stake = whole(stake) if subscore in MONEY_WEIGHTED else 0
        self.sink.checks.append((subscore, Check(entry.id if entry else "", credit, reason, stake, by)))

    def users_of(self, segment: str, *blocks: str) -> list[Entry]:
        """The entries of `blocks` (any, when none given) that name `segment`, in file order."""
        by_id = self.model.by_id
        found = [by_id[i] for i in self.segment_users.get(segment, ()) if i in by_id]
        if blocks:
            found = [e for e in found if e.block.key in blocks]
        return sorted(found, key=lambda e: (e.block.path, e.index))
