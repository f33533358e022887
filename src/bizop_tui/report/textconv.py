"""`bizop textconv FILE`: a model as git's diff should show it (a `textconv` diff driver, docs/diff.md).

The alignment comes first, one fact a line in a stable order and without line numbers, so that
`git diff` and `git log -p` show a score that moved and a finding that came or went as a changed,
added or removed line; then the file itself, so every edit shows as it was made.
"""

from __future__ import annotations

from bizop_tui.alignment.result import Alignment
from bizop_tui.model.entities import SEVERITIES, Model
from bizop_tui.model.text import one_line, visible_text
from bizop_tui.report.summary import counts_line

FILE_RULE = "# ---- the file " + "-" * 60


def render_textconv(model: Model, alignment: Alignment, text: str) -> str:
    lines = [f"# bizop: {one_line(model.name)}"]
    score = "none (" + alignment.verdict + ")" if alignment.score is None else str(alignment.score)
    lines.append(f"alignment: {one_line(score)}")
    for sub in alignment.subscores:
        lines.append(f"  {sub.title.lower()}: {'-' if sub.value is None else sub.value}")
    lines.append(f"findings: {counts_line(alignment)}")
    for f in sorted(alignment.findings, key=lambda f: (SEVERITIES.index(f.severity), f.key, f.message)):
        lines.append(f"  {f.severity} {f.rule}: {one_line(f.message)}")
    lines += _money(model, alignment)
    lines += [FILE_RULE, _file_text(text)]
    return "\n".join(lines) + ("" if lines[-1].endswith("\n") else "\n")


def render_unreadable(reason: str, raw: bytes) -> str:
    """A version bizop cannot read (not TOML, not UTF-8): say so, and show the text as it is."""
    lines = ["# bizop: this version cannot be read", f"# {one_line(reason)}", FILE_RULE,
             _file_text(raw.decode("utf-8", "replace"))]
    return "\n".join(lines) + ("" if lines[-1].endswith("\n") else "\n")


def _file_text(text: str) -> str:
    # CRLF read as LF (git shows the line endings' change itself without textconv); control
    # characters as visible stand-ins, so a diff printed on a terminal cannot drive it.
    return visible_text(text.replace("\r\n", "\n").removeprefix("\ufeff"))


def _money(model: Model, alignment: Alignment) -> list[str]:
    from bizop_tui.alignment.diff import totals  # the same totals bizop diff shows

    found = totals(model)
    parts = [f"{label} {_number(value)}" for label, value in (("revenue", found.revenue),
                                                               ("cost structure", found.cost_structure),
                                                               ("operating costs", found.operating_costs))
             if value is not None]
    if not parts:
        return []
    currency = one_line(model.currency)
    lines = [f"money ({currency or 'amounts'} a year): " + "; ".join(parts)]
    cost = alignment.cost_to_serve()
    if cost is not None and cost.source:
        for row in cost.segments:
            lines.append(f"  segment '{one_line(row.segment.name)}': revenue {_number(row.revenue)}, cost to serve "
                         f"{_number(row.cost)}, margin {_number(row.margin)}")
    return lines


def _number(value) -> str:
    return f"{value:,.0f}" if isinstance(value, (int, float)) and value == value and abs(value) != float("inf") \
        else str(value)
