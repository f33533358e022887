"""The model's own settings ([model]: name, description, archetype, currency, reviewed, review cadences,
disabled rules) in a form driven by the schema's MODEL_FIELDS."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from bizop_tui.model.vocabulary import MODEL_FIELDS
from bizop_tui.session import Session
from bizop_tui.tui.screens.field_form import FieldForm


class SettingsForm(FieldForm):
    """Returns a FormResult with the changed settings, or None when cancelled."""

    def __init__(self, session: Session) -> None:
        settings = session.model.settings
        super().__init__(list(MODEL_FIELDS), {f.key: settings.get(f.key) for f in MODEL_FIELDS})

    def heading(self) -> Content:
        return Content.styled("The model's settings", "bold")

    def changed_fields(self) -> dict[str, Any]:
        fields = super().changed_fields()
        archetypes = fields.get("archetype")
        if isinstance(archetypes, list) and len(archetypes) == 1:
            fields["archetype"] = archetypes[0]  # one archetype is written as a name, as in the samples
        return fields

    def problem(self, fields: dict[str, Any]) -> str | None:
        if "name" in fields and not fields["name"]:
            return "The model needs a name."
        return None
