"""The `supports` graph of a model: who reaches whom, kept up to date edit by edit.

An edge runs from an entry to what it supports; an owner counts as supporting what it owns. Each
edge belongs to the entry that declares it (its `supports` or its `owner`), so an edit re-declares
only the edges of the entries it touched, and only the part of the graph downstream (for masks) or
upstream (for "serves the business") of those edges is recomputed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from bizop_tui.model.entities import Entry, Model
from bizop_tui.model.vocabulary import BUSINESS, OPERATING_DIMENSIONS

# One bit per operating dimension, so "which dimensions reach this entry" is one integer.
DIMENSION_BIT = {block.key: 1 << i for i, block in enumerate(OPERATING_DIMENSIONS)}
PROCESS = DIMENSION_BIT["processes"]
ORGANISATION = DIMENSION_BIT["organisation"]
PEOPLE = DIMENSION_BIT["people"]
TECHNOLOGY = DIMENSION_BIT["technology"]
SUPPLIERS = DIMENSION_BIT["suppliers"]

Edge = tuple[str, str]


class LinkGraph:
    """Adjacency (as insertion-ordered dicts), dimension masks, the entries serving the business, cycles."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.forward: dict[str, dict[str, None]] = {}
        self.reverse: dict[str, dict[str, None]] = {}
        self.declared: dict[str, tuple[Edge, ...]] = {}  # entry id -> the edges it declares
        self.bits: dict[str, int] = {}  # operating entry id -> its own dimension bit
        self.business: set[str] = set()
        self.masks: dict[str, int] = {}
        self.serving: set[str] = set()
        self.groups: list[list[str]] = []
        for entry in model.entries():
            self._add_node(entry)
        for entry in model.entries():
            self._declare(entry)
        self._push_masks(deque(self.bits))
        self._propagate_serving(set(self.forward))
        self.groups = _strongly_connected(self.forward, self.reverse, self.forward)

    # -- building -----------------------------------------------------------------------------------

    def _add_node(self, entry: Entry) -> None:
        if entry.side == BUSINESS:
            self.business.add(entry.id)
        else:
            self.bits[entry.id] = DIMENSION_BIT[entry.block.key]

    def _edges_of(self, entry: Entry) -> tuple[Edge, ...]:
        known = self.model.by_id
        if known.get(entry.id) is not entry:
            return ()  # a duplicate id: reported elsewhere, not a node of its own
        edges = [(entry.id, t) for t in entry.supports if t != entry.id and t in known]
        if entry.owner and entry.owner != entry.id and entry.owner in known:
            edges.append((entry.owner, entry.id))
        return tuple(dict.fromkeys(edges))

    def _declare(self, entry: Entry) -> None:
        edges = self._edges_of(entry)
        self.declared[entry.id] = edges
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

    # -- updating -----------------------------------------------------------------------------------

    def update(self, removed: Iterable[Entry], added: Iterable[Entry], redeclare: Iterable[Entry]) -> tuple[set[str], set[str]]:
        """Follow an edit: entries removed, added, and entries whose edges must be declared again.

        Returns the ids whose mask changed and the ids whose "serves the business" changed.
        """
        old_edges: set[Edge] = set()
        new_edges: set[Edge] = set()
        for entry in removed:
            old_edges.update(self._retract(entry.id))
            self.business.discard(entry.id)
            self.bits.pop(entry.id, None)
        for entry in added:
            self._add_node(entry)
        for entry in redeclare:
            old_edges.update(self._retract(entry.id))
            if self.model.by_id.get(entry.id) is entry:
                self._declare(entry)
            new_edges.update(self.declared.get(entry.id, ()))
        changed_edges = old_edges ^ new_edges  # an entry rewritten with the same links changes no edge
        # Nodes that appeared, vanished or changed kind; an entry rewritten in place is not one of them.
        touched = {e.id for e in removed} ^ {e.id for e in added}
        touched |= {a.id for a in added for r in removed if a.id == r.id and a.block is not r.block}
        if changed_edges:
            self._update_cycles({s for s, _ in changed_edges} | {d for _, d in changed_edges})
        in_cycle = {member for group in self.groups for member in group}
        mask_changed = self._settle_masks({d for _, d in changed_edges} | touched, in_cycle)
        serving_changed = self._settle_serving({s for s, _ in changed_edges} | touched, in_cycle)
        return mask_changed, serving_changed

    def _settle_masks(self, seeds: set[str], in_cycle: set[str]) -> set[str]:
        """Recompute masks from `seeds` downstream, stopping where nothing changes.

        Exact where the graph has no cycle; where the change reaches a cycle, whose members could
        keep each other's bits alive, the whole downstream region is recomputed from scratch.
        """
        masks, bits, forward, reverse = self.masks, self.bits, self.forward, self.reverse
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
                reached |= bits.get(pred, 0) | masks.get(pred, 0)
            old = masks.get(node, 0)
            if reached != old:
                before.setdefault(node, old)
                if reached:
                    masks[node] = reached
                else:
                    masks.pop(node, None)
                queue.extend(forward.get(node, ()))
        return {n for n, old in before.items() if masks.get(n, 0) != old}

    def _settle_serving(self, seeds: set[str], in_cycle: set[str]) -> set[str]:
        """Recompute "serves the business" from `seeds` upstream, stopping where nothing changes."""
        serving, business, forward, reverse = self.serving, self.business, self.forward, self.reverse
        before: dict[str, bool] = {}
        queue = deque(seeds)
        while queue:
            node = queue.popleft()
            if node in in_cycle:
                region = self._closure(set(seeds), reverse)
                before.update((n, n in serving) for n in region if n not in before)
                self._propagate_serving(region)
                return {n for n, old in before.items() if (n in serving) != old}
            now = any(t in business or t in serving for t in forward.get(node, ()))
            old = node in serving
            if now != old:
                before.setdefault(node, old)
                (serving.add if now else serving.discard)(node)
                queue.extend(reverse.get(node, ()))
        return {n for n, old in before.items() if (n in serving) != old}

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

    def _push_masks(self, queue: deque[str]) -> None:
        """Each queued node pushes its own bit, and what reaches it, along its edges, until nothing grows."""
        masks, bits, forward = self.masks, self.bits, self.forward
        while queue:
            node = queue.popleft()
            carried = bits.get(node, 0) | masks.get(node, 0)
            for target in forward.get(node, ()):
                before = masks.get(target, 0)
                if before | carried != before:
                    masks[target] = before | carried
                    queue.append(target)

    def _propagate_masks(self, region: set[str]) -> None:
        """Recompute, for the nodes of `region` (closed downstream), which dimensions reach them."""
        masks, bits, reverse = self.masks, self.bits, self.reverse
        for node in region:
            masks.pop(node, None)
        queue: deque[str] = deque()
        for node in region:
            reached = 0
            for pred in reverse.get(node, ()):
                reached |= bits.get(pred, 0) | (0 if pred in region else masks.get(pred, 0))
            if reached:
                masks[node] = reached
            if reached or node in bits:
                queue.append(node)
        self._push_masks(queue)

    def _propagate_serving(self, region: set[str]) -> None:
        """Recompute, for the nodes of `region` (closed upstream), whether they reach a business element."""
        serving, business, forward, reverse = self.serving, self.business, self.forward, self.reverse
        serving.difference_update(region)
        queue: deque[str] = deque()
        for node in region:
            for target in forward.get(node, ()):
                if target in business or (target in serving and target not in region):
                    serving.add(node)
                    queue.append(node)
                    break
        while queue:
            for source in reverse.get(queue.popleft(), ()):
                if source not in serving:
                    serving.add(source)
                    queue.append(source)

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
        """The dimension bits of the operating entries that reach `entry_id`."""
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

    def cycles(self) -> list[list[str]]:
        """Groups of entries that support each other in a circle (strongly connected, size > 1)."""
        return self.groups


def _walk(start: str, edges: dict[str, dict[str, None]]) -> list[str]:
    seen = {start}
    order: list[str] = []
    queue = deque([start])
    while queue:
        for nxt in edges.get(queue.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                order.append(nxt)
                queue.append(nxt)
    return order


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
