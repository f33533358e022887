"""Duplication: entries with one name, entries with the same supports, and two entries doing one job.

Two operating entries of one dimension overlap when they support some of the same things and do the
same job, as their names or the vocabulary of jobs say (docs/alignment.md, `duplicate.overlap`).
"""

from __future__ import annotations

from bizop_tui.alignment.concepts import name_similarity, shows
from bizop_tui.alignment.context import Context
from bizop_tui.alignment.rules.common import money
from bizop_tui.alignment.status import PLANNED
from bizop_tui.model.entities import INFO, WARNING, Entry
from bizop_tui.model.vocabulary import OPERATING

# Jobs a system, team, forum or supplier does (concepts.toml): two entries showing one of them do one job.
# Only jobs where one is normally enough: two carriers or two warehouses are often deliberate.
JOBS = ("billing", "crm", "erp", "analytics", "marketing-automation", "ecommerce-platform", "warehouse-system",
        "ticketing", "hr-payroll", "accounting", "hosting", "streaming-delivery", "ad-serving", "order-management",
        "transport-management", "point-of-sale", "content-management", "collaboration", "identity",
        "data-platform", "recommendation", "learning", "recruiting", "procurement", "planning", "plm",
        "fraud-detection", "encoding", "loyalty-platform", "booking")
# Where two entries doing one job are likely duplicates; processes must nearly share a name; people
# (skills combine) and locations (sites are often deliberately redundant) are never compared.
OVERLAP_BLOCKS = frozenset({"technology", "organisation", "governance", "suppliers", "processes"})
SHARED_SHARE = 1 / 3  # common supports over all supports of the two
SIMILAR_NAMES = 0.3  # shared name words over all name words (kinds of thing such as "system" left out)
SIMILAR_PROCESS_NAMES = 0.6


def same_support_key(entry: Entry) -> tuple | None:
    """Operating entries of one dimension with exactly the same supports share this key."""
    if entry.side != OPERATING or not entry.supports:
        return None
    return ("same-support", entry.block.path, frozenset(entry.supports))


def same_name_key(entry: Entry) -> tuple:
    return ("same-name", entry.block.path, " ".join(entry.name.casefold().split()))


def report_group(ctx: Context, key: tuple, entries: list[Entry]) -> None:
    """The finding for a group of entries sharing a key, when there are two or more."""
    if len(entries) < 2:
        return
    block = entries[0].block
    if key[0] == "same-support":
        names = ", ".join(f"'{e.name}'" for e in entries)
        ctx.report("duplicate.same-support", INFO,
                   f"{block.title.lower()}: {names} support exactly the same things: possible duplication",
                   entries, hint="Merge them, or make each one's supports say what sets it apart.")
    else:
        ctx.report("duplicate.same-name", WARNING,
                   f"{len(entries)} {block.title.lower()} entries are named '{entries[0].name}'", entries,
                   hint="Rename one, or merge them.")


def _job(entry: Entry) -> dict[str, str]:
    found = {}
    for name in JOBS:
        match = shows(name, entry)
        if match:
            found[name] = match.term
    return found


def overlap(first: Entry, second: Entry) -> str | None:
    """Why two entries of one dimension overlap ("the same job (billing)"), or None when they do not."""
    mine, theirs = set(first.supports), set(second.supports)
    common = mine & theirs
    if not common or len(common) / len(mine | theirs) < SHARED_SHARE:
        return None
    similar = name_similarity(first, second)
    if first.block.key == "processes":
        return f"nearly the same name ({similar:.0%} of their words)" if similar >= SIMILAR_PROCESS_NAMES else None
    jobs = sorted(set(_job(first)) & set(_job(second)))
    if jobs:
        return f"the same job ({', '.join(jobs)})"
    if similar >= SIMILAR_NAMES:
        return f"similar names ({similar:.0%} of their words shared)"
    return None


def overlap_partners(ctx: Context, entry: Entry) -> list[Entry]:
    """The entries of the same dimension that support at least one thing `entry` supports."""
    by_id, referrers = ctx.model.by_id, ctx.referrers()
    found: dict[str, Entry] = {}
    for target in entry.supports:
        for other_id in referrers.get(target, ()):
            other = by_id.get(other_id)
            if other is not None and other is not entry and other.block is entry.block and target in other.supports:
                found[other.id] = other
    return list(found.values())


def check_overlap(ctx: Context, entry: Entry) -> None:
    """Pairs are judged by the entry whose id sorts first, so each pair is reported once."""
    if entry.block.key not in OVERLAP_BLOCKS or entry.status == PLANNED or not entry.supports:
        return
    if ctx.model.by_id.get(entry.id) is not entry:
        return
    for other in sorted(overlap_partners(ctx, entry), key=lambda e: e.id):
        if other.id < entry.id or other.status == PLANNED:
            continue
        why = overlap(entry, other)
        if why is None:
            continue
        common = len(set(entry.supports) & set(other.supports))
        costs = [c for c in (entry.cost, other.cost) if isinstance(c, (int, float)) and c > 0]
        pair = sorted((entry, other), key=lambda e: e.index)
        message = (f"{entry.block.title.lower()}: '{pair[0].name}' and '{pair[1].name}' share {common} supported "
                   f"{'entry' if common == 1 else 'entries'} and have {why}")
        if costs:
            message += f"; together they cost {money(sum(costs), ctx.model.currency)} a year"
        message += ": possible duplication"
        ctx.report("duplicate.overlap", WARNING if costs else INFO, message, pair, at_stake=min(costs) if costs else None,
                   hint="Decide: merge them (the smaller is what a merger could save), or make each one's "
                        "supports and notes say what sets it apart.")
