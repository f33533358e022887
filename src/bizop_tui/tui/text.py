"""User text on screen: always plain text, never markup, with control characters made visible; and the
theme colours that scores and severities are drawn in.

Rich `Text` is for widgets that render Rich (trees, the findings list); Textual `Content` is for the
rest, so its styles can name theme variables ($error, $success, ...) and follow the theme.
"""

from __future__ import annotations

import unicodedata

from rich.text import Text
from textual.content import Content

from bizop_tui.model.entities import ERROR, INFO, WARNING, Finding
from bizop_tui.model.text import one_line, visible_text
from bizop_tui.report.terminal import Lines

SEVERITY_MARK = {ERROR: "✖", WARNING: "▲", INFO: "•"}
SEVERITY_VAR = {ERROR: "$error", WARNING: "$warning", INFO: "$accent"}  # theme variables


def plain(text: str, style: str = "", *, limit: int | None = None) -> Text:
    """A one-line Rich Text of user text, shown literally."""
    return Text(one_line(text, limit), style=style, no_wrap=True, end="")


def block_text(text: str, style: str = "") -> Text:
    """A multi-line Rich Text of user text, shown literally."""
    return Text(visible_text(text), style=style)


def finding_prompt(finding: Finding, mark_style: str = "", currency: str = "") -> Text:
    """A finding as a Rich Text: its mark, the money at stake (short), and its message on one paragraph."""
    text = Text(no_wrap=False, end="")
    text.append(SEVERITY_MARK[finding.severity] + " ", style=mark_style)
    if finding.at_stake:
        text.append(f"at stake {short_money(finding.at_stake, currency)}: ", style="bold")
    text.append(visible_text(finding.message).replace("\n", " "))
    return text


def short_money(value: float, currency: str = "") -> str:
    """An amount in a few characters, for a list row: '111bn USD', '2.5m EUR', '900k', '75'."""
    size = abs(value)
    for step, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if size >= step:
            number = f"{value / step:.3g}"
            if "e" in number:  # beyond a thousand billion: no exponent, just the digits
                number = f"{value / step:,.0f}"
            return f"{number}{suffix} {one_line(currency, 12)}".strip()
    return f"{value:,.0f} {one_line(currency, 12)}".strip()


def report_lines(text: str, width: int) -> str:
    """A plain report (`bizop impact`) wrapped to `width` cells, a continuation indented under its line:
    inside a tree (├ │ └) under the entry's name, after a bullet under the bullet's text."""
    out: list[str] = []
    for row in text.splitlines():
        if Text(row).cell_len <= width:
            out.append(row)
            continue
        body = row.lstrip(" │├└-")
        lead = row[: len(row) - len(body)]
        rest = lead.replace("├", "│").replace("└", " ").replace("-", " ") + ("  " if "├" in lead or "└" in lead else "")
        wrapped = Lines()
        wrapped.wrap(body, width, lead, rest)
        out += [line for line, _ in wrapped.lines]
    return "\n".join(out)


def line(text: str, style: str = "", *, limit: int | None = None) -> Content:
    """One line of user text as Content, shown literally (styles may name theme variables)."""
    return Content.styled(one_line(text, limit), style) if style else Content(one_line(text, limit))


def lines(text: str, style: str = "") -> Content:
    """User text of several lines as Content, shown literally."""
    shown = visible_text(text)
    return Content.styled(shown, style) if style else Content(shown)


def score_var(value: int | None) -> str:
    """The theme colour of a score: good, middling, poor, or muted when there is none."""
    if value is None:
        return "$text-muted"
    return "$success" if value >= 80 else "$warning" if value >= 60 else "$error"


def stand_in_each(text: str, keep: str = "") -> str:
    """`text` with one visible character for each control or format character (but those in `keep`),
    so that positions in the text and on the screen stay the same (inputs count characters)."""
    if text.isprintable() and "\x7f" not in text:
        return text
    out = []
    for char in text:
        code = ord(char)
        if char in keep:
            out.append(char)
        elif code < 0x20:
            out.append(chr(0x2400 + code))  # ␛ for ESC, ␊ for a newline
        elif code == 0x7F:
            out.append("\u2421")  # ␡
        elif unicodedata.category(char) in ("Cc", "Cf"):
            out.append("\ufffd")  # C1 controls, bidi overrides, zero-width characters
        else:
            out.append(char)
    return "".join(out)
