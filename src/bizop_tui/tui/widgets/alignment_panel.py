"""The alignment panel: the score and its change, the counts, sub-scores with bars, and the findings; while
comparing, the other version's score and sub-scores beside them, and the findings new and resolved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from bizop_tui.alignment import Alignment
from bizop_tui.report.summary import bar
from bizop_tui.session import Status
from bizop_tui.alignment.rules.costs import count
from bizop_tui.tui.text import line, score_var
from bizop_tui.tui.widgets.compare_bar import score_words
from bizop_tui.tui.widgets.finding_list import FindingList

if TYPE_CHECKING:
    from bizop_tui.comparing import Compared  # a type only: comparing is imported when used


def scores_content(alignment: Alignment | None, status: Status | None, compared: Compared | None = None) -> Content:
    if alignment is None or status is None:
        return Content.styled("Alignment: computing…", "bold")
    score, previous = status.score, status.previous
    parts: list[Content | str] = [Content.styled("Alignment ", "bold")]
    changed = score is not None and previous is not None and previous != score
    if changed:
        parts.append(Content.styled(f"{previous} -> ", "$text-muted"))
    parts.append(Content.styled("–" if score is None else f"{score}/100", f"bold {score_var(score)}"))
    if changed:
        delta = score - previous
        parts.append(Content.styled(f"  ({delta:+d})", "$success" if delta > 0 else "$error"))
    if status.note:
        parts.append(Content.styled(f"  {status.note}", "italic $text-muted"))
    counts = alignment.counts()
    summary = " · ".join(count(counts[s], s, "info" if s == "info" else "") for s in ("error", "warning", "info"))
    parts.append(Content.styled("\n" + summary, "$text-muted"))
    if compared is not None:
        parts += compared_content(compared)
    for sub in alignment.subscores:
        value = "  -" if sub.value is None else f"{sub.value:>3}"
        parts.append(f"\n{sub.title:<19}")
        parts.append(Content.styled(value + " " + bar(sub.value, 12), score_var(sub.value)))
        was = compared.subscores.get(sub.key, sub.value) if compared is not None else sub.value
        if was != sub.value:
            parts.append(Content.styled(f" was {'-' if was is None else was}", "$text-muted"))
    return Content.assemble(*parts)


def compared_content(compared: Compared) -> list[Content | str]:
    """Two lines: the score then and now and the findings new and resolved; the entries only the other
    version has (no tree shows them)."""
    what = "since the last save" if compared.since_save else f"vs {compared.short}"
    parts: list[Content | str] = [
        Content.styled("\n" + what + ": ", "bold"), score_words(compared),
        Content.styled(f" · findings {compared.new_findings} new, {compared.resolved_findings} resolved",
                       "$text-muted")]
    if compared.removed:
        parts.append(Content.styled(f"\n- removed ({len(compared.removed)}): ", "bold $error"))
        parts.append(line(", ".join(compared.removed[:3]) + (", …" if len(compared.removed) > 3 else ""), limit=200))
    return parts


class AlignmentPanel(Vertical):
    """Bound to the main screen's `alignment` and `status`."""

    alignment: var[Alignment | None] = var(None, always_update=True)
    status: var[Status | None] = var(None)
    comparing: var[Compared | None] = var(None)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.scores = Static(id="scores")
        self.findings = FindingList(id="findings")

    def compose(self) -> ComposeResult:
        yield self.scores
        yield self.findings

    def watch_alignment(self) -> None:
        self._show_scores()
        if self.alignment is not None:
            self.findings.show(self.alignment.findings)

    def watch_status(self) -> None:
        self._show_scores()

    def watch_comparing(self) -> None:
        self._show_scores()

    def _show_scores(self) -> None:
        # A layout of the screen costs more than the rest of an edit: only when the scores' height changes.
        content = scores_content(self.alignment, self.status, self.comparing)
        width = self.scores.content_size.width
        height = content.get_height(self.scores.styles, width) if width else -1
        self.scores.update(content, layout=height != self._scores_height)
        self._scores_height = height

    _scores_height = -1
