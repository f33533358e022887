"""The shape of the two models: waste, duplication, segment gaps, canvas bridges, process owners."""

from __future__ import annotations

from bizop_tui.alignment.context import Context
from bizop_tui.alignment.graph import DIMENSION_BIT, PROCESS, SUPPLIERS
from bizop_tui.model.entities import INFO, WARNING, Entry, LinkFix
from bizop_tui.model.vocabulary import OPERATING, OPERATING_DIMENSIONS


def check_focus(ctx: Context, entry: Entry) -> None:
    serves = entry.id in ctx.graph.serving
    ctx.check("focus", "waste.unused", entry, serves,
              "serves a business element" if serves else "serves no business element")
    if not serves:
        what = "supports nothing" if not entry.supports else "supports nothing that reaches the business model"
        ctx.report("waste.unused", WARNING, f"{entry.block.noun} '{entry.name}' {what}: possible waste", (entry,),
                   hint="Link it with supports = [...] to what it enables, or remove it.",
                   fix=LinkFix("supports", entry.id, None))


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


def check_segment(ctx: Context, segment: Entry) -> None:
    uses = ctx.segment_uses.get(segment.id, {})
    has_vp = uses.get("value_propositions", 0) > 0
    has_channel = uses.get("channels", 0) > 0
    ctx.check("coherence", "segment.no-proposition", segment, has_vp,
              "has a value proposition" if has_vp else "no value proposition names it")
    ctx.check("coherence", "segment.no-channel", segment, has_channel,
              "has a channel" if has_channel else "no channel names it")
    if not has_vp:
        ctx.report("segment.no-proposition", WARNING,
                   f"customer segment '{segment.name}' has no value proposition", (segment,),
                   hint=f"Add  segments = [\"{segment.id}\"]  to the value proposition meant for it.",
                   fix=LinkFix("segments", None, segment.id, ("value_propositions",)))
    if not has_channel:
        ctx.report("segment.no-channel", WARNING,
                   f"customer segment '{segment.name}' has no channel that reaches it", (segment,),
                   hint=f"Add  segments = [\"{segment.id}\"]  to the channel that reaches it.",
                   fix=LinkFix("segments", None, segment.id, ("channels",)))


BRIDGES = {
    "key_activities": ("bridge.activity-without-process", PROCESS, "a process",
                       "key activity '{}' is carried out by no process", "Add a process with supports = [\"{}\"]."),
    "key_resources": ("bridge.resource-without-operating", -1, "an operating entry",
                      "key resource '{}' is provided by nothing in the operating model",
                      "Link the team, system or site that provides it with supports = [\"{}\"]."),
    "key_partners": ("bridge.partner-without-supplier", SUPPLIERS, "a supplier",
                     "key partner '{}' has no supplier entry in the operating model",
                     "Add an [[operating.suppliers]] entry with supports = [\"{}\"]."),
}


def check_bridge(ctx: Context, entry: Entry) -> None:
    rule, bits, what, message, hint = BRIDGES[entry.block.key]
    ok = bool(ctx.graph.reached_by(entry.id) & bits)
    ctx.check("coherence", rule, entry, ok, f"{what}: {'present' if ok else 'missing'}")
    if not ok:
        among = tuple(b.key for b in OPERATING_DIMENSIONS if bits == -1 or DIMENSION_BIT[b.key] & bits)
        ctx.report(rule, WARNING, message.format(entry.name), (entry,), hint=hint.format(entry.id),
                   fix=LinkFix("supports", None, entry.id, among))


def check_owner(ctx: Context, entry: Entry) -> None:
    owner = ctx.model.by_id.get(entry.owner) if entry.owner else None
    owned = owner is not None and owner.block.key == "organisation"
    ctx.check("coherence", "process.no-owner", entry, owned, "has an owner" if owned else "has no owner")
    if not entry.owner:
        ctx.report("process.no-owner", WARNING, f"process '{entry.name}' has no owner", (entry,),
                   hint="Add  owner = \"...\"  naming the organisation unit accountable for it.",
                   fix=LinkFix("owner", entry.id, None, ("organisation",)))
