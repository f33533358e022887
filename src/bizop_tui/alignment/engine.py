"""The alignment engine: run the rules over a model, and follow edits without starting again.

`analyse(model)` scores a model once. `AlignmentState` does the same and then, told which entries
an edit touched, re-judges only those entries, the entries whose place in the graph or whose money
at stake changed, and the groups they belong to; a full analysis is the same code run with every
entry touched.

A finding's words may depend only on its entry, the entries it names or that name it, and the
graph around it: that is what an edit marks for judging again.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable
from dataclasses import replace

from bizop_tui.alignment.concepts import shows
from bizop_tui.alignment.context import Context, Sink, add_check
from bizop_tui.alignment.graph import (
    BILLING,
    DIMENSION_BIT,
    DIMENSIONS,
    INVOICING,
    LIVE,
    ORGANISATION,
    LinkGraph,
    fold,
)
from bizop_tui.alignment.materiality import Stakes, cost_to_serve
from bizop_tui.alignment.result import Alignment, Check, make_subscores, overall
from bizop_tui.alignment.rules import ENTRY_RULES, RULE_IDS
from bizop_tui.alignment.rules.archetypes import check_archetypes, matches, requirements_of
from bizop_tui.alignment.rules.costs import check_costs
from bizop_tui.alignment.rules.duplication import OVERLAP_BLOCKS, report_group, same_name_key, same_support_key
from bizop_tui.alignment.rules.integrity import report_cycle
from bizop_tui.alignment.rules.staleness import check_model_stale
from bizop_tui.alignment.rules.support import is_catch_all
from bizop_tui.alignment.status import RETIRING, status_of
from bizop_tui.model.entities import WARNING, Entry, Finding, Model
from bizop_tui.model.vocabulary import BUSINESS, PLANNED, PROMISE_BLOCKS, SEGMENT_BLOCKS


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
                hint="Use a rule id such as 'stale.operating' or a family such as 'stale' (bizop rules).",
                subject=name)
        for name in disabled
        if name not in known
    ]


def capability_bits(entry: Entry) -> int:
    """What an operating entry brings to what it supports: its dimension, billing or invoicing when it
    does that work, and LIVE unless it is being retired."""
    bits = DIMENSION_BIT[entry.block.key]
    if shows("billing", entry):
        bits |= BILLING
    if shows("invoicing", entry):
        bits |= INVOICING
    if status_of(entry) != RETIRING:
        bits |= LIVE
    return bits


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
        self.stakes = Stakes(model)
        self._referrers: dict[str, dict[str, None]] | None = None  # id -> ids of the entries naming it
        graph = LinkGraph(model, capability_bits, is_catch_all)
        self.ctx = Context(model, graph, self.today, disabled_rules(model), stakes=self.stakes,
                           segment_users=self.stakes.users, referrers=lambda: self.referrers)
        self.archetype_problems: list[tuple[str, str, str]] = []
        self.unknown_archetypes: list[str] = []
        self.requirements = requirements_of(model, self.archetype_problems, self.unknown_archetypes)
        self.matched: list[dict] = [{} for _ in self.requirements]
        self.requirements_by_block: dict[str, list[int]] = {}
        for i, (_, req) in enumerate(self.requirements):
            for path in req.blocks:
                self.requirements_by_block.setdefault(path, []).append(i)
        self.seen: dict[str, Entry] = {}  # the entry objects judged, by id
        self.groups: dict[tuple, dict[str, None]] = {}  # duplicate-finding key -> member ids
        self.entry_sinks: dict[str, Sink] = {}
        self.with_findings: dict[str, Sink] = {}  # the entry sinks that hold findings
        self.group_sinks: dict[tuple, Sink] = {}
        self.tallies: dict[str, list[int]] = {}  # sub-score key -> tallies over entry sinks
        self.today_counts = {"promises": 0, "operating": 0}  # what there is to judge (not planned)
        self.duplicates_at_start = bool(model.duplicates)
        self._costs: list[Finding] | None = None  # the cost picture's findings, until money changes
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
        self.model = self.ctx.model = self.ctx.graph.model = self.stakes.model = model

    def update(self, changed: Iterable[str] | None) -> Alignment:
        """The alignment after an edit that touched the entries with these ids (None: anything)."""
        self.follow(changed)
        return self.alignment()

    def follow(self, changed: Iterable[str] | None) -> None:
        """Judge again what an edit that touched the entries with these ids (None: anything) changed,
        without building the alignment (for an edit that will be taken back, as roadmap steps are)."""
        if changed is None or self.model.duplicates or self.duplicates_at_start:
            self._start()  # duplicate ids make "the entry with this id" ambiguous: judge everything
            return
        changed = set(changed)
        by_id = self.model.by_id
        graph = self.ctx.graph
        removed = [self.seen[i] for i in changed if i in self.seen and by_id.get(i) is not self.seen[i]]
        added = [by_id[i] for i in changed if i in by_id and self.seen.get(i) is not by_id[i]]
        dirty_groups: set[tuple] = set()
        dirty: set[str] = set(changed)
        stake_touched: set[str] = set()
        for entry in removed:
            dirty.update(self._neighbours(entry))
            dirty_groups.update(self._unindex(entry))
            stake_touched |= self._stake_inputs(entry)
        for entry in added:
            dirty_groups.update(self._index(entry))
            dirty.update(self._neighbours(entry))
            stake_touched |= self._stake_inputs(entry)
        if any(e.amount is not None or e.cost is not None for e in (*removed, *added)):
            self._costs = None
        referrers = {r for i in changed for r in self.referrers.get(i, ())}
        dirty |= referrers
        redeclare = added + [by_id[r] for r in referrers if r in by_id and r not in changed]
        mask_changed, reach_changed = graph.update(removed, added, redeclare)
        dirty |= mask_changed | reach_changed
        for node in reach_changed:  # a retiring entry names whoever keeps it alive
            dirty.update(graph.forward.get(node, ()))
        if stake_touched:
            affected = set(stake_touched)
            for segment in stake_touched:
                affected.update(self.ctx.segment_users.get(segment, ()))
            dirty |= affected
            for entry_id in affected:
                dirty.update(self.referrers.get(entry_id, ()))  # conflicts weigh both sides' stakes
        for entry_id in dirty:
            if entry_id in self.seen:
                self._judge(entry_id)
            else:
                self._forget(entry_id)
        for key in dirty_groups:
            self._judge_group(key)

    def _stake_inputs(self, entry: Entry) -> set[str]:
        """The ids whose money at stake `entry` feeds: a stream's segments and propositions; the segments
        a proposition, channel or relationship shares with the others that name them."""
        if entry.block.key == "revenue_streams":
            return self.stakes.touched_by(entry)
        if entry.block.key in SEGMENT_BLOCKS:
            return set(entry.segments)
        return set()

    def _neighbours(self, entry: Entry) -> set[str]:
        """What must be judged again when `entry` changes, besides what the graph says: the entries it
        names, its segments, and the entries of its dimension that support the same things."""
        found = set(entry.links)
        if entry.block.key in OVERLAP_BLOCKS:
            referrers = self.referrers
            for target in entry.supports:
                found.update(r for r in referrers.get(target, ())
                             if r in self.seen and self.seen[r].block is entry.block)
        return found

    @property
    def referrers(self) -> dict[str, dict[str, None]]:
        """Which entries name each id: built when first asked for (a one-off analysis may never need it)."""
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
        if entry.block.key in SEGMENT_BLOCKS:
            for segment in entry.segments:
                self.ctx.segment_users.setdefault(segment, {})[entry.id] = None
        self.stakes.add(entry)
        for i in self.requirements_by_block.get(entry.block.path, ()):
            found = matches(entry, self.requirements[i][1])
            if found:
                self.matched[i][entry.id] = found
        self._count_today(entry, 1)
        return keys

    def _unindex(self, entry: Entry) -> set[tuple]:
        del self.seen[entry.id]
        for target in entry.links:
            self.referrers.get(target, {}).pop(entry.id, None)
        keys = {k for k in (same_support_key(entry), same_name_key(entry)) if k}
        for key in keys:
            self.groups.get(key, {}).pop(entry.id, None)
        if entry.block.key in SEGMENT_BLOCKS:
            for segment in entry.segments:
                self.ctx.segment_users.get(segment, {}).pop(entry.id, None)
        self.stakes.remove(entry)
        for found in self.matched:
            found.pop(entry.id, None)
        self._count_today(entry, -1)
        return keys

    def _count_today(self, entry: Entry, sign: int) -> None:
        if entry.status == PLANNED:
            return
        if entry.block.key in PROMISE_BLOCKS:
            self.today_counts["promises"] += sign
        elif entry.side != BUSINESS:
            self.today_counts["operating"] += sign

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
        tallies = self.tallies
        for key, check in sink.checks:
            tally = tallies.get(key)
            if tally is None:
                tally = tallies[key] = [0, 0, 0, 0, 0]
            add_check(tally, check, sign)

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

    def alignment(self, causes: bool = True) -> Alignment:
        """The current score, sub-scores and findings (lines as they are now). Without `causes`,
        findings are not grouped under their root cause (faster, for comparing keys and scores)."""
        ctx = self.ctx
        ctx.sink = whole = Sink()
        for group in ctx.graph.cycles():
            report_cycle(ctx, group)
        check_archetypes(ctx, self.requirements, self.matched, self.archetype_problems, self.unknown_archetypes)
        whole.findings += self._cost_findings()
        ctx.sink = whole
        check_model_stale(ctx)
        findings = [f for f in self.model.problems if ctx.enabled(f.rule)]
        findings += unknown_rules(ctx.disabled)
        self._collect(findings)
        findings += whole.findings
        tallies = {key: list(tally) for key, tally in self.tallies.items()}
        for key, tally in whole.tallies().items():
            merged = tallies.setdefault(key, [0, 0, 0, 0, 0])
            for i, value in enumerate(tally):
                merged[i] += value
        subscores = make_subscores(tallies, self._checks_lister(whole))
        findings.sort(key=Finding.sort_key)
        if causes:
            findings = link_causes(findings, ctx.graph)
        score, verdict = overall(subscores), ""
        if not self.today_counts["operating"]:
            score, verdict = None, ("not enough to judge yet: the model has no operating entries (teams, "
                                    "processes, skills, systems) to hold its promises to")
        elif not self.today_counts["promises"]:
            score, verdict = None, ("not enough to judge yet: the business model makes no promises (value "
                                    "propositions, channels, customer relationships or revenue streams)")
        model, graph, stakes = self.model, ctx.graph, self.stakes
        return Alignment(score, subscores, findings, graph, verdict, stakes,
                         lambda: cost_to_serve(model, graph.forward, stakes, graph.groups))

    def checks_of(self, entry_id: str) -> list[tuple[str, Check]]:
        """The checks judged on one entry, as (sub-score key, check): what earned or missed its credit."""
        sink = self.entry_sinks.get(entry_id)
        return list(sink.checks) if sink is not None else []

    def _checks_lister(self, whole: Sink):
        """Lists a sub-score's checks, entry by entry in file order (as the state is when asked)."""

        def checks(key: str):
            found = []
            for entry in self.model.entries():
                sink = self.entry_sinks.get(entry.id) if self.seen.get(entry.id) is entry else None
                if sink is not None:
                    found += [c for k, c in sink.checks if k == key]
            return found + [c for k, c in whole.checks if k == key]

        return checks

    def _cost_findings(self) -> list[Finding]:
        """The cost picture (a walk over every entry), judged again only after an edit touched money."""
        if self._costs is None:
            self.ctx.sink = sink = Sink()
            check_costs(self.ctx)
            self._costs = sink.findings
        return self._costs

    def _collect(self, out: list[Finding]) -> None:
        """Add the entries' and groups' findings to `out`, each at its entry's line as it is now (an edit
        may have moved lines since they were judged). One loop: at 20,000 entries there are thousands."""
        by_id = self.model.by_id
        append = out.append
        for sinks in (self.with_findings.values(), self.group_sinks.values()):
            for sink in sinks:
                findings = sink.findings
                for i, finding in enumerate(findings):
                    if finding.entries:
                        entry = by_id.get(finding.entries[0])
                        if entry is not None and entry.line != finding.line:
                            # Kept at its new line: a finding is moved once, not at every later edit.
                            finding = findings[i] = finding.at_line(entry.line)
                    append(finding)


# The rules whose findings can be the root of others.
_ROOT_RULES = frozenset({"promise.undelivered", "chain.gap", "process.no-owner", "waste.unused",
                         "support.catch-all", "duplicate.overlap"})
# Consequences listed under their root: (rule of the consequence, rule of its root on the same entry).
_SAME_ENTRY_ROOTS = {
    "revenue.no-collection": "promise.undelivered",
    "lifecycle.depends-on-retiring": "promise.undelivered",
    "chain.indirect": "chain.gap",
}


def link_causes(findings: list[Finding], graph: LinkGraph) -> list[Finding]:
    """Group findings with one root cause under it: a consequence names its root's key in `cause`.

    An undelivered revenue stream's missing collection, a chain's indirect parts under its gap, a
    chain lacking only an owning unit under the ownerless process that leaves it so, identical
    supports under the overlap of the same entries. Causes that point at no finding are dropped.
    """
    roots = [f for f in findings if f.rule in _ROOT_RULES]
    keys = {f.key for f in roots}
    by_rule_entry = {(f.rule, f.entries[0]): f.key for f in roots if f.entries}
    owned_gaps: dict[str, str] = {}
    if ("process.no-owner" in {r for r, _ in by_rule_entry}):
        for finding in roots:
            if finding.rule == "chain.gap" and _lacks_only_an_owner(graph.reached_by(finding.entries[0])):
                process = _ownerless_process(graph, finding.entries[0], by_rule_entry)
                if process:
                    owned_gaps[finding.key] = process
    overlaps = [f for f in roots if f.rule == "duplicate.overlap"]
    out = list(findings)
    for i, finding in enumerate(findings):
        cause = finding.cause
        if cause is None and not (finding.entries and finding.rule in _CONSEQUENCES):
            continue  # most findings: no cause, and none to find
        if cause is None:
            root = _SAME_ENTRY_ROOTS.get(finding.rule)
            if root:
                cause = by_rule_entry.get((root, finding.entries[0]))
            elif finding.rule == "chain.gap":
                cause = owned_gaps.get(finding.key)
            elif finding.rule == "duplicate.same-support":
                cause = next((o.key for o in overlaps if set(o.entries) <= set(finding.entries)), None)
        if cause is not None and cause not in keys:
            cause = None
        if cause != finding.cause:
            out[i] = replace(finding, cause=cause)
    return out


_CONSEQUENCES = frozenset(_SAME_ENTRY_ROOTS) | {"chain.gap", "duplicate.same-support"}


def _ownerless_process(graph: LinkGraph, entry_id: str, by_rule_entry: dict, depth: int = 4) -> str | None:
    """The key of the nearest process.no-owner finding upstream of `entry_id` (a few links at most)."""
    frontier, seen = [entry_id], {entry_id}
    for _ in range(depth):
        found, nxt = [], []
        for node in frontier:
            for pred in graph.reverse.get(node, ()):
                if pred not in seen:
                    seen.add(pred)
                    nxt.append(pred)
                    key = by_rule_entry.get(("process.no-owner", pred))
                    if key:
                        found.append(key)
        if found:
            return min(found)  # the same one however the edges were declared
        frontier = nxt
    return None


def _lacks_only_an_owner(mask: int) -> bool:
    reached = fold(mask) & DIMENSIONS
    chain = DIMENSION_BIT["processes"] | ORGANISATION | DIMENSION_BIT["people"] | DIMENSION_BIT["technology"]
    return reached & chain == chain & ~ORGANISATION
