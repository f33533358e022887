"""Lifecycle and declared tensions: zombies, bets and open conflicts."""

from __future__ import annotations

from bizop_tui.alignment.context import Context
from bizop_tui.alignment.rules.common import direct_supporters, money
from bizop_tui.alignment.status import BET, DELIVERS_TODAY, RETIRING, described_as_discontinued, status_of
from bizop_tui.model.entities import INFO, WARNING, Entry
from bizop_tui.model.vocabulary import OPERATING


def _cost(entry: Entry) -> float:
    value = entry.cost if entry.side == OPERATING else entry.amount if entry.block.key == "cost_structure" else None
    return float(value) if isinstance(value, (int, float)) and value > 0 else 0.0


def check_retiring(ctx: Context, entry: Entry) -> None:
    """A retiring entry that still costs money, or that an operating entry serving nothing else keeps alive."""
    if status_of(entry) != RETIRING:
        return
    described = described_as_discontinued(entry)
    what = f"{entry.block.noun} '{entry.name}'"
    said = f" (described as discontinued: {described.describe()})" if described else ""
    mark = "; say so with status = \"retiring\"" if described else ""
    cost = _cost(entry)
    currency = ctx.model.currency
    found = False
    if cost:
        found = True
        ctx.report("lifecycle.zombie", WARNING, f"retiring {what}{said} still costs {money(cost, currency)} a year",
                   (entry,), at_stake=cost,
                   hint=f"Decide: set a date to stop paying for it and remove it, or keep it on purpose "
                        f"(status = \"active\"){mark}.")
    for keeper in direct_supporters(ctx, entry):
        if keeper.side != OPERATING or status_of(keeper) not in DELIVERS_TODAY or keeper.id in ctx.graph.serving:
            continue
        found = True
        kept = _cost(keeper)
        costs = f" ({money(kept, currency)} a year)" if kept else ""
        ctx.report("lifecycle.zombie", WARNING,
                   f"retiring {what}{said} is kept alive by {keeper.block.noun} '{keeper.name}'{costs}, which "
                   "serves nothing else: each makes the other look aligned",
                   (entry, keeper), at_stake=kept or None,
                   hint=f"Decide: end '{keeper.name}' with the {entry.block.noun} (or give it another job with "
                        f"supports = [...]), or keep the {entry.block.noun} on purpose (status = \"active\"){mark}.")
    if described and not found:
        ctx.report("lifecycle.described-retired", INFO,
                   f"{what} is described as discontinued ({described.describe()}) but its status is active: "
                   "bizop treats it as retiring", (entry,),
                   hint="Say so with status = \"retiring\", or reword the text if it is not being phased out.")


def check_bet(ctx: Context, entry: Entry) -> None:
    if entry.status != BET:
        return
    cost = _cost(entry)
    invested = f"{money(cost, ctx.model.currency)} a year invested" if cost else "no cost given"
    ctx.report("lifecycle.bet", INFO, f"{entry.block.noun} '{entry.name}' is a bet: {invested} in exploration, "
               "not judged as waste or as an unkept promise", (entry,), at_stake=cost or None,
               hint="Review bets on a date: make it active when it proves itself (status = \"active\"), or stop it.")


def check_conflicts(ctx: Context, entry: Entry) -> None:
    """A declared tension between this entry and another: open until one side drops it."""
    by_id = ctx.model.by_id
    for target_id in dict.fromkeys(entry.conflicts):
        other = by_id.get(target_id)
        if other is None or other is entry:
            continue  # reported as a broken or self link
        if entry.id in other.conflicts and other.id < entry.id:
            continue  # declared on both sides: the other side reports it
        ctx.check("coherence", "conflict.open", entry, False, f"in conflict with '{other.name}'", by=(other.id,))
        stake = max(ctx.stakes.stake(entry), ctx.stakes.stake(other))
        ctx.report("conflict.open", WARNING,
                   f"{entry.block.noun} '{entry.name}' and {other.block.noun} '{other.name}' work against each "
                   "other (a declared conflict, still open)", (entry, other), at_stake=stake or None,
                   hint=f"Decide: which one gives way? Change it, then remove '{other.id}' from the conflicts of "
                        f"'{entry.id}' (and the other way round) to close the conflict.")
