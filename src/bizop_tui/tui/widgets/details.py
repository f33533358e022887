"""The details area: the selected entry's fields, what it supports and what supports it."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from bizop_tui.alignment import Alignment
from bizop_tui.alignment.rules.costs import money
from bizop_tui.model.entities import Entry, Model
from bizop_tui.tui.text import SEVERITY_MARK, SEVERITY_STYLE, block_text, plain


def _names(model: Model, ids, limit: int = 8) -> Text:
    text = Text(end="")
    shown = list(ids)[:limit]
    for i, entry_id in enumerate(shown):
        if i:
            text.append(", ", style="dim")
        entry = model.by_id.get(entry_id)
        text.append_text(plain(entry.name) if entry else plain(f"{entry_id} (unknown id)", "red"))
    if len(ids) > limit:
        text.append(f", … {len(ids) - limit} more", style="dim")
    if not ids:
        text.append("nothing", style="dim")
    return text


class Details(Static):
    """Plain-text details of one entry (never markup)."""

    def show_entry(self, model: Model, alignment: Alignment | None, entry: Entry | None) -> None:
        if entry is None:
            self.update(Text("Select an entry to see its links. Enter edits, a adds, l edits links.", style="dim"))
            return
        graph = alignment.graph if alignment else None
        text = Text(end="")
        text.append_text(plain(entry.name, "bold"))
        text.append(f"  {entry.block.title}", style="dim")
        text.append("  id ", style="dim")
        text.append_text(plain(entry.id))
        if entry.line:
            text.append(f"  line {entry.line}", style="dim")
        if entry.owner:
            text.append("\nowner: ", style="dim")
            text.append_text(_names(model, [entry.owner]))
        if entry.segments:
            text.append("\nsegments: ", style="dim")
            text.append_text(_names(model, entry.segments))
        text.append("\nsupports: ", style="dim")
        text.append_text(_names(model, entry.supports))
        direct = graph.supported_by(entry.id) if graph else []
        text.append("\nsupported by: ", style="dim")
        text.append_text(_names(model, direct))
        if graph:
            indirect = [i for i in graph.supporters(entry.id) if i not in direct]
            if indirect:
                text.append("\n  and through them: ", style="dim")
                text.append_text(_names(model, indirect, 6))
        extras = []
        if entry.tags:
            extras.append(("tags", ", ".join(entry.tags)))
        if entry.amount is not None:
            extras.append(("amount", money(entry.amount, model.currency)))
        if entry.cost is not None:
            extras.append(("cost", money(entry.cost, model.currency)))
        if entry.reviewed:
            extras.append(("reviewed", str(entry.reviewed)))
        for key, value in extras:
            text.append(f"\n{key}: ", style="dim")
            text.append_text(plain(value))
        if entry.notes:
            text.append("\nnotes: ", style="dim")
            text.append_text(block_text(entry.notes))
        for finding in alignment.findings if alignment else ():
            if entry.id in finding.entries:
                text.append("\n" + SEVERITY_MARK[finding.severity] + " ", style=SEVERITY_STYLE[finding.severity])
                text.append_text(block_text(finding.message))
        self.update(text)
