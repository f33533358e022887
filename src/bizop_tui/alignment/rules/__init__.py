"""The alignment rules, one module per family, and which of them judge each kind of entry."""

from bizop_tui.alignment.rules import delivery, duplication, integrity, lifecycle, staleness, structure, support
from bizop_tui.alignment.rules.catalogue import RULES
from bizop_tui.model.vocabulary import ALL_BLOCKS, OPERATING, PROMISE_BLOCKS


def _entry_rules(block) -> tuple:
    """The rules that judge one entry of `block` on its own (and on what the graph says of it)."""
    rules = [integrity.check_links]
    if block.key in PROMISE_BLOCKS:
        rules.append(delivery.check_promise)
    if block.key == "value_propositions":
        rules.append(delivery.check_chain)
    if block.key == "revenue_streams":
        rules.append(delivery.check_collection)
    if block.side == OPERATING:
        rules += [structure.check_focus, support.check_catch_all, duplication.check_overlap]
    if block.key == "customer_segments":
        rules.append(structure.check_segment)
    if block.key in structure.BRIDGES:
        rules.append(structure.check_bridge)
    if block.key == "processes":
        rules.append(structure.check_owner)
    if block.key == "cost_structure":
        rules.append(structure.check_cost_item)
    rules += [lifecycle.check_retiring, lifecycle.check_bet, lifecycle.check_conflicts, staleness.check_stale]
    return tuple(rules)


ENTRY_RULES = {block.path: _entry_rules(block) for block in ALL_BLOCKS}

# Every rule id bizop can report; `disabled_rules` entries are checked against these and their prefixes.
RULE_IDS = tuple(rule.id for rule in RULES)
