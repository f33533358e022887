"""Impact analysis: what loses its support if an entry goes, and the full chain that delivers an entry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bizop_tui.alignment.compare import Comparison, compare, model_with
from bizop_tui.alignment.engine import analyse
from bizop_tui.alignment.graph import CATCH_ALL, DIMENSIONS, HUB, LinkGraph, fold, strength
from bizop_tui.alignment.result import Alignment
from bizop_tui.alignment.rules.common import file_order
from bizop_tui.alignment.rules.delivery import CHAIN_PARTS
from bizop_tui.model.entities import Entry, Model
from bizop_tui.model.errors import BizopError
from bizop_tui.model.vocabulary import ACTIVE, PROMISE_BLOCKS


@dataclass(slots=True)
class TraceNode:
    """One entry in a chain of support, with what supports it in turn."""

    entry: Entry
    how: str  # "supports", "owns" (an owner), "pays for" (a cost item), or "" for the entry traced
    note: str = ""  # "catch-all", "shared hub", a status, or "see above" for an entry already shown
    children: list[TraceNode] = field(default_factory=list)


@dataclass(slots=True)
class Impact:
    entry: Entry
    comparison: Comparison
    undelivered: list[Entry]  # promises delivered today that would be left with no support
    weakened: list[tuple[Entry, list[str]]]  # propositions whose chain would lose parts, and which
    segments: list[tuple[Entry, str]]  # segments that would be left without a proposition or channel
    at_stake: float  # the money at stake in the promises left undelivered
    delivers: TraceNode  # what delivers the entry, as a tree
    serves: list[Entry]  # the business entries it reaches

    @property
    def before(self) -> Alignment:
        return self.comparison.before

    @property
    def after(self) -> Alignment:
        return self.comparison.after


def impact(model: Model, entry_id: str, today: dt.date | None = None) -> Impact:
    """What happens to the alignment if `entry_id` goes; raises BizopError for an unknown id."""
    entry = model.by_id.get(entry_id)
    if entry is None:
        raise BizopError(f"no entry has the id '{entry_id}'", path=model.path,
                         hint="Use an id from the file (bizop export FILE --format json lists them).")
    before = analyse(model, today)
    after = analyse(model_with(model, {entry_id: None}), today)
    comparison = compare(before, after)
    old_graph, new_graph = before.graph, after.graph
    undelivered, weakened = [], []
    for other in model.entries():
        if other is entry or other.block.key not in PROMISE_BLOCKS or other.status != ACTIVE:
            continue
        was, now = old_graph.reached_by(other.id), new_graph.reached_by(other.id)
        if strength(was, DIMENSIONS) is not None and strength(now, DIMENSIONS) is None:
            undelivered.append(other)
        elif other.block.key == "value_propositions":
            lost = [label for bit, _key, label in CHAIN_PARTS if fold(was) & bit and not fold(now) & bit]
            if lost:
                weakened.append((other, lost))
    segments = _segments_left(model, after, entry_id)
    stakes = before.stakes
    at_stake = sum(stakes.stake(p) for p in undelivered) if stakes else 0.0
    serves = [model.by_id[i] for i in old_graph.supported(entry_id)
              if i in model.by_id and model.by_id[i].side == "business"]
    return Impact(entry, comparison, undelivered, weakened, segments, at_stake,
                  trace(model, old_graph, entry_id), serves)


def _segments_left(model: Model, after: Alignment, removed: str) -> list[tuple[Entry, str]]:
    """Segments that have a proposition (or channel) now and would have none without `removed`."""
    left = []
    for segment in model.block_entries("customer_segments"):
        if segment.id == removed:
            continue
        for block, what in (("value_propositions", "a value proposition"), ("channels", "a channel")):
            users = [e for e in model.block_entries(block) if segment.id in e.segments]
            if users and all(e.id == removed for e in users):
                left.append((segment, what))
    return left


def trace(model: Model, graph: LinkGraph, entry_id: str, depth: int = 8) -> TraceNode:
    """The entries that deliver `entry_id`, as a tree: who supports it, who supports them, and so on.

    An entry reached twice is shown once in full; later it says "see above".
    """
    shown: set[str] = set()

    def node(current: str, how: str, level: int) -> TraceNode:
        entry = model.by_id[current]
        note = _note(graph, entry)
        result = TraceNode(entry, how, note)
        if current in shown:
            result.note = "see above"
            return result
        shown.add(current)
        if level >= depth:
            return result
        preds = sorted((model.by_id[p] for p in graph.reverse.get(current, ()) if p in model.by_id), key=file_order)
        for pred in preds:
            how_linked = ("owns" if pred.id == entry.owner else "pays for" if pred.block.key == "cost_structure"
                          else "supports")
            result.children.append(node(pred.id, how_linked, level + 1))
        return result

    return node(entry_id, "", 0)


def _note(graph: LinkGraph, entry: Entry) -> str:
    kind = graph.kinds.get(entry.id)
    notes = []
    if kind == CATCH_ALL:
        notes.append("catch-all")
    elif kind == HUB:
        notes.append("shared hub")
    if entry.status != ACTIVE:
        notes.append(entry.status)
    return ", ".join(notes)
