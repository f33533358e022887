"""The title line: the model name, the file, an unsaved mark, user@host over SSH, and on the right the
score, its change and the counts of errors and warnings, so the score is in sight at every size."""

from __future__ import annotations

import getpass
import os
import socket

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from bizop_tui.model.entities import ERROR, WARNING
from bizop_tui.session import Status
from bizop_tui.tui.text import SEVERITY_MARK, SEVERITY_VAR, line, score_var


def remote_identity() -> str | None:
    """user@host when the session came in over SSH, so the person knows whose file this is."""
    if not (os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_CLIENT")):
        return None
    try:
        user = getpass.getuser()
    except Exception:  # no user name in some containers
        user = "?"
    return f"{user}@{socket.gethostname()}"


def score_content(status: Status) -> Content:
    """'Alignment 84/100 ✖0 ▲9 (+3)', or 'Alignment – computing…' when there is no score yet."""
    parts: list[Content | str] = [Content.styled("Alignment ", "bold")]
    if status.score is None:
        parts.append(Content.styled("–", "bold $text-muted"))
    else:
        parts.append(Content.styled(f"{status.score}/100", f"bold {score_var(status.score)}"))
    if status.counts is not None:
        errors, warnings, _ = status.counts
        parts.append(" ")
        parts.append(Content.styled(f"{SEVERITY_MARK[ERROR]}{errors}", SEVERITY_VAR[ERROR] if errors else "$text-muted"))
        parts.append(" ")
        parts.append(Content.styled(f"{SEVERITY_MARK[WARNING]}{warnings}",
                                    SEVERITY_VAR[WARNING] if warnings else "$text-muted"))
    if status.score is not None and status.previous is not None and status.previous != status.score:
        delta = status.score - status.previous
        parts.append(Content.styled(f" ({delta:+d})", "$success" if delta > 0 else "$error"))
    if status.note:
        parts.append(Content.styled(f" {status.note}", "italic $text-muted"))
    return Content.assemble(*parts)


class TitleBar(Widget):
    status: reactive[Status | None] = reactive(None, layout=False)

    def render(self) -> Content:
        status = self.status
        if status is None:
            return Content("")
        right = score_content(status)
        left_parts: list[Content | str] = [Content.styled(" bizop ", "bold reverse"), " ",
                                           line(status.name, "bold", limit=40)]
        left_parts.append(Content.styled(" · ", "$text-muted"))
        left_parts.append(line(status.path, "$text-muted") if status.path
                          else Content.styled("unsaved copy", "italic $text-muted"))
        if status.dirty:
            left_parts.append(Content.styled(" [+]", "bold $warning"))
        if status.saving:
            left_parts.append(Content.styled(" saving…", "italic $text-muted"))
        remote = remote_identity()
        if remote:
            left_parts += ["  ", line(remote, "reverse")]
        left = Content.assemble(*left_parts)
        room = self.size.width - right.cell_length - 1
        if left.cell_length > room:
            left = left.truncate(max(room, 0), ellipsis=True)
        gap = max(self.size.width - left.cell_length - right.cell_length, 1)
        return Content.assemble(left, " " * gap, right)
