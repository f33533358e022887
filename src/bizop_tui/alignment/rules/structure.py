"""The shape of the two models: waste, segment gaps, canvas bridges, process owners, costs that pay for nothing."""

from __future__ import annotations

from bizop_tui.alignment.context import Context
from bizop_tui.alignment.graph import CATCH_ALL, DIMENSION_BIT, PREPARED, PROCESS, RETIRED, SUPPLIERS, fold
from bizop_tui.alignment.rules.common import business_reached, count, join, money, operating_reaching
from bizop_tui.alignment.status import BET, PLANNED, RETIRING, status_of
from bizop_tui.model.entities import WARNING, Entry, LinkFix
from bizop_tui.model.vocabulary import OPERATING_DIMENSIONS


def check_focus(ctx: Context, entry: Entry) -> None:
    """An operating entry earns its place by serving a business element that is part of the business today."""
    status = status_of(entry)
    if status in (PLANNED, BET, RETIRING):
        return  # tomorrow's entries, explorations and what is being let go are judged elsewhere
    stake = ctx.stakes.stake(entry)
    if entry.id in ctx.graph.serving:
        if ctx.graph.kinds.get(entry.id) == CATCH_ALL:  # its claims count for a fifth, its place too
            ctx.check("focus", "waste.unused", entry, 2, "serves the business only as a catch-all", stake,
                      business_reached(ctx, entry.id))
        else:
            ctx.check("focus", "waste.unused", entry, True, "serves a business element", stake,
                      business_reached(ctx, entry.id))
        return
    reach = ctx.graph.reach.get(entry.id, 0)
    if reach == PREPARED:
        return  # it prepares the target state: not a gap today, not waste either
    ctx.check("focus", "waste.unused", entry, False,
              "keeps only retiring entries alive" if reach & RETIRED else "serves no business element", stake,
              business_reached(ctx, entry.id))
    if reach & RETIRED:
        return  # a zombie: reported from the retiring entry, naming both
    what = "supports nothing" if not entry.supports else "supports nothing that reaches the business model"
    costs = f" and costs {money(entry.cost, ctx.model.currency)} a year" if stake else ""
    ctx.report("waste.unused", WARNING, f"{entry.block.noun} '{entry.name}' {what}{costs}: possible waste", (entry,),
               hint="Decide: link it to the promise it serves (supports = [...]); mark it an exploration "
                    "(status = \"bet\") if it is one; or retire it (status = \"retiring\", then remove it).",
               at_stake=stake, fix=LinkFix("supports", entry.id, None))
    if stake:
        ctx.report("cost.untraced", WARNING,
                   f"'{entry.name}' costs {money(entry.cost, ctx.model.currency)} a year and traces to no business "
                   "element", (entry,), at_stake=stake, cause=f"waste.unused:{entry.id}",
                   hint="Link it to what it pays for with supports = [...], or cut it.")


def check_segment(ctx: Context, segment: Entry) -> None:
    if status_of(segment) in (PLANNED, RETIRING):
        return
    offered = [e for e in ctx.users_of(segment.id, "value_propositions") if e.status != PLANNED]
    reached = [e for e in ctx.users_of(segment.id, "channels") if e.status != PLANNED]
    revenue = ctx.stakes.stake(segment)
    ctx.check("coherence", "segment.no-proposition", segment, bool(offered),
              "has a value proposition" if offered else "no value proposition names it", by=tuple(e.id for e in offered))
    ctx.check("coherence", "segment.no-channel", segment, bool(reached),
              "has a channel" if reached else "no channel names it", by=tuple(e.id for e in reached))
    if not offered:
        ctx.report("segment.no-proposition", WARNING, f"customer segment '{segment.name}' has no value proposition",
                   (segment,), at_stake=revenue,
                   hint=f"Decide: offer it something (segments = [\"{segment.id}\"] on the value proposition "
                        "meant for it), or drop the segment.",
                   fix=LinkFix("segments", None, segment.id, ("value_propositions",)))
    if not reached:
        ctx.report("segment.no-channel", WARNING, f"customer segment '{segment.name}' has no channel that reaches it",
                   (segment,), at_stake=revenue,
                   hint=f"Decide: reach it (segments = [\"{segment.id}\"] on the channel that does), or drop "
                        "the segment.",
                   fix=LinkFix("segments", None, segment.id, ("channels",)))


BRIDGES = {
    "key_activities": ("bridge.activity-without-process", PROCESS, "a process",
                       "key activity '{}' is carried out by no process",
                       "Decide: name the process that carries it out (supports = [\"{}\"]), or fund one."),
    "key_resources": ("bridge.resource-without-operating", -1, "an operating entry",
                      "key resource '{}' is provided by nothing in the operating model",
                      "Decide: link the team, system or site that provides it (supports = [\"{}\"]), or fund one."),
    "key_partners": ("bridge.partner-without-supplier", SUPPLIERS, "a supplier",
                     "key partner '{}' has no supplier entry in the operating model",
                     "Decide: add the contract that governs it ([[operating.suppliers]] with supports = [\"{}\"]), "
                     "or drop the partner."),
}


def check_bridge(ctx: Context, entry: Entry) -> None:
    if status_of(entry) in (PLANNED, RETIRING):
        return
    rule, bits, what, message, hint = BRIDGES[entry.block.key]
    reached = fold(ctx.graph.reached_by(entry.id))
    ok = bool(reached & (bits if bits != -1 else (1 << len(OPERATING_DIMENSIONS)) - 1))
    dimension = {PROCESS: "processes", SUPPLIERS: "suppliers"}.get(bits)  # -1: any operating entry
    ctx.check("coherence", rule, entry, ok, f"{what}: {'present' if ok else 'missing'}",
              by=operating_reaching(ctx, entry.id, dimension))
    if not ok:
        among = tuple(b.key for b in OPERATING_DIMENSIONS if bits == -1 or DIMENSION_BIT[b.key] & bits)
        ctx.report(rule, WARNING, message.format(entry.name), (entry,), hint=hint.format(entry.id),
                   fix=LinkFix("supports", None, entry.id, among))


def check_owner(ctx: Context, entry: Entry) -> None:
    if entry.status == PLANNED:
        return
    owner = ctx.model.by_id.get(entry.owner) if entry.owner else None
    planned = owner is not None and owner.status == PLANNED
    owned = owner is not None and owner.block.key == "organisation" and not planned
    ctx.check("coherence", "process.no-owner", entry, owned,
              "has an owner" if owned else "its owner is only planned" if planned else "has no owner",
              by=(owner.id,) if owner else ())
    if not entry.owner or planned:
        what = f"is owned by '{owner.name}', which is only planned: nobody is accountable for it today" \
            if planned else "has no owner"
        ctx.report("process.no-owner", WARNING, f"process '{entry.name}' {what}", (entry,),
                   at_stake=ctx.stakes.stake(entry),
                   hint="Decide: who is accountable for it? Name the organisation unit with owner = \"...\".",
                   fix=LinkFix("owner", entry.id, None, ("organisation",)))


def check_cost_item(ctx: Context, entry: Entry) -> None:
    """A line of the cost structure should pay for something the business does today."""
    if entry.status == PLANNED:
        return
    by_id = ctx.model.by_id
    targets = [by_id[t] for t in dict.fromkeys(entry.supports) if t in by_id and t != entry.id]
    paid = [t for t in targets if status_of(t) != RETIRING]
    ctx.check("coherence", "cost.pays-for-nothing", entry, bool(paid),
              "pays for " + count(len(paid), "entry", "entries") if paid else "pays for nothing in the model",
              by=tuple(t.id for t in paid))
    if paid:
        return
    amount = f" ({money(entry.amount, ctx.model.currency)} a year)" if entry.amount else ""
    if targets:
        what = f"pays only for retiring {join([repr(t.name) for t in targets[:3]])}"
    elif entry.supports:
        what = "names nothing that exists in the model"
    else:
        what = "pays for nothing in the model"
    ctx.report("cost.pays-for-nothing", WARNING, f"cost item '{entry.name}'{amount} {what}", (entry,),
               at_stake=ctx.stakes.stake(entry),
               hint="Decide: say what it pays for (supports = [...]: the activities, resources or operating "
                    "entries it funds), or cut it.",
               fix=LinkFix("supports", entry.id, None))
