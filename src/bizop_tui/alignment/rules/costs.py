"""The cost picture, when amounts are given: revenue, cost structure and operating costs side by side."""

from __future__ import annotations

from bizop_tui.alignment.context import Context
from bizop_tui.alignment.rules.common import count, money
from bizop_tui.model.entities import INFO, WARNING
from bizop_tui.model.vocabulary import OPERATING, PLANNED


def check_costs(ctx: Context) -> None:
    """Revenue, cost structure and operating costs side by side, when the model gives amounts."""
    model = ctx.model
    revenue = [e for e in model.block_entries("revenue_streams") if e.amount is not None and e.status != PLANNED]
    structure = [e for e in model.block_entries("cost_structure") if e.amount is not None and e.status != PLANNED]
    operating = [e for e in model.entries(OPERATING) if e.cost is not None and e.status != PLANNED]
    if not (revenue or structure or operating):
        return
    cur = model.currency
    total_revenue = sum(e.amount for e in revenue)
    total_structure = sum(e.amount for e in structure)
    total_operating = sum(e.cost for e in operating)
    ctx.report("cost.summary", INFO,
               f"revenue {money(total_revenue, cur)} ({count(len(revenue), 'stream')}); cost structure "
               f"{money(total_structure, cur)} ({count(len(structure), 'item')}); operating costs "
               f"{money(total_operating, cur)} ({count(len(operating), 'entry', 'entries')})",
               hint="Amounts are annual; entries without an amount are left out.", subject="money")
    if revenue and structure and total_structure > total_revenue:
        ctx.report("cost.exceeds-revenue", WARNING,
                   f"the cost structure ({money(total_structure, cur)}) exceeds revenue ({money(total_revenue, cur)})",
                   hint="Check the amounts, or say in the notes how the gap is funded.", subject="money")
    if structure and operating and total_operating > total_structure:
        ctx.report("cost.operating-exceeds-structure", WARNING,
                   f"operating costs ({money(total_operating, cur)}) exceed the business model's cost "
                   f"structure ({money(total_structure, cur)}): the canvas understates what the operation costs",
                   hint="Add the missing costs to the cost structure, or correct the operating costs.", subject="money")
