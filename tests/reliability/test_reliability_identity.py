"""Stories about a saved file staying the same file (issue 10, item 7): its owner and group, its
read-only mode, its hard links, its extended attributes, a bind mount onto it.

A save replaces the file by rename when the new file can be given everything the old one had; when it
cannot (another owner bizop may not give a file to, a second hard link, a bind mount, attributes that
cannot be copied, a folder bizop may not create files in), it writes the file in place, with a copy of
the old bytes beside it until the new ones are flushed. Some stories need another user: they run in a
forked child that drops to uid 1000 (they are skipped when not run as root).
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import tempfile

import pytest

from bizop_tui.model import BizopError, storage
from bizop_tui.model.document import Document, ReadOnlyFile

ORIGINAL = '[model]\nname = "Acme"\n\n[[business.customer_segments]]\nid = "seg-a"\nname = "Retailers"\n'
AS_ROOT = os.geteuid() == 0
OTHER_UID = 1000
needs_root = pytest.mark.skipif(not AS_ROOT, reason="changing owners and acting as another user need root")


@pytest.fixture
def model_file(tmp_path):
    path = tmp_path / "model.toml"
    path.write_text(ORIGINAL)
    return path


def save_an_edit(path, **options) -> Document:
    doc = Document.open(str(path))
    doc.update_entry("seg-a", {"name": "Retailers, edited"})
    doc.save(**options)
    return doc


def ours(folder) -> list[str]:
    """bizop's temporary files and backups left in `folder`."""
    return sorted(n for n in os.listdir(folder) if n.endswith((storage.TMP_SUFFIX, storage.BACKUP_SUFFIX)))


def as_other_user(action, *, uid: int = OTHER_UID) -> tuple[int, str]:
    """Run `action()` in a forked child as `uid`; returns (exit status, message). 0 means it returned."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns to pytest
        os.close(read)
        status, message = 0, ""
        try:
            os.setgid(uid)
            os.setuid(uid)
            action()
        except BizopError as error:
            status, message = 1, error.render()
        except BaseException as error:  # noqa: BLE001 - reported to the parent
            status, message = 2, repr(error)
        os.write(write, message.encode("utf-8", "replace"))
        os._exit(status)
    os.close(write)
    with os.fdopen(read, "rb") as handle:
        message = handle.read().decode()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), message


@pytest.fixture
def shared_folder(monkeypatch):
    """A folder anyone may write in (as /tmp is), away from pytest's private folders, and a state folder too."""
    folder = tempfile.mkdtemp(prefix="bizop-shared-")
    os.chmod(folder, 0o777)
    state = os.path.join(folder, ".state")
    os.mkdir(state)
    os.chmod(state, 0o777)
    monkeypatch.setenv("BIZOP_STATE_DIR", state)
    yield folder
    shutil.rmtree(folder)


# -- owner and group ------------------------------------------------------------------------------------


@needs_root
def test_a_save_as_root_keeps_another_users_file_theirs(model_file):
    """As root, a file of uid 1000 with mode 0600 used to become root's: its owner could not read it."""
    os.chown(model_file, OTHER_UID, OTHER_UID)
    os.chmod(model_file, 0o600)
    save_an_edit(model_file)
    st = model_file.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (OTHER_UID, OTHER_UID, 0o600)
    assert "Retailers, edited" in model_file.read_text()
    assert ours(model_file.parent) == []


@needs_root
def test_a_user_who_may_write_a_file_but_not_give_it_away_saves_it_in_place(shared_folder):
    """uid 1000 edits root's group-writable file in a shared folder: a rename would make it theirs."""
    path = os.path.join(shared_folder, "model.toml")
    with open(path, "w") as handle:
        handle.write(ORIGINAL)
    os.chmod(path, 0o666)
    inode = os.stat(path).st_ino
    status, message = as_other_user(lambda: save_an_edit(path))
    assert status == 0, message
    st = os.stat(path)
    assert (st.st_uid, st.st_ino, stat.S_IMODE(st.st_mode)) == (0, inode, 0o666)
    assert "Retailers, edited" in open(path).read()
    assert ours(shared_folder) == []


@needs_root
def test_a_file_the_user_may_not_write_is_refused_and_left_alone(shared_folder):
    path = os.path.join(shared_folder, "model.toml")
    with open(path, "w") as handle:
        handle.write(ORIGINAL)
    os.chmod(path, 0o644)  # root's, readable by all, writable by root only
    status, message = as_other_user(lambda: save_an_edit(path))
    assert status == 1 and "read-only" in message
    status, message = as_other_user(lambda: save_an_edit(path, force=True))
    assert status == 1 and "permission denied" in message
    assert open(path).read() == ORIGINAL and os.stat(path).st_uid == 0
    assert ours(shared_folder) == []


@needs_root
def test_a_folder_bizop_may_not_create_files_in_still_lets_it_save_a_file_it_may_write(shared_folder):
    folder = os.path.join(shared_folder, "locked")
    os.mkdir(folder)
    path = os.path.join(folder, "model.toml")
    with open(path, "w") as handle:
        handle.write(ORIGINAL)
    os.chmod(path, 0o666)
    os.chmod(folder, 0o755)  # root's folder: others cannot create files in it
    status, message = as_other_user(lambda: save_an_edit(path))
    assert status == 0, message
    assert "Retailers, edited" in open(path).read()
    assert ours(folder) == [] and ours(os.path.join(shared_folder, ".state", "backups")) == []


# -- read-only files ------------------------------------------------------------------------------------


def test_a_read_only_file_is_not_saved_without_the_persons_word(model_file):
    """A 0444 file of one's own used to be overwritten without a word."""
    os.chmod(model_file, 0o444)
    doc = Document.open(str(model_file))
    doc.update_entry("seg-a", {"name": "Retailers, edited"})
    with pytest.raises(ReadOnlyFile) as caught:
        doc.save()
    assert caught.value.message == "the file is read-only" and "Save anyway" in caught.value.hint
    assert model_file.read_text() == ORIGINAL and doc.dirty
    doc.save(force=True)
    assert "Retailers, edited" in model_file.read_text() and not doc.dirty
    assert stat.S_IMODE(model_file.stat().st_mode) == 0o444  # still read-only
    assert ours(model_file.parent) == []


def test_a_read_only_file_is_also_refused_when_saved_as_under_its_name(model_file, tmp_path):
    os.chmod(model_file, 0o400)
    doc = Document.from_text(ORIGINAL.replace("Acme", "Other"))
    with pytest.raises(ReadOnlyFile):
        doc.save(str(model_file))
    assert model_file.read_text() == ORIGINAL and doc.path is None


# -- hard links, extended attributes, bind mounts -------------------------------------------------------


def test_a_file_with_hard_links_stays_one_file(model_file, tmp_path):
    """A save used to split the links: the other name kept the old text."""
    other = tmp_path / "other-name.toml"
    os.link(model_file, other)
    inode = model_file.stat().st_ino
    save_an_edit(model_file)
    assert model_file.stat().st_ino == inode and model_file.stat().st_nlink == 2
    assert other.read_text() == model_file.read_text() and "Retailers, edited" in other.read_text()
    assert ours(tmp_path) == []


def _xattrs_supported(path) -> bool:
    try:
        os.setxattr(path, "user.bizop-test", b"1")
        os.removexattr(path, "user.bizop-test")
    except OSError:
        return False
    return True


def test_extended_attributes_survive_a_save(model_file):
    if not _xattrs_supported(model_file):
        pytest.skip("this file system keeps no user extended attributes")
    os.setxattr(model_file, "user.origin", b"finance-share")
    save_an_edit(model_file)
    assert os.getxattr(model_file, "user.origin") == b"finance-share"
    assert "Retailers, edited" in model_file.read_text()


def test_attributes_that_cannot_be_copied_make_the_save_write_in_place(model_file, monkeypatch):
    if not _xattrs_supported(model_file):
        pytest.skip("this file system keeps no user extended attributes")
    os.setxattr(model_file, "user.origin", b"finance-share")
    inode = model_file.stat().st_ino

    def refuse(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(storage.os, "setxattr", refuse)
    save_an_edit(model_file)
    assert model_file.stat().st_ino == inode
    assert os.getxattr(model_file, "user.origin") == b"finance-share"
    assert "Retailers, edited" in model_file.read_text()


@needs_root
def test_a_bind_mounted_single_file_can_be_saved(tmp_path):
    """A container's `-v model.toml:/work/model.toml`: a rename over it fails with 'Device or resource busy'."""
    source, mounted = tmp_path / "host.toml", tmp_path / "container.toml"
    source.write_text(ORIGINAL)
    mounted.write_text("")
    if subprocess.run(["mount", "--bind", str(source), str(mounted)], capture_output=True).returncode != 0:
        pytest.skip("bind mounts are not allowed here")
    try:
        save_an_edit(mounted)
        assert "Retailers, edited" in source.read_text()
        assert mounted.read_text() == source.read_text()
        assert ours(tmp_path) == []
    finally:
        subprocess.run(["umount", str(mounted)], check=True)


def test_a_rename_refused_as_busy_falls_back_to_writing_in_place(model_file, monkeypatch):
    """The same, where bind mounts cannot be made: os.replace fails as it does on a bind mount."""
    real_replace = os.replace

    def busy(src, dst, *args, **kwargs):
        if os.path.abspath(dst) == str(model_file):
            raise OSError(errno.EBUSY, "Device or resource busy")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(storage.os, "replace", busy)
    inode = model_file.stat().st_ino
    save_an_edit(model_file)
    assert model_file.stat().st_ino == inode and "Retailers, edited" in model_file.read_text()
    assert ours(model_file.parent) == []


# -- writing in place safely ----------------------------------------------------------------------------


def test_an_in_place_save_keeps_a_copy_of_the_old_bytes_until_the_new_ones_are_flushed(model_file, tmp_path,
                                                                                       monkeypatch):
    os.link(model_file, tmp_path / "second-name.toml")
    seen = []
    real_overwrite = storage._overwrite

    def watch(fd, data):
        seen.append([(n, (tmp_path / n).read_text()) for n in ours(tmp_path)])
        real_overwrite(fd, data)

    monkeypatch.setattr(storage, "_overwrite", watch)
    save_an_edit(model_file)
    [[(name, kept)]] = seen
    assert name.startswith(".model.toml.") and name.endswith(storage.BACKUP_SUFFIX) and kept == ORIGINAL
    assert ours(tmp_path) == []


def test_an_in_place_save_that_fails_half_way_puts_the_old_bytes_back(model_file, tmp_path, monkeypatch):
    os.link(model_file, tmp_path / "second-name.toml")
    real_write = storage._write_all
    calls = []

    def disk_fills(fd, data):
        calls.append(len(data))
        if len(calls) == 2:  # the first write is the backup, the second the file itself
            real_write(fd, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(fd, data)

    monkeypatch.setattr(storage, "_write_all", disk_fills)
    doc = Document.open(str(model_file))
    doc.update_entry("seg-a", {"name": "Retailers, edited"})
    with pytest.raises(BizopError) as caught:
        doc.save()
    assert "disk is full" in caught.value.message and "unchanged" in caught.value.hint
    assert model_file.read_text() == ORIGINAL and doc.dirty
    assert ours(tmp_path) == []


def test_when_the_old_bytes_cannot_be_put_back_the_backup_is_kept_and_named(model_file, tmp_path, monkeypatch):
    os.link(model_file, tmp_path / "second-name.toml")

    def broken(fd, data):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(storage, "_overwrite", broken)
    doc = Document.open(str(model_file))
    doc.update_entry("seg-a", {"name": "Retailers, edited"})
    with pytest.raises(BizopError) as caught:
        doc.save()
    [backup] = ours(tmp_path)
    assert backup in caught.value.hint and (tmp_path / backup).read_text() == ORIGINAL
    assert "could not be put back" in caught.value.message
