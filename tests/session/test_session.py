"""The session without a screen: edits, undo, settings, find, files, disk checks, the journal and the
background analysis of large models return plain outcomes (no Textual, no monkeypatching: the day
staleness is judged on is an argument)."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import pytest

from bizop_tui.alignment import analyse
from bizop_tui.bench.synthetic import synthetic_model
from bizop_tui.model.document import Document
from bizop_tui.model.errors import BizopError
from bizop_tui.model.journal import Journal
from bizop_tui.session import Session, fold, settings_text
from bizop_tui.templates import template_text
from tests.journal_helpers import ended_session, left_behind

TODAY = dt.date(2026, 11, 27)

BAKERY = '''# Crumb & Co: what we sell and how we bake it.
[model]
name = "Crumb & Co"   # the trading name
currency = "EUR"

# ---- Business model ----

[[business.customer_segments]]
id = "seg-cafe"
name = "Café crème drinkers"

[[business.value_propositions]]
id = "vp-fresh"
name = "Fresh bread every morning"
segments = ["seg-cafe"]

[[operating.organisation]]
id = "org-bakehouse"
name = "Bakehouse team"

[[operating.processes]]
id = "proc-baking"
name = "Overnight baking"
owner = "org-bakehouse"
supports = ["vp-fresh"]
reviewed = 2026-10-01

[[operating.processes]]
id = "proc-delivery"
name = "Morning delivery"
'''


@pytest.fixture
def bakery(tmp_path) -> Session:
    path = tmp_path / "bakery.toml"
    path.write_text(BAKERY, "utf-8")
    return Session(Document.open(str(path)), journal=Journal.for_file(str(path)), today=TODAY)


def findings(session: Session, rule: str) -> list:
    return [f for f in session.alignment.findings if f.rule == rule]


# -- edits --------------------------------------------------------------------------------------------


def test_an_edit_is_followed_in_the_score_and_the_previous_score_is_kept(bakery):
    before = bakery.alignment.score
    assert findings(bakery, "process.no-owner")
    outcome = bakery.update_entry("proc-delivery", {"owner": "org-bakehouse", "supports": ["vp-fresh"]})
    assert outcome.ok and outcome.select == "proc-delivery"
    assert not findings(bakery, "process.no-owner")
    assert bakery.previous_score == before
    status = bakery.status()
    assert status.dirty and status.score == bakery.alignment.score and status.previous == before


def test_a_refused_edit_changes_nothing_and_says_why(bakery):
    text = bakery.document.text
    outcome = bakery.add_entry("operating.processes", {"name": "Again", "id": "proc-baking"})
    assert not outcome.ok and "already used" in outcome.message
    assert bakery.document.text == text


def test_deleting_an_entry_selects_its_neighbour_and_undo_brings_it_back(bakery):
    outcome = bakery.delete_entry("proc-baking")
    assert outcome.ok and outcome.select == "proc-delivery"
    assert "Overnight baking" in outcome.message
    undone = bakery.undo()
    assert undone.ok and undone.select == "proc-baking" and undone.message.startswith("Undid")
    assert bakery.document.text == BAKERY
    assert not bakery.undo().ok and not bakery.status().dirty


def test_deleting_the_last_entry_of_a_block_selects_the_one_before_it(bakery):
    assert bakery.delete_entry("proc-delivery").select == "proc-baking"
    assert bakery.delete_entry("seg-cafe").select is None


def test_names_in_outcomes_are_shown_with_stand_ins(bakery):
    bakery.update_entry("proc-delivery", {"name": "Evil\x1b]0;T\x07"})
    message = bakery.delete_entry("proc-delivery").message
    assert "\x1b" not in message and "\x07" not in message and "␛]0;T␇" in message


def test_staleness_is_judged_on_the_day_the_session_is_given():
    early = Session(Document.from_text(BAKERY), today=dt.date(2026, 11, 1))
    late = Session(Document.from_text(BAKERY), today=dt.date(2028, 1, 1))
    assert not findings(early, "stale.operating")
    assert [f.entries for f in findings(late, "stale.operating")] == [("proc-baking",)]


# -- settings -----------------------------------------------------------------------------------------


def test_settings_are_changed_in_place_and_the_rest_of_the_file_is_kept(bakery):
    outcome = bakery.edit_settings({"name": "Crumb and Co", "reviewed": dt.date(2026, 11, 1),
                                    "disabled_rules": ["stale"], "currency": None})
    assert outcome.ok
    text = bakery.document.text
    assert 'name = "Crumb and Co"   # the trading name' in text
    assert "currency" not in text
    assert text.index("disabled_rules") < text.index("# ---- Business model ----"), "new keys stay in [model]"
    assert text.startswith("# Crumb & Co: what we sell and how we bake it.\n")
    assert text[text.index("# ---- Business model"):] == BAKERY[BAKERY.index("# ---- Business model"):]
    assert bakery.model.name == "Crumb and Co" and bakery.model.settings["disabled_rules"] == ["stale"]
    bakery.undo()
    assert bakery.document.text == BAKERY


def test_a_file_without_a_model_table_gets_one_at_the_top():
    text = '[[business.channels]]\nid = "ch-web"\nname = "Web"\n'
    assert settings_text(text, {"name": "New"}).startswith('[model]\nname = "New"\n\n[[business.channels]]')


def test_settings_written_as_an_inline_table_are_refused_plainly():
    with pytest.raises(BizopError, match="inline table"):
        settings_text('model = { name = "x" }\n', {"name": "y"})


def test_settings_keep_crlf_line_endings():
    text = '[model]\r\nname = "A"\r\n\r\n[[business.channels]]\r\nid = "c"\r\nname = "C"\r\n'
    new = settings_text(text, {"currency": "EUR"}, "\r\n")
    assert "\n" not in new.replace("\r\n", "") and 'currency = "EUR"\r\n' in new


# -- queries ------------------------------------------------------------------------------------------


def test_find_ignores_case_and_accents_and_keeps_file_order(bakery):
    assert bakery.find("CAFE CREME") == ["seg-cafe"]
    assert bakery.find("proc-") == ["proc-baking", "proc-delivery"]
    assert fold("Crème Brûlée") == "creme brulee"


def test_who_names_an_entry_is_listed_by_kind_of_link(bakery):
    assert bakery.referrers("seg-cafe") == {"segments": ["vp-fresh"]}
    assert bakery.referrers("org-bakehouse") == {"owner": ["proc-baking"]}
    assert {"proc-baking", "seg-cafe", "org-bakehouse"} <= bakery.linked("vp-fresh")


# -- files and the journal ----------------------------------------------------------------------------


def test_a_change_is_journaled_and_saving_removes_the_journal(bakery):
    bakery.update_entry("proc-delivery", {"supports": ["vp-fresh"]})
    job = bakery.journal_job()
    assert job() is None
    assert bakery.journal.own().text == bakery.document.text
    outcome = bakery.save()
    assert outcome.ok and outcome.message.startswith("Saved ")
    assert bakery.journal.own() is None


def test_an_older_journal_write_never_overwrites_a_newer_one(bakery):
    bakery.update_entry("proc-delivery", {"name": "First"})
    older = bakery.journal_job()
    bakery.update_entry("proc-delivery", {"name": "Second"})
    newer = bakery.journal_job()
    newer()
    older()
    assert 'name = "Second"' in bakery.journal.own().text


def test_recovered_edits_are_offered_and_restored_as_one_undoable_change(bakery):
    bakery.update_entry("proc-delivery", {"name": "Recovered"})
    left_behind(bakery.document.path, bakery.document.text)
    again = Session(Document.open(bakery.document.path), journal=Journal.for_file(bakery.document.path), today=TODAY)
    recovered = again.pending_recovery()
    assert recovered is not None and "no longer running" in recovered.describe()
    assert again.restore(recovered).ok
    assert again.model.by_id["proc-delivery"].name == "Recovered"
    assert again.pending_recovery() is None, "the adopted journal is gone"
    assert again.journal.own().text == again.document.text, "this session keeps the edits from now on"
    again.undo()
    assert again.document.text == BAKERY


def test_a_session_that_is_still_running_is_named_and_its_edits_never_offered_or_dropped(bakery):
    bakery.update_entry("proc-delivery", {"name": "Theirs"})
    bakery.journal.announce()
    bakery.journal_job()()
    other = Session(Document.open(bakery.document.path), journal=Journal.for_file(bakery.document.path,
                                                                                   owner=ended_session()))
    notes, elsewhere = other.open_journal()
    assert notes == []
    assert [r.liveness for r in elsewhere] == ["live"]
    assert other.pending_recovery() is None
    assert "still running" in other.discard_recovery(elsewhere[0])
    assert bakery.journal.own().text == bakery.document.text


def test_keeping_recovered_edits_for_later_leaves_them_and_journals_this_session_apart(bakery):
    bakery.update_entry("proc-delivery", {"name": "Left"})
    left_behind(bakery.document.path, bakery.document.text)
    again = Session(Document.open(bakery.document.path), journal=Journal.for_file(bakery.document.path), today=TODAY)
    again.open_journal()
    assert again.pending_recovery() is not None  # "Keep for later": nothing is done to it
    again.update_entry("proc-delivery", {"name": "Mine"})
    again.journal_job()()
    assert 'name = "Mine"' in again.journal.own().text
    later = Session(Document.open(bakery.document.path), journal=Journal.for_file(bakery.document.path), today=TODAY)
    assert 'name = "Left"' in later.pending_recovery().text


def test_discarding_recovered_edits_removes_them(bakery):
    bakery.update_entry("proc-delivery", {"name": "Gone"})
    left_behind(bakery.document.path, bakery.document.text)
    again = Session(Document.open(bakery.document.path), journal=Journal.for_file(bakery.document.path), today=TODAY)
    assert again.discard_recovery(again.pending_recovery()) == ""
    assert again.pending_recovery() is None


def test_closing_with_unsaved_edits_keeps_them_for_the_next_open_and_closing_clean_leaves_nothing(bakery):
    bakery.journal.announce()
    bakery.update_entry("proc-delivery", {"name": "Hung up"})
    bakery.close()  # a hang-up: no journal job ran
    assert 'name = "Hung up"' in bakery.journal.own().text
    clean = Session(Document.open(bakery.document.path), journal=Journal.for_file(bakery.document.path,
                                                                                   owner=ended_session()))
    clean.open_journal()
    clean.close()
    assert clean.journal.own() is None


def test_quitting_without_saving_removes_the_journal(bakery):
    bakery.journal.announce()
    bakery.update_entry("proc-delivery", {"name": "Dropped"})
    bakery.journal_job()()
    assert bakery.quit_without_saving() == ""
    bakery.close()
    assert bakery.journal.own() is None


def test_a_read_only_file_is_saved_only_when_asked_to(bakery):
    path = Path(bakery.document.path)
    bakery.update_entry("proc-delivery", {"name": "Forced"})
    path.chmod(0o444)
    refused = bakery.save()
    assert not refused.ok and refused.read_only and "read-only" in refused.message
    assert "Forced" not in path.read_text("utf-8")
    assert bakery.save(force=True).ok
    assert "Forced" in path.read_text("utf-8")
    assert path.stat().st_mode & 0o777 == 0o444


def test_saving_over_a_file_changed_on_disk_is_a_conflict_not_a_write(bakery):
    path = Path(bakery.document.path)
    bakery.update_entry("proc-delivery", {"name": "Mine"})
    path.write_text(BAKERY + "\n# theirs\n", "utf-8")
    outcome = bakery.save()
    assert not outcome.ok and outcome.conflict
    assert path.read_text("utf-8").endswith("# theirs\n")


def test_a_save_as_journals_later_edits_for_the_new_file(bakery, tmp_path):
    bakery.update_entry("proc-delivery", {"name": "Mine"})
    assert bakery.save(str(tmp_path / "copy.toml")).ok
    assert bakery.journal.key == os.path.abspath(tmp_path / "copy.toml")


# -- the disk -----------------------------------------------------------------------------------------


def test_a_file_changed_on_disk_is_reloaded_when_nothing_is_unsaved(bakery):
    path = Path(bakery.document.path)
    path.write_text(BAKERY.replace("Morning delivery", "Dawn delivery"), "utf-8")
    assert bakery.disk_checked(bakery.disk_job()()) == "reloaded"
    assert bakery.model.by_id["proc-delivery"].name == "Dawn delivery"
    assert bakery.disk_checked(bakery.disk_job()()) == "same"


def test_a_file_changed_on_disk_under_unsaved_edits_is_a_question(bakery):
    bakery.update_entry("proc-delivery", {"name": "Mine"})
    Path(bakery.document.path).write_text(BAKERY + "\n# theirs\n", "utf-8")
    assert bakery.disk_checked(bakery.disk_job()()) == "ask"
    assert bakery.model.by_id["proc-delivery"].name == "Mine"
    assert bakery.disk_checked(bakery.disk_job()()) == "same", "the same change is asked about once"


def test_a_disk_check_begun_before_a_save_is_ignored(bakery):
    bakery.update_entry("proc-delivery", {"name": "Mine"})
    check = bakery.disk_job()()
    Path(bakery.document.path).write_text(BAKERY + "\n# theirs\n", "utf-8")
    late = bakery.disk_job()()
    bakery.save(overwrite=True)
    assert bakery.disk_checked(check) == "stale" and bakery.disk_checked(late) == "stale"


def test_a_fifo_in_place_of_the_file_is_never_opened(bakery):
    path = bakery.document.path
    os.unlink(path)
    os.mkfifo(path)
    result = []
    worker = threading.Thread(target=lambda: result.append(bakery.disk_job()()), daemon=True)
    worker.start()
    worker.join(5)
    assert result, "the disk check blocked on the FIFO"
    assert bakery.disk_checked(result[0]) == "not-a-file"
    assert bakery.model.by_id["proc-baking"]


def test_a_missing_file_is_reported_and_the_model_kept(bakery):
    os.unlink(bakery.document.path)
    assert bakery.disk_checked(bakery.disk_job()()) == "missing"
    assert len(bakery.model) == 5


# -- large models ---------------------------------------------------------------------------------------


def test_a_large_model_is_analysed_on_a_private_copy_while_it_is_edited():
    session = Session(Document.from_text(synthetic_model(400)), today=TODAY, background_from=100)
    assert session.alignment is None and session.needs_analysis
    job = session.analysis_job()
    assert not session.needs_analysis
    live = {id(e) for e in session.model.entries()}
    # Edits on the UI thread while the analysis has not landed: lines and indexes of live entries move.
    first = next(session.model.entries("operating"))
    assert session.delete_entry(first.id).ok
    assert session.add_entry("operating.processes", {"name": "Brand new process"}).ok
    assert session.update_entry("b1-valu", {"name": "Renamed proposition"}).ok
    result = []
    thread = threading.Thread(target=lambda: result.append(job()))
    thread.start()
    thread.join()
    token, state = result[0]
    assert not live & {id(e) for e in state.model.entries()}, "the thread never saw a live entry"
    assert session.adopt(result[0])
    fresh = analyse(session.model, today=TODAY)
    assert session.alignment.score == fresh.score
    assert sorted(f.key for f in session.alignment.findings) == sorted(f.key for f in fresh.findings)
    for mine, theirs in zip(session.alignment.subscores, fresh.subscores):  # the checks behind each score
        assert [(c.entry, c.passed) for c in mine.checks] == [(c.entry, c.passed) for c in theirs.checks]
    # From now on edits are followed incrementally on the live entries.
    assert session.update_entry("proc-brand-new-process", {"supports": ["b1-valu"]}).ok
    again = analyse(session.model, today=TODAY)
    assert session.alignment.score == again.score
    assert sorted(f.key for f in session.alignment.findings) == sorted(f.key for f in again.findings)


def test_a_whole_text_change_during_the_analysis_asks_for_another():
    session = Session(Document.from_text(synthetic_model(200)), today=TODAY, background_from=100)
    job = session.analysis_job()
    assert session.edit_settings({"currency": "GBP"}).ok
    assert not session.adopt(job())
    assert session.needs_analysis
    assert session.adopt(session.analysis_job()())
    assert session.alignment.score == analyse(session.model, today=TODAY).score


def test_an_older_analysis_is_dropped_when_a_newer_one_started():
    session = Session(Document.from_text(template_text("starter")), today=TODAY, background_from=1)
    old = session.analysis_job()
    new = session.analysis_job()
    assert not session.adopt(old())
    assert session.adopt(new())
