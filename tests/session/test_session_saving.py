"""A save split in two: the work for a background thread, then its result taken on the UI thread. What was
saved is the text as it was when the save began; edits made meanwhile stay unsaved, and journaled."""

from __future__ import annotations

import datetime as dt

from bizop_tui.model.document import Document
from bizop_tui.model.journal import Journal
from bizop_tui.session import Session
from bizop_tui.templates import template_text

TODAY = dt.date(2026, 11, 27)


def opened(tmp_path, journal: bool = False) -> Session:
    path = tmp_path / "amazon.toml"
    path.write_text(template_text("amazon"), "utf-8")
    return Session(Document.open(str(path)), today=TODAY,
                   journal=Journal.for_file(str(path)) if journal else None)


def test_edits_made_while_a_save_runs_stay_unsaved_and_the_saved_text_is_the_one_written(tmp_path):
    session = opened(tmp_path)
    session.delete_entry("proc-returns")
    began = session.document.text
    job = session.save_job()
    assert session.status().saving
    session.delete_entry("proc-prime-renewal")  # and an insert shifts the entries after it: still saved
    session.add_entry("operating.processes", {"name": "Typed while saving"})
    saved = job()
    outcome = session.finish_save(saved)
    assert outcome.ok and not session.saving
    assert (tmp_path / "amazon.toml").read_text("utf-8") == began
    assert session.document.saved_text == began
    assert session.document.dirty
    assert session.disk_checked(session.disk_job()()) == "same", "the file on disk is known as bizop's own"


def test_a_disk_check_during_a_save_is_ignored(tmp_path):
    session = opened(tmp_path)
    session.delete_entry("proc-returns")
    job = session.save_job()
    check = session.disk_job()
    session.finish_save(job())
    assert session.disk_checked(check()) == "stale"


def test_after_a_save_with_edits_made_meanwhile_the_journal_keeps_them_on_the_new_base(tmp_path, monkeypatch):
    monkeypatch.setenv("BIZOP_STATE_DIR", str(tmp_path / "state"))
    session = opened(tmp_path, journal=True)
    session.open_journal()
    session.delete_entry("proc-returns")
    job = session.save_job()
    session.delete_entry("proc-prime-renewal")
    session.finish_save(job())
    record = session.journal_job()
    assert record is not None and record() is None
    kept = session.journal.own()
    assert kept.text == session.document.text
    assert kept.base_digest == session.document.disk_digest
