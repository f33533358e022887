"""Stories about saving: a save either writes the whole new file or leaves the old one byte-identical.

Tests run as root in CI containers, where chmod does not stop writes; there the failures are
produced by making the file-system calls of bizop_tui.model.storage raise the OSError a full disk,
a read-only folder or a denied permission would raise.
"""

from __future__ import annotations

import errno
import os
import stat
import tomllib

import pytest

from bizop_tui.model import BizopError, load_model
from bizop_tui.model import storage
from bizop_tui.model.document import ChangedOnDisk, Document

ORIGINAL = """\
# Acme's model.
[model]
name = "Acme"

[[business.customer_segments]]
id = "seg-a"
name = "Retailers"

[[business.value_propositions]]
id = "vp-a"
name = "Insights"
segments = ["seg-a"]
"""

AS_ROOT = os.geteuid() == 0


@pytest.fixture
def model_file(tmp_path):
    path = tmp_path / "folder" / "model.toml"
    path.parent.mkdir()
    path.write_bytes(ORIGINAL.encode("utf-8"))
    return path


def edited(path) -> Document:
    doc = Document.open(str(path))
    doc.update_entry("vp-a", {"name": "Weekly insights"})
    doc.add_entry("business.channels", {"name": "Web shop", "segments": ["seg-a"]})
    return doc


def leftovers(folder) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name != "model.toml")


# -- permissions --------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o644, 0o664])
def test_a_save_keeps_the_files_permissions(model_file, mode):
    os.chmod(model_file, mode)
    doc = edited(model_file)
    doc.save()
    assert stat.S_IMODE(os.stat(model_file).st_mode) == mode
    assert "Weekly insights" in model_file.read_text(encoding="utf-8")


def test_a_new_file_gets_the_usual_permissions(tmp_path):
    doc = Document.from_text(ORIGINAL)
    target = tmp_path / "new.toml"
    umask = os.umask(0o022)
    try:
        doc.save(str(target))
    finally:
        os.umask(umask)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o644


def test_a_save_leaves_no_temporary_file_behind(model_file):
    edited(model_file).save()
    assert leftovers(model_file.parent) == []


# -- failures -------------------------------------------------------------------------------------------


FAILURES = {
    # where the failure happens, the errno, and the words the message must use
    "temporary-read-only-file-system": ("create", errno.EROFS, "read-only"),
    "temporary-disk-full": ("create", errno.ENOSPC, "disk is full"),
    "fsync-disk-full": ("fsync", errno.ENOSPC, "disk is full"),
    "fsync-quota": ("fsync", errno.EDQUOT, "quota"),
    "replace-read-only-file-system": ("replace", errno.EROFS, "read-only"),
    "replace-permission-denied": ("replace", errno.EACCES, "permission denied"),
    "chmod-not-permitted": ("fchmod", errno.EPERM, "not permitted"),
}


def _install_failure(m, where: str, code: int, folder: str) -> None:
    """Make the `where` step of write_atomic fail with `code`, for the given folder only."""
    real_create, real_fsync, real_replace, real_fchmod = storage._create_ours, os.fsync, os.replace, os.fchmod

    def error():
        return OSError(code, os.strerror(code))

    def in_folder(p) -> bool:
        return os.path.dirname(os.path.abspath(p)) == folder

    if where == "create":
        def create(in_folder, name, suffix):
            if os.path.abspath(in_folder) == folder:
                raise error()
            return real_create(in_folder, name, suffix)

        m.setattr(storage, "_create_ours", create)
    elif where == "fsync":
        real_folder = os.path.realpath(folder)

        def fsync(fd):
            target = os.readlink(f"/proc/self/fd/{fd}")
            if os.path.dirname(target) == real_folder and not os.path.isdir(target):
                raise error()
            return real_fsync(fd)

        m.setattr(storage.os, "fsync", fsync)
    elif where == "replace":
        def replace(src, dst, *args, **kwargs):
            if in_folder(dst):
                raise error()
            return real_replace(src, dst, *args, **kwargs)

        m.setattr(storage.os, "replace", replace)
    elif where == "fchmod":
        real_folder = os.path.realpath(folder)

        def fchmod(fd, mode):
            if os.path.dirname(os.readlink(f"/proc/self/fd/{fd}")) == real_folder:
                raise error()
            return real_fchmod(fd, mode)

        m.setattr(storage.os, "fchmod", fchmod)


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to tell which file is fsync'd")
@pytest.mark.parametrize("case", list(FAILURES), ids=list(FAILURES))
def test_a_failed_save_leaves_the_original_byte_identical(model_file, tmp_path, monkeypatch, case):
    where, code, words = FAILURES[case]
    folder = str(model_file.parent)
    before = model_file.read_bytes()
    doc = edited(model_file)
    text = doc.text
    with monkeypatch.context() as m:
        _install_failure(m, where, code, folder)
        with pytest.raises(BizopError) as caught:
            doc.save()
    # The original is untouched and no temporary file is left next to it.
    assert model_file.read_bytes() == before
    assert leftovers(folder) == []
    # The reason is said plainly: no errno numbers, no Python exception names.
    error = caught.value
    assert words in error.message
    assert "Errno" not in error.render() and "OSError" not in error.render()
    assert "unchanged" in error.hint
    # The edits are still in the document, and it can be saved elsewhere.
    assert doc.dirty and doc.text == text
    elsewhere = tmp_path / "elsewhere.toml"
    assert doc.save(str(elsewhere)) == str(elsewhere)
    assert elsewhere.read_text(encoding="utf-8") == text
    assert not doc.dirty


@pytest.mark.skipif(AS_ROOT, reason="root ignores folder permissions; the monkeypatched failures cover this")
def test_saving_into_a_read_only_folder_fails_plainly_and_keeps_the_original(model_file, tmp_path):
    before = model_file.read_bytes()
    doc = edited(model_file)
    os.chmod(model_file.parent, 0o555)
    try:
        with pytest.raises(BizopError) as caught:
            doc.save()
    finally:
        os.chmod(model_file.parent, 0o755)
    assert "permission denied" in caught.value.message
    assert model_file.read_bytes() == before
    assert leftovers(model_file.parent) == []
    assert doc.dirty
    doc.save(str(tmp_path / "elsewhere.toml"))
    assert not doc.dirty


def test_a_folder_standing_where_the_file_was_is_left_alone(model_file, tmp_path):
    doc = edited(model_file)
    text = doc.text
    model_file.unlink()
    model_file.mkdir()
    (model_file / "keep.txt").write_text("mine")
    with pytest.raises(BizopError) as caught:
        doc.save()
    assert "folder" in caught.value.message
    assert model_file.is_dir() and os.listdir(model_file) == ["keep.txt"]
    assert (model_file / "keep.txt").read_text() == "mine"
    assert leftovers(model_file.parent) == []
    assert doc.dirty and doc.text == text
    doc.save(str(tmp_path / "elsewhere.toml"))
    assert (tmp_path / "elsewhere.toml").read_text(encoding="utf-8") == text


def test_saving_into_a_missing_folder_fails_plainly(tmp_path):
    doc = Document.from_text(ORIGINAL)
    with pytest.raises(BizopError) as caught:
        doc.save(str(tmp_path / "no-such-folder" / "model.toml"))
    assert "does not exist" in caught.value.message
    assert doc.path is None


def test_a_document_never_saved_needs_a_name():
    doc = Document.from_text(ORIGINAL)
    with pytest.raises(BizopError) as caught:
        doc.save()
    assert caught.value.message and caught.value.hint


def test_a_write_that_reads_back_differently_restores_the_original(model_file, monkeypatch):
    """The read-back check: bizop reads the file after writing and puts the old bytes back if it differs."""
    from bizop_tui.model import document as document_module

    before = model_file.read_bytes()
    doc = edited(model_file)
    calls = []

    def flaky_write(path, data, **options):
        calls.append(path)
        if len(calls) == 1:  # the first write goes wrong on its way to the disk
            data = data.replace(b"Weekly insights", b"Weekly insighXs")
        storage.write_atomic(path, data, **options)

    with monkeypatch.context() as m:
        m.setattr(document_module, "write_atomic", flaky_write)
        with pytest.raises(BizopError) as caught:
            doc.save()
    assert "differs" in caught.value.message
    assert model_file.read_bytes() == before
    assert doc.dirty
    doc.save()
    assert model_file.read_bytes() == doc.encoded()


def test_a_write_to_a_new_name_that_reads_back_differently_leaves_no_file(tmp_path, monkeypatch):
    from bizop_tui.model import document as document_module

    doc = Document.from_text(ORIGINAL)
    target = tmp_path / "new.toml"

    def bad_write(path, data, **options):
        storage.write_atomic(path, data.replace(b"Acme", b"Acne"), **options)

    with monkeypatch.context() as m:
        m.setattr(document_module, "write_atomic", bad_write)
        with pytest.raises(BizopError):
            doc.save(str(target))
    assert not target.exists()


def test_after_a_save_the_file_reads_back_as_the_documents_text(model_file):
    doc = edited(model_file)
    doc.update_entry("seg-a", {"notes": "multi\nline \"quoted\" notes\twith a tab", "tags": ["a", "b"]})
    doc.save()
    raw = model_file.read_bytes()
    assert raw == doc.encoded()
    assert tomllib.loads(raw.decode("utf-8")) == tomllib.loads(doc.text)
    assert not doc.dirty and doc.disk_state() == "same"
    reloaded = load_model(str(model_file))
    assert reloaded.by_id["seg-a"].notes == "multi\nline \"quoted\" notes\twith a tab"


# -- changed on disk ------------------------------------------------------------------------------------


def test_a_file_changed_by_another_program_is_not_overwritten(model_file):
    doc = edited(model_file)
    theirs = ORIGINAL.replace("Retailers", "Retailers (their edit)").encode("utf-8")
    model_file.write_bytes(theirs)
    assert doc.disk_state() == "changed"
    with pytest.raises(ChangedOnDisk) as caught:
        doc.save()
    assert isinstance(caught.value, BizopError) and caught.value.hint
    assert model_file.read_bytes() == theirs
    assert leftovers(model_file.parent) == []
    assert doc.dirty


def test_overwrite_writes_over_the_other_programs_change(model_file):
    doc = edited(model_file)
    model_file.write_bytes(b"# someone else's file\n")
    doc.save(overwrite=True)
    assert model_file.read_bytes() == doc.encoded()
    assert doc.disk_state() == "same" and not doc.dirty


def test_the_change_check_compares_content_not_modification_time(model_file):
    doc = edited(model_file)
    st = os.stat(model_file)
    os.utime(model_file, ns=(st.st_atime_ns + 10**10, st.st_mtime_ns + 10**10))  # touched, same bytes
    assert doc.disk_state() == "same"
    doc.save()
    assert model_file.read_bytes() == doc.encoded()


def test_a_rewrite_with_identical_bytes_is_not_a_change(model_file):
    doc = edited(model_file)
    data = model_file.read_bytes()
    model_file.unlink()
    model_file.write_bytes(data)  # a new inode, same content (an editor's save-as-rename)
    assert doc.disk_state() == "same"
    doc.save()


def test_the_change_check_follows_bizops_own_last_save(model_file):
    doc = edited(model_file)
    doc.save()
    doc.update_entry("seg-a", {"name": "Retail chains"})
    assert doc.disk_state() == "same"
    doc.save()  # its own earlier save is not someone else's change
    model_file.write_bytes(b"# replaced\n")
    doc.update_entry("seg-a", {"name": "Retail chains 2"})
    with pytest.raises(ChangedOnDisk):
        doc.save()
    assert model_file.read_bytes() == b"# replaced\n"


def test_a_deleted_file_is_reported_missing_and_saving_recreates_it(model_file):
    doc = edited(model_file)
    model_file.unlink()
    assert doc.disk_state() == "missing"
    doc.save()
    assert model_file.read_bytes() == doc.encoded()


def test_saving_under_another_name_is_not_blocked_by_a_change_of_the_original(model_file, tmp_path):
    doc = edited(model_file)
    model_file.write_bytes(b"# theirs\n")
    copy = tmp_path / "copy.toml"
    doc.save(str(copy))
    assert copy.read_bytes() == doc.encoded()
    assert model_file.read_bytes() == b"# theirs\n"
    assert doc.path == str(copy) and doc.disk_state() == "same"


# -- models with problems are still the user's file -----------------------------------------------------

FLAWED_ENTRIES = {
    "empty-name": 'id = "ch-x"\nname = ""',
    "name-not-a-string": 'id = "ch-x"\nname = 3',
    "no-name": 'id = "ch-x"',
    "supports-not-a-list": 'id = "ch-x"\nname = "X"\nsupports = "seg-a"',
    "supports-with-numbers": 'id = "ch-x"\nname = "X"\nsupports = [1, 2]',
    "segments-not-a-list": 'id = "ch-x"\nname = "X"\nsegments = "seg-a"',
    "no-id": 'name = "X"',
    "id-not-a-string": 'id = 7\nname = "X"',
    "duplicate-id": 'id = "seg-a"\nname = "Again"',
    "nan-amount": 'id = "ch-x"\nname = "X"\nweight = nan',
}




@pytest.mark.parametrize(
    "flaw", list(FLAWED_ENTRIES)
)
def test_a_model_with_schema_problems_can_be_edited_and_saved(tmp_path, flaw):
    """A file is opened to be fixed: its findings must not stop the user saving other edits."""
    path = tmp_path / "model.toml"
    text = ORIGINAL + "\n[[business.channels]]\n" + FLAWED_ENTRIES[flaw] + "\n"
    path.write_bytes(text.encode("utf-8"))
    doc = Document.open(str(path))
    doc.update_entry("vp-a", {"name": "Weekly insights"})
    doc.save()
    assert path.read_bytes() == doc.encoded()
    assert not doc.dirty
    # Saving without edits writes the same bytes again.
    doc.save(str(tmp_path / "copy.toml"))
    assert (tmp_path / "copy.toml").read_bytes() == doc.encoded()


def test_saving_through_a_symlink_updates_the_real_file_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.toml"
    real.write_bytes(ORIGINAL.encode("utf-8"))
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    doc = edited(link)
    doc.save()
    assert link.is_symlink()
    assert real.read_bytes() == doc.encoded()
