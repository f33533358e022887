"""A many-line text box that draws control characters as stand-ins (tabs stay tabs) and keeps the real
text as its value, and takes keys in the order they were typed (see safe_input.py)."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import TextArea

from bizop_tui.tui.text import stand_in_each
from bizop_tui.tui.typeahead import keep_order


class SafeTextArea(TextArea):
    """A TextArea drawn with stand-ins for control characters (tabs stay tabs)."""

    async def on_key(self, event: events.Key) -> None:
        await keep_order(self, event, lambda key: key.is_printable or key.key == "enter")

    def get_line(self, line_index: int) -> Text:
        return Text(stand_in_each(self.document.get_line(line_index), keep="\t"), end="", no_wrap=True)
