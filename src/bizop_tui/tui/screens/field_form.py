"""What the entry form and the settings form share: one row per schema field (label and editor), values
shown as the person will read them, and on accept only the fields whose text the person changed,
read back into TOML values. Untouched values are never stripped, split or rewritten."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from bizop_tui.model.vocabulary import DATE, INT_MAX, INT_MIN, NUMBER, STATUS, STATUSES, STRINGS, TEXT, Field
from bizop_tui.tui.screens.dialogs import Dialog
from bizop_tui.tui.text import line
from bizop_tui.tui.widgets.key_bar import KeyBar
from bizop_tui.tui.widgets.safe_input import SafeInput
from bizop_tui.tui.widgets.safe_text_area import SafeTextArea


class FormInput(SafeInput):
    """A one-line field of a form: Enter accepts the form."""

    BINDINGS = [Binding("enter", "submit", "accept", id="accept", tooltip="Accept the form")]

    def action_submit(self) -> None:
        self.screen.action_accept()  # at once: keys typed after Enter go to the screen on top


@dataclass(frozen=True, slots=True)
class FormResult:
    fields: dict[str, Any]  # the changed fields, None for one to remove
    save: bool = False  # ctrl+s: save the file afterwards


def shown_value(field: Field, value: Any) -> str:
    """A stored value as the text a form shows for it."""
    if value is None:
        return ""
    if field.kind == STRINGS:
        return ", ".join(value) if isinstance(value, (list, tuple)) else str(value)
    if field.kind == NUMBER and isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value)


def read_value(field: Field, text: str) -> Any:
    """The TOML value for what the person typed (None: remove the key); ValueError says what is wrong."""
    if field.kind == STRINGS:
        items = [item.strip() for item in text.split(",")]
        return [item for item in items if item] or None
    if field.kind == TEXT:
        return text or None
    stripped = text.strip()
    if not stripped:
        return None
    if field.kind == DATE:
        try:
            return dt.date.fromisoformat(stripped)
        except ValueError:
            raise ValueError(f"{field.label} must be a date written YYYY-MM-DD, such as 2026-01-31.") from None
    if field.kind == NUMBER:
        return read_number(field, stripped)
    return stripped


def read_number(field: Field, text: str) -> int | float:
    plain = re.sub(r"[,_\s]", "", text)
    if re.fullmatch(r"[+-]?\d+", plain):
        number: int | float = int(plain)
        if not INT_MIN <= number <= INT_MAX:
            raise ValueError(f"{field.label} is too large for a TOML file (at most {INT_MAX:,}).")
    else:
        try:
            number = float(plain)
        except ValueError:
            raise ValueError(f"{field.label} must be a number, such as 120000.") from None
        if not math.isfinite(number):
            raise ValueError(f"{field.label} must be a finite number.")
    if field.key.endswith("_days") and (not isinstance(number, int) or number < 1):
        raise ValueError(f"{field.label} must be a whole number of days, 1 or more.")
    return number


class FieldForm(Dialog):
    """A form over some schema fields; subclasses say which fields, their values and what a result means."""

    BINDINGS = [
        Binding("escape", "cancel", "cancel", id="cancel", tooltip="Close the form without changing anything"),
        Binding("ctrl+s", "accept(True)", "accept and save", id="accept_and_save",
                tooltip="Accept the form and save the file"),
        Binding("tab", "app.focus_next", "next field", show=True, id="next_field", tooltip="Move to the next field"),
    ]
    NOTE_HEIGHT = 3
    MAX_FIELD_ROWS = 16
    # Rows around the fields: the heading (two until it is laid out), the gap and the buttons, the border,
    # the margin below the form and the key bar.
    FRAME_ROWS = 6

    def __init__(self, fields: list[Field], values: dict[str, Any]) -> None:
        super().__init__()
        self.fields = fields
        self.values = values  # as stored: the form compares against what it showed for them
        self.initial: dict[str, Any] = {}

    # -- what subclasses say ------------------------------------------------------------------------

    def heading(self) -> Content:
        raise NotImplementedError

    def label(self, field: Field) -> str:
        return field.label

    def problem(self, fields: dict[str, Any]) -> str | None:
        """Why these fields cannot be written (checked before the form closes), or None."""
        return None

    # -- layout -------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(self.heading(), classes="form-title")
            yield Static("", id="form-error", classes="form-error")  # above the fields, so a refusal is seen on any terminal
            width = max(len(self.label(field)) for field in self.fields) + 1
            with VerticalScroll(classes="form-fields", can_focus=False):
                for field in self.fields:
                    with Horizontal(classes="form-row"):
                        label = Label(self.label(field), classes="form-label")
                        label.styles.width = width
                        yield label
                        yield self.editor(field)
            with Horizontal(classes="form-buttons"):
                yield Button("Accept", variant="primary", id="accept", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield KeyBar(classes="key-bar")

    def editor(self, field: Field) -> Widget:
        value = self.values.get(field.key)
        if field.kind == STATUS:
            options = [(f"{status}: {meaning}", status) for status, meaning in STATUSES.items()]
            return Select(options, value=value if value in STATUSES else next(iter(STATUSES)), allow_blank=False,
                          compact=True, id=field.key)
        if field.kind == TEXT:
            area = SafeTextArea(value or "", id=field.key, soft_wrap=True, tab_behavior="focus")
            area.styles.height = self.NOTE_HEIGHT
            return area
        return FormInput(shown_value(field, value), id=field.key, placeholder=field.summary)

    def on_mount(self) -> None:
        self.initial = {field.key: self.current(field) for field in self.fields}
        self.fit_fields()  # before the first frame
        self.set_focus(self.query_one(f"#{self.fields[0].key}"))

    def on_resize(self) -> None:
        self.fit_fields()

    def fit_fields(self) -> None:
        """Give the fields the rows the terminal leaves them (they scroll there), so the buttons are always
        in sight: at 100x16 the settings form used to push them off the screen."""
        above = sum(widget.outer_size.height for widget in self.query(".form-title, .form-error")) or 2
        room = self.app.size.height - above - self.FRAME_ROWS
        rows = sum(self.NOTE_HEIGHT if field.kind == TEXT else 1 for field in self.fields)
        self.query_one(".form-fields").styles.max_height = max(2, min(room, rows, self.MAX_FIELD_ROWS))

    def current(self, field: Field) -> Any:
        widget = self.query_one(f"#{field.key}")
        if isinstance(widget, Select):
            return widget.value
        if isinstance(widget, TextArea):
            return widget.text
        assert isinstance(widget, Input)
        return widget.value

    # -- accepting ----------------------------------------------------------------------------------

    def changed_fields(self) -> dict[str, Any]:
        """The fields whose editor differs from what the form opened with, as TOML values."""
        changed = {}
        for field in self.fields:
            now = self.current(field)
            if now != self.initial[field.key]:
                changed[field.key] = now if field.kind == STATUS else read_value(field, now)
        return changed

    @on(Button.Pressed, "#accept")
    def _accept_pressed(self) -> None:
        self.action_accept()

    def action_accept(self, save: bool = False) -> None:
        try:
            fields = self.changed_fields()
        except ValueError as error:
            self.show_problem(str(error))
            return
        problem = self.problem(fields)
        if problem:
            self.show_problem(problem)
            return
        self.close(FormResult(fields, save))

    def show_problem(self, message: str) -> None:
        error = self.query_one(".form-error", Static)
        error.update(line(message, "bold $error"))
        error.add_class("-shown")
        self.call_after_refresh(self.fit_fields)  # the message takes rows from the fields

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.close(None)
