"""Stories about forms and dialogs on small terminals (issue 14 item 7): the fields scroll, the buttons stay in
sight, whether the form opens at that size or the terminal shrinks under it; and a dialog is laid out for the
terminal's size from its first frame."""

from __future__ import annotations

import pytest
from textual.widgets import Button

from bizop_tui.tui.screens.field_form import FieldForm
from tui_helpers import WIDE, open_app, wait_for

SMALL = [(60, 20), (100, 16)]


def in_sight(app, widget) -> bool:
    """Whether the terminal shows `widget` (some of it, not covered, not scrolled or cut away)."""
    region = widget.region
    if not region.height or not app.screen.region.contains(region.x + 1, region.y):
        return False
    try:
        shown, _ = app.screen.get_widget_at(region.x + 1, region.y)
    except Exception:
        return False
    return shown is widget


async def open_form(pilot, which: str) -> FieldForm:
    main = pilot.app.main_screen
    if which == "settings":
        main.action_settings()
    else:
        main.reveal("proc-order-fulfilment")
        await pilot.pause()
        main.edit_entry("proc-order-fulfilment")
    assert await wait_for(pilot, lambda: isinstance(pilot.app.screen, FieldForm))
    await pilot.pause()
    return pilot.app.screen


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("which", ["settings", "process"])
@pytest.mark.parametrize("opened", ["at that size", "then the terminal shrinks"])
async def test_a_form_keeps_its_buttons_in_sight_and_scrolls_its_fields(amazon, size, which, opened):
    async with open_app(amazon).run_test(size=size if opened == "at that size" else WIDE) as pilot:
        form = await open_form(pilot, which)
        if opened != "at that size":
            await pilot.resize_terminal(*size)
            await pilot.pause()
        app = pilot.app
        assert in_sight(app, form.query_one("#accept", Button)) and in_sight(app, form.query_one("#cancel", Button))
        for _ in form.fields[1:]:
            await pilot.press("tab")  # to the last field: it scrolls into sight, the buttons stay
        await pilot.pause()
        last = form.query_one(f"#{form.fields[-1].key}")
        assert app.focused is last and in_sight(app, last)
        assert in_sight(app, form.query_one("#accept", Button))


async def test_a_dialog_opened_on_a_short_terminal_has_its_size_classes_at_once(amazon):
    """Textual set them on the first resize only, so a dialog opened since never had them."""
    async with open_app(amazon).run_test(size=(100, 16)) as pilot:
        pilot.app.main_screen.action_settings()
        assert isinstance(pilot.app.screen, FieldForm)  # pushed, not yet drawn
        assert {"-medium", "-short"} <= set(pilot.app.screen.classes)
        await pilot.pause()
