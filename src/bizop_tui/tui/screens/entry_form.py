"""The form to add or edit an entry, with the fields the schema gives its block (links are the picker's):
it starts on the name, and for a new entry the id follows the name until the person changes it."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.content import Content
from textual.widgets import Input

from bizop_tui.model.entities import Entry
from bizop_tui.model.vocabulary import ID, IDS, Block, Field, fields_of
from bizop_tui.session import Session
from bizop_tui.tui.screens.field_form import FieldForm
from bizop_tui.tui.text import line


def form_fields(block: Block) -> list[Field]:
    """The block's fields a form edits: the name first, then the id, then the rest in schema order."""
    editable = [f for f in fields_of(block) if f.key == "id" or f.kind not in (ID, IDS)]
    return sorted(editable, key=lambda f: {"name": 0, "id": 1}.get(f.key, 2))


def entry_values(entry: Entry) -> dict[str, Any]:
    return {f.key: getattr(entry, f.key) for f in form_fields(entry.block)}


class EntryForm(FieldForm):
    """Returns a FormResult with the changed fields, or None when cancelled."""

    def __init__(self, session: Session, block: Block, entry: Entry | None = None) -> None:
        super().__init__(form_fields(block), entry_values(entry) if entry else {})
        self.session = session
        self.block = block
        self.entry_id = entry.id if entry else None
        self.entry_name = entry.name if entry else ""
        self._derived = ""  # the id last derived from the name; the id follows the name while it equals this

    def heading(self) -> Content:
        noun = self.block.noun
        if self.entry_id is None:
            return Content.styled(f"New {noun}", "bold")
        return Content.assemble(Content.styled(f"Edit {noun}: ", "bold"), line(self.entry_name, "bold", limit=50))

    def label(self, field: Field) -> str:
        return "Id (from the name)" if field.key == "id" and self.entry_id is None else field.label

    def editor(self, field: Field):
        widget = super().editor(field)
        if field.key == "id":
            widget.tooltip = ("Derived from the name unless you change it" if self.entry_id is None
                              else "Renaming it renames every link to it")
            if self.entry_id is None:
                widget.placeholder = "derived from the name unless you change it"
        return widget

    @on(Input.Changed, "#name")
    def name_changed(self, event: Input.Changed) -> None:
        if self.entry_id is None:
            self._follow_name(event.value)

    def _follow_name(self, name: str) -> None:
        id_input = self.query_one("#id", Input)
        if id_input.value == self._derived:  # not touched by the person: it follows the name
            self._derived = self.session.document.new_id(self.block, name) if name.strip() else ""
            id_input.value = self._derived

    def changed_fields(self) -> dict[str, Any]:
        if self.entry_id is None:  # keys may still be queued behind the Enter that accepts
            self._follow_name(self.query_one("#name", Input).value)
        fields = super().changed_fields()
        if self.entry_id is None and fields.get("status") == "active":
            del fields["status"]  # the default: not written
        return fields

    def problem(self, fields: dict[str, Any]) -> str | None:
        if self.entry_id is not None and self.entry_id not in self.session.model.by_id:
            return "This entry is no longer in the file (it changed on disk); Escape closes the form."
        return self.session.document.validate(self.block, fields, editing=self.entry_id)
