"""`bizop review`: a report for a person at a terminal, 80 columns wide, safe for any user text.

User text is always wrapped in rich.text.Text, never parsed as markup.
"""

from __future__ import annotations

import textwrap

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from bizop_tui.model.entities import ERROR, INFO, WARNING
from bizop_tui.model.text import one_line, visible_text
from bizop_tui.model.vocabulary import OPERATING_DIMENSIONS
from bizop_tui.report.summary import SHORT_DIMENSION, Review, bar, subscore_detail

SEVERITY_STYLE = {ERROR: "bold red", WARNING: "yellow", INFO: "cyan"}
SEVERITY_TITLE = {ERROR: "Errors", WARNING: "Warnings", INFO: "Info"}


def score_style(value: int | None) -> str:
    if value is None:
        return "dim"
    return "green" if value >= 80 else "yellow" if value >= 60 else "red"


def render_review(review: Review, width: int = 80) -> Group:
    model, alignment = review.model, review.alignment
    parts = []
    title = Text()
    title.append("bizop review: ", style="bold")
    title.append(one_line(model.name), style="bold")
    parts.append(title)
    if model.path:
        parts.append(Text(one_line(model.path), style="dim"))
    counts = alignment.counts()
    summary = Text()
    summary.append("Alignment ", style="bold")
    summary.append(f"{alignment.score}/100", style=f"bold {score_style(alignment.score)}")
    summary.append(f"   {len(model)} entries, {counts[ERROR]} errors, {counts[WARNING]} warnings, {counts[INFO]} info")
    parts += [Text(), summary, Text()]

    scores = Table.grid(padding=(0, 1))
    for _ in range(4):
        scores.add_column()
    for sub in alignment.subscores:
        value = "  -" if sub.value is None else f"{sub.value:>3}"
        scores.add_row(
            Text(sub.title),
            Text(value, style=score_style(sub.value)),
            Text(bar(sub.value), style=score_style(sub.value)),
            Text(subscore_detail(sub), style="dim"),
        )
    parts.append(scores)
    parts.append(Text())
    parts.append(Text("Coverage: business entries reached by each operating dimension", style="bold"))
    parts.append(coverage_table(review))
    for severity in (ERROR, WARNING, INFO):
        findings = alignment.by_severity(severity)
        if not findings:
            continue
        parts.append(Text())
        parts.append(Text(f"{SEVERITY_TITLE[severity]} ({len(findings)})", style=f"bold {SEVERITY_STYLE[severity]}"))
        for finding in findings:
            parts.append(finding_text(finding, width))
    if not alignment.findings:
        parts += [Text(), Text("No findings: the operating model supports every promise.", style="green")]
    return Group(*parts)


def finding_text(finding, width: int = 80) -> Text | Group:
    head = Text("  ", no_wrap=True, overflow="ignore")  # wrapped here already, where it is ASCII
    head.append(f"{finding.rule}", style=SEVERITY_STYLE[finding.severity])
    if finding.line:
        head.append(f"  line {finding.line}", style="dim")
    message = visible_text(finding.message)
    hint = "hint: " + visible_text(finding.hint) if finding.hint else ""
    if message.isascii() and hint.isascii():
        # One Text wrapped by textwrap: Rich's own wrapping of thousands of findings is the slow part
        # of a large review, and for ASCII text a character is a cell.
        head.append("\n" + "\n".join(textwrap.wrap(message, width - 4, initial_indent="    ",
                                                   subsequent_indent="    ", break_on_hyphens=False)))
        if hint:
            head.append("\n" + "\n".join(textwrap.wrap(hint, width - 4, initial_indent="    ",
                                                       subsequent_indent="    ", break_on_hyphens=False)),
                        style="dim")
        return head
    head.no_wrap = False
    parts = [head, Padding(Text(message), (0, 0, 0, 4), expand=False)]
    if hint:
        parts.append(Padding(Text(hint, style="dim"), (0, 0, 0, 4), expand=False))
    return Group(*parts)


def coverage_table(review: Review) -> Table:
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("Block", no_wrap=True)
    table.add_column("Supported", justify="right")
    for dim in OPERATING_DIMENSIONS:
        table.add_column(SHORT_DIMENSION[dim.key], justify="right")
    for row in review.coverage:
        if row.total == 0:
            cells = ["-"] * (len(OPERATING_DIMENSIONS) + 1)
            table.add_row(Text(row.block.title, style="dim"), *(Text(c, style="dim") for c in cells))
            continue
        done = Text(f"{row.supported}/{row.total}", style="green" if row.supported == row.total else "yellow")
        table.add_row(Text(row.block.title), done, *(Text(str(n) if n else "·", style="" if n else "dim") for n in row.reached))
    return table


def print_review(review: Review, console: Console | None = None) -> None:
    console = console or make_console()
    console.print(render_review(review, console.width))


def make_console(stderr: bool = False, color: str = "auto") -> Console:
    """A console that never parses markup or highlights, and keeps to 80 columns when piped.

    `color`: "auto" (at a terminal, unless NO_COLOR or TERM=dumb), "always" (also into a pipe, as for
    `| less -R`, and despite NO_COLOR) or "never" (no escape sequences at all).
    """
    options = {"always": {"force_terminal": True, "no_color": False}, "never": {"color_system": None}}.get(color, {})
    console = Console(stderr=stderr, highlight=False, markup=False, emoji=False, **options)
    if not console.is_terminal:
        console.width = 80
    else:
        console.width = min(console.width, 100)
    return console
