"""The alignment panel: the score and its change, sub-scores with bars, and the findings."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from bizop_tui.alignment import Alignment
from bizop_tui.model.entities import Finding
from bizop_tui.report.summary import bar
from bizop_tui.tui.text import finding_prompt, score_style


class FindingList(OptionList):
    """Findings, worst first; Enter jumps to the finding's entry."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class Jump(Message):
        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.findings: list[Finding] = []

    def show(self, findings: list[Finding]) -> None:
        if findings == self.findings:
            return
        keep = self.highlighted
        self.findings = findings
        self.clear_options()
        self.add_options([Option(finding_prompt(f), id=str(i)) for i, f in enumerate(findings)])
        if findings:
            self.highlighted = min(keep or 0, len(findings) - 1)

    @property
    def current(self) -> Finding | None:
        if self.highlighted is None or not self.findings:
            return None
        return self.findings[self.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Jump(self.findings[event.option_index]))


class AlignmentPanel(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(id="scores")
        yield FindingList(id="findings")

    def show_pending(self) -> None:
        self.query_one("#scores", Static).update(Text("Alignment: computing…", style="bold"))

    def show(self, alignment: Alignment, previous: int | None) -> None:
        text = Text(end="")
        text.append("Alignment ", style="bold")
        if previous is not None and previous != alignment.score:
            text.append(f"{previous} -> ", style="dim")
        text.append(f"{alignment.score}", style=f"bold {score_style(alignment.score)}")
        if previous is not None and previous != alignment.score:
            delta = alignment.score - previous
            text.append(f"  ({delta:+d})", style="green" if delta > 0 else "red")
        counts = alignment.counts()
        text.append(f"\n{counts['error']} errors · {counts['warning']} warnings · {counts['info']} info", style="dim")
        for sub in alignment.subscores:
            value = " -" if sub.value is None else f"{sub.value:>3}"
            text.append(f"\n{sub.title:<19}")
            text.append(value, style=score_style(sub.value))
            text.append(" " + bar(sub.value, 12), style=score_style(sub.value))
        self.query_one("#scores", Static).update(text)
        self.query_one(FindingList).show(alignment.findings)
