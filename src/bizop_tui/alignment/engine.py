"""Run every rule over a model and combine the checks into a score."""

from __future__ import annotations

import datetime as dt

from bizop_tui.alignment.context import Context
from bizop_tui.alignment.graph import LinkGraph
from bizop_tui.alignment.result import Alignment, new_subscores, overall
from bizop_tui.alignment.rules import RULES
from bizop_tui.alignment.rules import RULE_IDS
from bizop_tui.model.entities import WARNING, Finding, Model


def disabled_rules(model: Model) -> tuple[str, ...]:
    value = model.settings.get("disabled_rules", ())
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def unknown_rules(model: Model, disabled: tuple[str, ...]) -> list[Finding]:
    """A typo in disabled_rules would silently switch nothing off: say so."""
    known = set(RULE_IDS) | {r.split(".")[0] for r in RULE_IDS}
    return [
        Finding("schema.unknown-rule", WARNING, f"disabled_rules names '{name}', which is not a bizop rule",
                hint="Use a rule id such as 'stale.operating' or a family such as 'stale' (docs/alignment.md).")
        for name in disabled
        if name not in known
    ]


def analyse(model: Model, today: dt.date | None = None) -> Alignment:
    """Score `model` and list what is wrong with it; schema problems from loading come first."""
    ctx = Context(
        model=model,
        graph=LinkGraph(model),
        subscores=new_subscores(),
        today=today or dt.date.today(),
        disabled=disabled_rules(model),
    )
    ctx.findings.extend(f for f in model.problems if ctx.enabled(f.rule))
    ctx.findings.extend(unknown_rules(model, ctx.disabled))
    for rule in RULES:
        rule(ctx)
    subscores = list(ctx.subscores.values())
    findings = sorted(ctx.findings, key=lambda f: f.sort_key())
    return Alignment(score=overall(subscores), subscores=subscores, findings=findings, graph=ctx.graph)
