"""A one-line text box that draws control characters as visible stand-ins and keeps the real text as its
value, and takes keys in the order they were typed, however fast (typeahead.py). The many-line box of
the forms is in safe_text_area.py (Textual's TextArea is not loaded before a form opens).

A name holding ESC [2J would otherwise clear the terminal as soon as the form drew it. Each control
character is drawn as one stand-in character, so cursor and selection positions stay where they were.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.expand_tabs import expand_tabs_inline
from textual import events
from textual.widgets import Input

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
