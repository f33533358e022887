"""The footer: the main keys, drawn once as one line of text that fits 80 columns.

Textual's Footer rebuilds itself on every change of focus or bindings (a quarter of a second at
start-up here); these keys do not change, so one Static is enough.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

# Short words, so that every main key fits on an 80-column line; the help screen says more.
SHORT = {"pane(1)": "pane", "add": "add", "links": "links", "delete": "del", "find": "find", "save": "save",
         "undo": "undo", "help": "help", "quit": "quit"}


def key_label(key: str) -> str:
    first = key.split(",")[0]
    return {"slash": "/", "question_mark": "?"}.get(first, first.replace("ctrl+", "^"))


class KeyBar(Static):
    def __init__(self, bindings: list[Binding], **kwargs) -> None:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        for binding in bindings:
            if binding.action in SHORT:
                text.append(f" {key_label(binding.key)}", style="bold")
                text.append(f" {SHORT[binding.action]}", style="dim")
        text.append(" ^p", style="bold")
        text.append(" palette", style="dim")
        super().__init__(text, **kwargs)
