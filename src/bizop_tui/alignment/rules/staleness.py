"""Entries nobody has looked at for too long; the business side changes slowly, the operating side often."""

from __future__ import annotations

from bizop_tui.alignment.context import Context
from bizop_tui.model.entities import INFO, Entry
from bizop_tui.model.vocabulary import BUSINESS, OPERATING

DEFAULT_DAYS = {BUSINESS: 365, OPERATING: 180}


def review_days(ctx: Context, side: str) -> int:
    value = ctx.model.settings.get(f"{side}_review_days")
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return DEFAULT_DAYS[side]


def check_stale(ctx: Context, entry: Entry) -> None:
    if not entry.reviewed:
        return
    days = review_days(ctx, entry.side)
    age = (ctx.today - entry.reviewed).days  # compared as numbers: today minus a huge cadence overflows a date
    if age > days:
        ctx.report(f"stale.{entry.side}", INFO,
                   f"'{entry.name}' was last reviewed {age} days ago ({entry.reviewed}); "
                   f"{entry.side} entries are reviewed every {days} days", (entry,),
                   hint=f"Check it is still true, then set  reviewed = {ctx.today}")


def check_model_stale(ctx: Context) -> None:
    reviewed = ctx.model.reviewed
    days = review_days(ctx, BUSINESS)
    if reviewed and (ctx.today - reviewed).days > days:
        ctx.report("stale.model", INFO, f"the model was last reviewed on {reviewed}, over {days} days ago", subject="model",
                   hint=f"Review it, then set  reviewed = {ctx.today}  under [model].")

