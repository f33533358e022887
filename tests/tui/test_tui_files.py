"""The file behind the app: saving keeps the user's text, changes on disk are noticed, quitting asks first."""

from __future__ import annotations

import difflib

from textual.widgets import Static

from bizop_tui.model.document import Document
from bizop_tui.tui.app import BizopApp
from bizop_tui.tui.screens.dialogs import Choice
from tui_helpers import WIDE, select_block, shown_text, type_text

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
    async with BizopApp(document, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        await add_process(pilot, "Drone pilot training")
        assert amazon_path.read_text(encoding="utf-8") == original, "nothing is written before ctrl+s"

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not document.dirty
        assert not shown_text(app.query_one("#title", Static)).endswith("[+]")

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
    async with BizopApp(document, watch_interval=0).run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert amazon_path.read_bytes() == original


# -- changes on disk ---------------------------------------------------------------------------------


async def test_a_file_changed_on_disk_without_unsaved_edits_is_reloaded(amazon_path):
    document = Document.open(str(amazon_path))
    async with BizopApp(document, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        with amazon_path.open("a", encoding="utf-8") as handle:
            handle.write(EXTERNAL_ENTRY)
        app.check_disk()
        await pilot.pause()

        assert not isinstance(app.screen, Choice)
        assert "proc-added-elsewhere" in app.document.model.by_id
        assert "proc-added-elsewhere" in app.tree("operating").entry_nodes
        assert not app.document.dirty


async def test_the_watcher_notices_a_change_on_disk_by_itself(amazon_path):
    document = Document.open(str(amazon_path))
    async with BizopApp(document, watch_interval=0.05).run_test(size=WIDE) as pilot:
        app = pilot.app
        with amazon_path.open("a", encoding="utf-8") as handle:
            handle.write(EXTERNAL_ENTRY)
        for _ in range(40):
            await pilot.pause(0.05)
            if "proc-added-elsewhere" in app.document.model.by_id:
                break
        assert "proc-added-elsewhere" in app.document.model.by_id
        assert "proc-added-elsewhere" in app.tree("operating").entry_nodes


async def test_a_file_changed_on_disk_with_unsaved_edits_asks_and_loses_nothing(amazon_path):
    document = Document.open(str(amazon_path))
    async with BizopApp(document, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        await add_process(pilot, "Drone pilot training")
        assert document.dirty
        with amazon_path.open("a", encoding="utf-8") as handle:
            handle.write(EXTERNAL_ENTRY)
        changed_on_disk = amazon_path.read_text(encoding="utf-8")

        app.check_disk()
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        assert "proc-drone-pilot-training" in app.document.model.by_id
        assert "proc-added-elsewhere" not in app.document.model.by_id

        await pilot.press("k")  # keep my edits
        await pilot.pause()
        assert not isinstance(app.screen, Choice)
        assert "proc-drone-pilot-training" in app.document.model.by_id
        assert app.document.dirty
        assert amazon_path.read_text(encoding="utf-8") == changed_on_disk, "the other program's file is untouched"

        app.check_disk()  # the same change is not asked about twice
        await pilot.pause()
        assert not isinstance(app.screen, Choice)


async def test_saving_over_a_file_changed_on_disk_asks_before_overwriting(amazon_path):
    document = Document.open(str(amazon_path))
    async with BizopApp(document, watch_interval=0).run_test(size=WIDE) as pilot:
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
    async with BizopApp(document, watch_interval=0).run_test(size=WIDE) as pilot:
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
    async with BizopApp(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_value == 0


async def test_the_bundled_sample_opens_clean_and_quits_at_once_when_untouched():
    from bizop_tui.tui.launch import open_document

    document = open_document(None)
    assert document.path is None and not document.dirty
    async with BizopApp(document, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        assert "[+]" not in str(app.main.query_one("#title").render())
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_save_and_quit_from_the_quit_dialog_writes_the_file_and_exits(amazon_path):
    document = Document.open(str(amazon_path))
    async with BizopApp(document, watch_interval=0).run_test(size=WIDE) as pilot:
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
    async with BizopApp(document, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        await add_process(pilot, "Drone pilot training")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert amazon_path.read_text(encoding="utf-8") == original
