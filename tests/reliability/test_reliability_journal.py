"""Stories about the recovery journal: each session's unsaved edits, kept outside the model file until a
save or quit, offered back to the next session when a session died, and never dropped by another session."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time

import pytest

from bizop_tui.model import BizopError
from bizop_tui.model.journal import DEAD, LIVE, UNKNOWN, Journal, state_dir
from bizop_tui.model.process import Owner, machine_tag, start_time, this_process

TEXT = '[model]\nname = "Acme"\n\n[[business.channels]]\nid = "ch-web"\nname = "Web shop ✓ \\u001b"\n'
DIGEST = "ab" * 32


def dead_owner(user: str = "alice") -> Owner:
    """The owner of a session whose process has ended (a real process, started and waited for)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    started = _wait_for_start(child.pid)
    child.wait()
    return Owner(user, socket.gethostname(), child.pid, started, machine_tag())


@pytest.fixture
def live_owner():
    """The owner of a session whose process still runs; the process ends after the test."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        yield Owner("bob", socket.gethostname(), child.pid, _wait_for_start(child.pid), machine_tag())
    finally:
        child.kill()
        child.wait()


def _wait_for_start(pid: int) -> float:
    for _ in range(100):
        started = start_time(pid)
        if started is not None:
            return started
        time.sleep(0.01)
    raise AssertionError("the child never appeared in /proc")


def left_by(owner: Owner, path, text: str = TEXT, base: str | None = DIGEST) -> Journal:
    journal = Journal.for_file(str(path), owner=owner)
    journal.record(text, base)
    return journal


# -- where journals live ----------------------------------------------------------------------------------


def test_the_journal_lives_in_the_state_folder_named_by_BIZOP_STATE_DIR(tmp_path, monkeypatch):
    monkeypatch.setenv("BIZOP_STATE_DIR", str(tmp_path / "state"))
    journal = Journal.for_file(str(tmp_path / "model.toml"))
    assert os.path.dirname(journal.path) == os.path.join(str(tmp_path / "state"), "recovery")


def test_without_BIZOP_STATE_DIR_the_journal_lives_in_the_platforms_user_state_folder(tmp_path, monkeypatch):
    from platformdirs import user_state_dir

    monkeypatch.delenv("BIZOP_STATE_DIR", raising=False)
    journal = Journal.for_file(str(tmp_path / "model.toml"))
    assert state_dir() == user_state_dir("bizop", appauthor=False)
    assert os.path.dirname(journal.path) == os.path.join(user_state_dir("bizop", appauthor=False), "recovery")


def test_the_same_file_named_two_ways_has_one_journal_per_session(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert Journal.for_file("model.toml").path == Journal.for_file(str(tmp_path / "model.toml")).path
    assert Journal.for_file("model.toml").key == str(tmp_path / "model.toml")


# -- one session's journal --------------------------------------------------------------------------------


def test_a_dead_sessions_journal_gives_back_its_text_and_who_left_it(tmp_path):
    owner = dead_owner()
    left_by(owner, tmp_path / "model.toml")
    recovered = Journal.for_file(str(tmp_path / "model.toml")).pending()
    assert recovered is not None
    assert recovered.text == TEXT and recovered.base_digest == DIGEST
    assert recovered.file == os.path.abspath(str(tmp_path / "model.toml"))
    assert recovered.written_at[:4].isdigit()
    assert recovered.owner == owner and recovered.liveness == DEAD and recovered.may_discard
    assert f"alice@{socket.gethostname()}, process {owner.pid}" in recovered.describe()
    assert "no longer running" in recovered.describe()


def test_a_newer_record_replaces_the_older_one(tmp_path):
    journal = Journal.for_file(str(tmp_path / "model.toml"), owner=dead_owner())
    journal.record("first", None)
    journal.record("second", None)
    assert Journal.for_file(str(tmp_path / "model.toml")).pending().text == "second"
    assert os.listdir(os.path.dirname(journal.path)) == [os.path.basename(journal.path)]


def test_a_session_never_offers_its_own_journal_back_to_itself(tmp_path):
    journal = Journal.for_file(str(tmp_path / "model.toml"))
    journal.record(TEXT, None)
    assert journal.pending() is None and journal.scan().journals == []


def test_discard_removes_the_journal(tmp_path):
    journal = Journal.for_file(str(tmp_path / "model.toml"))
    journal.record(TEXT, None)
    journal.discard()
    assert not os.path.exists(journal.path)
    journal.discard()  # discarding twice is fine


def test_the_model_file_is_never_touched_by_the_journal(tmp_path):
    model = tmp_path / "model.toml"
    model.write_bytes(b'[model]\nname = "Acme"\n')
    journal = Journal.for_file(str(model))
    journal.record(TEXT, None)
    journal.discard()
    assert model.read_bytes() == b'[model]\nname = "Acme"\n'
    assert os.listdir(tmp_path) == ["model.toml"]


def test_the_journal_is_plain_json_with_the_whole_text_and_its_owner(tmp_path):
    journal = Journal.for_file(str(tmp_path / "model.toml"))
    journal.record(TEXT, DIGEST)
    with open(journal.path, encoding="utf-8") as handle:
        data = json.load(handle)
    me = this_process()
    assert data["text"] == TEXT and data["file"] == journal.key and data["base_digest"] == DIGEST
    assert data["owner"] == {"user": me.user, "host": me.host, "pid": os.getpid(), "started": me.started,
                             "machine": me.machine}


def test_the_journal_of_a_private_file_is_not_readable_by_others(tmp_path):
    model = tmp_path / "model.toml"
    model.write_text('[model]\nname = "Secret plans"\n')
    os.chmod(model, 0o600)
    old = os.umask(0o022)
    try:
        journal = Journal.for_file(str(model))
        journal.record('[model]\nname = "Secret plans, edited"\n', None)
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(journal.path).st_mode) & 0o077 == 0


# -- two sessions on one file (issue 10, item 1; issue 14, item 6) ----------------------------------------


SESSION = """
import sys, time
from bizop_tui.model.journal import Journal
journal = Journal.for_file(sys.argv[1])
journal.record(sys.argv[2], None)
if sys.argv[3] == "save":
    journal.discard()
print("ready", flush=True)
time.sleep(60)
"""


def _session(path, text: str, then: str) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", SESSION, str(path), text, then], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    return child


def test_one_sessions_save_never_removes_another_sessions_unsaved_edits(tmp_path):
    """Two bizops on one file: A saves, B crashes. B's edits are offered on the next open."""
    model = tmp_path / "model.toml"
    a = _session(model, "A's text", "keep")
    b = _session(model, "B's text", "keep")
    try:
        # A saves: its journal goes, B's stays.
        saver = _session(model, "A's saved text", "save")
        saver.kill()
        saver.wait()
        a.send_signal(signal.SIGKILL)
        b.send_signal(signal.SIGKILL)
        a.wait()
        b.wait()
        texts = sorted(r.text for r in Journal.for_file(str(model)).scan().left_behind)
        assert texts == ["A's text", "B's text"]
    finally:
        for child in (a, b):
            child.kill()
            child.wait()


def test_a_live_sessions_journal_is_shown_as_open_elsewhere_and_never_offered_or_discarded(tmp_path, live_owner):
    model = tmp_path / "model.toml"
    theirs = left_by(live_owner, model)
    mine = Journal.for_file(str(model))
    scan = mine.scan()
    [found] = scan.journals
    assert found.liveness == LIVE and not found.may_discard
    assert scan.open_elsewhere == [found] and scan.left_behind == []
    assert mine.pending() is None
    assert "bob@" in found.describe() and "still running" in found.describe()
    with pytest.raises(BizopError) as caught:
        mine.discard_other(found)
    assert "still running" in caught.value.message
    assert os.path.exists(theirs.path)


def test_a_session_that_is_open_without_edits_is_shown_and_leaves_nothing_when_it_dies(tmp_path, live_owner):
    model = tmp_path / "model.toml"
    theirs = Journal.for_file(str(model), owner=live_owner)
    theirs.announce()
    [found] = Journal.for_file(str(model)).scan().open_elsewhere
    assert found.text is None and found.live
    gone = Journal.for_file(str(model), owner=dead_owner())
    gone.announce()
    assert [r.owner for r in Journal.for_file(str(model)).scan().journals] == [live_owner]
    assert not os.path.exists(gone.path)  # a dead session without edits is cleaned up


def test_a_journal_from_another_machine_is_not_offered_or_discarded(tmp_path):
    model = tmp_path / "model.toml"
    elsewhere = Owner("carol", "other-host", 4242, time.time(), "0" * 16)
    left_by(elsewhere, model)
    [found] = Journal.for_file(str(model)).scan().journals
    assert found.liveness == UNKNOWN and not found.may_discard and "on another machine" in found.describe()
    assert Journal.for_file(str(model)).pending() is None


def test_a_reused_pid_does_not_make_a_dead_session_look_alive(tmp_path):
    """The pid of this very process, with another start time: a later process given the same pid."""
    model = tmp_path / "model.toml"
    me = this_process()
    earlier = Owner(me.user, me.host, me.pid, me.started - 3600, me.machine)
    left_by(earlier, model)
    [found] = Journal.for_file(str(model)).scan().journals
    assert found.liveness == DEAD and found.may_discard


def test_discarding_a_dead_sessions_journal_removes_it_and_nothing_else(tmp_path, live_owner):
    model = tmp_path / "model.toml"
    dead = left_by(dead_owner(), model, "dead's text")
    live = left_by(live_owner, model, "live's text")
    mine = Journal.for_file(str(model))
    mine.record("my text", None)
    mine.discard_other(mine.pending())
    assert not os.path.exists(dead.path)
    assert os.path.exists(live.path) and os.path.exists(mine.path)


def test_restoring_moves_the_edits_into_this_sessions_journal_before_the_old_one_goes(tmp_path):
    model = tmp_path / "model.toml"
    dead = left_by(dead_owner(), model)
    mine = Journal.for_file(str(model))
    mine.adopt(mine.pending())
    assert not os.path.exists(dead.path)
    with open(mine.path, encoding="utf-8") as handle:
        assert json.load(handle)["text"] == TEXT


def test_keeping_edits_for_later_leaves_them_and_this_session_keeps_its_own_journal(tmp_path):
    """Issue 10, item 3: after 'Keep for later' both journals exist, and later edits are journaled."""
    model = tmp_path / "model.toml"
    dead = left_by(dead_owner(), model, "kept for later")
    mine = Journal.for_file(str(model))
    assert mine.pending().text == "kept for later"  # offered; the person keeps it for later
    mine.record("an edit made afterwards", None)
    later = Journal.for_file(str(model), owner=dead_owner("me-later"))
    assert sorted(r.text for r in later.scan().journals) == ["an edit made afterwards", "kept for later"]
    assert os.path.exists(dead.path)


# -- Save as (issue 10, item 2) ---------------------------------------------------------------------------


def test_after_save_as_the_journal_follows_the_new_file(tmp_path):
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    owner = dead_owner()
    journal = Journal.for_file(str(a), owner=owner)
    journal.record("saved as b, then edited", None)
    journal.rekey(str(b))
    journal.record("saved as b, then edited again", None)
    assert Journal.for_file(str(a)).pending() is None
    assert Journal.for_file(str(b)).pending().text == "saved as b, then edited again"


def test_the_unsaved_sample_saved_under_a_name_journals_under_that_name(tmp_path):
    journal = Journal.for_file(None, fallback="amazon", owner=dead_owner())
    journal.record("sample edits", None)
    journal.rekey(str(tmp_path / "mine.toml"))
    journal.record("sample edits after saving", None)
    assert Journal.for_file(None, fallback="amazon").pending() is None
    assert Journal.for_file(str(tmp_path / "mine.toml")).pending().text == "sample edits after saving"


def test_rekeying_carries_edits_not_yet_saved(tmp_path):
    journal = Journal.for_file(str(tmp_path / "a.toml"), owner=dead_owner())
    journal.record("edits made while the save ran", DIGEST)
    journal.rekey(str(tmp_path / "b.toml"))
    recovered = Journal.for_file(str(tmp_path / "b.toml")).pending()
    assert recovered.text == "edits made while the save ran" and recovered.base_digest == DIGEST


# -- damaged and foreign journals (issue 10, item 11) -----------------------------------------------------


def _plant(journal_path: str, content: bytes) -> None:
    os.makedirs(os.path.dirname(journal_path), exist_ok=True)
    with open(journal_path, "wb") as handle:
        handle.write(content)


def _valid(key: str, **changes) -> dict:
    owner = dead_owner()
    data = {"format": 2, "file": key, "base_digest": None, "written_at": "2026-06-01T09:30:00", "text": "t",
            "owner": owner.as_json()}
    data.update(changes)
    return data


DAMAGE = {
    "empty": b"",
    "cut-off": b"{",
    "not-utf8": b"\xff\xfe not utf-8",
    "a-list": b"[]",
    "null": b"null",
    "zeros": b"\x00" * 64,
    "deep": b"[" * 100000,
}
BAD_FIELDS = {
    "text-a-number": {"text": 42},
    "text-a-list": {"text": ["a"]},
    "digest-not-hex": {"base_digest": "\x1b[2J"},
    "time-with-escapes": {"written_at": "\x1b]0;PWNED\x07"},
    "time-a-number": {"written_at": 3},
    "owner-missing": {"owner": None},
    "pid-a-string": {"owner": {"user": "a", "host": "h", "pid": "1", "started": 1.0, "machine": "0" * 16}},
    "pid-a-bool": {"owner": {"user": "a", "host": "h", "pid": True, "started": 1.0, "machine": "0" * 16}},
    "started-nan": {"owner": {"user": "a", "host": "h", "pid": 5, "started": float("nan"), "machine": "0" * 16}},
    "user-huge": {"owner": {"user": "a" * 5000, "host": "h", "pid": 5, "started": 1.0, "machine": "0" * 16}},
    "format-unknown": {"format": 99},
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_journal_is_ignored_with_a_note(tmp_path, damage):
    mine = Journal.for_file(str(tmp_path / "model.toml"))
    planted = mine.path.replace(".json", "0.json")  # another session's name for this file
    _plant(planted, DAMAGE[damage])
    scan = mine.scan()
    assert scan.journals == [] and len(scan.ignored) == 1 and planted in scan.ignored[0]
    assert mine.pending() is None
    assert os.path.exists(planted)  # kept: it might be mended by hand


@pytest.mark.parametrize("field", list(BAD_FIELDS))
def test_a_journal_with_a_field_of_the_wrong_kind_is_ignored_with_a_note(tmp_path, field):
    mine = Journal.for_file(str(tmp_path / "model.toml"))
    planted = mine.path.replace(".json", "0.json")
    data = _valid(mine.key)
    data.update(BAD_FIELDS[field])
    _plant(planted, json.dumps(data).encode())
    scan = mine.scan()
    assert scan.journals == [] and len(scan.ignored) == 1
    assert "\x1b" not in scan.ignored[0] and "\x07" not in scan.ignored[0]


def test_a_journal_naming_another_file_is_not_restored_into_this_one(tmp_path):
    mine = Journal.for_file(str(tmp_path / "model.toml"))
    _plant(mine.path.replace(".json", "0.json"),
           json.dumps(_valid("/elsewhere/\x1b]0;other\x07.toml")).encode())
    scan = mine.scan()
    assert scan.journals == []
    [note] = scan.ignored
    assert "another file" in note and "\x1b" not in note and "␛" in note


def test_a_journal_that_is_a_folder_or_a_fifo_is_ignored_without_waiting(tmp_path):
    mine = Journal.for_file(str(tmp_path / "model.toml"))
    os.makedirs(mine.path.replace(".json", "0.json"))
    os.mkfifo(mine.path.replace(".json", "1.json"))
    assert len(mine.scan().ignored) == 2


def test_a_journal_of_an_earlier_bizop_is_still_offered(tmp_path):
    mine = Journal.for_file(str(tmp_path / "model.toml"))
    legacy = os.path.join(mine.folder, f"{mine.prefix}.json")
    _plant(legacy, json.dumps({"file": mine.key, "base_digest": None, "written_at": "2026-06-01T09:30:00",
                               "text": TEXT}).encode())
    recovered = mine.pending()
    assert recovered.text == TEXT and recovered.owner is None and recovered.may_discard
    mine.discard_other(recovered)
    assert not os.path.exists(legacy)


def test_journals_of_two_files_do_not_collide(tmp_path):
    owner = dead_owner()
    one = Journal.for_file(str(tmp_path / "a" / "model.toml"), owner=owner)
    two = Journal.for_file(str(tmp_path / "b" / "model.toml"), owner=owner)
    sample = Journal.for_file(None, fallback="amazon", owner=owner)
    other_sample = Journal.for_file(None, fallback="starter", owner=owner)
    assert len({one.path, two.path, sample.path, other_sample.path}) == 4
    one.record("one", None)
    two.record("two", None)
    sample.record("sample", None)
    assert Journal.for_file(str(tmp_path / "a" / "model.toml")).pending().text == "one"
    assert Journal.for_file(str(tmp_path / "b" / "model.toml")).pending().text == "two"
    assert Journal.for_file(None, fallback="amazon").pending().text == "sample"
    assert Journal.for_file(None, fallback="starter").pending() is None


# -- a state folder that cannot be used -------------------------------------------------------------------


def test_a_journal_that_cannot_be_written_raises_bizop_error(tmp_path, monkeypatch):
    blocker = tmp_path / "state-is-a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BIZOP_STATE_DIR", str(blocker))
    journal = Journal.for_file(str(tmp_path / "model.toml"))
    with pytest.raises(BizopError) as caught:
        journal.record(TEXT, None)
    assert caught.value.message


def test_with_the_state_folder_a_file_dropping_the_journal_is_quiet(tmp_path, monkeypatch):
    """Issue 10, item 20: every save used to warn 'cannot remove the recovery journal'."""
    blocker = tmp_path / "state-is-a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BIZOP_STATE_DIR", str(blocker))
    journal = Journal.for_file(str(tmp_path / "model.toml"))
    journal.discard()
    journal.close()
    assert journal.scan().journals == []


def test_a_journal_whose_folder_exists_but_cannot_be_written_raises_bizop_error(tmp_path, monkeypatch):
    from bizop_tui.model import storage

    journal = Journal.for_file(str(tmp_path / "model.toml"))
    os.makedirs(os.path.dirname(journal.path))

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(storage, "_create_ours", denied)
    with pytest.raises(BizopError) as caught:
        journal.record(TEXT, None)
    assert "permission denied" in caught.value.message
    assert not os.path.exists(journal.path)
