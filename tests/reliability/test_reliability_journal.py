"""Stories about the recovery journal: unsaved edits kept outside the model file until a save or quit."""

from __future__ import annotations

import json
import os
import stat

import pytest

from bizop_tui.model import BizopError
from bizop_tui.model.journal import Journal, state_dir

TEXT = '[model]\nname = "Acme"\n\n[[business.channels]]\nid = "ch-web"\nname = "Web shop ✓ \\u001b"\n'


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


def test_a_recorded_journal_gives_back_the_text(tmp_path):
    journal = Journal.for_file(str(tmp_path / "model.toml"))
    assert journal.pending() is None
    journal.record(TEXT, "abc123")
    recovered = journal.pending()
    assert recovered is not None
    assert recovered.text == TEXT
    assert recovered.base_digest == "abc123"
    assert recovered.file == os.path.abspath(str(tmp_path / "model.toml"))
    assert recovered.written_at


def test_a_newer_record_replaces_the_older_one(tmp_path):
    journal = Journal.for_file(str(tmp_path / "model.toml"))
    journal.record("first", None)
    journal.record("second", None)
    assert journal.pending().text == "second"
    assert os.listdir(os.path.dirname(journal.path)) == [os.path.basename(journal.path)]


def test_discard_removes_the_journal(tmp_path):
    journal = Journal.for_file(str(tmp_path / "model.toml"))
    journal.record(TEXT, None)
    journal.discard()
    assert not os.path.exists(journal.path)
    assert journal.pending() is None
    journal.discard()  # discarding twice is fine


def test_the_model_file_is_never_touched_by_the_journal(tmp_path):
    model = tmp_path / "model.toml"
    model.write_bytes(b'[model]\nname = "Acme"\n')
    journal = Journal.for_file(str(model))
    journal.record(TEXT, None)
    journal.discard()
    assert model.read_bytes() == b'[model]\nname = "Acme"\n'
    assert os.listdir(tmp_path) == ["model.toml"]


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{",
        b"\xff\xfe not utf-8",
        b"[]",
        b"null",
        b'{"file": "x"}',
        b'{"text": "no file key"}',
        b'{"file": "x", "text": "t"',
        b"\x00" * 64,
    ],
    ids=["empty", "cut-off", "not-utf8", "a-list", "null", "no-text", "no-file", "truncated", "zeros"],
)
def test_a_damaged_journal_reads_as_none(tmp_path, damage):
    journal = Journal.for_file(str(tmp_path / "model.toml"))
    os.makedirs(os.path.dirname(journal.path), exist_ok=True)
    with open(journal.path, "wb") as handle:
        handle.write(damage)
    assert journal.pending() is None


def test_a_journal_that_is_a_folder_reads_as_none(tmp_path):
    journal = Journal.for_file(str(tmp_path / "model.toml"))
    os.makedirs(journal.path)
    assert journal.pending() is None


def test_journals_of_two_files_do_not_collide(tmp_path):
    one = Journal.for_file(str(tmp_path / "a" / "model.toml"))
    two = Journal.for_file(str(tmp_path / "b" / "model.toml"))
    sample = Journal.for_file(None, fallback="amazon")
    other_sample = Journal.for_file(None, fallback="starter")
    paths = {one.path, two.path, sample.path, other_sample.path}
    assert len(paths) == 4
    one.record("one", None)
    two.record("two", None)
    sample.record("sample", None)
    assert one.pending().text == "one"
    assert two.pending().text == "two"
    assert sample.pending().text == "sample"
    assert other_sample.pending() is None
    one.discard()
    assert one.pending() is None and two.pending().text == "two"


def test_the_same_file_named_two_ways_shares_one_journal(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert Journal.for_file("model.toml").path == Journal.for_file(str(tmp_path / "model.toml")).path


def test_a_journal_that_cannot_be_written_raises_bizop_error(tmp_path, monkeypatch):
    blocker = tmp_path / "state-is-a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BIZOP_STATE_DIR", str(blocker))
    journal = Journal.for_file(str(tmp_path / "model.toml"))
    with pytest.raises(BizopError) as caught:
        journal.record(TEXT, None)
    assert caught.value.message


def test_a_journal_whose_folder_exists_but_cannot_be_written_raises_bizop_error(tmp_path, monkeypatch):
    from bizop_tui.model import storage

    journal = Journal.for_file(str(tmp_path / "model.toml"))
    os.makedirs(os.path.dirname(journal.path))

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(storage.tempfile, "mkstemp", denied)
    with pytest.raises(BizopError) as caught:
        journal.record(TEXT, None)
    assert "permission denied" in caught.value.message
    assert journal.pending() is None


def test_the_journal_is_plain_json_with_the_whole_text(tmp_path):
    journal = Journal.for_file(str(tmp_path / "model.toml"))
    journal.record(TEXT, "d1")
    with open(journal.path, encoding="utf-8") as handle:
        data = json.load(handle)
    assert data["text"] == TEXT and data["file"] == journal.key


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
