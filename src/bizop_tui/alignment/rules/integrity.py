"""Links that do not hold: unknown ids, self-references, links to the wrong kind of entry, cycles."""

from __future__ import annotations

from bizop_tui.alignment.context import Context
from bizop_tui.model.entities import ERROR, INFO, WARNING, Entry
from bizop_tui.model.text import with_article
from bizop_tui.model.vocabulary import BLOCKS_BY_KEY, BUSINESS, link_kinds


def check_links(ctx: Context, entry: Entry) -> None:
    known = ctx.model.by_id
    for kind in link_kinds(entry.block):
        allowed = kind.allowed(entry.block)
        for target in entry.linked(kind.key):
            if target == entry.id:
                ctx.report("links.self", WARNING, f"'{entry.name}' names itself in {kind.key}", (entry,),
                           hint=f"Remove '{target}' from its {kind.key}.")
            elif target not in known:
                ctx.report("links.broken", ERROR,
                           f"'{entry.name}' names '{target}' in {kind.key}, but no entry has that id", (entry,),
                           hint="Fix the id, or add the missing entry.")
            elif known[target].block.key not in allowed:
                other = known[target]
                if len(allowed) == 1:
                    why = f"it is {with_article(other.block.noun)}, not {with_article(BLOCKS_BY_KEY[allowed[0]].noun)}"
                else:
                    why = f"{with_article(entry.block.noun)}'s {kind.key} cannot name {with_article(other.block.noun)}"
                ctx.report("links.wrong-kind", WARNING,
                           f"'{entry.name}' names '{other.name}' in {kind.key}, but {why}", (entry,),
                           hint=_HINTS.get(kind.key, f"See docs/format.md, 'Links', for what {kind.key} may name."))


_HINTS = {
    "segments": "segments = [...] names customer segment ids.",
    "owner": "owner names an [[operating.organisation]] entry.",
}


# The names a circle's message gives; its entries hold them all. A message naming hundreds is read by
# nobody, and the details would wrap it on every move.
CIRCLE_NAMED = 10


def report_cycle(ctx: Context, group: list[str]) -> None:
    """A circle of supports: a flywheel when it stays in the business model, a tangle when it runs
    through the operating model (where a chain of supports should end at a promise)."""
    entries = [ctx.model.by_id[i] for i in circle_order(ctx, group)]
    names = " -> ".join(f"'{e.name}'" for e in entries[:CIRCLE_NAMED])
    if len(entries) > CIRCLE_NAMED:
        names += f" -> … {len(entries) - CIRCLE_NAMED} more"
    if all(e.side == BUSINESS for e in entries):
        ctx.report("links.flywheel", INFO, f"a reinforcing loop (flywheel): {names} -> back to '{entries[0].name}'",
                   entries, hint="Loops among business entries are how a flywheel is drawn; nothing to fix. Make sure "
                        "each step is delivered by the operating model.")
        return
    ctx.report("links.cycle", WARNING, f"these entries support each other in a circle: {names}", entries,
               hint="A chain of supports should end at a business element; break the circle.")


def circle_order(ctx: Context, group: list[str]) -> list[str]:
    """The members of a strongly connected group in the order of one walk round it (sorted when the
    group is more than one simple circle)."""
    members = set(group)
    order = [group[0]]
    forward = ctx.graph.forward
    while True:
        nxt = sorted(t for t in forward.get(order[-1], ()) if t in members and t not in order)
        if not nxt:
            break
        order.append(nxt[0])
    if len(order) == len(group) and order[0] in forward.get(order[-1], ()):
        return order
    return sorted(group)
