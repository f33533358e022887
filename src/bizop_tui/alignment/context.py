"""What every rule sees: the model, its link graph, the sub-scores to add checks to, and findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bizop_tui.alignment.graph import LinkGraph
from bizop_tui.alignment.result import Check, SubScore
from bizop_tui.model.entities import Entry, Finding, Model


@dataclass(slots=True)
class Context:
    model: Model
    graph: LinkGraph
    subscores: dict[str, SubScore]
    today: dt.date
    disabled: tuple[str, ...] = ()
    findings: list[Finding] = field(default_factory=list)
    _enabled: dict[str, bool] = field(default_factory=dict)

    def enabled(self, rule: str) -> bool:
        """A rule is off when the model disables its id or a prefix of it ("stale", "cost.summary")."""
        known = self._enabled.get(rule)
        if known is None:
            known = self._enabled[rule] = not any(rule == d or rule.startswith(d + ".") for d in self.disabled)
        return known

    def report(self, rule: str, severity: str, message: str, entries: tuple[Entry, ...] | list[Entry] = (),
               hint: str = "", line: int | None = None) -> None:
        if not self.enabled(rule):
            return
        if line is None and entries:
            line = entries[0].line
        self.findings.append(Finding(rule, severity, message, tuple(e.id for e in entries), line, hint))

    def check(self, subscore: str, rule: str, entry: Entry | None, passed: bool, reason: str) -> None:
        """Count one point of a sub-score; a rule that is switched off counts nothing."""
        if self.enabled(rule):
            self.subscores[subscore].checks.append(Check(entry.id if entry else "", passed, reason))

    def name(self, entry_id: str) -> str:
        entry = self.model.by_id.get(entry_id)
        return entry.name if entry else entry_id
