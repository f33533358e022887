"""Entries nobody has looked at for too long; the business side changes slowly, the operating side often."""

from __future__ import annotations

import datetime as dt

from bizop_tui.alignment.context import Context
from bizop_tui.model.entities import INFO
from bizop_tui.model.vocabulary import BUSINESS, OPERATING

DEFAULT_DAYS = {BUSINESS: 365, OPERATING: 180}


def review_days(ctx: Context, side: str) -> int:
    value = ctx.model.settings.get(f"{side}_review_days")
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return DEFAULT_DAYS[side]


def check_staleness(ctx: Context) -> None:
    for side in (BUSINESS, OPERATING):
        days = review_days(ctx, side)
        limit = ctx.today - dt.timedelta(days=days)
        for entry in ctx.model.entries(side):
            if entry.reviewed and entry.reviewed < limit:
                age = (ctx.today - entry.reviewed).days
                ctx.report(f"stale.{side}", INFO,
                           f"'{entry.name}' was last reviewed {age} days ago ({entry.reviewed}); "
                           f"{side} entries are reviewed every {days} days", (entry,),
                           hint=f"Check it is still true, then set  reviewed = {ctx.today}")
    reviewed = ctx.model.reviewed
    days = review_days(ctx, BUSINESS)
    if reviewed and reviewed < ctx.today - dt.timedelta(days=days):
        ctx.report("stale.model", INFO, f"the model was last reviewed on {reviewed}, over {days} days ago",
                   hint=f"Review it, then set  reviewed = {ctx.today}  under [model].")
