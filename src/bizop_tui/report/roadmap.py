"""`bizop roadmap`: the planned entries grouped by dimension, each with what it would fix."""

from __future__ import annotations

from bizop_tui.alignment.roadmap import Roadmap
from bizop_tui.model.text import one_line
from bizop_tui.model.vocabulary import ALL_BLOCKS
from bizop_tui.report.impact import change_text
from bizop_tui.report.json_export import dumps
from bizop_tui.report.markdown import cell


def _by_block(result: Roadmap):
    for block in ALL_BLOCKS:
        steps = [s for s in result.steps if s.entry.block is block]
        if steps:
            yield block, steps


def _effects(comparison, indent: str) -> list[str]:
    """What a change does to the findings: fixes, narrows (same finding, other words) and brings."""
    lines = [f"{indent}fixes {f.rule}: {one_line(f.message)}" for f in comparison.resolved]
    lines += [f"{indent}changes {new.rule}: {one_line(new.message)}" for _old, new in comparison.changed]
    lines += [f"{indent}brings {f.rule}: {one_line(f.message)}" for f in comparison.new]
    return lines


def render_roadmap_text(result: Roadmap, name: str) -> str:
    lines = [f"bizop roadmap: {one_line(name)}", ""]
    if not result.steps:
        return "\n".join(lines + ["No planned entries. Mark the target state with status = \"planned\"."]) + "\n"
    lines.append(f"{len(result.steps)} planned; with all of them in place the alignment goes "
                 f"{change_text(result.target.score)}. Together they:")
    lines += _effects(result.target, "  ") or ["  change no finding"]
    for block, steps in _by_block(result):
        lines += ["", f"{block.title} ({block.side})"]
        for step in steps:
            lines.append(f"  - '{one_line(step.entry.name)}' ({one_line(step.entry.id)}): alignment "
                         f"{change_text(step.comparison.score)}")
            lines += _effects(step.comparison, "      ")
    return "\n".join(lines) + "\n"


def render_roadmap_markdown(result: Roadmap, name: str) -> str:
    lines = [f"# Roadmap: {cell(name)}", ""]
    if not result.steps:
        return "\n".join(lines + ["No planned entries."]) + "\n"
    lines += [f"With all {len(result.steps)} planned entries in place the alignment goes "
              f"{change_text(result.target.score)}.", ""]
    for block, steps in _by_block(result):
        lines += [f"## {block.title}", "", "| Planned | Alignment | Fixes |", "|---|---|---|"]
        for step in steps:
            fixes = "<br>".join(f"`{f.rule}`: {cell(f.message)}" for f in step.fixes) or "—"
            lines.append(f"| {cell(step.entry.name)} | {change_text(step.comparison.score)} | {fixes} |")
        lines.append("")
    return "\n".join(lines)


def render_roadmap_json(result: Roadmap) -> str:
    target = result.target.score if result.target else None
    return dumps({
        "score": result.today.score,
        "target_score": target.after if target else result.today.score,
        "steps": [
            {"entry": s.entry.id, "name": s.entry.name, "block": s.entry.block.key, "side": s.entry.side,
             "score_after": s.comparison.score.after, "change": s.comparison.score.delta,
             "fixes": [{"rule": f.rule, "key": f.key, "message": f.message} for f in s.fixes],
             "brings": [{"rule": f.rule, "key": f.key, "message": f.message} for f in s.comparison.new]}
            for s in result.steps
        ],
    })
