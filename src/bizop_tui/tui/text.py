"""Rich Text for user strings: always plain text, never markup, with control characters made visible."""

from __future__ import annotations

from rich.text import Text

from bizop_tui.model.entities import ERROR, INFO, WARNING, Finding
from bizop_tui.model.text import one_line, visible_text
from bizop_tui.report.terminal import SEVERITY_STYLE  # one palette for the report and the app

SEVERITY_MARK = {ERROR: "✖", WARNING: "▲", INFO: "•"}


def plain(text: str, style: str = "", *, limit: int | None = None) -> Text:
    """A one-line Text of user text, shown literally."""
    return Text(one_line(text, limit), style=style, no_wrap=True, end="")


def block_text(text: str, style: str = "") -> Text:
    """A multi-line Text of user text, shown literally."""
    return Text(visible_text(text), style=style)


def finding_prompt(finding: Finding) -> Text:
    text = Text(no_wrap=False, end="")
    text.append(SEVERITY_MARK[finding.severity] + " ", style=SEVERITY_STYLE[finding.severity])
    text.append(visible_text(finding.message).replace("\n", " "))
    return text
