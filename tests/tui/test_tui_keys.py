"""Keys: bursts that arrive in one read, keys that act only where the person is, q and Escape."""

from __future__ import annotations

import pytest
from textual.widgets import Tabs

from bizop_tui.tui.screens.entry_form import EntryForm
from tui_helpers import (
    NARROW,
    WIDE,
    burst,
    go_to_pane,
    idle_cpu,
    main_screen,
    notifications,
    open_app,
    screen_text,
    select_entry,
    wait_for,
)

SIZES = [(60, 20), NARROW, (120, 30), WIDE]


# -- bursts -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(("keys", "pane"), [(("tab", "tab"), "alignment"), (("shift+tab", "shift+tab"), "operating")])
async def test_two_tabs_in_one_read_move_two_panes_and_leave_the_app_idle(amazon, size, keys, pane):
    async with open_app(amazon).run_test(size=size) as pilot:
        main = main_screen(pilot.app)
        activations = []
        tabs = main.query_one("#pane-tabs", Tabs)
        tabs.watch(tabs, "active", lambda active: activations.append(active), init=False)
        await burst(pilot, *keys)
        await pilot.pause(0.2)
        assert main.current_pane == pane
        assert main.query_one("#pane-tabs", Tabs).active == f"tab-{pane}"
        settled = len(activations)
        assert settled <= 2 * len(keys)
        assert await idle_cpu(pilot, 1.0) < 0.25, "the app keeps working after the burst"
        assert len(activations) == settled, "the pane tabs keep switching on their own"
        # Tab still moves one pane at a time afterwards.
        await pilot.press("tab")
        assert main.current_pane == {"alignment": "business", "operating": "alignment"}[pane]


async def test_a_burst_of_tabs_and_arrows_ends_where_the_keys_say(amazon):
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        main = main_screen(pilot.app)
        await burst(pilot, "tab", "tab", "tab", "tab", "down", "down")
        await pilot.pause(0.2)
        assert main.current_pane == "operating"
        assert pilot.app.focused is main.tree("operating")
        assert await idle_cpu(pilot, 0.5) < 0.15


# -- keys act where the person is --------------------------------------------------------------------


async def test_d_on_a_finding_in_the_alignment_pane_deletes_nothing_and_says_why(amazon):
    text = amazon.text
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        main = main_screen(pilot.app)
        await go_to_pane(pilot, "alignment")
        assert main.findings_list.current.entries, "the first finding names an entry"
        await pilot.press("d")
        await pilot.pause()
        assert amazon.text == text
        assert not amazon.dirty
        assert "business or operating pane" in notifications(pilot.app)


async def test_q_on_the_main_screen_quits_when_nothing_is_unsaved(amazon):
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not pilot.app.is_running


async def test_q_with_unsaved_edits_asks_first(amazon):
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        await select_entry(pilot, "proc-returns")
        await pilot.press("d")
        await pilot.press("q")
        await pilot.pause()
        assert pilot.app.is_running
        assert "unsaved" in screen_text(pilot.app)


async def test_escape_on_the_main_screen_says_how_to_quit_and_get_help(amazon):
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        said = notifications(pilot.app)
        assert "quit" in said and "help" in said


async def test_double_clicking_an_entry_opens_it_for_editing(amazon):
    async with open_app(amazon).run_test(size=WIDE) as pilot:
        main = main_screen(pilot.app)
        tree = main.tree("business")
        node = tree.entry_nodes["seg-prime-members"]
        offset = (4, node.line - int(tree.scroll_offset.y))
        await pilot.double_click(tree, offset=offset)
        await pilot.pause()
        assert isinstance(pilot.app.screen, EntryForm)
        assert pilot.app.screen.query_one("#name").value == "Prime members"


async def test_clicking_add_in_the_key_bar_opens_the_add_form(amazon):
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        bar = pilot.app.screen.query_one("#keys")
        line = screen_text(pilot.app).splitlines()[-1]
        x = line.index(" add") + 1
        await pilot.click(bar, offset=(x, 0))
        await pilot.pause()
        assert isinstance(pilot.app.screen, EntryForm)


async def test_the_key_bar_shows_the_dialogs_keys_while_a_dialog_is_open(amazon):
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        await pilot.press("a")
        await pilot.pause()
        bottom = screen_text(pilot.app).splitlines()[-1]
        assert "del" not in bottom and "links" not in bottom
        assert "cancel" in bottom


# -- type-ahead: keys typed faster than dialogs open and close ----------------------------------------


async def test_a_name_typed_in_the_same_burst_as_a_goes_into_the_new_form_and_deletes_nothing(amazon):
    text = amazon.text
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        await burst(pilot, "a", *"Dave's deli")
        await wait_for(pilot, lambda: not pilot.app._held_keys)
        await pilot.pause()
        assert isinstance(pilot.app.screen, EntryForm)
        assert pilot.app.screen.query_one("#name").value == "Dave's deli"
    assert amazon.text == text, "no letter of the name ran a key of the main screen"


async def test_a_name_enter_and_the_next_entry_in_one_burst_add_both(write_model):
    from tui_helpers import BAKERY

    document = write_model(BAKERY)
    async with open_app(document).run_test(size=NARROW) as pilot:
        await burst(pilot, "a", *"Rye", "enter", "a", *"Spelt", "enter", "enter", "escape")
        names = lambda: [e.name for e in document.model.blocks["business.customer_segments"]]  # noqa: E731
        await wait_for(pilot, lambda: names()[-1] == "Spelt" and not pilot.app._held_keys)
        assert pilot.app.is_running
        assert names()[-2:] == ["Rye", "Spelt"]


async def test_a_correction_typed_in_a_burst_edits_the_name_in_the_order_typed(amazon):
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        await pilot.press("a")
        await burst(pilot, *"abc", "backspace", "d", "left", "left", "X")
        await pilot.pause(0.2)
        assert pilot.app.screen.query_one("#name").value == "aXbd"


async def test_find_typed_in_one_burst_finds_and_no_letter_runs_a_key(amazon):
    text = amazon.text
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        await burst(pilot, "slash", *"video", "enter", "n")
        await pilot.pause(0.3)
        assert main_screen(pilot.app).selected_entry_id() == "cs-video-content"
        assert pilot.app.screen is main_screen(pilot.app)
    assert amazon.text == text, "the d of 'video' deleted nothing"


async def test_two_answers_in_one_burst_answer_the_question_once(amazon):
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        await select_entry(pilot, "proc-returns")
        await pilot.press("d")
        await burst(pilot, "ctrl+q", "c", "c", "escape")
        await pilot.pause(0.3)
        assert pilot.app.is_running and pilot.app.screen is main_screen(pilot.app)
        assert amazon.dirty


# -- every key everywhere ----------------------------------------------------------------------------

EVERY_KEY = [*"abcdefghijklmnoprstuvwxyz0123456789/?-=[],.'", "enter", "space", "backspace", "delete", "up",
             "down", "left", "right", "home", "end", "pageup", "pagedown", "f1", "f2", "ctrl+y", "ctrl+s",
             "tab", "shift+tab"]


@pytest.mark.parametrize("opening", [(), ("tab",), ("tab", "tab"), ("a",), ("m",), ("l",), ("question_mark",),
                                     ("slash",), ("tab", "tab", "f")],
                         ids=["business", "operating", "alignment", "add-form", "settings", "picker", "help",
                              "find", "fix"])
async def test_every_key_in_every_pane_and_dialog_leaves_the_app_running(write_model, opening):
    from tui_helpers import BAKERY

    document = write_model(BAKERY)
    async with open_app(document).run_test(size=NARROW) as pilot:
        await select_entry(pilot, "proc-baking")
        await pilot.press("shift+tab", *opening)  # back to the business pane, then open the place to try
        for key in EVERY_KEY:
            await pilot.press(key)
        await burst(pilot, *EVERY_KEY)
        await pilot.pause(0.2)
        assert pilot.app.is_running
        for _ in range(6):
            await pilot.press("escape")
        assert pilot.app.screen is main_screen(pilot.app) or pilot.app.is_running
        assert await idle_cpu(pilot, 0.5) < 0.15
