"""The form to add or edit an entry: starts on the name, derives the id, Enter accepts, Escape cancels."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from bizop_tui.model.document import Document
from bizop_tui.model.entities import Entry
from bizop_tui.model.vocabulary import AMOUNT_BLOCKS, OPERATING, Block
from bizop_tui.tui.text import plain


def _number(text: str) -> float | None:
    text = text.strip().replace(",", "").replace("_", "")
    return float(text) if text else None


class EntryForm(ModalScreen[dict[str, Any] | None]):
    """Returns the fields to write (None values remove a key), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True)]

    def __init__(self, document: Document, block: Block, entry: Entry | None = None) -> None:
        super().__init__()
        self.document = document
        self.block = block
        self.entry = entry
        self._id_touched = entry is not None
        self._setting_id = False

    def compose(self) -> ComposeResult:
        entry = self.entry
        title = Text(f"{'Edit' if entry else 'Add'} {self.block.title.lower()} entry: ", style="bold", end="")
        if entry:
            title.append_text(plain(entry.name, limit=40))
        with Vertical(id="form"):
            yield Static(title, id="form-title")
            yield Static("", id="form-error")  # above the fields, so a refusal is seen on any terminal
            with VerticalScroll(id="form-fields"):
                yield Label("Name")
                yield Input(entry.name if entry else "", id="name", placeholder="What it is, in a few words")
                yield Label("Id (derived from the name unless you change it)")
                yield Input(entry.id if entry else "", id="id")
                yield Label("Tags (comma-separated)")
                yield Input(", ".join(entry.tags) if entry else "", id="tags")
                if self.block.key in AMOUNT_BLOCKS:
                    yield Label("Amount per year")
                    yield Input(_fmt(entry.amount if entry else None), id="amount", placeholder="e.g. 120000")
                if self.block.side == OPERATING:
                    yield Label("Cost per year")
                    yield Input(_fmt(entry.cost if entry else None), id="cost", placeholder="e.g. 40000")
                yield Label("Reviewed (YYYY-MM-DD)")
                yield Input(str(entry.reviewed) if entry and entry.reviewed else "", id="reviewed",
                            placeholder=f"e.g. {dt.date.today()}")
                yield Label("Notes (multi-line; Tab leaves the box)")
                yield TextArea(entry.notes if entry else "", id="notes", soft_wrap=True, tab_behavior="focus")
            with Horizontal(id="form-buttons"):
                yield Button("Save entry", variant="primary", id="accept")
                yield Button("Cancel", id="cancel")
            yield Static(Text("Enter accepts · Escape cancels · links: key l after saving", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Changed, "#name")
    def derive_id(self, event: Input.Changed) -> None:
        if self._id_touched:
            return
        self._setting_id = True
        self.query_one("#id", Input).value = self.document.new_id(self.block, event.value)

    @on(Input.Changed, "#id")
    def id_edited(self, event: Input.Changed) -> None:
        if self._setting_id:
            self._setting_id = False
        elif self.entry is None:
            self._id_touched = True

    @on(Input.Submitted)
    @on(Button.Pressed, "#accept")
    def accept(self) -> None:
        fields, problem = self.read_fields()
        if problem is None:
            problem = self.document.validate(self.block, fields, editing=self.entry.id if self.entry else None)
        if problem:
            self.query_one("#form-error", Static).update(plain(problem, "bold red"))
            return
        self.dismiss(fields)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def read_fields(self) -> tuple[dict[str, Any], str | None]:
        value = lambda key: self.query_one(f"#{key}", Input).value  # noqa: E731
        fields: dict[str, Any] = {"name": value("name").strip(), "id": value("id").strip()}
        tags = [t.strip() for t in value("tags").split(",") if t.strip()]
        fields["tags"] = tags or None
        for key in ("amount", "cost"):
            if self.query(f"#{key}"):
                try:
                    fields[key] = _number(value(key))
                except ValueError:
                    return fields, f"The {key} must be a number, such as 120000."
        reviewed = value("reviewed").strip()
        try:
            fields["reviewed"] = dt.date.fromisoformat(reviewed) if reviewed else None
        except ValueError:
            return fields, "Reviewed must be a date written YYYY-MM-DD."
        fields["notes"] = self.query_one("#notes", TextArea).text or None
        if self.entry is not None:
            fields = {k: v for k, v in fields.items() if v != _current(self.entry, k)}
        return fields, None


def _current(entry: Entry, key: str) -> Any:
    value = getattr(entry, key)
    if key == "tags":
        return list(value) or None
    return value if value not in ("", ()) else None


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)
