"""The alignment rules, one module per family, and which of them judge each kind of entry."""

from bizop_tui.alignment.rules import costs, delivery, integrity, staleness, structure
from bizop_tui.model.vocabulary import ALL_BLOCKS, OPERATING, PROMISE_BLOCKS


def _entry_rules(block) -> tuple:
    """The rules that judge one entry of `block` on its own (and on what the graph says of it)."""
    rules = [integrity.check_links]
    if block.key in PROMISE_BLOCKS:
        rules.append(delivery.check_promise)
    if block.key == "value_propositions":
        rules.append(delivery.check_chain)
    if block.side == OPERATING:
        rules.append(structure.check_focus)
        rules.append(costs.check_untraced)
    if block.key == "customer_segments":
        rules.append(structure.check_segment)
    if block.key in structure.BRIDGES:
        rules.append(structure.check_bridge)
    if block.key == "processes":
        rules.append(structure.check_owner)
    rules.append(staleness.check_stale)
    return tuple(rules)


ENTRY_RULES = {block.path: _entry_rules(block) for block in ALL_BLOCKS}

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
