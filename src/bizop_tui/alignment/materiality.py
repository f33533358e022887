"""Money at stake: how much revenue depends on each promise, and what it costs to serve each segment.

The rules (docs/alignment.md, "Materiality" and "Cost to serve"):
- a revenue stream's stake is its `amount`;
- a stream's amount is split equally among the segments it names (its segment revenue);
- a value proposition's stake is the revenue of the streams that name it in `supports` (split
  equally among the propositions a stream names), plus, for each segment it names, its share of the
  segment revenue of the streams that name no proposition: shared equally among the propositions
  that name that segment;
- a channel's or customer relationship's stake is, for each segment it names, its share of the
  segment revenue: shared equally among the channels (or relationships) that name that segment;
- a customer segment's stake is its segment revenue; an operating entry's is its `cost`.
Planned streams earn nothing yet and count for nothing.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from bizop_tui.model.entities import Entry, Model
from bizop_tui.model.vocabulary import OPERATING, PLANNED

ALPHA = 0.25  # the share of a check's weight that every check gets, money or not (see weight())
SEGMENT_STAKES = frozenset({"channels", "customer_relationships"})


def amount_of(entry: Entry) -> float:
    """A revenue stream's or cost item's amount, 0 when it has none (or a negative one)."""
    value = entry.amount
    return float(value) if isinstance(value, (int, float)) and value > 0 else 0.0


class Stakes:
    """The revenue streams by segment and proposition, kept up to date as streams are edited.

    `users` (filled by the engine) holds, for each segment, the entries that name it in `segments`.
    """

    def __init__(self, model: Model) -> None:
        self.model = model
        self.users: dict[str, dict[str, None]] = {}
        self.streams: dict[str, Entry] = {}
        self.by_segment: dict[str, dict[str, None]] = {}
        self.by_proposition: dict[str, dict[str, None]] = {}

    def add(self, entry: Entry) -> None:
        if entry.block.key != "revenue_streams" or entry.status == PLANNED:
            return
        self.streams[entry.id] = entry
        for segment in dict.fromkeys(entry.segments):
            self.by_segment.setdefault(segment, {})[entry.id] = None
        for proposition in dict.fromkeys(entry.supports):
            self.by_proposition.setdefault(proposition, {})[entry.id] = None

    def remove(self, entry: Entry) -> None:
        if self.streams.get(entry.id) is not entry:
            return
        del self.streams[entry.id]
        for segment in entry.segments:
            self.by_segment.get(segment, {}).pop(entry.id, None)
        for proposition in entry.supports:
            self.by_proposition.get(proposition, {}).pop(entry.id, None)

    @property
    def known(self) -> bool:
        """Whether any revenue stream gives an amount (without one, every promise weighs the same)."""
        return any(amount_of(e) for e in self.streams.values())

    def segment_revenue(self, segment: str, *, open_only: bool = False) -> float:
        """The revenue of `segment`: each stream naming it gives its amount over its number of segments.
        With `open_only`, only the streams that name no proposition count."""
        total = 0.0
        for stream_id in sorted(self.by_segment.get(segment, ())):  # one order: sums are reproducible
            stream = self.streams[stream_id]
            if open_only and stream.supports:
                continue
            total += amount_of(stream) / len(set(stream.segments))
        return total

    def stake(self, entry: Entry) -> float:
        """The money that depends on `entry` (0 when nothing is known)."""
        key = entry.block.key
        if entry.side == OPERATING:
            return float(entry.cost) if isinstance(entry.cost, (int, float)) and entry.cost > 0 else 0.0
        if key == "revenue_streams":
            return amount_of(entry) if entry.status != PLANNED else 0.0
        if key == "customer_segments":
            return self.segment_revenue(entry.id)
        if key == "value_propositions":
            total = 0.0
            for stream_id in sorted(self.by_proposition.get(entry.id, ())):
                stream = self.streams[stream_id]
                total += amount_of(stream) / len(set(stream.supports))
            return total + sum(self.segment_revenue(s, open_only=True) / self._sharing(s, entry)
                               for s in dict.fromkeys(entry.segments))
        if key in SEGMENT_STAKES:
            return sum(self.segment_revenue(s) / self._sharing(s, entry) for s in dict.fromkeys(entry.segments))
        if key == "cost_structure":
            return amount_of(entry)
        return 0.0

    def _sharing(self, segment: str, entry: Entry) -> int:
        """How many entries of `entry`'s block (itself included, planned ones not) name `segment`."""
        by_id = self.model.by_id
        count = 0
        for user in self.users.get(segment, ()):
            other = by_id.get(user)
            if other is not None and other.block is entry.block and other.status != PLANNED:
                count += 1
        return max(count, 1)

    def touched_by(self, stream: Entry) -> set[str]:
        """The ids whose stake may change when `stream` changes: its segments, their users, its propositions."""
        return set(stream.segments) | set(stream.supports)


def whole(value: float) -> int:
    """A stake in whole units of the currency, so that tallies add up exactly however they are summed."""
    return int(round(value)) if value > 0 else 0


def weighted_value(count: int, credit: int, stake: int, credit_stake: int) -> float | None:
    """0-100 from a sub-score's tallies: `count` checks, `credit` (tenths of a pass) summed, `stake` summed,
    and credit x stake summed.

    Each check weighs ALPHA + (1 - ALPHA) x count x its stake / all stakes: a quarter of every weight is
    shared equally, three quarters follow the money. Without stakes every check weighs the same.
    """
    if not count:
        return None
    if stake <= 0:
        return 100 * credit / (10 * count)
    return 100 * (ALPHA * credit + (1 - ALPHA) * (count * credit_stake / stake)) / (10 * count)


# -- cost to serve ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SegmentMoney:
    segment: Entry
    revenue: float
    cost: float

    @property
    def margin(self) -> float:
        return self.revenue - self.cost


@dataclass(slots=True)
class CostToServe:
    source: str  # "operating costs" or "cost structure" (the amounts allocated), or "" when there are none
    segments: list[SegmentMoney] = field(default_factory=list)
    propositions: dict[str, float] = field(default_factory=dict)  # cost arriving at each value proposition
    unallocated: dict[str, float] = field(default_factory=dict)  # entry id -> cost that reached no segment
    total: float = 0.0

    @property
    def unallocated_total(self) -> float:
        return sum(self.unallocated.values())


def cost_to_serve(model: Model, forward: dict[str, dict[str, None]], stakes: Stakes,
                  cycles: list[list[str]]) -> CostToServe:
    """Allocate costs along the support links down to customer segments (docs/alignment.md, "Cost to serve").

    Each entry passes what it costs, plus what reached it, in equal shares to what it supports (an
    owner to what it owns too); value propositions, channels, relationships and revenue streams pass
    it in equal shares to their segments. Cost that reaches an entry with nowhere to go stays there,
    unallocated. Inside a circle of supports, cost passes only to entries outside the circle.
    """
    sources = {e.id: float(e.cost) for e in model.entries(OPERATING)
               if isinstance(e.cost, (int, float)) and e.cost > 0 and e.status != PLANNED}
    source = "operating costs"
    if not sources:
        sources = {e.id: amount_of(e) for e in model.block_entries("cost_structure")
                   if amount_of(e) and e.status != PLANNED}
        source = "cost structure"
    if not sources:
        return CostToServe("")
    by_id = model.by_id
    group_of = {member: i for i, group in enumerate(cycles) for member in group}

    def onward(node: str) -> list[str]:
        entry = by_id.get(node)
        if entry is None:
            return []
        if entry.block.key in ("value_propositions", "channels", "customer_relationships", "revenue_streams"):
            targets = [s for s in dict.fromkeys(entry.segments) if s in by_id]
            if targets:
                return targets
        if entry.block.key == "revenue_streams":
            return []
        if entry.block.key == "cost_structure":
            targets = list(dict.fromkeys(t for t in entry.supports if t in by_id and t != node))
        else:
            targets = list(forward.get(node, ()))
        group = group_of.get(node)
        return [t for t in targets if group is None or group_of.get(t) != group]

    # Kahn's order over the graph of onward links, from the cost sources.
    reachable: set[str] = set()
    queue = deque(sources)
    while queue:
        node = queue.popleft()
        if node in reachable:
            continue
        reachable.add(node)
        queue.extend(onward(node))
    indegree = {n: 0 for n in reachable}
    for node in reachable:
        for target in onward(node):
            indegree[target] += 1
    received = dict.fromkeys(reachable, 0.0)
    for node, cost in sources.items():
        received[node] += cost
    result = CostToServe(source, total=sum(sources.values()))
    ready = deque(sorted(n for n, d in indegree.items() if d == 0))
    while ready:
        node = ready.popleft()
        amount = received[node]
        entry = by_id.get(node)
        if entry is not None and entry.block.key == "value_propositions":
            result.propositions[node] = result.propositions.get(node, 0.0) + amount
        targets = onward(node)
        if entry is not None and entry.block.key == "customer_segments":
            pass  # arrived
        elif targets:
            share = amount / len(targets)
            for target in targets:
                received[target] += share
        elif amount:
            result.unallocated[node] = result.unallocated.get(node, 0.0) + amount
        for target in targets:
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    for segment in model.block_entries("customer_segments"):
        if by_id.get(segment.id) is segment:
            result.segments.append(SegmentMoney(segment, stakes.segment_revenue(segment.id), received.get(segment.id, 0.0)))
    return result
