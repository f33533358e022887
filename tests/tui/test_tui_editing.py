"""Editing in the app: add, edit, link and delete entries with the keyboard, and undo/redo them."""

from __future__ import annotations

from textual.widgets import Input, Static

from bizop_tui.tui.screens.entry_form import EntryForm
from bizop_tui.tui.screens.link_picker import LinkPicker
from tui_helpers import WIDE, clear_input, go_to_pane, main_screen, open_app, select_block, select_entry, shown_text, title_line, type_text


def findings_about(app, entry_id: str, rule: str | None = None) -> list:
    alignment = main_screen(app).session.alignment
    return [f for f in alignment.findings if entry_id in f.entries and (rule is None or f.rule == rule)]


# -- add ---------------------------------------------------------------------------------------------


async def test_adding_a_process_puts_it_in_the_document_selects_it_and_derives_the_id_from_the_name(amazon):
    processes_before = len(amazon.model.blocks["operating.processes"])
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        await select_block(pilot, "operating.processes")
        await pilot.press("a")
        assert isinstance(app.screen, EntryForm)
        await type_text(pilot, "Drone pilot training")
        assert app.screen.query_one("#id", Input).value == "proc-drone-pilot-training"
        await pilot.press("enter")
        await pilot.pause()

        assert not isinstance(app.screen, EntryForm)
        entry = amazon.model.by_id["proc-drone-pilot-training"]
        assert entry.name == "Drone pilot training"
        assert entry.block.path == "operating.processes"
        assert len(amazon.model.blocks["operating.processes"]) == processes_before + 1
        assert amazon.dirty
        assert main.current_pane == "operating"
        assert main.tree("operating").current_entry == "proc-drone-pilot-training"
        assert main.selected_entry_id() == "proc-drone-pilot-training"
        assert "[+]" in title_line(app)


async def test_adding_with_an_empty_name_is_refused_in_the_form_and_nothing_is_written(amazon):
    text_before = amazon.text
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        await select_block(pilot, "operating.processes")
        await pilot.press("a")
        await type_text(pilot, "   ")
        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(app.screen, EntryForm), "the form must stay open"
        assert "name cannot be empty" in shown_text(app.screen.query_one("#form-error", Static))
        assert amazon.text == text_before
        assert not amazon.dirty

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EntryForm)
        assert amazon.text == text_before


async def test_adding_with_an_id_that_is_already_used_is_refused_in_the_form(amazon):
    text_before = amazon.text
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        await select_block(pilot, "operating.processes")
        await pilot.press("a")
        await type_text(pilot, "Returns")
        await pilot.press("tab")  # from the name to the id
        assert app.screen.focused is app.screen.query_one("#id", Input)
        await clear_input(pilot)
        await type_text(pilot, "proc-returns")
        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(app.screen, EntryForm), "the form must stay open"
        message = shown_text(app.screen.query_one("#form-error", Static))
        assert "proc-returns" in message and "already used" in message
        assert amazon.text == text_before
        assert amazon.model.by_id["proc-returns"].name == "Customer returns and refunds"


async def test_tab_in_the_add_form_moves_from_the_name_to_the_id_field(amazon):
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        await select_block(pilot, "operating.processes")
        await pilot.press("a")
        await type_text(pilot, "Returns")
        await pilot.press("tab")
        await pilot.pause()

        assert main.current_pane == "operating", "the pane behind the form must not change"
        assert app.screen.focused is app.screen.query_one("#id", Input)


# -- edit --------------------------------------------------------------------------------------------


async def test_enter_on_an_entry_opens_the_form_on_its_name_and_a_new_name_is_saved(amazon):
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        await select_entry(pilot, "proc-returns")
        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(app.screen, EntryForm)
        name = app.screen.query_one("#name", Input)
        assert app.screen.focused is name
        assert name.value == "Customer returns and refunds"
        await clear_input(pilot)
        await type_text(pilot, "Returns, refunds and replacements")
        await pilot.press("enter")
        await pilot.pause()

        assert not isinstance(app.screen, EntryForm)
        entry = amazon.model.by_id["proc-returns"]
        assert entry.name == "Returns, refunds and replacements"
        assert entry.supports == ("cr-self-service", "vp-fba", "ka-fulfilment-logistics"), "links are kept"
        assert main.tree("operating").current_entry == "proc-returns"
        label = main.tree("operating").entry_nodes["proc-returns"].label
        assert label.plain == "Returns, refunds and replacements"


async def test_escape_in_the_edit_form_changes_nothing(amazon):
    text_before = amazon.text
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        await select_entry(pilot, "proc-returns")
        await pilot.press("enter")
        await clear_input(pilot)
        await type_text(pilot, "Something else entirely")
        await pilot.press("escape")
        await pilot.pause()

        assert not isinstance(app.screen, EntryForm)
        assert amazon.text == text_before
        assert not amazon.dirty
        assert amazon.model.by_id["proc-returns"].name == "Customer returns and refunds"


# -- links -------------------------------------------------------------------------------------------


async def test_linking_a_process_to_an_undelivered_proposition_raises_the_score_and_clears_the_finding(amazon):
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        before = main.session.alignment.score
        assert findings_about(app, "vp-multichannel", "promise.undelivered")

        await select_entry(pilot, "proc-order-fulfilment")
        await pilot.press("l")
        assert isinstance(app.screen, LinkPicker)
        await type_text(pilot, "own websites")
        await pilot.press("enter")
        await pilot.press("escape")
        await pilot.pause()

        assert not isinstance(app.screen, LinkPicker)
        assert "vp-multichannel" in amazon.model.by_id["proc-order-fulfilment"].supports
        after = main.session.alignment.score
        assert after > before
        scores = shown_text(main.query_one("#scores", Static))
        assert f"{before} -> {after}" in scores
        assert not findings_about(app, "vp-multichannel", "promise.undelivered")


async def test_enter_twice_in_the_link_picker_leaves_the_links_as_they_were(amazon):
    text_before = amazon.text
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        await select_entry(pilot, "proc-prime-renewal")
        await pilot.press("l")
        await type_text(pilot, "vp-prime-video")
        await pilot.press("enter", "enter", "escape")
        await pilot.pause()

        assert amazon.text == text_before
        assert not amazon.dirty
        assert main.session.previous_score is None


async def test_tab_in_the_link_picker_gives_a_process_an_owner_and_clears_the_no_owner_finding(amazon):
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        assert findings_about(app, "proc-returns", "process.no-owner")
        await select_entry(pilot, "proc-returns")
        await pilot.press("l")
        await pilot.press("tab")  # supports -> owner
        await pilot.pause()
        assert app.screen.kind.key == "owner"
        await type_text(pilot, "org-operations")
        await pilot.press("enter", "escape")
        await pilot.pause()

        assert amazon.model.by_id["proc-returns"].owner == "org-operations"
        assert not findings_about(app, "proc-returns", "process.no-owner")


# -- delete, undo, redo ------------------------------------------------------------------------------


async def test_delete_removes_the_entry_undo_brings_it_back_and_redo_removes_it_again(amazon):
    original = amazon.text
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        tree = main.tree("operating")
        await select_entry(pilot, "proc-returns")

        await pilot.press("d")
        await pilot.pause()
        assert "proc-returns" not in amazon.model.by_id
        assert "proc-returns" not in tree.entry_nodes
        assert "[[operating.processes]]\nid = \"proc-returns\"" not in amazon.text
        assert tree.current_entry is not None, "the cursor stays on a neighbouring entry"

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "proc-returns" in amazon.model.by_id
        assert amazon.text == original
        assert not amazon.dirty
        assert tree.current_entry == "proc-returns"

        await pilot.press("ctrl+y")
        await pilot.pause()
        assert "proc-returns" not in amazon.model.by_id
        assert "proc-returns" not in tree.entry_nodes
        assert amazon.dirty


async def test_undo_of_an_add_made_in_the_other_pane_takes_the_entry_away(amazon):
    original = amazon.text
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        await select_block(pilot, "operating.processes")
        await pilot.press("a")
        await type_text(pilot, "Drone pilot training")
        await pilot.press("enter")
        await go_to_pane(pilot, "alignment")

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "proc-drone-pilot-training" not in amazon.model.by_id
        assert amazon.text == original
        assert "proc-drone-pilot-training" not in main.tree("operating").entry_nodes


async def test_delete_with_nothing_selected_warns_and_changes_nothing(amazon):
    text_before = amazon.text
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        await select_block(pilot, "operating.processes")
        await pilot.press("d")
        await pilot.pause()
        assert amazon.text == text_before
        assert len(amazon.model.blocks["operating.processes"]) == 12
