"""Rich Text for user strings: always plain text, never markup, with control characters made visible."""

from __future__ import annotations

from rich.text import Text

from bizop_tui.model.entities import ERROR, INFO, WARNING, Finding
from bizop_tui.model.text import one_line, visible_text

SEVERITY_MARK = {ERROR: "✖", WARNING: "▲", INFO: "•"}
SEVERITY_STYLE = {ERROR: "bold red", WARNING: "yellow", INFO: "cyan"}


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


def score_style(value: int | None) -> str:
    if value is None:
        return "dim"
    return "green" if value >= 80 else "yellow" if value >= 60 else "red"
