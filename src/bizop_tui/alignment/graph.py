"""The `supports` graph of a model: who reaches whom, computed once per analysis in linear time."""

from __future__ import annotations

from collections import deque

from bizop_tui.model.entities import Model
from bizop_tui.model.vocabulary import BUSINESS, OPERATING_DIMENSIONS

# One bit per operating dimension, so "which dimensions reach this entry" is one integer.
DIMENSION_BIT = {block.key: 1 << i for i, block in enumerate(OPERATING_DIMENSIONS)}
PROCESS = DIMENSION_BIT["processes"]
ORGANISATION = DIMENSION_BIT["organisation"]
PEOPLE = DIMENSION_BIT["people"]
TECHNOLOGY = DIMENSION_BIT["technology"]
SUPPLIERS = DIMENSION_BIT["suppliers"]


class LinkGraph:
    """Edges from an entry to what it supports; an owner counts as supporting what it owns."""

    def __init__(self, model: Model) -> None:
        known = model.by_id
        self.forward: dict[str, list[str]] = {}
        self.reverse: dict[str, list[str]] = {}
        for entry in model.entries():
            if known.get(entry.id) is not entry:
                continue  # a duplicate id: reported elsewhere, not a node of its own
            targets = [t for t in entry.supports if t in known and t != entry.id]
            self.forward.setdefault(entry.id, []).extend(targets)
            for target in targets:
                self.reverse.setdefault(target, []).append(entry.id)
            if entry.owner and entry.owner in known and entry.owner != entry.id:
                self.forward.setdefault(entry.owner, []).append(entry.id)
                self.reverse.setdefault(entry.id, []).append(entry.owner)
        self.model = model
        self.masks = self._dimension_masks()
        self.serving = self._reaches_business()

    def _dimension_masks(self) -> dict[str, int]:
        """For each entry, the operating dimensions that reach it through `supports`."""
        masks: dict[str, int] = {}
        queue: deque[str] = deque()
        for block in OPERATING_DIMENSIONS:
            bit = DIMENSION_BIT[block.key]
            for entry in self.model.blocks[block.path]:
                masks[entry.id] = masks.get(entry.id, 0) | bit
                queue.append(entry.id)
        reached: dict[str, int] = {}
        forward = self.forward
        while queue:
            node = queue.popleft()
            mask = masks.get(node, 0) | reached.get(node, 0)
            for target in forward.get(node, ()):
                before = reached.get(target, 0)
                after = before | mask
                if after != before:
                    reached[target] = after
                    queue.append(target)
        return reached

    def _reaches_business(self) -> set[str]:
        """Entries from which some business element is reachable by following `supports`."""
        seen: set[str] = set()
        queue: deque[str] = deque()
        for entry in self.model.entries(BUSINESS):
            for source in self.reverse.get(entry.id, ()):
                if source not in seen:
                    seen.add(source)
                    queue.append(source)
        reverse = self.reverse
        while queue:
            node = queue.popleft()
            for source in reverse.get(node, ()):
                if source not in seen:
                    seen.add(source)
                    queue.append(source)
        return seen

    def reached_by(self, entry_id: str) -> int:
        """The dimension bits of the operating entries that reach `entry_id`."""
        return self.masks.get(entry_id, 0)

    def supporters(self, entry_id: str) -> list[str]:
        """Every entry that reaches `entry_id`, nearest first."""
        return _walk(entry_id, self.reverse)

    def supported(self, entry_id: str) -> list[str]:
        """Every entry `entry_id` reaches, nearest first."""
        return _walk(entry_id, self.forward)

    def cycles(self) -> list[list[str]]:
        """Groups of entries that support each other in a circle (strongly connected, size > 1)."""
        return _strongly_connected(self.forward)


def _walk(start: str, edges: dict[str, list[str]]) -> list[str]:
    seen = {start}
    order: list[str] = []
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in edges.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                order.append(nxt)
                queue.append(nxt)
    return order


def _strongly_connected(edges: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm without recursion (models may be deep)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    counter = 0
    for root in edges:
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
