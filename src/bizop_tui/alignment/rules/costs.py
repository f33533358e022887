"""The cost picture, when amounts are given: revenue, cost structure and operating costs side by side."""

from __future__ import annotations

from bizop_tui.alignment.context import Context
from bizop_tui.model.entities import INFO, WARNING, Entry
from bizop_tui.model.vocabulary import OPERATING


def money(value: float, currency: str) -> str:
    text = f"{value:,.0f}"
    return f"{text} {currency}".strip()


def count(n: int, noun: str, plural: str = "") -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def check_costs(ctx: Context) -> None:
    """Revenue, cost structure and operating costs side by side, when the model gives amounts."""
    model = ctx.model
    revenue = [e for e in model.block_entries("revenue_streams") if e.amount is not None]
    structure = [e for e in model.block_entries("cost_structure") if e.amount is not None]
    operating = [e for e in model.entries(OPERATING) if e.cost is not None]
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
               hint="Amounts are annual; entries without an amount are left out.")
    if revenue and structure and total_structure > total_revenue:
        ctx.report("cost.exceeds-revenue", WARNING,
                   f"the cost structure ({money(total_structure, cur)}) exceeds revenue ({money(total_revenue, cur)})",
                   hint="Check the amounts, or say in the notes how the gap is funded.")
    if structure and operating and total_operating > total_structure:
        ctx.report("cost.operating-exceeds-structure", WARNING,
                   f"operating costs ({money(total_operating, cur)}) exceed the business model's cost "
                   f"structure ({money(total_structure, cur)}): the canvas understates what the operation costs",
                   hint="Add the missing costs to the cost structure, or correct the operating costs.")


def check_untraced(ctx: Context, entry: Entry) -> None:
    """An operating entry that costs money and serves nothing in the business model."""
    if entry.cost and entry.id not in ctx.graph.serving:
        ctx.report("cost.untraced", WARNING,
                   f"'{entry.name}' costs {money(entry.cost, ctx.model.currency)} a year and traces to no "
                   "business element", (entry,), hint="Link it to what it pays for with supports = [...], or cut it.")
