"""Dialogs: the base every dialog shares (it closes once), a question with a few answers, and a file name
to save as."""

from __future__ import annotations

import os

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from bizop_tui.tui.text import line, lines
from bizop_tui.tui.widgets.key_bar import KeyBar
from bizop_tui.tui.widgets.safe_input import SafeInput


class Dialog(ModalScreen):
    """A screen over the main screen that gives back one result."""

    def close(self, result=None) -> None:
        """Dismiss with `result`, once: a second Enter or answer key in the same burst must not close
        the screen below (its keys go on to the screen on top, see typeahead.py)."""
        if self.app.screen is self:
            self.dismiss(result)


class Choice(Dialog):
    """A question with a few answers, each a button with its key; Escape answers None."""

    BINDINGS = [
        Binding("escape", "answer_none", "cancel", id="cancel", tooltip="Close the question without answering"),
        Binding("left", "app.focus_previous", "", show=False),
        Binding("right", "app.focus_next", "", show=False),
    ]

    def __init__(self, question: Content | str, choices: list[tuple[str, str, str]]) -> None:
        """`choices` are (answer, button label, key); a str question is user text, shown literally."""
        super().__init__()
        self.question = question if isinstance(question, Content) else lines(question)
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                for i, (answer, label, key) in enumerate(self.choices):
                    yield Button(f"{label} ({key})", id=f"choice-{answer}", variant="primary" if i == 0 else "default",
                                 compact=True)
        yield KeyBar(classes="key-bar")

    def on_mount(self) -> None:
        self.set_focus(self.query(Button).first())

    def on_key(self, event) -> None:
        if self.app.screen is not self:
            return  # typed after the question was answered: for the screen on top now
        for answer, _label, key in self.choices:
            if event.key == key:
                event.stop()
                self.close(answer)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.close((event.button.id or "").removeprefix("choice-"))

    def action_answer_none(self) -> None:
        self.close(None)


class SaveAs(Dialog):
    """Ask for a path to save to; an existing file needs a second Enter to overwrite."""

    BINDINGS = [Binding("escape", "answer_none", "cancel", id="cancel", tooltip="Close without saving")]

    def __init__(self, suggestion: str) -> None:
        super().__init__()
        self.suggestion = suggestion
        self._confirm_overwrite: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled("Save the model as (a path on this machine):", "bold"))
            yield SaveInput(self.suggestion, id="save-path")
            yield Static("", id="save-message")
        yield KeyBar(classes="key-bar")

    def submit(self, value: str) -> None:
        path = os.path.expanduser(value.strip())
        message = self.query_one("#save-message", Static)
        if not path:
            message.update(Content.styled("Type a file name.", "$error"))
            return
        if os.path.isdir(path):
            message.update(line(f"{path} is a folder; add a file name.", "$error"))
            return
        if os.path.exists(path) and self._confirm_overwrite != path:
            self._confirm_overwrite = path
            message.update(line(f"{path} exists. Enter again to overwrite it.", "$warning"))
            return
        self.close(path)

    def action_answer_none(self) -> None:
        self.close(None)


class SaveInput(SafeInput):
    BINDINGS = [Binding("enter", "submit", "save", id="accept", tooltip="Save under this name")]

    def action_submit(self) -> None:
        self.screen.submit(self.value)  # at once: keys typed after Enter go to the screen on top
