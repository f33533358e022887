"""What several rules ask of the graph and say in messages: who reaches an entry, money, plurals."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from itertools import islice

from bizop_tui.alignment.context import Context
from bizop_tui.alignment.graph import CATCH_ALL, walk
from bizop_tui.model.entities import Entry
from bizop_tui.model.vocabulary import ALL_BLOCKS, BUSINESS, OPERATING, OPERATING_DIMENSIONS

OPERATING_KEYS = tuple(b.key for b in OPERATING_DIMENSIONS)
_BLOCK_ORDER = {b.path: i for i, b in enumerate(ALL_BLOCKS)}


def money(value: float, currency: str) -> str:
    text = f"{value:,.0f}"
    return f"{text} {currency}".strip()


def count(n: int, noun: str, plural: str = "") -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def upstream(ctx: Context, entry_id: str, keep: Callable[[Entry], bool], *, stop_at_first: bool = False) -> list[Entry]:
    """The entries that reach `entry_id` and satisfy `keep`, nearest first."""
    found = upstream_iter(ctx, entry_id, keep)
    return list(islice(found, 1) if stop_at_first else found)


def upstream_iter(ctx: Context, entry_id: str, keep: Callable[[Entry], bool]) -> Iterator[Entry]:
    """The same, one at a time: who asks for the nearest few walks no further than they are."""
    by_id, reverse = ctx.model.by_id, ctx.graph.reverse
    seen = {entry_id}
    queue = deque([entry_id])
    while queue:
        for pred in reverse.get(queue.popleft(), ()):
            if pred in seen:
                continue
            seen.add(pred)
            entry = by_id.get(pred)
            if entry is not None and keep(entry):
                yield entry
            queue.append(pred)


def operating_reaching(ctx: Context, entry_id: str, dimension: str | None = None) -> Callable[[], Iterator[str]]:
    """A question for a check's `by`: the operating entries (of `dimension`) that reach `entry_id`."""

    def ask() -> Iterator[str]:
        return (e.id for e in upstream_iter(ctx, entry_id, lambda e: e.side == OPERATING
                                            and (dimension is None or e.block.key == dimension)))

    return ask


def business_reached(ctx: Context, entry_id: str, limit: int = 12) -> Callable[[], Iterator[str]]:
    """A question for a check's `by`: the business entries `entry_id` reaches, nearest first."""

    def ask() -> Iterator[str]:
        by_id = ctx.model.by_id
        return islice((i for i in walk(entry_id, ctx.graph.forward) if i in by_id and by_id[i].side == BUSINESS),
                      limit)

    return ask


def direct_supporters(ctx: Context, entry: Entry) -> list[Entry]:
    """The entries that support `entry` directly, in file order (so that messages never depend on the
    order in which edits declared the links)."""
    by_id = ctx.model.by_id
    return sorted((by_id[i] for i in ctx.graph.reverse.get(entry.id, ()) if i in by_id), key=file_order)


def file_order(entry: Entry) -> tuple[int, int]:
    return (_BLOCK_ORDER[entry.block.path], entry.index)


def catch_alls_reaching(ctx: Context, entry_id: str) -> list[Entry]:
    return upstream(ctx, entry_id, lambda e: ctx.graph.kinds.get(e.id) == CATCH_ALL)
