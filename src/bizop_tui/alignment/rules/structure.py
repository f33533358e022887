"""The shape of the two models: waste, duplication, segment gaps, canvas bridges, process owners."""

from __future__ import annotations

from bizop_tui.alignment.context import Context
from bizop_tui.alignment.graph import PROCESS, SUPPLIERS
from bizop_tui.model.entities import INFO, WARNING
from bizop_tui.model.vocabulary import ALL_BLOCKS, OPERATING, OPERATING_DIMENSIONS


def check_focus(ctx: Context) -> None:
    serving = ctx.graph.serving
    for entry in ctx.model.entries(OPERATING):
        serves = entry.id in serving
        ctx.check("focus", "waste.unused", entry, serves,
                  "serves a business element" if serves else "serves no business element")
        if not serves:
            what = "supports nothing" if not entry.supports else "supports nothing that reaches the business model"
            ctx.report("waste.unused", WARNING,
                       f"{entry.block.noun} '{entry.name}' {what}: possible waste", (entry,),
                       hint="Link it with supports = [...] to what it enables, or remove it.")


def check_duplicates(ctx: Context) -> None:
    for block in OPERATING_DIMENSIONS:
        groups: dict[frozenset[str], list] = {}
        for entry in ctx.model.blocks[block.path]:
            if entry.supports:
                groups.setdefault(frozenset(entry.supports), []).append(entry)
        for entries in groups.values():
            if len(entries) > 1:
                names = ", ".join(f"'{e.name}'" for e in entries)
                ctx.report("duplicate.same-support", INFO,
                           f"{block.title.lower()}: {names} support exactly the same things: possible duplication",
                           entries, hint="Merge them, or make each one's supports say what sets it apart.")
    for block in ALL_BLOCKS:
        seen: dict[str, list] = {}
        for entry in ctx.model.blocks[block.path]:
            seen.setdefault(" ".join(entry.name.casefold().split()), []).append(entry)
        for entries in seen.values():
            if len(entries) > 1:
                ctx.report("duplicate.same-name", WARNING,
                           f"{len(entries)} {block.title.lower()} entries are named '{entries[0].name}'", entries,
                           hint="Rename one, or merge them.")


def check_segments(ctx: Context) -> None:
    served: dict[str, set[str]] = {"value_propositions": set(), "channels": set()}
    for key, ids in served.items():
        for entry in ctx.model.block_entries(key):
            ids.update(entry.segments)
    for segment in ctx.model.block_entries("customer_segments"):
        has_vp = segment.id in served["value_propositions"]
        has_channel = segment.id in served["channels"]
        ctx.check("coherence", "segment.no-proposition", segment, has_vp,
                  "has a value proposition" if has_vp else "no value proposition names it")
        ctx.check("coherence", "segment.no-channel", segment, has_channel,
                  "has a channel" if has_channel else "no channel names it")
        if not has_vp:
            ctx.report("segment.no-proposition", WARNING,
                       f"customer segment '{segment.name}' has no value proposition", (segment,),
                       hint=f"Add  segments = [\"{segment.id}\"]  to the value proposition meant for it.")
        if not has_channel:
            ctx.report("segment.no-channel", WARNING,
                       f"customer segment '{segment.name}' has no channel that reaches it", (segment,),
                       hint=f"Add  segments = [\"{segment.id}\"]  to the channel that reaches it.")


BRIDGES = (
    ("key_activities", "bridge.activity-without-process", PROCESS, "a process",
     "key activity '{}' is carried out by no process", "Add a process with supports = [\"{}\"]."),
    ("key_resources", "bridge.resource-without-operating", -1, "an operating entry",
     "key resource '{}' is provided by nothing in the operating model",
     "Link the team, system or site that provides it with supports = [\"{}\"]."),
    ("key_partners", "bridge.partner-without-supplier", SUPPLIERS, "a supplier",
     "key partner '{}' has no supplier entry in the operating model",
     "Add an [[operating.suppliers]] entry with supports = [\"{}\"]."),
)


def check_bridges(ctx: Context) -> None:
    for key, rule, bits, what, message, hint in BRIDGES:
        for entry in ctx.model.block_entries(key):
            ok = bool(ctx.graph.reached_by(entry.id) & bits)
            ctx.check("coherence", rule, entry, ok, f"{what}: {'present' if ok else 'missing'}")
            if not ok:
                ctx.report(rule, WARNING, message.format(entry.name), (entry,), hint=hint.format(entry.id))


def check_owners(ctx: Context) -> None:
    for entry in ctx.model.block_entries("processes"):
        owner = ctx.model.by_id.get(entry.owner) if entry.owner else None
        owned = owner is not None and owner.block.key == "organisation"
        ctx.check("coherence", "process.no-owner", entry, owned, "has an owner" if owned else "has no owner")
        if not entry.owner:
            ctx.report("process.no-owner", WARNING, f"process '{entry.name}' has no owner", (entry,),
                       hint="Add  owner = \"...\"  naming the organisation unit accountable for it.")
