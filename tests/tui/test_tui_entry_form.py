"""The entry form: the id follows the name however it is typed, only changed fields are written, and
text with control characters is shown with stand-ins while the real text is kept."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Button, Input

from bizop_tui.tui.screens.entry_form import EntryForm
from tui_helpers import (
    notifications,
    BAKERY,
    NARROW,
    burst,
    main_screen,
    open_app,
    screen_text,
    select_block,
    select_entry,
    type_text,
)


async def open_add_form(pilot, path: str) -> EntryForm:
    await select_block(pilot, path)
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EntryForm)
    return pilot.app.screen


# -- the id follows the name -------------------------------------------------------------------------


async def test_the_id_follows_a_name_typed_in_bursts_with_pauses_between(write_model):
    document = write_model(BAKERY)
    async with open_app(document).run_test(size=NARROW) as pilot:
        form = await open_add_form(pilot, "business.customer_segments")
        await burst(pilot, *"Sourdough")
        await pilot.pause(0.3)
        await burst(pilot, *" club")
        await pilot.pause(0.3)
        assert form.query_one("#id", Input).value == "seg-sourdough-club"
        await pilot.press("enter")
        await pilot.pause()
        assert "seg-sourdough-club" in document.model.by_id


async def test_a_name_and_enter_in_one_burst_save_the_id_of_the_whole_name(write_model):
    document = write_model(BAKERY)
    async with open_app(document).run_test(size=NARROW) as pilot:
        await open_add_form(pilot, "operating.processes")
        await burst(pilot, *"Point-of-sale till", "enter")
        await pilot.pause()
        assert document.model.by_id["proc-point-of-sale-till"].name == "Point-of-sale till"


async def test_an_id_the_person_typed_stops_following_the_name(write_model):
    document = write_model(BAKERY)
    async with open_app(document).run_test(size=NARROW) as pilot:
        form = await open_add_form(pilot, "operating.processes")
        await type_text(pilot, "Dough")
        await pilot.press("tab")
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, "p-dough")
        await pilot.press("shift+tab")
        await type_text(pilot, " shaping")
        assert form.query_one("#id", Input).value == "p-dough"


async def test_accented_and_cjk_names_give_readable_ids(write_model):
    document = write_model(BAKERY)
    async with open_app(document).run_test(size=NARROW) as pilot:
        form = await open_add_form(pilot, "business.customer_segments")
        await type_text(pilot, "Crème brûlée fans")
        assert form.query_one("#id", Input).value == "seg-creme-brulee-fans"
        await pilot.press("end", "ctrl+u")
        await burst(pilot, *"中文")
        assert form.query_one("#id", Input).value == "seg-1"


# -- wording and layout ------------------------------------------------------------------------------


async def test_the_add_form_is_titled_by_the_kind_of_entry_and_explains_the_id(write_model):
    document = write_model(BAKERY)
    async with open_app(document).run_test(size=NARROW) as pilot:
        await open_add_form(pilot, "business.value_propositions")
        shown = screen_text(pilot.app)
        assert "New value proposition" in shown
        assert "entry:" not in shown
        assert "derived from the name" in shown


async def test_the_edit_form_names_the_entry_and_does_not_claim_the_id_is_derived(write_model):
    document = write_model(BAKERY)
    async with open_app(document).run_test(size=NARROW) as pilot:
        await select_entry(pilot, "vp-fresh")
        await pilot.press("enter")
        await pilot.pause()
        shown = screen_text(pilot.app)
        assert "Edit value proposition" in shown and "Fresh bread every morning" in shown
        assert "derived from the name" not in shown


@pytest.mark.parametrize("size", [(60, 20), NARROW], ids=["60x20", "80x24"])
async def test_the_form_buttons_and_keys_are_on_screen_on_small_terminals(write_model, size):
    document = write_model(BAKERY)
    async with open_app(document).run_test(size=size) as pilot:
        form = await open_add_form(pilot, "business.revenue_streams")
        screen = pilot.app.screen.region
        for button in form.query(Button):
            assert screen.contains_region(button.region), f"{button.id} is cut off"
            assert button.region.height >= 1 and button.region.width >= 6
        assert "esc" in screen_text(pilot.app).splitlines()[-1].lower()


async def test_ctrl_s_in_the_form_accepts_the_entry_and_saves_the_file(write_model, tmp_path):
    document = write_model(BAKERY)
    async with open_app(document).run_test(size=NARROW) as pilot:
        await open_add_form(pilot, "operating.processes")
        await type_text(pilot, "Morning delivery")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, EntryForm)
        assert not document.dirty
    assert 'id = "proc-morning-delivery"' in (tmp_path / "model.toml").read_text("utf-8")


# -- only what the person changed is written ---------------------------------------------------------

AWKWARD = '''
[model]
name = "Awkward"

[[operating.processes]]
id = "proc-awkward"
name = "  padded name  "
tags = ["a,b", " spaced ", "x"]
notes = "first line\\r\\nsecond line"

[[operating.processes]]
id = "proc-two-lines"
name = "two\\nlines"
notes = "windows\\r\\nline ends"
'''


async def test_changing_one_field_leaves_padded_names_and_comma_tags_exactly_as_they_were(write_model):
    document = write_model(AWKWARD)
    async with open_app(document).run_test(size=NARROW) as pilot:
        await select_entry(pilot, "proc-awkward")
        await pilot.press("enter")
        await pilot.pause()
        form = pilot.app.screen
        form.query_one("#reviewed", Input).focus()
        await type_text(pilot, "2026-11-01")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, EntryForm), screen_text(pilot.app)
    entry = document.model.by_id["proc-awkward"]
    assert str(entry.reviewed) == "2026-11-01"
    assert entry.name == "  padded name  "
    assert entry.tags == ("a,b", " spaced ", "x")
    assert entry.notes == "first line\r\nsecond line"


async def test_an_entry_whose_name_holds_a_newline_can_be_edited(write_model):
    document = write_model(AWKWARD)
    async with open_app(document).run_test(size=NARROW) as pilot:
        await select_entry(pilot, "proc-two-lines")
        await pilot.press("enter")
        await pilot.pause()
        pilot.app.screen.query_one("#tags", Input).focus()
        await type_text(pilot, "night")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, EntryForm), screen_text(pilot.app)
    entry = document.model.by_id["proc-two-lines"]
    assert entry.tags == ("night",)
    assert entry.name == "two\nlines"
    assert entry.notes == "windows\r\nline ends"


async def test_amounts_typed_as_whole_numbers_stay_exact_integers(write_model):
    document = write_model(BAKERY)
    async with open_app(document).run_test(size=NARROW) as pilot:
        form = await open_add_form(pilot, "business.revenue_streams")
        await type_text(pilot, "Bread sales")
        form.query_one("#amount", Input).focus()
        await type_text(pilot, "9007199254740993")
        await pilot.press("enter")
        await pilot.pause()
    assert document.model.by_id["rs-bread-sales"].amount == 9007199254740993


# -- control characters ------------------------------------------------------------------------------

HOSTILE_NAME = "Ship\x1b]0;PWNED\x07 it\x1b[2J"


async def test_form_inputs_show_stand_ins_for_control_characters_and_keep_the_real_text(write_model):
    document = write_model(f'''
[model]
name = "Hostile"

[[operating.processes]]
id = "proc-hostile"
name = {json.dumps(HOSTILE_NAME)}
notes = "a\\u001b[31mred"
''')
    async with open_app(document).run_test(size=NARROW) as pilot:
        await select_entry(pilot, "proc-hostile")
        await pilot.press("enter")
        await pilot.pause()
        form = pilot.app.screen
        name = form.query_one("#name", Input)
        assert name.value == HOSTILE_NAME
        drawn = "".join(segment.text for segment in name.render_line(0))
        assert "\x1b" not in drawn and "\x07" not in drawn
        assert "␛]0;PWNED␇" in drawn
        notes = form.query_one("#notes")
        drawn_notes = "".join(segment.text for y in range(notes.size.height) for segment in notes.render_line(y))
        assert "\x1b" not in drawn_notes and "␛[31mred" in drawn_notes
        assert "\x1b" not in screen_text(pilot.app)


async def test_a_refusal_that_quotes_hostile_text_is_shown_with_stand_ins(write_model):
    from bizop_tui.session import Outcome

    document = write_model(BAKERY)
    async with open_app(document).run_test(size=NARROW) as pilot:
        main_screen(pilot.app).apply(Outcome(False, "The id 'x' is already used by 'E\x1b]0;T\x07'."))
        await pilot.pause()
        said = notifications(pilot.app)
        assert "\x1b" not in said and "\x07" not in said and "␛]0;T␇" in said
