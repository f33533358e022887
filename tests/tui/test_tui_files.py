"""The file behind the app: saving keeps the user's text, changes on disk are noticed, quitting asks first."""

from __future__ import annotations

import difflib
import os
import textwrap


from bizop_tui.model.document import Document
from bizop_tui.tui.screens.dialogs import Choice
from tui_helpers import NARROW, WIDE, main_screen, notifications, open_app, screen_text, select_block, title_line, type_text

EXTERNAL_ENTRY = '\n[[operating.processes]]\nid = "proc-added-elsewhere"\nname = "Added in another editor"\n'


def comment_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


async def add_process(pilot, name: str) -> None:
    await select_block(pilot, "operating.processes")
    await pilot.press("a")
    await type_text(pilot, name)
    await pilot.press("enter")
    await pilot.pause()


# -- save --------------------------------------------------------------------------------------------


async def test_saving_after_an_add_writes_only_the_new_entry_and_keeps_every_comment(amazon_path):
    original = amazon_path.read_text(encoding="utf-8")
    document = Document.open(str(amazon_path))
    async with open_app(document, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        await add_process(pilot, "Drone pilot training")
        assert amazon_path.read_text(encoding="utf-8") == original, "nothing is written before ctrl+s"

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not document.dirty
        assert "[+]" not in title_line(app)

    saved = amazon_path.read_text(encoding="utf-8")
    diff = list(difflib.unified_diff(original.splitlines(), saved.splitlines(), lineterm="", n=0))
    removed = [line for line in diff[2:] if line.startswith("-")]
    added = [line[1:] for line in diff[2:] if line.startswith("+")]
    assert removed == []
    assert [line for line in added if line.strip()] == [
        "[[operating.processes]]",
        'id = "proc-drone-pilot-training"',
        'name = "Drone pilot training"',
    ]
    assert comment_lines(saved) == comment_lines(original)
    # The saved file opens again, with the new entry in its block.
    reopened = Document.open(str(amazon_path))
    assert reopened.model.by_id["proc-drone-pilot-training"].block.path == "operating.processes"


async def test_saving_with_no_edits_leaves_the_file_byte_for_byte_the_same(amazon_path):
    original = amazon_path.read_bytes()
    document = Document.open(str(amazon_path))
    async with open_app(document, watch_interval=0).run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert amazon_path.read_bytes() == original


# -- changes on disk ---------------------------------------------------------------------------------


async def test_a_file_changed_on_disk_without_unsaved_edits_is_reloaded(amazon_path):
    document = Document.open(str(amazon_path))
    async with open_app(document, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        with amazon_path.open("a", encoding="utf-8") as handle:
            handle.write(EXTERNAL_ENTRY)
        main.check_disk_now()
        await pilot.pause()

        assert not isinstance(app.screen, Choice)
        assert "proc-added-elsewhere" in main.session.document.model.by_id
        assert "proc-added-elsewhere" in main.tree("operating").entry_nodes
        assert not main.session.document.dirty


async def test_the_watcher_notices_a_change_on_disk_by_itself(amazon_path):
    document = Document.open(str(amazon_path))
    async with open_app(document, watch_interval=0.05).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        with amazon_path.open("a", encoding="utf-8") as handle:
            handle.write(EXTERNAL_ENTRY)
        for _ in range(40):
            await pilot.pause(0.05)
            if "proc-added-elsewhere" in main.session.document.model.by_id:
                break
        assert "proc-added-elsewhere" in main.session.document.model.by_id
        assert "proc-added-elsewhere" in main.tree("operating").entry_nodes


async def test_a_file_changed_on_disk_with_unsaved_edits_asks_and_loses_nothing(amazon_path):
    document = Document.open(str(amazon_path))
    async with open_app(document, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        await add_process(pilot, "Drone pilot training")
        assert document.dirty
        with amazon_path.open("a", encoding="utf-8") as handle:
            handle.write(EXTERNAL_ENTRY)
        changed_on_disk = amazon_path.read_text(encoding="utf-8")

        main.check_disk_now()
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        assert "proc-drone-pilot-training" in main.session.document.model.by_id
        assert "proc-added-elsewhere" not in main.session.document.model.by_id

        await pilot.press("k")  # keep my edits
        await pilot.pause()
        assert not isinstance(app.screen, Choice)
        assert "proc-drone-pilot-training" in main.session.document.model.by_id
        assert main.session.document.dirty
        assert amazon_path.read_text(encoding="utf-8") == changed_on_disk, "the other program's file is untouched"

        main.check_disk_now()  # the same change is not asked about twice
        await pilot.pause()
        assert not isinstance(app.screen, Choice)


async def test_saving_over_a_file_changed_on_disk_asks_before_overwriting(amazon_path):
    document = Document.open(str(amazon_path))
    async with open_app(document, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        await add_process(pilot, "Drone pilot training")
        with amazon_path.open("a", encoding="utf-8") as handle:
            handle.write(EXTERNAL_ENTRY)
        changed_on_disk = amazon_path.read_text(encoding="utf-8")

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        assert amazon_path.read_text(encoding="utf-8") == changed_on_disk

        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, Choice)
        assert amazon_path.read_text(encoding="utf-8") == changed_on_disk
        assert document.dirty


# -- quit --------------------------------------------------------------------------------------------


async def test_quitting_with_unsaved_changes_asks_first_and_c_cancels(amazon_path):
    original = amazon_path.read_text(encoding="utf-8")
    document = Document.open(str(amazon_path))
    async with open_app(document, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        await add_process(pilot, "Drone pilot training")

        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        assert app.is_running

        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, Choice)
        assert app.is_running
        assert "proc-drone-pilot-training" in document.model.by_id
        assert document.dirty
    assert amazon_path.read_text(encoding="utf-8") == original


async def test_quitting_without_changes_exits_at_once(amazon):
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_value == 0


async def test_the_bundled_sample_opens_clean_and_quits_at_once_when_untouched():
    from bizop_tui.tui.launch import open_document

    document = open_document(None)
    assert document.path is None and not document.dirty
    async with open_app(document, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        assert "[+]" not in title_line(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_save_and_quit_from_the_quit_dialog_writes_the_file_and_exits(amazon_path):
    document = Document.open(str(amazon_path))
    async with open_app(document, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        await add_process(pilot, "Drone pilot training")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert not app.is_running
    assert app.return_value == 0
    assert 'id = "proc-drone-pilot-training"' in amazon_path.read_text(encoding="utf-8")


async def test_quit_without_saving_leaves_the_file_as_it_was(amazon_path):
    original = amazon_path.read_text(encoding="utf-8")
    document = Document.open(str(amazon_path))
    async with open_app(document, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        await add_process(pilot, "Drone pilot training")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert amazon_path.read_text(encoding="utf-8") == original


# -- a reload under an open dialog, hostile journals, crashes ----------------------------------------

GONE = '''
[model]
name = "Gone soon"

[[operating.processes]]
id = "proc-keep"
name = "Kept"

[[operating.processes]]
id = "proc-gone"
name = "Removed by another program"
'''


async def _reload_under(pilot, path, dialog_key: str) -> None:
    from tui_helpers import select_entry

    await select_entry(pilot, "proc-gone")
    await pilot.press(dialog_key)
    await pilot.pause()
    path.write_text(GONE.replace('\n[[operating.processes]]\nid = "proc-gone"\nname = "Removed by another program"\n', ""),
                    "utf-8")
    main_screen(pilot.app).check_disk_now()
    await pilot.pause()


async def test_a_reload_that_removes_the_entry_under_the_open_form_closes_the_form_with_a_message(tmp_path):
    from bizop_tui.tui.screens.entry_form import EntryForm

    path = tmp_path / "gone.toml"
    path.write_text(GONE, "utf-8")
    document = Document.open(str(path))
    async with open_app(document).run_test(size=NARROW) as pilot:
        await _reload_under(pilot, path, "enter")
        assert not isinstance(pilot.app.screen, EntryForm)
        assert "proc-gone" not in document.model.by_id or "proc-gone" not in main_screen(pilot.app).session.model.by_id
        assert "no longer in the file" in notifications(pilot.app)
        await pilot.press("enter")  # the app is alive and answers keys
        await pilot.pause()
        assert pilot.app.is_running


async def test_a_reload_that_removes_the_entry_under_the_open_picker_closes_it_with_a_message(tmp_path):
    from bizop_tui.tui.screens.link_picker import LinkPicker

    path = tmp_path / "gone.toml"
    path.write_text(GONE, "utf-8")
    document = Document.open(str(path))
    async with open_app(document).run_test(size=NARROW) as pilot:
        await _reload_under(pilot, path, "l")
        assert not isinstance(pilot.app.screen, LinkPicker)
        assert "no longer in the file" in notifications(pilot.app)
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.is_running


async def test_the_recovery_prompt_shows_a_hostile_journal_owner_with_stand_ins(amazon_path):
    from bizop_tui.model.journal import Journal
    from tests.journal_helpers import left_behind

    left_behind(str(amazon_path), amazon_path.read_text("utf-8") + "\n# edited\n",
                user="\x1b[2J\x1b]0;PWNED\x07today")
    journal = Journal.for_file(str(amazon_path))
    document = Document.open(str(amazon_path))
    async with open_app(document, journal=journal).run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, Choice)
        shown = screen_text(pilot.app)
        assert "\x1b" not in shown and "\x07" not in shown
        assert "␛[2J␛]0;PWNED␇today@" in shown and "left by" in shown


async def test_after_restoring_a_journal_an_entry_is_selected_and_described(amazon_path):
    from bizop_tui.model.journal import Journal
    from tests.journal_helpers import left_behind

    text = amazon_path.read_text("utf-8").replace('name = "Everyday online shoppers"', 'name = "Shoppers, restored"')
    left_behind(str(amazon_path), text)
    journal = Journal.for_file(str(amazon_path))
    async with open_app(Document.open(str(amazon_path)), journal=journal).run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, Choice)
        await pilot.press("r")
        await pilot.pause()
        main = pilot.app.main_screen
        assert main.session.model.by_id["seg-shoppers"].name == "Shoppers, restored"
        assert main.selected_entry_id() is not None, "the cursor is on an entry, as after opening the file"
        assert main.session.entry(main.selected_entry_id()).name in screen_text(pilot.app)


async def test_a_file_open_in_another_bizop_is_said_in_a_short_toast_at_80_columns(amazon_path):
    from bizop_tui.model.journal import Journal
    from tests.journal_helpers import ended_session

    theirs = Journal.for_file(str(amazon_path))  # this process: a bizop that is still running
    theirs.announce()
    mine = Journal.for_file(str(amazon_path), owner=ended_session())
    async with open_app(Document.open(str(amazon_path)), journal=mine).run_test(size=NARROW) as pilot:
        await pilot.pause()
        said = notifications(pilot.app)
        assert "Also open in another bizop (" in said and f"process {os.getpid()}" in said
        # A toast at 80 columns is 45 % of the width, a cell of padding each side (app.tcss): it shows
        # the whole message in three rows, clear of the score and the details.
        assert len(textwrap.wrap(said, int(80 * 0.45) - 2)) <= 3, said
    theirs.discard()


async def test_a_crash_in_the_app_exits_non_zero(amazon):
    from bizop_tui.tui.launch import exit_status

    app = open_app(amazon)
    try:
        async with app.run_test(size=NARROW) as pilot:
            pilot.app.call_later(lambda: 1 / 0)
            await pilot.pause()
    except ZeroDivisionError:
        pass
    assert exit_status(app) != 0


async def test_the_changed_on_disk_dialog_shows_all_its_buttons_at_80_columns(amazon_path):
    from textual.widgets import Button

    document = Document.open(str(amazon_path))
    async with open_app(document).run_test(size=NARROW) as pilot:
        await add_process(pilot, "Drone pilot training")
        with amazon_path.open("a", encoding="utf-8") as handle:
            handle.write(EXTERNAL_ENTRY)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, Choice)
        buttons = list(pilot.app.screen.query(Button))
        assert len(buttons) == 4
        row = pilot.app.screen.query_one(".dialog-buttons")
        for button in buttons:
            assert row.content_region.contains_region(button.region), f"{button.label} is cut off"
            assert button.region.width >= len(str(button.label)), f"{button.label} is cut off"
