"""Text boxes that draw control characters as visible stand-ins and keep the real text as their value,
and take keys in the order they were typed, however fast (typeahead.py).

A name holding ESC [2J would otherwise clear the terminal as soon as the form drew it. Each control
character is drawn as one stand-in character, so cursor and selection positions stay where they were.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.expand_tabs import expand_tabs_inline
from textual import events
from textual.widgets import Input, TextArea

from bizop_tui.tui.text import stand_in_each
from bizop_tui.tui.typeahead import keep_order


class SafeInput(Input):
    """An Input whose value may hold any text; it is drawn with stand-ins."""

    async def on_key(self, event: events.Key) -> None:
        await keep_order(self, event, lambda key: key.is_printable)

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(stand_in_each(self.value), no_wrap=True, overflow="ignore", end="")
        if self.highlighter is not None:
            text = self.highlighter(text)
        return text

    def _position_to_cell(self, position: int) -> int:
        return cell_len(expand_tabs_inline(stand_in_each(self.value[:position]), 4))


class SafeTextArea(TextArea):
    """A TextArea drawn with stand-ins for control characters (tabs stay tabs)."""

    async def on_key(self, event: events.Key) -> None:
        await keep_order(self, event, lambda key: key.is_printable or key.key == "enter")

    def get_line(self, line_index: int) -> Text:
        return Text(stand_in_each(self.document.get_line(line_index), keep="\t"), end="", no_wrap=True)
