"""Links that do not hold: unknown ids, self-references, links of the wrong kind, cycles."""

from __future__ import annotations

from bizop_tui.alignment.context import Context
from bizop_tui.model.entities import ERROR, WARNING, Entry


def check_links(ctx: Context, entry: Entry) -> None:
    known = ctx.model.by_id
    for field, targets in (("supports", entry.supports), ("segments", entry.segments),
                           ("owner", (entry.owner,) if entry.owner else ())):
        for target in targets:
            if target == entry.id:
                ctx.report("links.self", WARNING, f"'{entry.name}' names itself in {field}", (entry,),
                           hint=f"Remove '{target}' from its {field}.")
            elif target not in known:
                ctx.report("links.broken", ERROR,
                           f"'{entry.name}' names '{target}' in {field}, but no entry has that id", (entry,),
                           hint="Fix the id, or add the missing entry.")
            elif field == "segments" and known[target].block.key != "customer_segments":
                ctx.report("links.wrong-kind", WARNING,
                           f"'{entry.name}' lists '{known[target].name}' as a segment, but it is a "
                           f"{known[target].block.noun}", (entry,),
                           hint="segments = [...] names customer segment ids.")
            elif field == "owner" and known[target].block.key != "organisation":
                ctx.report("links.wrong-kind", WARNING,
                           f"'{entry.name}' is owned by '{known[target].name}', which is not an organisation entry",
                           (entry,), hint="owner names an [[operating.organisation]] entry.")


def report_cycle(ctx: Context, group: list[str]) -> None:
    entries = [ctx.model.by_id[i] for i in group]
    names = " -> ".join(f"'{e.name}'" for e in entries)
    ctx.report("links.cycle", WARNING, f"these entries support each other in a circle: {names}", entries,
               hint="A chain of supports should end at a business element; break the circle.")
