"""`bizop diff`: two versions of a model compared, as text (80 columns, safe for any user text),
Markdown (for a pull request) and JSON (stable keys, docs/diff.md); and `--roadmap`, the way from the
current version to the target.

User text always goes through one_line / visible_text (text), cell (Markdown) or dumps (JSON).
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len, chop_cells
from rich.text import Text

from bizop_tui import __version__
from bizop_tui.alignment.compare import ScoreChange
from bizop_tui.alignment.diff import ModelDiff, SegmentChange
from bizop_tui.alignment.roadmap import BUILD, CHANGE, RETIRE, Roadmap, Step
from bizop_tui.model.changes import EntryChange, FieldChange, LinkChange
from bizop_tui.model.entities import Entry, Finding, Model
from bizop_tui.model.text import one_line, visible_text
from bizop_tui.model.vocabulary import ACTIVE, BUSINESS_BLOCKS, OPERATING_DIMENSIONS
from bizop_tui.report.json_export import dumps
from bizop_tui.report.markdown import cell
from bizop_tui.report.summary import counts_line, plural
from bizop_tui.report.terminal import SEVERITY_MARK, SEVERITY_STYLE, score_style

ROADMAP_ORDER = OPERATING_DIMENSIONS + BUSINESS_BLOCKS  # what the operation must build first, then the canvas
KIND_MARK = {BUILD: "+", CHANGE: "~", RETIRE: "-"}
KIND_WORD = {BUILD: "build", CHANGE: "change", RETIRE: "retire"}
VALUE_LIMIT = 40  # characters of a changed value shown in text and Markdown (JSON has it all)


@dataclass(frozen=True, slots=True)
class Versions:
    """How to name the two versions, and whether their files are byte for byte the same."""

    old: str
    new: str
    identical: bool = False


# -- shared wording --------------------------------------------------------------------------------


def score_change_text(change: ScoreChange) -> str:
    """'83 -> 80 (-3)', '83 (unchanged)', '- -> 72' (a dash: not enough to judge)."""
    if change.before == change.after:
        return f"{_score(change.before)} (unchanged)"
    delta = f" ({change.delta:+d})" if change.delta is not None else ""
    return f"{_score(change.before)} -> {_score(change.after)}{delta}"


def _score(value: int | None) -> str:
    return "-" if value is None else str(value)


def number_text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def _signed(value: float) -> str:
    return ("+" if value > 0 else "") + number_text(value) if value else "0"


class _Namer:
    """Names entries by id for a report: the name in the new version, else in the old one, made safe
    by `quote` (one_line for text, cell for Markdown)."""

    def __init__(self, old: Model, new: Model, quote: Callable[[str], str]) -> None:
        self.old, self.new, self.quote = old, new, quote

    def __call__(self, entry_id: str) -> str:
        entry = self.new.by_id.get(entry_id) or self.old.by_id.get(entry_id)
        if entry is None:
            return f"{self.quote(one_line(entry_id))} (no entry has this id)"
        return f"'{self.quote(one_line(entry.name))}'"


def value_text(key: str, value: Any, quote: Callable[[str], str]) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number_text(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(value_text(key, v, quote) for v in value) + "]"
    if isinstance(value, str):
        return f"'{quote(one_line(value, VALUE_LIMIT))}'"
    return quote(one_line(str(value), VALUE_LIMIT))


def change_details(change: EntryChange, namer: _Namer, quote: Callable[[str], str]) -> list[str]:
    """What differs in one entry, a short line each: rename, move, status, links, then other fields."""
    details = []
    if change.renamed:
        details.append(f"renamed from '{quote(one_line(change.before.name))}'")
    if change.moved:
        details.append(f"moved from {change.before.block.title} ({change.before.side})")
    if change.status_changed:
        details.append(f"status {change.before.status} -> {change.after.status}")
    for link in change.links:
        details += link_lines(link, namer)
    for f in change.fields:
        details.append(field_text(f, quote))
    return details


def link_lines(link: LinkChange, namer: _Namer) -> list[str]:
    """'supports + 'A', 'B'' and 'supports - 'C'': what a link gained, then what it lost."""
    if link.kind == "owner":
        was = namer(link.removed[0]) if link.removed else "(none)"
        now = namer(link.added[0]) if link.added else "(none)"
        return [f"owner {was} -> {now}"]
    lines = [f"{link.kind} {sign} " + ", ".join(namer(i) for i in ids)
             for sign, ids in (("+", link.added), ("-", link.removed)) if ids]
    return lines or [f"{link.kind} reordered"]


def field_text(change: FieldChange, quote: Callable[[str], str]) -> str:
    key = change.key
    if key == "notes":
        return "notes " + ("added" if change.before is None else "removed" if change.after is None else "changed")
    if key == "tags":
        was, now = change.before or (), change.after or ()
        parts = [f"+ {quote(one_line(t))}" for t in now if t not in was]
        parts += [f"- {quote(one_line(t))}" for t in was if t not in now]
        return "tags " + (", ".join(parts) if parts else "reordered")
    text = f"{value_text(key, change.before, quote)} -> {value_text(key, change.after, quote)}"
    if isinstance(change.before, (int, float)) and isinstance(change.after, (int, float)) \
            and not isinstance(change.before, bool) and not isinstance(change.after, bool):
        text += f" ({_signed(change.after - change.before)})"
    return f"{quote(one_line(key))} {text}"


def entry_label(entry: Entry, quote: Callable[[str], str]) -> str:
    status = "" if entry.status == ACTIVE else f", {entry.status}"
    return f"'{quote(one_line(entry.name))}' ({quote(one_line(entry.id))}{status})"


def _findings_line(diff: ModelDiff) -> str:
    c = diff.comparison
    parts = [f"{len(c.resolved)} resolved", f"{len(c.new)} new"]
    if c.changed:
        parts.append(f"{len(c.changed)} changed")
    return f"Findings: {', '.join(parts)}; now {counts_line(diff.after)}"


def _entries_line(diff: ModelDiff) -> str:
    ch = diff.changes
    return f"Entries: {len(ch.added)} added, {len(ch.removed)} removed, {len(ch.changed)} changed"


def _title(diff: ModelDiff) -> str:
    old, new = diff.old.name, diff.new.name
    return one_line(new) if old == new else f"{one_line(old)} -> {one_line(new)}"


def _same_text(versions: Versions) -> str:
    if versions.identical:
        return "No differences: the two files are identical."
    return "No differences in the model: the files differ only in comments, layout, line endings or order."


# -- text --------------------------------------------------------------------------------------------


class _Page:
    """The text report as one Rich Text, wrapped here line by line: one Text of many lines prints
    many times faster than thousands of Text objects (a diff of two large models has tens of
    thousands of lines), and the wrapping keeps each continuation under its indent."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.text = Text(no_wrap=True, overflow="ignore", end="")

    def blank(self) -> None:
        self.text.append("\n")

    def line(self, text: str, indent: int = 0, style: str = "", hang: int = 2) -> None:
        for row in _wrap(text, self.width - indent, hang):
            self.text.append(" " * indent)
            self.text.append(row, style=style)
            self.text.append("\n")

    def pieces(self, *pieces: tuple[str, str], indent: int = 0) -> None:
        """One line of differently styled pieces; wrapped as plain text in the first style if too long."""
        whole = "".join(p for p, _ in pieces)
        if cell_len(whole) + indent > self.width:
            self.line(whole, indent, pieces[0][1])
            return
        self.text.append(" " * indent)
        for piece, style in pieces:
            self.text.append(piece, style=style)
        self.text.append("\n")


def _wrap(text: str, width: int, hang: int) -> list[str]:
    """`text` in lines of at most `width` cells, continuations indented by `hang`."""
    width = max(width, 20)
    if cell_len(text) <= width:
        return [text]
    if cell_len(text) == len(text):  # a character is a cell: textwrap measures it right, and fast
        return textwrap.wrap(text, width, subsequent_indent=" " * hang, break_on_hyphens=False) or [""]
    rows, current = [], ""
    for word in text.split(" "):
        limit = width - (hang if rows else 0)
        candidate = f"{current} {word}" if current else word
        if cell_len(candidate) <= limit:
            current = candidate
            continue
        if current:
            rows.append(current)
        while cell_len(word) > width - hang:
            head = chop_cells(word, width - hang)[0]
            rows.append(head)
            word = word[len(head):]
        current = word
    rows.append(current)
    return [rows[0]] + [" " * hang + r for r in rows[1:]]


def render_diff_text(diff: ModelDiff, versions: Versions, width: int = 80) -> Text:
    page = _Page(width)
    page.pieces(("bizop diff: ", "bold"), (_title(diff), "bold"))
    page.line(f"old  {one_line(versions.old)}", 2, "dim", 5)
    page.line(f"new  {one_line(versions.new)}", 2, "dim", 5)
    page.blank()
    if diff.same:
        page.line(_same_text(versions))
        page.line(f"Alignment {_score(diff.comparison.score.after)}; {counts_line(diff.after)}.")
        return page.text
    _scores_text(page, diff)
    _findings_text(page, diff)
    _entries_text(page, diff)
    _settings_text(page, diff)
    _money_text(page, diff)
    return page.text


def _scores_text(page: _Page, diff: ModelDiff) -> None:
    score = diff.comparison.score
    page.pieces(("Alignment ", "bold"), (score_change_text(score), f"bold {score_style(score.after)}"))
    for verdict, which in ((diff.before.verdict, "old"), (diff.after.verdict, "new")):
        if verdict:
            page.line(f"{which}: {verdict[:1].upper()}{verdict[1:]}.", 2, "dim")
    for sub in diff.comparison.scores[1:]:
        page.pieces((f"{sub.title:<20}", ""),
                    (score_change_text(sub), "" if sub.before == sub.after else score_style(sub.after)), indent=2)
    page.line(_findings_line(diff))


def _findings_text(page: _Page, diff: ModelDiff) -> None:
    c = diff.comparison
    currency = one_line(diff.new.currency)
    for title, mark, findings, lines, money in (("Resolved", "-", c.resolved, False, one_line(diff.old.currency)),
                                                ("New", "+", c.new, True, currency)):
        if findings:
            page.blank()
            page.line(f"{title} ({len(findings)})", 0, "bold")
            for f in findings:
                _finding_text(page, mark, f, lines, money)
    if c.changed:
        page.blank()
        page.line(f"Changed ({len(c.changed)})", 0, "bold")
        for was, now in c.changed:
            _finding_text(page, "~", now, True, currency, was)


def _finding_text(page: _Page, mark: str, f: Finding, lines: bool, currency: str, was: Finding | None = None) -> None:
    style = SEVERITY_STYLE[f.severity]
    pieces = [(f"{mark} ", ""), (f"{SEVERITY_MARK[f.severity]} {f.rule}", style)]
    if was is not None and was.severity != f.severity:
        pieces.append((f"  {was.severity} -> {f.severity}", style))
    if lines and f.line:
        pieces.append((f"  line {f.line}", "dim"))
    if f.at_stake:
        pieces.append((f"  at stake {number_text(round(f.at_stake))} {currency}".rstrip(), "bold"))
    page.pieces(*pieces, indent=2)
    if was is not None and was.message != f.message:
        page.line(f"was: {visible_text(was.message)}", 6, "dim", 5)
        page.line(f"now: {visible_text(f.message)}", 6, "", 5)
    else:
        page.line(visible_text(f.message), 6, hang=0)


def _entries_text(page: _Page, diff: ModelDiff) -> None:
    changes = diff.changes
    if not (changes.added or changes.removed or changes.changed):
        return
    namer = _Namer(diff.old, diff.new, one_line)
    page.blank()
    page.line(_entries_line(diff), 0, "bold")
    for block, added, changed, removed in changes.by_block():
        page.line(f"{block.title} ({block.side})", 1, "bold")
        for entry in added:
            page.line(f"+ {entry_label(entry, one_line)}", 2, "green")
        for change in changed:
            page.line(f"~ {entry_label(change.after, one_line)}", 2, "yellow")
            for detail in change_details(change, namer, one_line):
                page.line(detail, 6)
        for entry in removed:
            page.line(f"- {entry_label(entry, one_line)}", 2, "red")


def _settings_text(page: _Page, diff: ModelDiff) -> None:
    if not diff.changes.settings:
        return
    page.blank()
    page.line("Model settings ([model])", 0, "bold")
    for change in diff.changes.settings:
        page.line(field_text(change, one_line), 2)


def _money_rows(diff: ModelDiff) -> list[tuple[str, Any, Any]]:
    m = diff.money
    return [(label, getattr(m.before, key), getattr(m.after, key))
            for label, key in (("Revenue", "revenue"), ("Cost structure", "cost_structure"),
                               ("Operating costs", "operating_costs"))
            if getattr(m.before, key) is not None or getattr(m.after, key) is not None]


def _comparable(diff: ModelDiff) -> bool:
    """Amounts in two currencies are not compared (the currency changed, or one version names none)."""
    old, new = diff.money.currency
    return old == new


def _currency_title(diff: ModelDiff, quote: Callable[[str], str]) -> str:
    old, new = diff.money.currency
    if old == new:
        return f"{quote(new) or 'amounts'} a year"
    return (f"{quote(old) or 'no currency'} -> {quote(new) or 'no currency'} a year: the currency changed, so "
            "amounts are not compared")


def _money_cell(value: Any) -> str:
    return "-" if value is None else number_text(value)


def _money_change(before: Any, after: Any) -> str:
    if before is None or after is None:
        return ""
    return "unchanged" if before == after else _signed(after - before)


def _money_text(page: _Page, diff: ModelDiff) -> None:
    m = diff.money
    if not m.known:
        return
    same = _comparable(diff)
    totals = _money_rows(diff)
    moved = [row for row in m.segments if _segment_moved(row)]
    segments = [(row, [v for v in _segment_values(row) if v[1] != v[2]]) for row in moved]
    cells = [_money_cell(v) for _, b, a in totals for v in (b, a)]
    cells += [_money_cell(v) for _, values in segments for _, b, a in values for v in (b, a)]
    w = max([16, *(len(c) for c in cells)])  # the columns widen for very large amounts

    def row(indent: str, label: str, width: int, before, after) -> str:
        change = _money_change(before, after) if same else ""
        return f"{indent}{label:<{width}}{_money_cell(before):>{w}}  {_money_cell(after):>{w}}  {change}".rstrip()

    page.blank()
    page.line(f"Money ({_currency_title(diff, one_line)})", 0, "bold")
    page.line(f"  {'':<18}{'before':>{w}}  {'after':>{w}}  {'change' if same else ''}".rstrip(), 0, "dim")
    for label, before, after in totals:
        page.line(row("  ", label, 18, before, after))
    if m.allocated[0] or m.allocated[1]:
        what = m.allocated[1] or m.allocated[0]
        page.line(f"Cost to serve by segment ({what} allocated along the links): "
                  f"{_segments_changed(moved)}", 2, "bold")
        for segment, values in segments:
            page.line(_segment_name(segment), 4)
            for label, before, after in values:
                page.line(row("      ", label, 14, before, after))


def _segments_changed(rows: list[SegmentChange]) -> str:
    return "no segment's figures changed" if not rows else f"{plural(len(rows), 'segment')} changed"


def _segment_name(row: SegmentChange) -> str:
    where = "" if row.before and row.after else " (new segment)" if row.after else " (segment removed)"
    return f"'{one_line(row.segment.name)}' ({one_line(row.segment.id)}){where}"


def _segment_values(row: SegmentChange):
    def get(money, key):
        return None if money is None else round(getattr(money, key))

    return [(label, get(row.before, key), get(row.after, key))
            for label, key in (("revenue", "revenue"), ("cost to serve", "cost"), ("margin", "margin"))]


def _segment_moved(row: SegmentChange) -> bool:
    return any(before != after for _, before, after in _segment_values(row))


# -- Markdown ----------------------------------------------------------------------------------------


def render_diff_markdown(diff: ModelDiff, versions: Versions) -> str:
    name = cell(diff.new.name) if diff.old.name == diff.new.name else f"{cell(diff.old.name)} → {cell(diff.new.name)}"
    lines = [f"## bizop diff: {name}", "", f"{cell(versions.old)} → {cell(versions.new)}", ""]
    c = diff.comparison
    if diff.same:
        return "\n".join(lines + [_same_text(versions), ""])
    score = c.score
    lines += [f"**Alignment: {_md_change(score)}** — findings: {len(c.resolved)} resolved, {len(c.new)} new"
              + (f", {len(c.changed)} changed" if c.changed else "") + f"; now {counts_line(diff.after)}.", ""]
    for verdict, which in ((diff.before.verdict, "Old"), (diff.after.verdict, "New")):
        if verdict:
            lines += [f"*{which}: {cell(verdict)}.*", ""]
    lines += ["| Score | Before | After | Change |", "|---|---:|---:|---:|"]
    for sub in c.scores:
        title = f"**{sub.title}**" if sub.key == "score" else sub.title
        change = "" if sub.delta is None else f"{sub.delta:+d}" if sub.delta else "0"
        lines.append(f"| {title} | {_score(sub.before)} | {_score(sub.after)} | {change} |")
    currency = cell(diff.new.currency)
    if c.resolved:
        lines += ["", f"### Findings resolved ({len(c.resolved)})", "", "| Severity | Rule | Finding |", "|---|---|---|"]
        lines += [f"| {f.severity} | `{f.rule}` | {cell(f.message)} |" for f in c.resolved]
    if c.new:
        lines += ["", f"### New findings ({len(c.new)})", "", "| Severity | Rule | Line | At stake | Finding |",
                  "|---|---|---:|---:|---|"]
        for f in c.new:
            stake = f"{number_text(round(f.at_stake))} {currency}".strip() if f.at_stake else ""
            lines.append(f"| {f.severity} | `{f.rule}` | {f.line or ''} | {stake} | {cell(f.message)} |")
    if c.changed:
        lines += ["", f"### Findings changed ({len(c.changed)})", "", "| Rule | Before | After |", "|---|---|---|"]
        for was, now in c.changed:
            sev = "" if was.severity == now.severity else f" ({was.severity} → {now.severity})"
            lines.append(f"| `{now.rule}`{sev} | {cell(was.message)} | {cell(now.message)} |")
    lines += _entries_markdown(diff)
    if diff.changes.settings:
        lines += ["", "### Model settings", "", "| Setting | Change |", "|---|---|"]
        lines += [f"| {cell(f.key)} | {_md(field_text(f, cell).removeprefix(cell(f.key) + ' '))} |"
                  for f in diff.changes.settings]
    lines += _money_markdown(diff)
    lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    """A detail built from escaped user text: only the arrows are made typographic."""
    return text.replace(" -> ", " → ")


def _md_change(change: ScoreChange) -> str:
    return _md(score_change_text(change))


def _entries_markdown(diff: ModelDiff) -> list[str]:
    changes = diff.changes
    if not (changes.added or changes.removed or changes.changed):
        return []
    namer = _Namer(diff.old, diff.new, cell)
    lines = ["", f"### Entries ({_entries_line(diff).removeprefix('Entries: ')})", "",
             "| | Entry | Block | What changed |", "|---|---|---|---|"]
    for block, added, changed, removed in changes.by_block():
        for entry in added:
            lines.append(f"| + | {entry_label(entry, cell)} | {block.title} | added |")
        for change in changed:
            details = "<br>".join(_md(d) for d in change_details(change, namer, cell))
            lines.append(f"| ~ | {entry_label(change.after, cell)} | {block.title} | {details} |")
        for entry in removed:
            lines.append(f"| − | {entry_label(entry, cell)} | {block.title} | removed |")
    return lines


def _money_markdown(diff: ModelDiff) -> list[str]:
    m = diff.money
    if not m.known:
        return []
    same = _comparable(diff)
    lines = ["", f"### Money ({_md(_currency_title(diff, cell))})", "", "| | Before | After | Change |",
             "|---|---:|---:|---:|"]
    for label, before, after in _money_rows(diff):
        change = _money_change(before, after) if same else ""
        lines.append(f"| {label} | {_money_cell(before)} | {_money_cell(after)} | {change} |")
    if m.allocated[0] or m.allocated[1]:
        moved = [row for row in m.segments if _segment_moved(row)]
        what = m.allocated[1] or m.allocated[0]
        lines += ["", f"Cost to serve by segment ({what} allocated along the links): "
                      f"{_segments_changed(moved)}.", ""]
        if moved:
            lines += ["| Segment | Revenue | Cost to serve | Margin |", "|---|---:|---:|---:|"]
            for row in moved:
                cells = [_md_money(b, a, same) for _, b, a in _segment_values(row)]
                name = f"{cell(row.segment.name)}" + ("" if row.before and row.after else
                                                      " (new)" if row.after else " (removed)")
                lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def _md_money(before: Any, after: Any, comparable: bool) -> str:
    if before == after:
        return _money_cell(after)
    change = _money_change(before, after) if comparable else ""
    return f"{_money_cell(before)} → {_money_cell(after)}" + (f" ({change})" if change else "")


# -- JSON --------------------------------------------------------------------------------------------


def diff_data(diff: ModelDiff, versions: Versions) -> dict:
    c = diff.comparison
    return {
        "bizop": __version__,
        "old": _version_data(diff.old, versions.old),
        "new": _version_data(diff.new, versions.new),
        "same": diff.same,
        "score": _change_data(c.score),
        "scores": {s.key: {"title": s.title, **_change_data(s)} for s in c.scores[1:]},
        "verdict": {"before": diff.before.verdict or None, "after": diff.after.verdict or None},
        "findings": {
            "resolved": [finding_data(f) for f in c.resolved],
            "new": [finding_data(f) for f in c.new],
            "changed": [{"before": finding_data(a), "after": finding_data(b)} for a, b in c.changed],
            "counts": {"before": diff.before.counts(), "after": diff.after.counts()},
        },
        "entries": {
            "added": [entry_data(e) for e in diff.changes.added],
            "removed": [entry_data(e) for e in diff.changes.removed],
            "changed": [entry_change_data(ch) for ch in diff.changes.changed],
        },
        "settings": {f.key: {"before": _json_value(f.before), "after": _json_value(f.after)}
                     for f in diff.changes.settings},
        "money": _money_data(diff),
    }


def render_diff_json(diff: ModelDiff, versions: Versions) -> str:
    return dumps(diff_data(diff, versions))


def _version_data(model: Model, label: str) -> dict:
    return {"label": label, "name": model.name, "entries": len(model), "currency": model.currency}


def _change_data(change: ScoreChange) -> dict:
    return {"before": change.before, "after": change.after, "change": change.delta}


def finding_data(f: Finding) -> dict:
    return {"rule": f.rule, "severity": f.severity, "key": f.key, "message": f.message, "entries": list(f.entries),
            "line": f.line, "at_stake": f.at_stake, "hint": f.hint}


def entry_data(entry: Entry) -> dict:
    return {"id": entry.id, "name": entry.name, "side": entry.side, "block": entry.block.key, "status": entry.status}


def entry_change_data(change: EntryChange) -> dict:
    return {
        **entry_data(change.after),
        "renamed_from": change.before.name if change.renamed else None,
        "moved_from": change.before.block.key if change.moved else None,
        "status_from": change.before.status if change.status_changed else None,
        "links": {link.kind: {"added": list(link.added), "removed": list(link.removed)} for link in change.links},
        "fields": {f.key: {"before": _json_value(f.before), "after": _json_value(f.after)} for f in change.fields},
    }


def _json_value(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    return value


def _money_data(diff: ModelDiff) -> dict | None:
    m = diff.money
    if not m.known:
        return None

    def pair(before, after):
        return {"before": before, "after": after,
                "change": None if before is None or after is None else after - before}

    return {
        "currency": {"before": m.currency[0], "after": m.currency[1]},
        "revenue": pair(m.before.revenue, m.after.revenue),
        "cost_structure": pair(m.before.cost_structure, m.after.cost_structure),
        "operating_costs": pair(m.before.operating_costs, m.after.operating_costs),
        "allocated": {"before": m.allocated[0] or None, "after": m.allocated[1] or None},
        "segments": [_segment_data(row, pair) for row in m.segments],
    }


def _segment_data(row: SegmentChange, pair) -> dict:
    (_, revenue0, revenue1), (_, cost0, cost1), (_, margin0, margin1) = _segment_values(row)
    return {"id": row.segment.id, "name": row.segment.name, "revenue": pair(revenue0, revenue1),
            "cost_to_serve": pair(cost0, cost1), "margin": pair(margin0, margin1)}


# -- current -> target (--roadmap) -------------------------------------------------------------------


def _steps_by_block(result: Roadmap):
    for block in ROADMAP_ORDER:
        steps = [s for s in result.steps if s.entry.block == block]
        if steps:
            yield block, sorted(steps, key=lambda s: (list(KIND_WORD).index(s.kind),) + _rank(s))


def _rank(step: Step) -> tuple:
    return (-(step.comparison.score.delta or 0), -len(step.fixes), step.entry.index)


def _counts(result: Roadmap) -> str:
    counts = {kind: sum(1 for s in result.steps if s.kind == kind) for kind in KIND_WORD}
    return ", ".join(f"{counts[k]} to {KIND_WORD[k]}" for k in KIND_WORD)


def render_roadmap_diff_text(result: Roadmap, diff: ModelDiff, versions: Versions, width: int = 80) -> Text:
    page = _Page(width)
    page.pieces(("bizop diff --roadmap: ", "bold"), (_title(diff), "bold"))
    page.line(f"current  {one_line(versions.old)}", 2, "dim", 9)
    page.line(f"target   {one_line(versions.new)}", 2, "dim", 9)
    page.blank()
    if not result.steps:
        page.line("Nothing to build, change or retire: the target holds the same entries.")
        return page.text
    score = result.target.score
    page.pieces(("From current to target the alignment goes ", "bold"),
                (score_change_text(score), f"bold {score_style(score.after)}"))
    page.line(f"{_counts(result)}: by operating dimension, then canvas block. Each step is judged alone against "
              "the current model (the target's other new entries counted as planned).")
    namer = _Namer(diff.old, diff.new, one_line)
    for block, steps in _steps_by_block(result):
        page.blank()
        page.line(f"{block.title} ({block.side})", 0, "bold")
        for step in steps:
            page.line(f"{KIND_MARK[step.kind]} {KIND_WORD[step.kind]} {entry_label(step.entry, one_line)}: "
                      f"alignment {score_change_text(step.comparison.score)}", 2)
            if step.change is not None:
                for detail in change_details(step.change, namer, one_line):
                    page.line(detail, 6, "dim")
            for f in step.fixes:
                page.line(f"fixes {f.rule}: {visible_text(f.message)}", 6)
            for f in step.comparison.new:
                page.line(f"brings {f.rule}: {visible_text(f.message)}", 6)
    return page.text


def render_roadmap_diff_markdown(result: Roadmap, diff: ModelDiff, versions: Versions) -> str:
    lines = [f"## Roadmap: {cell(diff.new.name)}", "", f"current {cell(versions.old)} → target {cell(versions.new)}",
             ""]
    if not result.steps:
        return "\n".join(lines + ["Nothing to build, change or retire: the target holds the same entries.", ""])
    lines += [f"From current to target the alignment goes **{_md_change(result.target.score)}**: "
              f"{_counts(result)}. Each step is judged alone against the current model (the target's other new "
              "entries counted as planned).", ""]
    namer = _Namer(diff.old, diff.new, cell)
    for block, steps in _steps_by_block(result):
        lines += [f"### {block.title}", "", "| Step | Entry | Alignment | Fixes | Brings |", "|---|---|---|---|---|"]
        for step in steps:
            what = entry_label(step.entry, cell)
            if step.change is not None:
                what += "<br>" + "<br>".join(_md(d) for d in change_details(step.change, namer, cell))
            fixes = "<br>".join(f"`{f.rule}`: {cell(f.message)}" for f in step.fixes) or "—"
            brings = "<br>".join(f"`{f.rule}`: {cell(f.message)}" for f in step.comparison.new) or "—"
            lines.append(f"| {KIND_WORD[step.kind]} | {what} | {_md_change(step.comparison.score)} | {fixes} | "
                         f"{brings} |")
        lines.append("")
    return "\n".join(lines)


def render_roadmap_diff_json(result: Roadmap, diff: ModelDiff, versions: Versions) -> str:
    target = result.target
    return dumps({
        "bizop": __version__,
        "current": _version_data(diff.old, versions.old),
        "target": _version_data(diff.new, versions.new),
        "score": _change_data(target.score) if target else None,
        "steps": [
            {"kind": s.kind, **entry_data(s.entry),
             "change": entry_change_data(s.change) if s.change is not None else None,
             "score": _change_data(s.comparison.score),
             "fixes": [finding_data(f) for f in s.fixes],
             "brings": [finding_data(f) for f in s.comparison.new]}
            for block, steps in _steps_by_block(result) for s in steps
        ],
    })
