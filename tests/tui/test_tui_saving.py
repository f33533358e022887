"""Saving never holds up typing: the file is written and read back in the background, edits made meanwhile
stay in the model (and unsaved), and a conflict or a read-only file still asks first."""

from __future__ import annotations

import os
import stat
import threading

from bizop_tui.model.document import Document
from bizop_tui.tui.screens.dialogs import Choice
from tui_helpers import WIDE, burst, main_screen, open_app, select_entry, title_line, wait_for


def slow_saves(session) -> threading.Event:
    """Make every save of `session` wait in its thread until the returned event is set."""
    go = threading.Event()
    start = session.save_job

    def gated(*args, **kwargs):
        job = start(*args, **kwargs)
        if not callable(job):
            return job
        return lambda: go.wait(30) and job()

    session.save_job = gated
    return go


async def test_an_edit_typed_during_a_slow_save_is_kept_and_left_unsaved(amazon_path):
    original = amazon_path.read_text(encoding="utf-8")
    document = Document.open(str(amazon_path))
    app = open_app(document)
    go = slow_saves(app.session)
    async with app.run_test(size=WIDE) as pilot:
        await select_entry(pilot, "proc-returns")
        await pilot.press("d")  # an edit, then save it
        await pilot.pause()
        saving_text = document.text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "saving…" in title_line(pilot.app)
        await select_entry(pilot, "proc-prime-renewal")
        await pilot.press("d")  # typed while the save is on its way: the screen answers at once
        await pilot.pause()
        assert "proc-prime-renewal" not in document.model.by_id
        assert amazon_path.read_text(encoding="utf-8") == original, "nothing written yet"
        go.set()
        assert await wait_for(pilot, lambda: "saving…" not in title_line(pilot.app))
        on_disk = amazon_path.read_text(encoding="utf-8")
        assert on_disk == saving_text, "the text as it was when the save began"
        assert 'id = "proc-returns"' not in on_disk and 'id = "proc-prime-renewal"' in on_disk
        assert document.saved_text == saving_text
        assert document.dirty and "[+]" in title_line(pilot.app), "the later edit is still unsaved"
        assert "proc-prime-renewal" not in document.model.by_id


async def test_ctrl_s_during_a_save_saves_again_once_it_is_done(amazon_path):
    document = Document.open(str(amazon_path))
    app = open_app(document)
    go = slow_saves(app.session)
    async with app.run_test(size=WIDE) as pilot:
        await select_entry(pilot, "proc-returns")
        await pilot.press("d", "ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+z", "ctrl+s")  # undo while saving, and save again
        await pilot.pause()
        go.set()
        assert await wait_for(pilot, lambda: not document.dirty and not app.session.saving)
        assert amazon_path.read_text(encoding="utf-8") == document.text
        assert 'id = "proc-returns"' in document.text


async def test_a_file_changed_on_disk_still_asks_before_a_background_save_overwrites_it(amazon_path):
    document = Document.open(str(amazon_path))
    app = open_app(document)
    go = slow_saves(app.session)
    async with app.run_test(size=WIDE) as pilot:
        await select_entry(pilot, "proc-returns")
        await pilot.press("d")
        with amazon_path.open("a", encoding="utf-8") as handle:
            handle.write('\n[[operating.processes]]\nid = "proc-elsewhere"\nname = "Added elsewhere"\n')
        elsewhere = amazon_path.read_text(encoding="utf-8")
        await pilot.press("ctrl+s")
        go.set()
        assert await wait_for(pilot, lambda: isinstance(pilot.app.screen, Choice))
        assert amazon_path.read_text(encoding="utf-8") == elsewhere, "nothing overwritten before the answer"
        await pilot.press("o")  # overwrite
        assert await wait_for(pilot, lambda: not document.dirty)
        assert amazon_path.read_text(encoding="utf-8") == document.text
        assert main_screen(pilot.app).session.document is document


async def test_a_read_only_file_still_asks_before_a_background_save(amazon_path):
    document = Document.open(str(amazon_path))
    app = open_app(document)
    go = slow_saves(app.session)
    go.set()
    os.chmod(amazon_path, stat.S_IRUSR | stat.S_IRGRP)
    try:
        async with app.run_test(size=WIDE) as pilot:
            await select_entry(pilot, "proc-returns")
            await pilot.press("d", "ctrl+s")
            assert await wait_for(pilot, lambda: isinstance(pilot.app.screen, Choice))
            assert document.dirty
            await pilot.press("a")  # save anyway
            assert await wait_for(pilot, lambda: not document.dirty)
            assert amazon_path.read_text(encoding="utf-8") == document.text
            assert not os.stat(amazon_path).st_mode & 0o222, "it stays read-only"
    finally:
        os.chmod(amazon_path, 0o644)


async def test_a_burst_of_edits_is_journaled_once_after_the_edits_pause(amazon_path, tmp_path, monkeypatch):
    from bizop_tui.model.journal import Journal

    monkeypatch.setenv("BIZOP_STATE_DIR", str(tmp_path / "state"))
    document = Document.open(str(amazon_path))
    journal = Journal.for_file(str(amazon_path))
    written = []
    record = journal.record
    journal.record = lambda text, base: (written.append(text), record(text, base))
    async with open_app(document, journal=journal).run_test(size=WIDE) as pilot:
        await select_entry(pilot, "proc-returns")
        await burst(pilot, "d", "d", "d")  # as key repeat sends them: none waits for the one before
        assert await wait_for(pilot, lambda: written)
        await pilot.pause(0.5)
        assert written == [document.text], "one write, of the text after the last edit"
        assert journal.own().text == document.text
