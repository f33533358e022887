"""Promises and their delivery: every promise needs operating support, every proposition a full chain."""

from __future__ import annotations

from bizop_tui.alignment.context import Context
from bizop_tui.alignment.graph import ORGANISATION, PEOPLE, PROCESS, TECHNOLOGY
from bizop_tui.model.entities import WARNING, Entry, LinkFix
from bizop_tui.model.vocabulary import OPERATING_DIMENSIONS

OPERATING_KEYS = tuple(b.key for b in OPERATING_DIMENSIONS)

CHAIN_PARTS = (
    (PROCESS, "a process"),
    (ORGANISATION, "an owning organisation unit"),
    (PEOPLE, "people's skills"),
    (TECHNOLOGY, "technology"),
)


def check_promise(ctx: Context, entry: Entry) -> None:
    delivered = ctx.graph.reached_by(entry.id) != 0
    ctx.check("delivery", "promise.undelivered", entry, delivered,
              "has operating support" if delivered else "no operating entry supports it")
    if not delivered:
        ctx.report("promise.undelivered", WARNING,
                   f"{entry.block.noun} '{entry.name}' is promised, but no operating entry supports it", (entry,),
                   hint=f"Add  supports = [\"{entry.id}\"]  to the process, team or system that delivers it.",
                   fix=LinkFix("supports", None, entry.id, OPERATING_KEYS))


def check_chain(ctx: Context, entry: Entry) -> None:
    mask = ctx.graph.reached_by(entry.id)
    missing = [label for bit, label in CHAIN_PARTS if not mask & bit]
    for bit, label in CHAIN_PARTS:
        present = bool(mask & bit)
        ctx.check("chains", "chain.gap", entry, present, f"{label}: {'present' if present else 'missing'}")
    if missing and mask:
        ctx.report("chain.gap", WARNING,
                   f"the delivery chain of '{entry.name}' lacks {_join(missing)}", (entry,),
                   hint="Link the missing pieces with supports (a team can own the process with owner = ...).")


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
