"""The line that says a comparison is on: with what, how many entries differ (+ ~ -), the score then
and now, and the keys for the report and for leaving the comparison."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from bizop_tui.tui.text import line

if TYPE_CHECKING:
    from bizop_tui.comparing import Compared  # a type only: comparing is imported when used


def score_words(compared: Compared) -> str:
    """'84 -> 93 (+9)', '93 (unchanged)', '- -> 72' (a dash: no score), as bizop diff says it."""
    before = "-" if compared.before is None else str(compared.before)
    after = "…" if compared.after is None else str(compared.after)
    if compared.before == compared.after:
        return f"{before} (unchanged)"
    delta = compared.delta
    return f"{before} -> {after}" + (f" ({delta:+d})" if delta is not None else "")


def compare_content(compared: Compared, report_key: str, stop_key: str) -> Content:
    """'vs HEAD~1: +2 ~3 -1  score 84 -> 93 (+9)  v report · esc stop', to fit 80 columns."""
    parts: list[Content | str] = [
        Content.styled("since the last save" if compared.since_save else "vs ", "bold")]
    if not compared.since_save:
        parts.append(line(compared.short, "bold", limit=24))
    parts += [
        Content.styled(":", "bold"),
        Content.styled(" +", "bold $success"), str(compared.added),
        Content.styled(" ~", "bold $accent"), str(compared.changed),
        Content.styled(" -", "bold $error"), str(len(compared.removed)),
        Content.styled("  score ", "$text-muted"), score_words(compared),
        Content.styled(f"  {report_key} report · {stop_key} stop", "$text-muted"),
    ]
    return Content.assemble(*parts)


class CompareBar(Static):
    """Bound to the main screen's `comparing`; shown only while a comparison is on."""

    comparing: var[Compared | None] = var(None)

    def watch_comparing(self, compared: Compared | None) -> None:
        self.set_class(compared is not None, "-open")
        if compared is not None:
            self.update(compare_content(compared, self.screen.key_for("comparison"), "esc"))
