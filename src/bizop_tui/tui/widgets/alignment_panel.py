"""The alignment panel: the score and its change, sub-scores with bars, and the findings."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from bizop_tui.alignment import Alignment
from bizop_tui.report.summary import bar
from bizop_tui.report.terminal import score_style
from bizop_tui.tui.widgets.finding_list import FindingList


class AlignmentPanel(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(id="scores")
        yield FindingList(id="findings")

    def show_pending(self) -> None:
        self.query_one("#scores", Static).update(Text("Alignment: computing…", style="bold"))

    def show(self, alignment: Alignment, previous: int | None) -> None:
        text = Text(end="")
        text.append("Alignment ", style="bold")
        moved = previous is not None and alignment.score is not None and previous != alignment.score
        if moved:
            text.append(f"{previous} -> ", style="dim")
        text.append("-" if alignment.score is None else f"{alignment.score}", style=f"bold {score_style(alignment.score)}")
        if moved:
            delta = alignment.score - previous
            text.append(f"  ({delta:+d})", style="green" if delta > 0 else "red")
        if alignment.verdict:
            text.append(f"\n{alignment.verdict}", style="italic")
        counts = alignment.counts()
        text.append(f"\n{counts['error']} errors · {counts['warning']} warnings · {counts['info']} info", style="dim")
        for sub in alignment.subscores:
            value = " -" if sub.value is None else f"{sub.value:>3}"
            text.append(f"\n{sub.title:<19}")
            text.append(value, style=score_style(sub.value))
            text.append(" " + bar(sub.value, 12), style=score_style(sub.value))
        self.query_one("#scores", Static).update(text)
        self.query_one(FindingList).show(alignment.findings)
