"""What every rule sees: the model, its link graph, the model's settings, and where to put results.

Rules write findings and checks into a Sink: one per entry for entry rules, one per group or for
the whole model otherwise, so that after an edit only the sinks of what changed are filled again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bizop_tui.alignment.graph import LinkGraph
from bizop_tui.alignment.result import Check
from bizop_tui.model.entities import Entry, Finding, Model


@dataclass(slots=True)
class Sink:
    """The findings of one entry, group or global rule, and the sub-score checks it counts."""

    findings: list[Finding] = field(default_factory=list)
    checks: list[tuple[str, Check]] = field(default_factory=list)  # (sub-score key, check)

    def counts(self) -> dict[str, tuple[int, int]]:
        """(passed, total) per sub-score."""
        out: dict[str, tuple[int, int]] = {}
        for key, check in self.checks:
            passed, total = out.get(key, (0, 0))
            out[key] = (passed + check.passed, total + 1)
        return out


@dataclass(slots=True)
class Context:
    model: Model
    graph: LinkGraph
    today: dt.date
    disabled: tuple[str, ...] = ()
    # How many value propositions and channels name each customer segment.
    segment_uses: dict[str, dict[str, int]] = field(default_factory=dict)
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
        self.sink.findings.append(Finding(rule, severity, message, tuple(e.id for e in entries), line, hint, **more))

    def check(self, subscore: str, rule: str, entry: Entry | None, passed: bool, reason: str) -> None:
        """Count one point of a sub-score; a rule that is switched off counts nothing."""
        if self.enabled(rule):
            self.sink.checks.append((subscore, Check(entry.id if entry else "", passed, reason)))
