"""Catch-all entries: one vague operating entry that claims to support promises all over the model.

Such an entry would make every promise look delivered. It is flagged, and the support it gives counts
for a fifth at most (graph lane DILUTED), so one entry cannot lift the score by more than a point or two.
"""

from __future__ import annotations

from bizop_tui.alignment.concepts import is_vague
from bizop_tui.alignment.context import Context
from bizop_tui.alignment.graph import CATCH_ALL
from bizop_tui.model.entities import WARNING, Entry, Model
from bizop_tui.model.vocabulary import BUSINESS

CATCH_ALL_FROM = 4  # business entries named directly in `supports`
SPREAD_BLOCKS = 2  # ... spread over at least this many blocks
SPREAD_SEGMENTS = 3  # ... or serving at least this many customer segments
# Skills, sites and forums serve promises through processes and units; one that claims promises all
# over the model directly is a catch-all whatever its name.
INDIRECT_DIMENSIONS = frozenset({"people", "locations", "governance"})


def business_targets(entry: Entry, model: Model) -> list[Entry]:
    by_id = model.by_id
    return [by_id[t] for t in dict.fromkeys(entry.supports)
            if t in by_id and t != entry.id and by_id[t].side == BUSINESS]


def is_catch_all(entry: Entry, model: Model) -> bool:
    """An operating entry is a catch-all when it names at least 4 business entries in `supports`, spread
    over 2 or more blocks or 3 or more customer segments, and either its name says nothing about the
    work ("All employees", "Head office", the company's own name) or it is a skill, a site or a forum
    (which serve promises through processes and units, not across the model directly)."""
    targets = business_targets(entry, model)
    if len(targets) < CATCH_ALL_FROM:
        return False
    blocks = {t.block.key for t in targets}
    segments = {s for t in targets for s in t.segments}
    if len(blocks) < SPREAD_BLOCKS and len(segments) < SPREAD_SEGMENTS:
        return False
    return entry.block.key in INDIRECT_DIMENSIONS or is_vague(entry.name, model.name)


def check_catch_all(ctx: Context, entry: Entry) -> None:
    if ctx.graph.kinds.get(entry.id) != CATCH_ALL:
        return
    targets = business_targets(entry, ctx.model)
    blocks = sorted({t.block.title.lower() for t in targets})
    segments = {s for t in targets for s in t.segments}
    spread = f"{len(blocks)} blocks ({', '.join(blocks)})"
    if len(segments) >= 2:
        spread += f" and {len(segments)} customer segments"
    why = ("its name says nothing of the work it does for them" if is_vague(entry.name, ctx.model.name)
           else f"{entry.block.noun}s serve promises through processes and units, not across the model directly")
    ctx.report("support.catch-all", WARNING,
               f"{entry.block.noun} '{entry.name}' supports {len(targets)} business entries across {spread}, and "
               f"{why}: a catch-all, whose support counts for a fifth at most",
               (entry,), at_stake=ctx.stakes.stake(entry),
               hint="Decide: name the specific teams, processes or skills that deliver each promise and link "
                    "them instead, or narrow its supports to the work it really does (its name and notes should "
                    "say what that is).")
