"""A markdown report to paste into a review document."""

from __future__ import annotations

from bizop_tui.model.entities import ERROR, INFO, WARNING
from bizop_tui.model.text import one_line
from bizop_tui.model.vocabulary import OPERATING_DIMENSIONS
from bizop_tui.report.summary import SHORT_DIMENSION, Review, subscore_detail

TITLES = {ERROR: "Errors", WARNING: "Warnings", INFO: "Info"}


def cell(text: str) -> str:
    """User text made safe for a markdown table cell: one line, pipes and markup characters escaped."""
    out = one_line(text)
    for char in "\\`*_[]<>|":
        out = out.replace(char, "\\" + char)
    return out


def render_markdown(review: Review) -> str:
    model, alignment = review.model, review.alignment
    lines = [f"# Alignment review: {cell(model.name)}", ""]
    if model.description:
        lines += [cell(model.description), ""]
    counts = alignment.counts()
    lines += [
        f"**Alignment score: {alignment.score}/100** — {len(model)} entries, "
        f"{counts[ERROR]} errors, {counts[WARNING]} warnings, {counts[INFO]} info.",
        "",
        "| Sub-score | Value | Weight | Detail |",
        "|---|---:|---:|---|",
    ]
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
        findings = alignment.by_severity(severity)
        if not findings:
            continue
        lines += ["", f"## {TITLES[severity]} ({len(findings)})", "", "| Rule | Line | Finding | Hint |", "|---|---:|---|---|"]
        for f in findings:
            lines.append(f"| `{f.rule}` | {f.line or ''} | {cell(f.message)} | {cell(f.hint)} |")
    lines.append("")
    return "\n".join(lines)
