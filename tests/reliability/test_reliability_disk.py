"""Stories about what bizop finds on disk and leaves there: the size limit on save too (issue 10, item 8), a
disk check that never blocks or fills memory (item 13), leftovers of killed saves cleaned up (item 19),
and the messages that used to be wrong (item 20)."""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc

import pytest

from bizop_tui.model import BizopError, storage
from bizop_tui.model.document import Document
from bizop_tui.model.errors import BizopError as Error
from bizop_tui.model.process import machine_tag
from bizop_tui.model.source import MAX_FILE_BYTES
from reliability_helpers import time_limit

ORIGINAL = '[model]\nname = "Acme"\n\n[[business.customer_segments]]\nid = "seg-a"\nname = "Retailers"\n'


@pytest.fixture
def model_file(tmp_path):
    path = tmp_path / "model.toml"
    path.write_text(ORIGINAL)
    return path


def edited(path) -> Document:
    doc = Document.open(str(path))
    doc.update_entry("seg-a", {"name": "Retailers, edited"})
    return doc


# -- item 8: one size limit ---------------------------------------------------------------------------


def test_a_model_grown_over_the_size_limit_is_not_saved(model_file):
    """bizop used to save a 35 MB file it then refused to open."""
    doc = edited(model_file)
    doc.update_entry("seg-a", {"notes": "x" * (MAX_FILE_BYTES + 1024)})
    with pytest.raises(BizopError) as caught:
        doc.save()
    message = caught.value.message
    assert "cannot save" in message and "32 MB" in message and "would not open" in message
    assert "Nothing was written" in caught.value.hint
    assert model_file.read_text() == ORIGINAL and doc.dirty


def test_a_model_just_under_the_limit_saves_and_opens_again(model_file):
    doc = edited(model_file)
    room = MAX_FILE_BYTES - len(doc.encoded()) - 64
    doc.update_entry("seg-a", {"notes": "x" * room})
    doc.save()
    assert Document.open(str(model_file)).entry("seg-a").notes == "x" * room


# -- item 13: the disk check --------------------------------------------------------------------------


def test_a_named_pipe_at_the_models_path_is_changed_and_never_waited_for(model_file):
    """`rm f.toml; mkfifo f.toml` while open used to freeze the app for good."""
    doc = edited(model_file)
    model_file.unlink()
    os.mkfifo(model_file)
    with time_limit(5, "the disk check of a named pipe"):
        assert doc.disk_state() == "changed"
        with pytest.raises(BizopError) as caught:
            doc.save()
        assert "named pipe" in caught.value.message
        with pytest.raises(BizopError) as caught:
            doc.reload()
        assert "named pipe" in caught.value.message
        with pytest.raises(BizopError):
            Document.open(str(model_file))
    assert doc.dirty and doc.entry("seg-a").name == "Retailers, edited"
    assert os.path.exists(model_file) and not model_file.is_file()


DISK_CHECK_IN_A_SMALL_PROCESS = """
import resource, sys, tracemalloc
from bizop_tui.model.document import Document
doc = Document.open(sys.argv[1])
doc.update_entry("seg-a", {"name": "Retailers, edited"})
sys.stdout.write("ready\\n"); sys.stdout.flush(); sys.stdin.readline()
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # a regression fails here, not the machine
tracemalloc.start()
state = doc.disk_state()
print(state, tracemalloc.get_traced_memory()[1])
"""


def test_a_link_to_dev_zero_at_the_models_path_is_changed_without_reading_it(model_file):
    """A symbolic link to /dev/zero used to grow memory until a MemoryError."""
    child = subprocess.Popen([sys.executable, "-c", DISK_CHECK_IN_A_SMALL_PROCESS, str(model_file)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout.readline() == "ready\n"
    model_file.unlink()
    model_file.symlink_to("/dev/zero")
    out, err = child.communicate("go\n", timeout=30)
    assert child.returncode == 0, err[-500:]
    state, peak = out.split()
    assert state == "changed" and int(peak) < 1024 * 1024


def test_a_huge_file_at_the_models_path_is_read_no_further_than_the_limit(model_file):
    doc = edited(model_file)
    with open(model_file, "wb") as handle:
        handle.truncate(4 * MAX_FILE_BYTES)  # a sparse file: large, costless to make
    tracemalloc.start()
    try:
        assert doc.disk_state() == "changed"
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * MAX_FILE_BYTES


def test_the_disk_check_gives_the_digest_it_found_so_a_change_is_asked_about_once(model_file):
    doc = edited(model_file)
    assert doc.disk_check().state == "same"
    model_file.write_text(ORIGINAL + "# theirs\n")
    first, second = doc.disk_check(), doc.disk_check()
    assert first.state == "changed" and first.digest == second.digest and first.digest is not None
    model_file.unlink()
    assert doc.disk_check().state == "missing" and doc.disk_check().digest is None


# -- item 19: leftovers of killed saves ------------------------------------------------------------------


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def leftover(folder, pid: int, *, host: str | None = None, kind: str = storage.TMP_SUFFIX) -> str:
    name = f".model.toml.{host or machine_tag()[:8]}.{pid}.0123abcd{kind}"
    (folder / name).write_text("a full-size copy " * 100)
    return name


def test_temporaries_of_a_killed_bizop_are_removed_on_the_next_open_and_save(model_file, tmp_path):
    """kill -9 during saves used to leave full-size *.bizop-tmp copies, never cleaned."""
    first, second = leftover(tmp_path, dead_pid()), leftover(tmp_path, dead_pid())
    doc = Document.open(str(model_file))
    assert not (tmp_path / first).exists() and not (tmp_path / second).exists()
    third = leftover(tmp_path, dead_pid())
    doc.update_entry("seg-a", {"name": "x"})
    doc.save()
    assert not (tmp_path / third).exists()


def test_what_is_not_a_dead_bizops_temporary_is_left_alone(model_file, tmp_path):
    kept = [
        leftover(tmp_path, os.getpid()),  # a live process's save in progress
        leftover(tmp_path, dead_pid(), host="00000000"),  # another machine's: its pid cannot be looked up
        leftover(tmp_path, dead_pid(), kind=storage.BACKUP_SUFFIX),  # may hold the only whole copy
        ".model.toml.ab12cd34.bizop-tmp",  # an earlier bizop's name, without an owner
        "notes.bizop-tmp.txt",
    ]
    for name in kept[3:]:
        (tmp_path / name).write_text("x")
    doc = Document.open(str(model_file))
    doc.update_entry("seg-a", {"name": "x"})
    doc.save()
    assert all((tmp_path / name).exists() for name in kept)


def test_a_temporary_whose_pid_now_belongs_to_a_later_process_is_removed(model_file, tmp_path):
    """pids are reused: a process that started after the temporary was written cannot own it."""
    name = leftover(tmp_path, os.getpid())
    os.utime(tmp_path / name, (1_000_000_000, 1_000_000_000))  # written in 2001, long before this process
    Document.open(str(model_file))
    assert not (tmp_path / name).exists()


# -- item 20: messages that used to be wrong --------------------------------------------------------------


def test_with_the_folder_deleted_the_hint_does_not_claim_the_file_is_unchanged(model_file, tmp_path):
    doc = edited(model_file)
    model_file.unlink()
    tmp_path.rmdir()
    try:
        with pytest.raises(BizopError) as caught:
            doc.save()
    finally:
        tmp_path.mkdir()
    assert "does not exist" in caught.value.message
    assert "unchanged" not in caught.value.hint and "folder is gone" in caught.value.hint
    assert "save under another name" in caught.value.hint


def test_a_reload_of_a_file_that_is_not_toml_changes_nothing_and_says_where(model_file):
    """The document used to take the broken text while keeping the old model: every save then said
    'the file read back differs from what bizop wrote'. The toast lacked the line the CLI shows."""
    doc = edited(model_file)
    text, model, history = doc.text, doc.model, list(doc.history.done)
    model_file.write_text('[model]\nname = "Acme"\n\n[[business.customer_segments]\n')
    with pytest.raises(BizopError) as caught:
        doc.reload()
    assert doc.text == text and doc.model is model and doc.history.done == history and doc.dirty
    assert caught.value.headline == (f"{model_file}, line 4, column 29: invalid TOML: expected ']]' at the end "
                                     "of an array declaration")
    doc.save(overwrite=True)
    assert Document.open(str(model_file)).entry("seg-a").name == "Retailers, edited"


def test_a_headline_is_one_line_with_stand_ins():
    error = Error("bad\nthing", path="\x1b]0;x\x07.toml", line=3, column=2)
    assert error.headline == "␛]0;x␇.toml, line 3, column 2: bad thing"
