"""Promises and their delivery: every promise needs operating support, every proposition a full chain,
every revenue stream someone who collects it."""

from __future__ import annotations

from collections.abc import Iterator

from bizop_tui.alignment.concepts import concept
from bizop_tui.alignment.concepts import shows as concept_shows
from bizop_tui.alignment.context import Context
from bizop_tui.alignment.graph import (
    BILLING,
    CATCH_ALL,
    DILUTED,
    DIMENSIONS,
    DIRECT,
    INDIRECT,
    INVOICING,
    LIVE,
    ORGANISATION,
    PEOPLE,
    PROCESS,
    TECHNOLOGY,
    fold,
    strength,
)
from bizop_tui.alignment.result import FULL
from bizop_tui.alignment.rules.common import (
    OPERATING_KEYS,
    catch_alls_reaching,
    direct_supporters,
    join,
    money,
    operating_reaching,
    upstream_iter,
)
from bizop_tui.alignment.status import JUDGED, RETIRING, status_of
from bizop_tui.model.entities import WARNING, Entry, LinkFix
from bizop_tui.model.vocabulary import OPERATING, PLANNED

CHAIN_PARTS = (
    (PROCESS, "processes", "a process"),
    (ORGANISATION, "organisation", "an owning organisation unit"),
    (PEOPLE, "people", "people's skills"),
    (TECHNOLOGY, "technology", "technology"),
)
# Credit, in tenths of a pass, by the strength of the path that reaches a promise.
CREDIT = {DIRECT: FULL, INDIRECT: 5, DILUTED: 2, None: 0}
STRENGTH_WORDS = {DIRECT: "direct", INDIRECT: "through a shared hub", DILUTED: "only through a catch-all"}


def _decide(entry: Entry) -> str:
    return (f"Decide: fund it (add  supports = [\"{entry.id}\"]  to the process, team or system that delivers "
            f"it); or stop promising it (status = \"retiring\"); or, if another unit delivers it, say so "
            f"(status = \"external\").")


def check_promise(ctx: Context, entry: Entry) -> None:
    if status_of(entry) not in JUDGED:
        return  # planned, retiring, external and bets are not held to delivery today
    mask = ctx.graph.reached_by(entry.id)
    level = strength(mask, DIMENSIONS)
    stake = ctx.stakes.stake(entry)
    reason = "no operating entry supports it" if level is None else f"has operating support ({STRENGTH_WORDS[level]})"
    ctx.check("delivery", "promise.undelivered", entry, CREDIT[DIRECT if level == INDIRECT else level], reason,
              stake, operating_reaching(ctx, entry.id))
    what = f"{entry.block.noun} '{entry.name}'"
    if level is None:
        by_id = ctx.model.by_id
        planned = [by_id[r] for r in ctx.referrers().get(entry.id, ())
                   if r in by_id and by_id[r].status == PLANNED and entry.id in by_id[r].supports]
        message = f"{what} is promised, but no operating entry supports it"
        if planned:
            message += f" today (planned: {join([repr(p.name) for p in planned[:3]])})"
        ctx.report("promise.undelivered", WARNING, message, (entry,), hint=_decide(entry), at_stake=stake,
                   fix=LinkFix("supports", None, entry.id, OPERATING_KEYS))
    elif level == DILUTED:
        # Names only of direct supporters: a finding's words must change when, and only when, its
        # entry, what it names, what names it, or the graph around it change.
        props = [e for e in direct_supporters(ctx, entry) if ctx.graph.kinds.get(e.id) == CATCH_ALL]
        through = f"the catch-all {join([repr(p.name) for p in props[:2]])}" if props else "catch-all entries"
        nearest = props[:1] or catch_alls_reaching(ctx, entry.id)[:1]
        ctx.report("promise.undelivered", WARNING,
                   f"{what} is supported only by {through}: nobody in particular delivers it",
                   (entry,), hint=_decide(entry), at_stake=stake,
                   cause=f"support.catch-all:{nearest[0].id}" if nearest else None,
                   fix=LinkFix("supports", None, entry.id, OPERATING_KEYS))
    elif not fold(mask) & LIVE:
        retiring = [e for e in direct_supporters(ctx, entry) if e.side == OPERATING and status_of(e) == RETIRING]
        names = f"retiring {join([repr(e.name) for e in retiring[:2]])}" if retiring else "entries being retired"
        ctx.report("lifecycle.depends-on-retiring", WARNING, f"{what} is delivered only by {names}",
                   (entry,), at_stake=stake,
                   hint=f"Decide: fund what replaces it (a planned or new entry with supports = [\"{entry.id}\"]), "
                        "or retire the promise too (status = \"retiring\").",
                   fix=LinkFix("supports", None, entry.id, OPERATING_KEYS))


def check_chain(ctx: Context, entry: Entry) -> None:
    if status_of(entry) not in JUDGED:
        return
    mask = ctx.graph.reached_by(entry.id)
    stake = ctx.stakes.stake(entry)
    levels = {}
    for bit, key, label in CHAIN_PARTS:
        level = strength(mask, bit)
        levels[key] = level
        state = "missing" if level is None else STRENGTH_WORDS[level]
        ctx.check("chains", "chain.gap", entry, CREDIT[level], f"{label}: {state}", stake,
                  operating_reaching(ctx, entry.id, key))
    if not fold(mask) & DIMENSIONS:
        return  # undelivered: one finding says so
    missing = [(key, label) for _, key, label in CHAIN_PARTS if levels[key] is None]
    indirect = [label for _, key, label in CHAIN_PARTS if levels[key] == INDIRECT]
    if missing:
        labels = [label for _, label in missing]
        ctx.report("chain.gap", WARNING, f"the delivery chain of '{entry.name}' lacks {join(labels)}", (entry,),
                   hint=f"Decide: fund the missing {join([k for k, _ in missing])} (an entry with "
                        f"supports = [\"{entry.id}\"], or linked to the process that delivers it; a unit owns a "
                        "process with owner = ...), or scale the promise back to what the operation can do.",
                   at_stake=stake, fix=LinkFix("supports", None, entry.id, tuple(k for k, _ in missing)))
    if indirect:
        hubs = [e for e in direct_supporters(ctx, entry) if ctx.graph.is_hub(e.id)]
        via = join([f"{h.block.noun} '{h.name}'" for h in hubs[:2]]) if hubs else "a shared key activity"
        ctx.report("chain.indirect", WARNING,
                   f"the delivery chain of '{entry.name}' gets {join(indirect)} only through {via}, which also "
                   "serves other promises: nobody is tied to this promise itself", (entry,),
                   hint=f"Tie the work to this promise: link the {join(indirect)} that deliver it with "
                        f"supports = [\"{entry.id}\"], or a process dedicated to it.",
                   at_stake=stake, fix=LinkFix("supports", None, entry.id, OPERATING_KEYS))


def check_collection(ctx: Context, entry: Entry) -> None:
    """A revenue stream needs someone who bills and collects it; one sold on invoice needs invoicing."""
    if status_of(entry) not in JUDGED:
        return
    invoiced = concept_shows("invoiced", entry)
    need, name = (INVOICING, "invoicing") if invoiced else (BILLING, "billing")
    level = strength(ctx.graph.reached_by(entry.id), need)
    stake = ctx.stakes.stake(entry)
    wanted = concept(name)
    reason = f"{wanted.what}: " + ("missing" if level is None else STRENGTH_WORDS[level])

    def collectors() -> Iterator[str]:
        return (e.id for e in upstream_iter(ctx, entry.id, lambda e: e.side == OPERATING and concept_shows(name, e)))

    ctx.check("chains", "revenue.no-collection", entry, CREDIT[DIRECT if level == INDIRECT else level], reason,
              stake, collectors)
    if level is not None:
        return
    amount = f" ({money(entry.amount, ctx.model.currency)} a year)" if entry.amount else ""
    if invoiced:
        message = (f"revenue stream '{entry.name}'{amount} is sold on invoice ({invoiced.describe()}), but no "
                   "invoicing or collection capability reaches it")
    else:
        message = f"revenue stream '{entry.name}'{amount} is reached by no billing, payments or collection capability"
    ctx.report("revenue.no-collection", WARNING, message, (entry,), at_stake=stake, looked_for=wanted.terms,
               hint=f"Decide: who collects it? Add  supports = [\"{entry.id}\"]  to the {name} process, team or "
                    "system that does, or fund one; if a partner collects it for you, link the process that "
                    "reconciles what the partner pays out.",
               fix=LinkFix("supports", None, entry.id, ("processes", "technology", "suppliers", "organisation")))
