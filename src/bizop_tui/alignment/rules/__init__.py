"""The alignment rules, one module per family; RULES runs them in report order."""

from bizop_tui.alignment.rules import archetypes, costs, delivery, integrity, staleness, structure

RULES = (
    integrity.check_links,
    integrity.check_cycles,
    delivery.check_promises,
    delivery.check_chains,
    structure.check_focus,
    structure.check_duplicates,
    structure.check_segments,
    structure.check_bridges,
    structure.check_owners,
    archetypes.check_archetypes,
    costs.check_costs,
    staleness.check_staleness,
)

# Every rule id bizop can report; `disabled_rules` entries are checked against these and their prefixes.
RULE_IDS = (
    "schema.missing-model", "schema.missing-name", "schema.missing-id", "schema.wrong-type",
    "schema.unknown-block", "schema.unknown-key", "schema.unknown-rule",
    "links.duplicate-id", "links.broken", "links.self", "links.wrong-kind", "links.cycle",
    "promise.undelivered", "chain.gap",
    "waste.unused", "duplicate.same-support", "duplicate.same-name",
    "segment.no-proposition", "segment.no-channel",
    "bridge.activity-without-process", "bridge.resource-without-operating", "bridge.partner-without-supplier",
    "process.no-owner",
    "archetype.unknown", "archetype.missing", "archetype.unserved",
    "cost.summary", "cost.exceeds-revenue", "cost.operating-exceeds-structure", "cost.untraced",
    "stale.business", "stale.operating", "stale.model",
)
