"""Small dialogs: a choice between a few actions, a file name to save as, and the help screen."""

from __future__ import annotations

import os

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from bizop_tui.tui.text import plain


class Choice(ModalScreen[str | None]):
    """A question with a few answers, each a button with a key; Escape answers None."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, question: Text | str, choices: list[tuple[str, str, str]]) -> None:
        """`choices` are (answer, button label, key)."""
        super().__init__()
        self.question = question if isinstance(question, Text) else plain(question)
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                for i, (answer, label, key) in enumerate(self.choices):
                    yield Button(f"{label} ({key})", id=f"choice-{answer}", variant="primary" if i == 0 else "default")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_key(self, event) -> None:
        for answer, _label, key in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(answer)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class SaveAs(ModalScreen[str | None]):
    """Ask for a path to save to; an existing file needs a second Enter to overwrite."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, suggestion: str) -> None:
        super().__init__()
        self.suggestion = suggestion
        self._confirm_overwrite: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Save the model as (a path on this machine):", style="bold"))
            yield Input(self.suggestion, id="save-path")
            yield Static("", id="save-message")
            yield Static(Text("Enter saves · Escape cancels", style="dim"))

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        path = os.path.expanduser(event.value.strip())
        message = self.query_one("#save-message", Static)
        if not path:
            message.update(plain("Type a file name.", "red"))
            return
        if os.path.isdir(path):
            message.update(plain(f"{path} is a folder; add a file name.", "red"))
            return
        if os.path.exists(path) and self._confirm_overwrite != path:
            self._confirm_overwrite = path
            message.update(plain(f"{path} exists. Enter again to overwrite it.", "yellow"))
            return
        self.dismiss(path)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


KEYS = (
    ("tab / shift+tab", "next / previous pane"),
    ("up/down, j/k", "move"),
    ("enter", "edit the selected entry (on a finding: go to its entry)"),
    ("a", "add an entry to the current block or dimension"),
    ("l", "edit the selected entry's links (supports / segments / owner)"),
    ("d", "delete the selected entry (undoable)"),
    ("/", "find an entry by name or id, in either pane"),
    ("n", "next match of the last find"),
    ("ctrl+s", "save"),
    ("ctrl+z / ctrl+y", "undo / redo"),
    ("e", "open the file in $EDITOR at the selected entry; reload on return"),
    ("? or f1", "this help"),
    ("ctrl+p", "command palette: every action by name"),
    ("ctrl+q", "quit (asks when there are unsaved changes)"),
)


class Help(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close")]

    def compose(self) -> ComposeResult:
        text = Text("bizop keys\n\n", style="bold", end="")
        for key, action in KEYS:
            text.append(f"{key:<18}", style="bold")
            text.append(f"{action}\n")
        text.append(
            "\nThe left pane is the business model (the nine canvas blocks), the middle the operating model,"
            " the right the alignment: score, sub-scores and findings. Entries marked → are linked to the"
            " selected entry. Scores and rules: docs/alignment.md.",
            style="dim",
        )
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(text)

    def action_close(self) -> None:
        self.dismiss(None)
