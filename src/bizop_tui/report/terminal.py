"""`bizop review`: a report for a person at a terminal, 80 columns wide, safe for any user text.

User text is always wrapped in rich.text.Text, never parsed as markup. Severity reads from the mark
and the word (✖ error, ▲ warning, • info), never from colour alone.
"""

from __future__ import annotations

import textwrap

from rich.cells import cell_len
from rich.console import Console, Group
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from bizop_tui.model.entities import ERROR, INFO, WARNING, Finding
from bizop_tui.model.text import one_line, visible_text
from bizop_tui.model.vocabulary import OPERATING_DIMENSIONS
from bizop_tui.report.summary import (
    LIFECYCLE,
    LIFECYCLE_TITLES,
    SHORT_DIMENSION,
    Review,
    bar,
    counts_line,
    grouped,
    money_text,
    score_text,
    subscore_detail,
)

SEVERITY_STYLE = {ERROR: "bold red", WARNING: "yellow", INFO: "cyan"}
SEVERITY_TITLE = {ERROR: "Errors", WARNING: "Warnings", INFO: "Info"}
SEVERITY_MARK = {ERROR: "✖", WARNING: "▲", INFO: "•"}


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
    summary = Text()
    summary.append("Alignment ", style="bold")
    summary.append(score_text(alignment), style=f"bold {score_style(alignment.score)}")
    summary.append(f"   {len(model)} entries, {counts_line(alignment)}")
    parts += [Text(), summary]
    if alignment.verdict:
        parts.append(_wrapped(alignment.verdict[:1].upper() + alignment.verdict[1:] + ".", width, 0, "bold"))
    parts.append(Text())

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
    for severity in (ERROR, WARNING):
        parts += _findings_section(review, severity, width)
    parts += _money_section(review, width)
    parts += _lifecycle_section(review, width)
    parts += _findings_section(review, INFO, width)
    if not alignment.findings and alignment.score is not None:
        parts += [Text(), Text("No findings: the operating model supports every promise.", style="green")]
    return Group(*parts)


def _findings_section(review: Review, severity: str, width: int) -> list:
    alignment = review.alignment
    roots = [(f, kids) for f, kids in grouped(alignment.findings) if f.severity == severity]
    if not roots:
        return []
    count = len(alignment.by_severity(severity))
    heading = f"{SEVERITY_MARK[severity]} {SEVERITY_TITLE[severity]} ({count})"
    if severity != INFO and any(f.at_stake for f, _ in roots):
        heading += ", most money at stake first"
    lines = Lines()
    currency = one_line(review.model.currency)
    for finding, children in roots:
        finding_lines(lines, finding, width, currency)
        for child in children:
            lines.wrap(f"↳ {child.rule}: {visible_text(child.message)}", width, "      ", "        ", "dim")
    return [Text(), Text(heading, style=f"bold {SEVERITY_STYLE[severity]}"), lines]


class Lines:
    """Lines already wrapped, each with one style: thousands of findings print fast, with no re-wrapping."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, str]] = []

    def add(self, text: str, style: str = "") -> None:
        self.lines.append((text, style))

    def wrap(self, text: str, width: int, first: str, rest: str, style: str = "") -> None:
        """`text` wrapped to `width` cells, each line led by `first` or `rest`."""
        if cell_len(text) == len(text):  # one cell a character: counting characters is measuring
            for line in wrap_plain(text, width, first, rest):
                self.add(line, style)
            return
        wrapped = Text(text).wrap(_MEASURE, max(width - len(first), 10))
        for i, line in enumerate(wrapped):
            self.add((first if i == 0 else rest) + line.plain, style)

    def __rich_console__(self, console, options):
        # Consecutive lines of one style go out as one segment: a large review has tens of thousands.
        run: list[str] = []
        run_style = None
        for text, style in self.lines:
            if run and style != run_style:
                yield Segment("\n".join(run) + "\n", console.get_style(run_style) if run_style else None)
                run = []
            run_style = style
            run.append(text)
        if run:
            yield Segment("\n".join(run) + "\n", console.get_style(run_style) if run_style else None)


def wrap_plain(text: str, width: int, first: str, rest: str) -> list[str]:
    """Greedy wrapping of text where a character is a cell (what textwrap does, several times faster):
    words kept whole unless longer than a line, spaces at a break dropped."""
    lines: list[str] = []
    line, room = first, width
    fresh = True  # nothing but the indent on this line yet
    for word in text.split(" "):
        if fresh:
            if not word:
                continue
            while len(line) + len(word) > room and len(word) > room - len(line):
                cut = room - len(line)
                lines.append(line + word[:cut])
                line, word = rest, word[cut:]
            line += word
            fresh = False
        elif len(line) + 1 + len(word) <= room:
            line += " " + word
        else:
            lines.append(line.rstrip())
            line, fresh = rest, True
            if word:
                while len(line) + len(word) > room:
                    cut = room - len(line)
                    lines.append(line + word[:cut])
                    line, word = rest, word[cut:]
                line += word
                fresh = False
    lines.append(line.rstrip() if not fresh else first if not lines else line.rstrip())
    return [l for l in lines if l.strip()] or [first.rstrip()]


_MEASURE = Console(width=200, color_system=None, markup=False, highlight=False, emoji=False)


def finding_lines(lines: Lines, finding: Finding, width: int = 80, currency: str = "") -> None:
    """A finding as the review prints it: its mark, rule, line and stake; its message; its decision."""
    head = f"  {SEVERITY_MARK[finding.severity]} {finding.rule}"
    if finding.line:
        head += f"  line {finding.line}"
    if finding.at_stake:
        head += f"  at stake {money_text(finding.at_stake, currency)}"
    lines.add(head, SEVERITY_STYLE[finding.severity])
    lines.wrap(visible_text(finding.message), width, "    ", "    ")
    hint = hint_text(finding.hint)
    if hint:
        lines.wrap(hint, width, "    ", "    ", "dim")


def finding_text(finding: Finding, width: int = 80, currency: str = "") -> Lines:
    lines = Lines()
    finding_lines(lines, finding, width, currency)
    return lines


def hint_text(hint: str) -> str:
    """A finding's hint as the report shows it: 'decide: ...' when it offers a decision."""
    if not hint:
        return ""
    text = visible_text(hint)
    return "decide: " + text.removeprefix("Decide: ") if text.startswith("Decide: ") else "hint: " + text


def _wrapped(text: str, width: int, indent: int, style: str = "") -> Text:
    if cell_len(text) == len(text):  # one cell a character: textwrap measures it right
        lines = textwrap.wrap(text, width - indent, initial_indent=" " * indent, subsequent_indent=" " * (indent + 2),
                              break_on_hyphens=False)
        return Text("\n".join(lines), style=style, no_wrap=True, overflow="ignore")
    return Text(" " * indent + text, style=style)


def _money_section(review: Review, width: int) -> list:
    cost = review.cost
    if cost is None or not cost.source:
        return []
    currency = one_line(review.model.currency)
    parts = [Text(), Text(f"Revenue and cost to serve by segment ({currency or 'amounts'} a year; {cost.source} "
                          "allocated along the links)", style="bold"), *_money_rows(cost, width)]
    if cost.unallocated_total:
        parts.append(_wrapped(f"Not allocated to any segment: {money_text(cost.unallocated_total, currency)} "
                              f"(of {money_text(cost.total, currency)}): costs whose chain ends before a segment.",
                              width, 1, "dim"))
    return parts


MONEY_HEADS = ("Revenue", "Cost to serve", "Margin")


def _money_rows(cost, width: int) -> list[Text]:
    """The segments' table, laid out as a borderless Rich table would lay it out (names folded at
    width - 50 cells, numbers right-aligned), but line by line: a Rich Table of hundreds of segments
    took half the time of printing a large review."""
    names = [one_line(row.segment.name) for row in cost.segments]
    numbers = [(f"{row.revenue:,.0f}", f"{row.cost:,.0f}", f"{row.margin:,.0f}") for row in cost.segments]
    name_width = min(max([len("Segment"), *(cell_len(n) for n in names)]), max(width - 50, 20))
    widths = [max([len(head), *(len(row[i]) for row in numbers)]) for i, head in enumerate(MONEY_HEADS)]
    name_width = min(name_width, width - 2 - sum(2 + w for w in widths))  # the names give way, not the numbers
    if name_width < len("Segment"):  # too narrow even for the heading: Rich folds that too
        return [_rich_money_table(names, numbers, cost, width)]
    head = " " + "Segment".ljust(name_width) + "".join(f"  {h:>{w}}" for h, w in zip(MONEY_HEADS, widths)) + " "
    rows = [Text(head, style="bold", no_wrap=True, overflow="ignore")]
    blank = "".join("  " + " " * w for w in widths) + " "
    for name, row, segment in zip(names, numbers, cost.segments):
        pieces = _folded(name, name_width)
        text = Text(" " + _padded(pieces[0], name_width), no_wrap=True, overflow="ignore")
        text.append(f"  {row[0]:>{widths[0]}}  {row[1]:>{widths[1]}}  ")
        text.append(f"{row[2]:>{widths[2]}}", style="red" if segment.margin < 0 else "")
        text.append(" ")
        rows.append(text)
        rows += [Text(" " + _padded(piece, name_width) + blank, no_wrap=True, overflow="ignore")
                 for piece in pieces[1:]]
    return rows


def _rich_money_table(names: list[str], numbers: list[tuple[str, str, str]], cost, width: int) -> Table:
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("Segment", overflow="fold", max_width=max(width - 50, 20))
    for title in MONEY_HEADS:
        table.add_column(title, justify="right", no_wrap=True)
    for name, row, segment in zip(names, numbers, cost.segments):
        table.add_row(Text(name), Text(row[0]), Text(row[1]), Text(row[2], style="red" if segment.margin < 0 else ""))
    return table


def _folded(name: str, width: int) -> list[str]:
    """A name in lines of `width` cells: at spaces where it can, else cut, as a Rich table folds it."""
    if cell_len(name) <= width:
        return [name]
    return [line.plain.rstrip() for line in Text(name).wrap(_MEASURE, width, overflow="fold")]


def _padded(text: str, width: int) -> str:
    return text + " " * (width - cell_len(text))


def _lifecycle_section(review: Review, width: int) -> list:
    if not any(review.lifecycle.get(status) for status in LIFECYCLE):
        return []
    parts = [Text(), Text("Lifecycle", style="bold")]
    currency = one_line(review.model.currency)
    for status in LIFECYCLE:
        entries = review.lifecycle.get(status, [])
        if not entries:
            continue
        parts.append(Text(f" {LIFECYCLE_TITLES[status]}", style="bold"))
        for entry in entries:
            cost = entry.cost if entry.cost else entry.amount if entry.block.key == "cost_structure" else None
            line = f"- {one_line(entry.name)} ({entry.block.noun})"
            if cost:
                line += f": {money_text(cost, currency)} a year"
            parts.append(_wrapped(line, width, 2))
    return parts


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


# The report's own marks in ASCII, for an output that cannot hold them (user text keeps its letters
# where the output can, and a '?' where it cannot).
ASCII_MARKS = str.maketrans({"█": "#", "░": "-", "·": ".", "✖": "x", "▲": "!", "•": "*", "↳": ">", "…": "...",
                             "—": "-", "→": "->"})


def print_review(review: Review, console: Console | None = None) -> None:
    console = console or make_console()
    if (console.encoding or "utf").lower().replace("-", "").startswith("utf"):
        console.print(render_review(review, console.width))
        return
    with console.capture() as capture:
        console.print(render_review(review, console.width))
    console.file.write(capture.get().translate(ASCII_MARKS))


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
