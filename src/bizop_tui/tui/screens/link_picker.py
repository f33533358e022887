"""The link picker: type to filter entries by name or id, Enter toggles, Tab switches the link, Escape closes."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from bizop_tui.model.entities import Entry, Model
from bizop_tui.model.vocabulary import OPERATING, SEGMENT_BLOCKS
from bizop_tui.tui.text import plain

MAX_SHOWN = 300


def link_fields(entry: Entry) -> list[str]:
    fields = ["supports"]
    if entry.block.key in SEGMENT_BLOCKS:
        fields.append("segments")
    if entry.side == OPERATING:
        fields.append("owner")
    return fields


class LinkPicker(ModalScreen[dict[str, object] | None]):
    """Returns the link fields that changed ({"supports": [...], "owner": "id" or None}), or None."""

    BINDINGS = [
        Binding("escape", "close", "Done", show=True),
        Binding("tab", "next_field", "Next link kind", show=True, priority=True),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("pagedown", "move(10)", show=False),
        Binding("pageup", "move(-10)", show=False),
    ]

    def __init__(self, model: Model, entry: Entry, field: str = "supports") -> None:
        super().__init__()
        self.model = model
        self.entry = entry
        self.fields = link_fields(entry)
        self.field = field if field in self.fields else "supports"
        self.values: dict[str, list[str]] = {
            "supports": list(entry.supports),
            "segments": list(entry.segments),
            "owner": [entry.owner] if entry.owner else [],
        }
        self.shown: list[Entry] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(id="picker-title")
            yield Input(placeholder="type to filter by name or id", id="picker-filter")
            yield OptionList(id="picker-list")
            yield Static(Text("Enter toggles · Tab: supports / segments / owner · Escape: done", style="dim"))

    def on_mount(self) -> None:
        self.refresh_list()
        self.query_one(Input).focus()

    def candidates(self) -> list[Entry]:
        entries = self.model.entries()
        if self.field == "segments":
            return self.model.block_entries("customer_segments")
        if self.field == "owner":
            return self.model.block_entries("organisation")
        return [e for e in entries if e.id != self.entry.id and self.model.by_id.get(e.id) is e]

    def refresh_list(self) -> None:
        title = Text("Links of ", style="bold", end="")
        title.append_text(plain(self.entry.name, "bold", limit=40))
        title.append(":  ")
        for name in self.fields:
            title.append(f" {name} ", style="reverse" if name == self.field else "dim")
        self.query_one("#picker-title", Static).update(title)
        needle = self.query_one(Input).value.casefold().strip()
        chosen = set(self.values[self.field])
        matches = [
            e for e in self.candidates()
            if not needle or needle in e.name.casefold() or needle in e.id.casefold()
        ]
        matches.sort(key=lambda e: e.id not in chosen)  # linked entries first
        self.shown = matches[:MAX_SHOWN]
        options = []
        for e in self.shown:
            prompt = Text("☑ " if e.id in chosen else "☐ ", style="bold green" if e.id in chosen else "", end="")
            prompt.append_text(plain(e.name, limit=60))
            prompt.append(f"  {e.block.title.lower()} · ", style="dim")
            prompt.append_text(plain(e.id, "dim"))
            options.append(Option(prompt))
        if len(matches) > MAX_SHOWN:
            options.append(Option(Text(f"… {len(matches) - MAX_SHOWN} more: type to narrow", style="dim"),
                                  disabled=True))
        option_list = self.query_one(OptionList)
        keep = option_list.highlighted
        option_list.clear_options()
        option_list.add_options(options)
        if self.shown:
            option_list.highlighted = min(keep or 0, len(self.shown) - 1)

    @on(Input.Changed)
    def filter_changed(self) -> None:
        self.query_one(OptionList).highlighted = 0
        self.refresh_list()

    @on(Input.Submitted)
    def toggle_highlighted(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None and index < len(self.shown):
            self.toggle(self.shown[index].id)

    @on(OptionList.OptionSelected)
    def option_clicked(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.shown):
            self.toggle(self.shown[event.option_index].id)

    def toggle(self, entry_id: str) -> None:
        values = self.values[self.field]
        if entry_id in values:
            values.remove(entry_id)
        elif self.field == "owner":
            values[:] = [entry_id]
        else:
            values.append(entry_id)
        self.refresh_list()

    def action_move(self, step: int) -> None:
        option_list = self.query_one(OptionList)
        if not self.shown:
            return
        current = option_list.highlighted or 0
        option_list.highlighted = max(0, min(len(self.shown) - 1, current + step))

    def action_next_field(self) -> None:
        self.field = self.fields[(self.fields.index(self.field) + 1) % len(self.fields)]
        self.query_one(OptionList).highlighted = 0
        self.refresh_list()

    def action_close(self) -> None:
        changed: dict[str, object] = {}
        if self.values["supports"] != list(self.entry.supports):
            changed["supports"] = self.values["supports"]
        if "segments" in self.fields and self.values["segments"] != list(self.entry.segments):
            changed["segments"] = self.values["segments"]
        if "owner" in self.fields:
            owner = self.values["owner"][0] if self.values["owner"] else None
            if owner != self.entry.owner:
                changed["owner"] = owner
        self.dismiss(changed or None)
