"""`bizop impact`: what an entry holds up, and what holds it up, as text or JSON."""

from __future__ import annotations

from bizop_tui.alignment.compare import ScoreChange
from bizop_tui.alignment.impact import Impact, TraceNode
from bizop_tui.model.text import one_line
from bizop_tui.report.json_export import dumps
from bizop_tui.report.summary import money_text, plural


def change_text(change: ScoreChange) -> str:
    if change.before == change.after:
        return f"{_score(change.before)} (unchanged)"
    delta = f" ({change.delta:+d})" if change.delta is not None else ""
    return f"{_score(change.before)} -> {_score(change.after)}{delta}"


def _score(value: int | None) -> str:
    return "-" if value is None else str(value)


def _name(entry) -> str:
    return f"'{one_line(entry.name)}' ({entry.block.noun})"


def render_impact_text(result: Impact, currency: str = "") -> str:
    entry = result.entry
    cur = one_line(currency)
    lines = [f"bizop impact: {_name(entry)}, id {one_line(entry.id)}", "", "If it went:"]
    lines.append(f"  alignment {change_text(result.comparison.score)}")
    cost = entry.cost if entry.side == "operating" else entry.amount if entry.block.key == "cost_structure" else None
    if cost:
        lines.append(f"  {money_text(cost, cur)} a year would no longer be spent on it")
    if result.undelivered:
        stake = f", {money_text(result.at_stake, cur)} at stake" if result.at_stake else ""
        lines.append(f"  {plural(len(result.undelivered), 'promise')} left with no support{stake}:")
        lines += [f"    - {_name(p)}" for p in result.undelivered]
    elif result.serves:
        lines.append("  no promise would be left without support: other entries also deliver what it serves")
    else:
        lines.append("  no promise would be left without support")
    if result.weakened:
        lines.append("  delivery chains weakened:")
        lines += [f"    - {_name(p)} loses {', '.join(lost)}" for p, lost in result.weakened]
    if result.segments:
        lines.append("  segments left without:")
        lines += [f"    - {_name(s)}: {what}" for s, what in result.segments]
    new = [f for f in result.comparison.new if entry.id not in f.entries]
    if new:
        lines.append(f"  new findings ({len(new)}):")
        lines += [f"    - {f.rule}: {one_line(f.message)}" for f in new]
    if result.comparison.resolved:
        lines.append(f"  findings that would go ({len(result.comparison.resolved)}):")
        lines += [f"    - {f.rule}: {one_line(f.message)}" for f in result.comparison.resolved]
    lines += ["", "What delivers it:"]
    lines += _tree(result.delivers)
    lines += ["", "What it serves in the business model:"]
    lines += [f"  - {_name(e)}" for e in result.serves] or ["  nothing"]
    return "\n".join(lines) + "\n"


def _tree(node: TraceNode, prefix: str = "  ", last: bool = True, top: bool = True) -> list[str]:
    label = _name(node.entry)
    if node.how:
        label = f"{node.how}: {label}"
    if node.note:
        label += f" [{node.note}]"
    if top:
        lines = [prefix + label]
        child_prefix = prefix
    else:
        lines = [prefix + ("└ " if last else "├ ") + label]
        child_prefix = prefix + ("  " if last else "│ ")
    for i, child in enumerate(node.children):
        lines += _tree(child, child_prefix, i == len(node.children) - 1, False)
    if top and not node.children:
        lines.append(prefix + "  nothing supports it")
    return lines


def impact_data(result: Impact) -> dict:
    def tree(node: TraceNode) -> dict:
        return {"id": node.entry.id, "name": node.entry.name, "block": node.entry.block.key, "how": node.how or None,
                "note": node.note or None, "supported_by": [tree(c) for c in node.children]}

    score = result.comparison.score
    return {
        "entry": result.entry.id,
        "score": {"before": score.before, "after": score.after, "change": score.delta},
        "scores": {c.key: {"before": c.before, "after": c.after, "change": c.delta} for c in result.comparison.scores[1:]},
        "undelivered": [p.id for p in result.undelivered],
        "at_stake": result.at_stake or None,
        "weakened": [{"entry": p.id, "loses": lost} for p, lost in result.weakened],
        "segments_left_without": [{"segment": s.id, "without": what} for s, what in result.segments],
        "new_findings": [{"rule": f.rule, "key": f.key, "message": f.message} for f in result.comparison.new],
        "resolved_findings": [{"rule": f.rule, "key": f.key, "message": f.message} for f in result.comparison.resolved],
        "delivered_by": tree(result.delivers),
        "serves": [e.id for e in result.serves],
    }


def render_impact_json(result: Impact) -> str:
    return dumps(impact_data(result))
