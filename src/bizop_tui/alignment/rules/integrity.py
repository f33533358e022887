"""Links that do not hold: unknown ids, self-references, links to the wrong kind of entry, cycles."""

from __future__ import annotations

from bizop_tui.alignment.context import Context
from bizop_tui.model.entities import ERROR, WARNING, Entry
from bizop_tui.model.text import with_article
from bizop_tui.model.vocabulary import BLOCKS_BY_KEY, link_kinds


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


def report_cycle(ctx: Context, group: list[str]) -> None:
    entries = [ctx.model.by_id[i] for i in group]
    names = " -> ".join(f"'{e.name}'" for e in entries)
    ctx.report("links.cycle", WARNING, f"these entries support each other in a circle: {names}", entries,
               hint="A chain of supports should end at a business element; break the circle.")
