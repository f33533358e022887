"""The alignment engine: run the rules over a model, and follow edits without starting again.

`analyse(model)` scores a model once. `AlignmentState` does the same and then, told which entries
an edit touched, re-judges only those entries, the entries whose place in the graph changed, and
the groups they belong to; a full analysis is the same code run with every entry touched.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable
from dataclasses import replace

from bizop_tui.alignment.context import Context, Sink
from bizop_tui.alignment.graph import LinkGraph
from bizop_tui.alignment.result import Alignment, Check, make_subscores, overall
from bizop_tui.alignment.rules import ENTRY_RULES, RULE_IDS
from bizop_tui.alignment.rules.archetypes import check_archetypes, matches, requirements_of
from bizop_tui.alignment.rules.costs import check_costs
from bizop_tui.alignment.rules.integrity import report_cycle
from bizop_tui.alignment.rules.staleness import check_model_stale
from bizop_tui.alignment.rules.structure import report_group, same_name_key, same_support_key
from bizop_tui.model.entities import WARNING, Entry, Finding, Model

SEGMENT_USERS = ("value_propositions", "channels")


def disabled_rules(model: Model) -> tuple[str, ...]:
    value = model.settings.get("disabled_rules", ())
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def unknown_rules(disabled: tuple[str, ...]) -> list[Finding]:
    """A typo in disabled_rules would silently switch nothing off: say so."""
    known = set(RULE_IDS) | {r.split(".")[0] for r in RULE_IDS}
    return [
        Finding("schema.unknown-rule", WARNING, f"disabled_rules names '{name}', which is not a bizop rule",
                hint="Use a rule id such as 'stale.operating' or a family such as 'stale' (docs/alignment.md).")
        for name in disabled
        if name not in known
    ]


def analyse(model: Model, today: dt.date | None = None) -> Alignment:
    """Score `model` and list what is wrong with it; schema problems from loading come first."""
    return AlignmentState(model, today).alignment()


class AlignmentState:
    """The analysis of one model, kept up to date as the model is edited."""

    def __init__(self, model: Model, today: dt.date | None = None) -> None:
        self.model = model
        self.today = today or dt.date.today()
        self._start()

    def _start(self) -> None:
        # Judging every entry allocates tens of thousands of small objects that stay alive; the
        # cyclic collector would walk the whole heap again and again meanwhile (at 20,000 entries
        # that doubled the time). Nothing here forms garbage cycles, so it waits until the end.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._judge_everything()
        finally:
            if collecting:
                gc.enable()

    def _judge_everything(self) -> None:
        model = self.model
        self.ctx = Context(model, LinkGraph(model), self.today, disabled_rules(model))
        self.archetype_problems: list[tuple[str, str, str]] = []
        self.unknown_archetypes: list[str] = []
        self.requirements = requirements_of(model, self.archetype_problems, self.unknown_archetypes)
        self.matched: list[dict[str, str]] = [{} for _ in self.requirements]
        self.requirements_by_block: dict[str, list[int]] = {}
        for i, (_, req) in enumerate(self.requirements):
            for path in req.blocks:
                self.requirements_by_block.setdefault(path, []).append(i)
        self.seen: dict[str, Entry] = {}  # the entry objects judged, by id
        self._referrers: dict[str, dict[str, None]] | None = None  # id -> ids of the entries naming it
        self.groups: dict[tuple, dict[str, None]] = {}  # duplicate-finding key -> member ids
        self.entry_sinks: dict[str, Sink] = {}
        self.with_findings: dict[str, Sink] = {}  # the entry sinks that hold findings
        self.group_sinks: dict[tuple, Sink] = {}
        self.counts: dict[str, list[int]] = {}  # sub-score key -> [passed, total] over entry sinks
        self.duplicates_at_start = bool(model.duplicates)
        for entry in model.entries():
            if model.by_id.get(entry.id) is entry:
                self._index(entry)
        for entry_id in self.seen:
            self._judge(entry_id)
        for key, members in self.groups.items():
            if len(members) > 1:  # a group of one says nothing
                self._judge_group(key)

    # -- following edits ----------------------------------------------------------------------------

    def rebind(self, model: Model) -> None:
        """Follow `model` from now on: the live model, after a first analysis of its snapshot or a reload."""
        self.model = self.ctx.model = self.ctx.graph.model = model

    def update(self, changed: Iterable[str] | None) -> Alignment:
        """The alignment after an edit that touched the entries with these ids (None: anything)."""
        if changed is None or self.model.duplicates or self.duplicates_at_start:
            self._start()  # duplicate ids make "the entry with this id" ambiguous: judge everything
            return self.alignment()
        changed = set(changed)
        by_id = self.model.by_id
        removed = [self.seen[i] for i in changed if i in self.seen and by_id.get(i) is not self.seen[i]]
        added = [by_id[i] for i in changed if i in by_id and self.seen.get(i) is not by_id[i]]
        dirty_groups: set[tuple] = set()
        dirty: set[str] = set(changed)
        for entry in removed:
            dirty_groups.update(self._unindex(entry))
            dirty.update(entry.segments)
        for entry in added:
            dirty_groups.update(self._index(entry))
            dirty.update(entry.segments)
        referrers = {r for i in changed for r in self.referrers.get(i, ())}
        dirty |= referrers
        redeclare = added + [by_id[r] for r in referrers if r in by_id and r not in changed]
        mask_changed, serving_changed = self.ctx.graph.update(removed, added, redeclare)
        dirty |= mask_changed | serving_changed
        for entry_id in dirty:
            if entry_id in self.seen:
                self._judge(entry_id)
            else:
                self._forget(entry_id)
        for key in dirty_groups:
            self._judge_group(key)
        return self.alignment()

    @property
    def referrers(self) -> dict[str, dict[str, None]]:
        """Which entries name each id: built at the first edit (a one-off analysis never needs it)."""
        if self._referrers is None:
            self._referrers = {}
            for entry in self.seen.values():
                for target in entry.links:
                    self._referrers.setdefault(target, {})[entry.id] = None
        return self._referrers

    def _index(self, entry: Entry) -> set[tuple]:
        """Record `entry` in every index; returns the duplicate groups it joined."""
        self.seen[entry.id] = entry
        if self._referrers is not None:
            for target in entry.links:
                self._referrers.setdefault(target, {})[entry.id] = None
        keys = {k for k in (same_support_key(entry), same_name_key(entry)) if k}
        for key in keys:
            self.groups.setdefault(key, {})[entry.id] = None
        if entry.block.key in SEGMENT_USERS:
            for segment in set(entry.segments):
                uses = self.ctx.segment_uses.setdefault(segment, {})
                uses[entry.block.key] = uses.get(entry.block.key, 0) + 1
        for i in self.requirements_by_block.get(entry.block.path, ()):
            term = matches(entry, self.requirements[i][1])
            if term:
                self.matched[i][entry.id] = term
        return keys

    def _unindex(self, entry: Entry) -> set[tuple]:
        del self.seen[entry.id]
        for target in entry.links:
            self.referrers.get(target, {}).pop(entry.id, None)
        keys = {k for k in (same_support_key(entry), same_name_key(entry)) if k}
        for key in keys:
            self.groups.get(key, {}).pop(entry.id, None)
        if entry.block.key in SEGMENT_USERS:
            for segment in set(entry.segments):
                self.ctx.segment_uses[segment][entry.block.key] -= 1
        for found in self.matched:
            found.pop(entry.id, None)
        return keys

    # -- judging ------------------------------------------------------------------------------------

    def _judge(self, entry_id: str) -> None:
        entry = self.seen[entry_id]
        self._forget(entry_id)
        self.ctx.sink = sink = Sink()
        for rule in ENTRY_RULES[entry.block.path]:
            rule(self.ctx, entry)
        self.entry_sinks[entry_id] = sink
        if sink.findings:
            self.with_findings[entry_id] = sink
        self._count(sink, 1)

    def _forget(self, entry_id: str) -> None:
        sink = self.entry_sinks.pop(entry_id, None)
        if sink is not None:
            self.with_findings.pop(entry_id, None)
            self._count(sink, -1)

    def _count(self, sink: Sink, sign: int) -> None:
        counts = self.counts
        for key, check in sink.checks:
            tally = counts.get(key)
            if tally is None:
                tally = counts[key] = [0, 0]
            tally[0] += sign * check.passed
            tally[1] += sign

    def _judge_group(self, key: tuple) -> None:
        members = self.groups.get(key)
        if not members:
            self.groups.pop(key, None)
            self.group_sinks.pop(key, None)
            return
        entries = sorted((self.seen[i] for i in members), key=lambda e: e.index)
        self.ctx.sink = sink = Sink()
        report_group(self.ctx, key, entries)
        self.group_sinks[key] = sink

    def alignment(self) -> Alignment:
        """The current score, sub-scores and findings (lines as they are now)."""
        ctx = self.ctx
        ctx.sink = whole = Sink()
        for group in ctx.graph.cycles():
            report_cycle(ctx, group)
        check_archetypes(ctx, self.requirements, self.matched, self.archetype_problems, self.unknown_archetypes)
        check_costs(ctx)
        check_model_stale(ctx)
        findings = [f for f in self.model.problems if ctx.enabled(f.rule)]
        findings += unknown_rules(ctx.disabled)
        for sink in self.with_findings.values():
            findings += self._current_lines(sink.findings)
        for sink in self.group_sinks.values():
            if sink.findings:
                findings += self._current_lines(sink.findings)
        findings += whole.findings
        counts = {key: list(tally) for key, tally in self.counts.items()}
        for key, (passed, total) in whole.counts().items():
            tally = counts.setdefault(key, [0, 0])
            tally[0] += passed
            tally[1] += total
        subscores = make_subscores(counts, self._checks_lister(whole))
        findings.sort(key=Finding.sort_key)
        return Alignment(score=overall(subscores), subscores=subscores, findings=findings, graph=ctx.graph)

    def _checks_lister(self, whole: Sink):
        """Lists a sub-score's checks, entry by entry in file order (as the state is when asked)."""

        def checks(key: str) -> list[Check]:
            found = []
            for entry in self.model.entries():
                sink = self.entry_sinks.get(entry.id) if self.seen.get(entry.id) is entry else None
                if sink is not None:
                    found += [c for k, c in sink.checks if k == key]
            return found + [c for k, c in whole.checks if k == key]

        return checks

    def _current_lines(self, findings: list[Finding]) -> list[Finding]:
        """Findings judged before an edit moved their entry's lines, given the lines as they are now."""
        out = []
        for finding in findings:
            entry = self.model.by_id.get(finding.entries[0]) if finding.entries else None
            if entry is not None and entry.line != finding.line:
                finding = replace(finding, line=entry.line)
            out.append(finding)
        return out
