"""A markdown report to paste into a review document."""

from __future__ import annotations

from bizop_tui.model.entities import ERROR, INFO, WARNING
from bizop_tui.model.text import one_line
from bizop_tui.model.vocabulary import OPERATING_DIMENSIONS
from bizop_tui.report.summary import (
    LIFECYCLE,
    LIFECYCLE_TITLES,
    SHORT_DIMENSION,
    Review,
    counts_line,
    grouped,
    money_text,
    score_text,
    subscore_detail,
)

TITLES = {ERROR: "Errors", WARNING: "Warnings", INFO: "Info"}


def cell(text: str) -> str:
    """User text made safe for a markdown table cell: one line, pipes and markup characters escaped."""
    out = one_line(text)
    for char in "\\`*_[]<>|":
        out = out.replace(char, "\\" + char)
    return out


def render_markdown(review: Review) -> str:
    model, alignment = review.model, review.alignment
    currency = cell(model.currency)
    lines = [f"# Alignment review: {cell(model.name)}", ""]
    if model.description:
        lines += [cell(model.description), ""]
    lines += [f"**Alignment score: {score_text(alignment)}** — {len(model)} entries, {counts_line(alignment)}.", ""]
    if alignment.verdict:
        lines += [f"*{cell(alignment.verdict[:1].upper() + alignment.verdict[1:])}.*", ""]
    lines += ["| Sub-score | Value | Weight | Detail |", "|---|---:|---:|---|"]
    for sub in alignment.subscores:
        value = "-" if sub.value is None else str(sub.value)
        lines.append(f"| {sub.title} | {value} | {sub.weight} | {subscore_detail(sub)} |")
    lines += ["", "## Coverage", "", "Business entries reached by each operating dimension.", ""]
    dims = [SHORT_DIMENSION[d.key] for d in OPERATING_DIMENSIONS]
    lines.append("| Block | Supported | " + " | ".join(dims) + " |")
    lines.append("|---|---:|" + "---:|" * len(dims))
    for row in review.coverage:
        lines.append(
            f"| {row.block.title} | {row.supported}/{row.total} | " + " | ".join(str(n) for n in row.reached) + " |"
        )
    for severity in (ERROR, WARNING, INFO):
        roots = [(f, kids) for f, kids in grouped(alignment.findings) if f.severity == severity]
        if not roots:
            continue
        total = len(alignment.by_severity(severity))
        lines += ["", f"## {TITLES[severity]} ({total})", "",
                  "| Rule | Line | At stake | Finding | Decide |", "|---|---:|---:|---|---|"]
        for f, kids in roots:
            finding = cell(f.message)
            for kid in kids:
                finding += f"<br>↳ `{kid.rule}`: {cell(kid.message)}"
            stake = money_text(f.at_stake, currency) if f.at_stake else ""
            lines.append(f"| `{f.rule}` | {f.line or ''} | {stake} | {finding} | {cell(f.hint)} |")
    cost = review.cost
    if cost is not None and cost.source:
        lines += ["", "## Revenue and cost to serve by segment", "",
                  f"Annual, in {currency or 'the model currency'}; {cost.source} allocated along the links.", "",
                  "| Segment | Revenue | Cost to serve | Margin |", "|---|---:|---:|---:|"]
        for row in cost.segments:
            lines.append(f"| {cell(row.segment.name)} | {row.revenue:,.0f} | {row.cost:,.0f} | {row.margin:,.0f} |")
        if cost.unallocated_total:
            lines += ["", f"Not allocated to any segment: {money_text(cost.unallocated_total, currency)}."]
    if any(review.lifecycle.get(s) for s in LIFECYCLE):
        lines += ["", "## Lifecycle", ""]
        for status in LIFECYCLE:
            entries = review.lifecycle.get(status, [])
            if entries:
                names = ", ".join(f"{cell(e.name)} ({e.block.noun})" for e in entries)
                lines.append(f"- **{LIFECYCLE_TITLES[status]}**: {names}")
    lines.append("")
    return "\n".join(lines)
