"""The `supports` graph of a model: who reaches whom, and how strongly, kept up to date edit by edit.

An edge runs from an entry to what it supports; an owner counts as supporting what it owns. Each edge
belongs to the entry that declares it (its `supports` or its `owner`), so an edit re-declares only
the edges of the entries it touched, and only the part of the graph downstream (for masks) or
upstream (for "serves the business") of what changed is recomputed.

A mask says which operating dimensions (and which capabilities: billing, invoicing, live support)
reach an entry, in three lanes by the strength of the path:
- lane 0, direct: through operating entries and business entries that serve this one promise;
- lane 1, indirect: through a shared hub (a key activity, resource or partner that serves several
  promises): someone does the work, but nobody is tied to this promise itself;
- lane 2, diluted: through a catch-all entry (one vague entry supporting promises across the model).
What passes through a hub moves from lane 0 to lane 1; what leaves a catch-all moves to lane 2.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator

from bizop_tui.alignment.status import DELIVERS_TODAY, PLANNED, RETIRING, SERVES_TODAY, status_of
from bizop_tui.model.entities import Entry, Model
from bizop_tui.model.vocabulary import BUSINESS, OPERATING, OPERATING_DIMENSIONS, PROMISE_BLOCKS

# One bit per operating dimension, so "which dimensions reach this entry" is one integer.
DIMENSION_BIT = {block.key: 1 << i for i, block in enumerate(OPERATING_DIMENSIONS)}
PROCESS = DIMENSION_BIT["processes"]
ORGANISATION = DIMENSION_BIT["organisation"]
PEOPLE = DIMENSION_BIT["people"]
TECHNOLOGY = DIMENSION_BIT["technology"]
SUPPLIERS = DIMENSION_BIT["suppliers"]
DIMENSIONS = (1 << len(OPERATING_DIMENSIONS)) - 1
# Capabilities carried beside the dimensions.
BILLING = 1 << 8  # an entry that bills, invoices, takes payments or collects
INVOICING = 1 << 9  # an entry that invoices and collects on terms
LIVE = 1 << 10  # an entry that is not being retired

LANE = 16
LANE_MASK = (1 << LANE) - 1
DIRECT, INDIRECT, DILUTED = 0, 1, 2

NORMAL, HUB, CATCH_ALL = 0, 1, 2
# What a business entry is, as something to reach: part of the business today, being retired, or
# planned. An entry's reach is what it leads to, so an operating entry that leads only to retiring
# entries keeps them alive (a zombie), and one that leads only to planned ones prepares the future.
SERVES, RETIRED, PREPARED = 1, 2, 4
HUB_BLOCKS = frozenset({"key_activities", "key_resources", "key_partners"})
HUB_FROM = 2  # a key activity, resource or partner serving this many promises directly is a shared hub

Edge = tuple[str, str]


def fold(mask: int) -> int:
    """Every bit that reaches, whatever the lane."""
    return (mask | mask >> LANE | mask >> 2 * LANE) & LANE_MASK


def lane(mask: int, number: int) -> int:
    return (mask >> number * LANE) & LANE_MASK


def strength(mask: int, bits: int) -> int | None:
    """The strongest lane in which any of `bits` reaches (DIRECT, INDIRECT, DILUTED), or None."""
    for number in (DIRECT, INDIRECT, DILUTED):
        if lane(mask, number) & bits:
            return number
    return None


def _carry(mask: int, kind: int) -> int:
    if kind == NORMAL:
        return mask
    if kind == HUB:
        return (mask & ~LANE_MASK) | ((mask & LANE_MASK) << LANE)
    return fold(mask) << 2 * LANE


class LinkGraph:
    """Adjacency (as insertion-ordered dicts), masks, the entries serving the business, cycles."""

    def __init__(self, model: Model, bits_of: Callable[[Entry], int],
                 catch_all: Callable[[Entry, Model], bool]) -> None:
        """`bits_of(entry)` gives an operating entry's bits (its dimension and capabilities);
        `catch_all(entry, model)` says whether an operating entry's support is diluted."""
        self.model = model
        self.bits_of = bits_of
        self.is_catch_all = catch_all
        self.forward: dict[str, dict[str, None]] = {}
        self.reverse: dict[str, dict[str, None]] = {}
        self.declared: dict[str, tuple[Edge, ...]] = {}  # entry id -> the edges it declares
        self.bits: dict[str, int] = {}  # operating entry id -> what it brings itself (lane 0)
        self.kinds: dict[str, int] = {}  # entry id -> HUB or CATCH_ALL (absent: NORMAL)
        self.marks: dict[str, int] = {}  # business entry id -> SERVES, RETIRED or PREPARED
        self.masks: dict[str, int] = {}
        self.reach: dict[str, int] = {}  # entry id -> the marks of what it leads to
        self.serving: set[str] = set()  # the entries whose reach includes SERVES: they serve the business
        self.groups: list[list[str]] = []
        self.edges_version = 0  # counts the updates that changed an edge (what is reached changes only then)
        for entry in model.entries():
            self._add_node(entry)
        for entry in model.entries():
            self._declare(entry)
        self._push_masks(deque(set(self.bits) | set(self.kinds)))
        self._propagate_reach(set(self.forward) | set(self.reverse))
        self.groups = _strongly_connected(self.forward, self.reverse, self.forward)

    # -- building -----------------------------------------------------------------------------------

    def _node(self, entry: Entry) -> tuple[int, int]:
        """(its mark as something to reach, its own bits) for `entry`."""
        status = status_of(entry)
        if entry.side == BUSINESS:
            mark = SERVES if status in SERVES_TODAY else RETIRED if status == RETIRING else PREPARED
            return mark, 0
        if status not in DELIVERS_TODAY:
            return 0, 0
        return 0, self.bits_of(entry)

    def _add_node(self, entry: Entry) -> None:
        mark, bits = self._node(entry)
        if mark:
            self.marks[entry.id] = mark
        if bits:
            self.bits[entry.id] = bits

    def _drop_node(self, entry_id: str) -> None:
        self.marks.pop(entry_id, None)
        self.bits.pop(entry_id, None)

    def _edges_of(self, entry: Entry) -> tuple[Edge, ...]:
        known = self.model.by_id
        if known.get(entry.id) is not entry or entry.status == PLANNED:
            return ()  # a duplicate id is reported elsewhere; a planned entry does nothing yet
        if entry.block.key == "revenue_streams":
            return ()  # a stream's supports name what it charges for: money, not delivery
        edges = [(entry.id, t) for t in entry.supports if t != entry.id and t in known]
        owner = known.get(entry.owner) if entry.owner and entry.owner != entry.id else None
        if owner is not None and owner.status != PLANNED:  # a planned unit owns nothing yet
            edges.append((owner.id, entry.id))
        return tuple(dict.fromkeys(edges))

    def _kind(self, entry: Entry) -> int:
        if self.model.by_id.get(entry.id) is not entry or entry.status == PLANNED:
            return NORMAL
        if entry.side == OPERATING:
            return CATCH_ALL if self.is_catch_all(entry, self.model) else NORMAL
        if entry.block.key in HUB_BLOCKS:
            known = self.model.by_id
            promises = sum(1 for t in set(entry.supports) if t in known and known[t].block.key in PROMISE_BLOCKS)
            return HUB if promises >= HUB_FROM else NORMAL
        return NORMAL

    def _declare(self, entry: Entry) -> None:
        edges = self._edges_of(entry)
        self.declared[entry.id] = edges
        kind = self._kind(entry)
        if kind:
            self.kinds[entry.id] = kind
        else:
            self.kinds.pop(entry.id, None)
        for src, dst in edges:
            self.forward.setdefault(src, {})[dst] = None
            self.reverse.setdefault(dst, {})[src] = None

    def _retract(self, entry_id: str) -> tuple[Edge, ...]:
        edges = self.declared.pop(entry_id, ())
        for src, dst in edges:
            # An edge may be declared twice (a supports b, and b is owned by a): keep it while declared.
            if any((src, dst) in self.declared.get(d, ()) for d in (src, dst)):
                continue
            self.forward.get(src, {}).pop(dst, None)
            self.reverse.get(dst, {}).pop(src, None)
        return edges

    def carried(self, node: str) -> int:
        """What `node` passes on along its edges: what it brings and what reaches it, by its kind."""
        return _carry(self.bits.get(node, 0) | self.masks.get(node, 0), self.kinds.get(node, NORMAL))

    # -- updating -----------------------------------------------------------------------------------

    def update(self, removed: Iterable[Entry], added: Iterable[Entry], redeclare: Iterable[Entry]) -> tuple[set[str], set[str]]:
        """Follow an edit: entries removed, added, and entries whose edges must be declared again.

        Returns the ids whose mask changed and the ids whose reach changed.
        """
        removed, added, redeclare = list(removed), list(added), list(redeclare)
        before = {e.id: (self.marks.get(e.id, 0), self.bits.get(e.id, 0), self.kinds.get(e.id, NORMAL))
                  for e in removed + redeclare}
        linked_before = {e.id for e in (*removed, *added, *redeclare)
                         if self.forward.get(e.id) or self.reverse.get(e.id)}
        old_edges: set[Edge] = set()
        new_edges: set[Edge] = set()
        for entry in removed:
            old_edges.update(self._retract(entry.id))
            self._drop_node(entry.id)
            self.kinds.pop(entry.id, None)
        for entry in added:
            self._add_node(entry)
        for entry in redeclare:
            old_edges.update(self._retract(entry.id))
            if self.model.by_id.get(entry.id) is entry:
                self._declare(entry)
            new_edges.update(self.declared.get(entry.id, ()))
        changed_edges = old_edges ^ new_edges  # an entry rewritten with the same links changes no edge
        mask_seeds = {d for _, d in changed_edges}
        reach_seeds = {s for s, _ in changed_edges}
        ids = {e.id for e in removed} | {e.id for e in added} | set(before)
        # Growing only (an undone delete, a new link): no edge, mark or bit lost, and no kind changed
        # but that of an entry without edges before (a new one), whose kind weighed on nothing.
        growing = not old_edges - new_edges
        for entry_id in ids:
            was = before.get(entry_id, (0, 0, NORMAL))
            now = (self.marks.get(entry_id, 0), self.bits.get(entry_id, 0), self.kinds.get(entry_id, NORMAL))
            if was[1:] != now[1:]:  # what it passes on changed: its targets must look again
                mask_seeds.update(self.forward.get(entry_id, ()))
                mask_seeds.add(entry_id)
            if was[0] != now[0]:  # what it is as a target changed: who reaches it must look again
                reach_seeds.update(self.reverse.get(entry_id, ()))
                reach_seeds.add(entry_id)
            if was[0] & ~now[0] or was[1] & ~now[1] or (was[2] != now[2] and entry_id in linked_before):
                growing = False
        if changed_edges:
            self.edges_version += 1
            self._update_cycles({s for s, _ in changed_edges} | {d for _, d in changed_edges})
        if growing:
            # Nothing can shrink, so pushing what is new along the edges reaches the same masks and
            # reach as working them out again, cycles or not: no region is recomputed from scratch.
            mask_changed: set[str] = set()
            reach_changed: set[str] = set()
            self._push_masks(deque({s for s, _ in changed_edges} | ids), mask_changed)
            self._push_reach(deque({d for _, d in changed_edges} | ids), reach_changed)
            return mask_changed, reach_changed
        in_cycle = {member for group in self.groups for member in group}
        mask_changed = self._settle_masks(mask_seeds, in_cycle)
        reach_changed = self._settle_reach(reach_seeds, in_cycle)
        return mask_changed, reach_changed

    def _settle_masks(self, seeds: set[str], in_cycle: set[str]) -> set[str]:
        """Recompute masks from `seeds` downstream, stopping where nothing changes.

        Exact where the graph has no cycle; where the change reaches a cycle, whose members could
        keep each other's bits alive, the whole downstream region is recomputed from scratch.
        """
        masks, forward, reverse = self.masks, self.forward, self.reverse
        before: dict[str, int] = {}
        queue = deque(seeds)
        while queue:
            node = queue.popleft()
            if node in in_cycle:
                region = self._closure(set(seeds), forward)
                before.update((n, masks.get(n, 0)) for n in region if n not in before)
                self._propagate_masks(region)
                return {n for n, old in before.items() if masks.get(n, 0) != old}
            reached = 0
            for pred in reverse.get(node, ()):
                reached |= self.carried(pred)
            old = masks.get(node, 0)
            if reached != old:
                before.setdefault(node, old)
                if reached:
                    masks[node] = reached
                else:
                    masks.pop(node, None)
                queue.extend(forward.get(node, ()))
        return {n for n, old in before.items() if masks.get(n, 0) != old}

    def _set_reach(self, node: str, value: int) -> None:
        if value:
            self.reach[node] = value
        else:
            self.reach.pop(node, None)
        if value & SERVES:
            self.serving.add(node)
        else:
            self.serving.discard(node)

    def _settle_reach(self, seeds: set[str], in_cycle: set[str]) -> set[str]:
        """Recompute reach from `seeds` upstream, stopping where nothing changes."""
        reach, marks, forward, reverse = self.reach, self.marks, self.forward, self.reverse
        before: dict[str, int] = {}
        queue = deque(seeds)
        while queue:
            node = queue.popleft()
            if node in in_cycle:
                region = self._closure(set(seeds), reverse)
                before.update((n, reach.get(n, 0)) for n in region if n not in before)
                self._propagate_reach(region)
                return {n for n, old in before.items() if reach.get(n, 0) != old}
            now = 0
            for target in forward.get(node, ()):
                now |= marks.get(target, 0) | reach.get(target, 0)
            old = reach.get(node, 0)
            if now != old:
                before.setdefault(node, old)
                self._set_reach(node, now)
                queue.extend(reverse.get(node, ()))
        return {n for n, old in before.items() if reach.get(n, 0) != old}

    @staticmethod
    def _closure(start: set[str], edges: dict[str, dict[str, None]]) -> set[str]:
        seen = set(start)
        queue = deque(start)
        while queue:
            for nxt in edges.get(queue.popleft(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        return seen

    def _push_masks(self, queue: deque[str], grown: set[str] | None = None) -> None:
        """Each queued node pushes what it carries along its edges, until nothing grows (the nodes
        whose mask grew are added to `grown`)."""
        masks, forward = self.masks, self.forward
        while queue:
            node = queue.popleft()
            carried = self.carried(node)
            if not carried:
                continue
            for target in forward.get(node, ()):
                before = masks.get(target, 0)
                if before | carried != before:
                    masks[target] = before | carried
                    queue.append(target)
                    if grown is not None:
                        grown.add(target)

    def _propagate_masks(self, region: set[str]) -> None:
        """Recompute, for the nodes of `region` (closed downstream), what reaches them."""
        masks, bits, reverse, kinds = self.masks, self.bits, self.reverse, self.kinds
        for node in region:
            masks.pop(node, None)
        queue: deque[str] = deque()
        for node in region:
            reached = 0
            for pred in reverse.get(node, ()):
                if pred in region:
                    reached |= _carry(bits.get(pred, 0), kinds.get(pred, NORMAL))
                else:
                    reached |= self.carried(pred)
            if reached:
                masks[node] = reached
            if reached or node in bits:
                queue.append(node)
        self._push_masks(queue)

    def _propagate_reach(self, region: set[str]) -> None:
        """Recompute, for the nodes of `region` (closed upstream), what they lead to."""
        reach, marks, forward = self.reach, self.marks, self.forward
        for node in region:
            self._set_reach(node, 0)
        queue: deque[str] = deque()
        for node in region:
            now = 0
            for target in forward.get(node, ()):
                now |= marks.get(target, 0) | (0 if target in region else reach.get(target, 0))
            if now:
                self._set_reach(node, now)
            queue.append(node)
        self._push_reach(queue)

    def _push_reach(self, queue: deque[str], grown: set[str] | None = None) -> None:
        """Each queued node pushes what it leads to back along its edges, until nothing grows (the
        nodes whose reach grew are added to `grown`)."""
        reach, marks, reverse = self.reach, self.marks, self.reverse
        while queue:
            node = queue.popleft()
            carried = marks.get(node, 0) | reach.get(node, 0)
            if not carried:
                continue
            for source in reverse.get(node, ()):
                old = reach.get(source, 0)
                if old | carried != old:
                    self._set_reach(source, old | carried)
                    queue.append(source)
                    if grown is not None:
                        grown.add(source)

    def _update_cycles(self, touched: set[str]) -> None:
        domain = set(touched)
        kept = []
        for group in self.groups:
            if domain.intersection(group):
                domain.update(group)
            else:
                kept.append(group)
        domain = self._closure(domain, self.forward)
        kept = [g for g in kept if not domain.intersection(g)]
        self.groups = sorted(kept + _strongly_connected(self.forward, self.reverse, domain))

    # -- queries ------------------------------------------------------------------------------------

    def reached_by(self, entry_id: str) -> int:
        """The bits, by lane, of what reaches `entry_id`."""
        return self.masks.get(entry_id, 0)

    def supported_by(self, entry_id: str) -> list[str]:
        """The entries that support `entry_id` directly."""
        return list(self.reverse.get(entry_id, ()))

    def supporters(self, entry_id: str) -> list[str]:
        """Every entry that reaches `entry_id`, nearest first."""
        return _walk(entry_id, self.reverse)

    def supported(self, entry_id: str) -> list[str]:
        """Every entry `entry_id` reaches, nearest first."""
        return _walk(entry_id, self.forward)

    def is_hub(self, entry_id: str) -> bool:
        return self.kinds.get(entry_id) == HUB

    def cycles(self) -> list[list[str]]:
        """Groups of entries that support each other in a circle (strongly connected, size > 1)."""
        return self.groups


KEPT_WALKS = 8  # the walks a Reached keeps: a move asks for the same entry's both ways more than once


class Reached:
    """What each entry reaches along `edges` (the graph's forward or reverse), as a set, for the graph's
    edges as they are (make another once an edit changes one: `edges_version`). Every member of a cycle
    reaches the same entries, so a cycle's are walked once and shared: in a large model one cycle can
    hold hundreds of entries that lead to thousands, and a walk that comes to a cycle already walked
    takes its set whole."""

    def __init__(self, edges: dict[str, dict[str, None]], groups: list[list[str]]) -> None:
        self.edges = edges
        self.group_of = {member: i for i, group in enumerate(groups) for member in group}
        self.of_group: dict[int, frozenset[str]] = {}
        self.of_entry: dict[str, frozenset[str] | set[str]] = {}

    def __call__(self, start: str) -> frozenset[str] | set[str]:
        """Every entry `start` reaches; itself too when it lies on a cycle. The last few are kept."""
        found = self.of_entry.get(start)
        if found is None:
            group = self.group_of.get(start)
            found = self._of_group(group, start) if group is not None else self._walk(start, share=True)
            while len(self.of_entry) >= KEPT_WALKS:
                del self.of_entry[next(iter(self.of_entry))]  # the oldest
            self.of_entry[start] = found
        return found

    def _of_group(self, group: int, member: str) -> frozenset[str]:
        known = self.of_group.get(group)
        if known is None:
            known = self.of_group[group] = frozenset(self._walk(member, share=False))
        return known

    def _walk(self, start: str, share: bool) -> set[str]:
        """`share`: a cycle met on the way is walked on its own first, for later walks to take whole. Only
        the first walk does so: a walk for a cycle takes only what is known, so nothing recurses."""
        edges, group_of, of_group = self.edges, self.group_of, self.of_group
        seen: set[str] = set()
        stack = [start]
        while stack:
            for nxt in edges.get(stack.pop(), ()):
                if nxt in seen:
                    continue
                group = group_of.get(nxt)
                if group is not None:
                    known = self._of_group(group, nxt) if share else of_group.get(group)
                    if known is not None:
                        seen |= known  # holds nxt itself, and everything past it
                        continue
                seen.add(nxt)
                stack.append(nxt)
        return seen


def _walk(start: str, edges: dict[str, dict[str, None]]) -> list[str]:
    return list(walk(start, edges))


def walk(start: str, edges: dict[str, dict[str, None]]) -> Iterator[str]:
    """Every entry reached from `start` along `edges`, nearest first, as the walk finds them."""
    seen = {start}
    queue = deque([start])
    while queue:
        for nxt in edges.get(queue.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                yield nxt
                queue.append(nxt)


def _strongly_connected(edges: dict[str, dict[str, None]], reverse: dict[str, dict[str, None]],
                        roots: Iterable[str]) -> list[list[str]]:
    """Tarjan's algorithm without recursion (models may be deep), from `roots` (closed downstream).

    Only nodes with edges both in and out can lie on a cycle; the others are never visited.
    """
    cycle_ready = {n for n in roots if edges.get(n) and reverse.get(n)}
    roots = cycle_ready
    full = edges
    edges = {n: [c for c in full[n] if c in cycle_ready] for n in cycle_ready}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    counter = 0
    for root in roots:
        if root in index:
            continue
        work = [(root, iter(edges.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, ()))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return sorted(groups)
