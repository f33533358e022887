"""Writing files so that a failure at any step leaves the original byte-identical.

A save normally writes a temporary file beside the model and renames it over the model: the file is
at every moment either wholly old or wholly new. A rename makes a new file, though, and some files
must keep their identity: a file with other hard links, one bind-mounted into a container, one owned
by a user or group bizop cannot give a new file to, or one whose extended attributes cannot be copied.
Those are written in place, as editors do, with a copy of the old bytes kept beside the file until
the new bytes are written and flushed.

Temporary files and backups are named `.NAME.HOST.PID.RANDOM.bizop-tmp` (or `.bizop-backup`), so
that the next bizop can tell its own leftovers of a killed process from a running one's.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat

from bizop_tui.model.errors import BizopError
from bizop_tui.model.process import machine_tag, process_alive_since

TMP_SUFFIX = ".bizop-tmp"
BACKUP_SUFFIX = ".bizop-backup"
_OURS = re.compile(r"^\.(?P<name>.*)\.(?P<host>[0-9a-f]{8})\.(?P<pid>\d{1,10})\.[0-9a-f]{8}(?P<kind>\.bizop-tmp|\.bizop-backup)$")
_NAME_PART = 96  # bytes of the file's name kept in a temporary's name: the whole must fit in 255 bytes

_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "the operation is not permitted",
    errno.EROFS: "the folder is on a read-only file system",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EISDIR: "a folder is in the way of the file",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "part of the path is not a folder",
    errno.ENAMETOOLONG: "the file name is too long",
}
# Errors after which the file on disk is certainly as it was, and what to do then.
_UNCHANGED = "The file on disk is unchanged; fix the cause or save under another name."
_FOLDER_GONE = "The folder is gone, so there is no file to keep; save under another name (your edits are still in bizop)."
# A rename cannot replace a bind-mounted file (EBUSY) or cross file systems (EXDEV): write in place then.
_RENAME_REFUSED = {errno.EBUSY, errno.EXDEV}


class ReadOnlyFile(BizopError):
    """The file's permissions say nobody may write it: saving needs the person's explicit word (force)."""


def reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno, exc.strerror or str(exc))


def kind_of(mode: int) -> str:
    """'a named pipe', 'a device', ... for a file that is not a regular file."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


# -- reading ------------------------------------------------------------------------------------------


def read_regular(path: str, limit: int) -> bytes | None:
    """The bytes of the regular file at `path` (following links), or None when there is no file, it is
    not a regular file, it is over `limit` bytes, or it cannot be read.

    Never blocks and never reads more than `limit` + 1 bytes: a named pipe or a device put at the path
    is seen by fstat after a non-blocking open, before any read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        data = _read_up_to(fd, limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return None if len(data) > limit else data


def _read_to_end(fd: int) -> bytes:
    """All of a regular file (its size is known, so this ends)."""
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _read_up_to(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


# -- writing ------------------------------------------------------------------------------------------


def write_atomic(path: str, data: bytes, *, new_mode: int | None = None, force: bool = False) -> None:
    """Write `data` to the regular file `path` (or create it) so that a failure leaves it as it was.

    A symbolic link is followed: the link stays and its target is written. Permission bits, owner,
    group, extended attributes, hard links and bind mounts are kept (see the module's docstring). A
    file nobody may write raises ReadOnlyFile unless `force`; it stays read-only after a forced save.
    A new file gets `new_mode`, or 0o666 less the umask. Every failure is a BizopError in plain words.
    """
    path, st = check_target(path)
    folder = os.path.dirname(os.path.abspath(path))
    if st is not None and not force and is_read_only(path, st):
        raise ReadOnlyFile("the file is read-only", path=path,
                           hint="Save anyway (it stays read-only), or save under another name.")
    remove_stale_temporaries(folder)
    if st is not None and st.st_nlink > 1:
        _write_in_place(path, data)
        return
    try:
        _write_by_rename(path, folder, data, st, new_mode)
    except _KeepIdentity:
        _write_in_place(path, data)


def check_target(path: str) -> tuple[str, os.stat_result | None]:
    """The file a save of `path` writes (a symbolic link's target) and its status (None when there is
    none yet); BizopError when a folder or anything but a regular file stands there."""
    if os.path.islink(path):
        path = os.path.realpath(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return path, None
    except OSError as exc:
        raise BizopError(f"cannot save: {reason(exc)}", path=path,
                         hint=_hint_for(exc, os.path.dirname(os.path.abspath(path)))) from None
    if stat.S_ISDIR(st.st_mode):
        raise BizopError("cannot save: a folder now stands where the file was", path=path,
                         hint="Save under another name; your edits are still in bizop.")
    if not stat.S_ISREG(st.st_mode):
        raise BizopError(f"cannot save: the path is now {kind_of(st.st_mode)}, not a file", path=path,
                         hint="bizop writes only regular files; save under another name.")
    return path, st


def is_read_only(path: str, st: os.stat_result) -> bool:
    """No write bit at all (0444, 0400: respected even by root), or none that lets this user write."""
    if not st.st_mode & 0o222:
        return True
    try:
        return not os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids)
    except OSError:
        return False


class _KeepIdentity(Exception):
    """A rename would change who owns the file, drop its attributes, or cannot replace it here."""


def _write_by_rename(path: str, folder: str, data: bytes, st: os.stat_result | None, new_mode: int | None) -> None:
    try:
        fd, tmp = _create_ours(folder, os.path.basename(path), TMP_SUFFIX)
    except OSError as exc:
        if st is not None and exc.errno in (errno.EACCES, errno.EPERM):
            raise _KeepIdentity from None  # a folder bizop may not write in, holding a file it may write
        raise BizopError(f"cannot save: {reason(exc)}", path=path, hint=_hint_for(exc, folder)) from None
    try:
        try:
            _write_all(fd, data)
            if st is not None:
                _give_identity(fd, path, st)
            os.fchmod(fd, stat.S_IMODE(st.st_mode) if st is not None else _new_file_mode(new_mode))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        tmp = None
        _fsync_folder(folder)
    except OSError as exc:
        if st is not None and exc.errno in _RENAME_REFUSED:
            raise _KeepIdentity from None
        raise BizopError(f"cannot save: {reason(exc)}", path=path, hint=_hint_for(exc, folder)) from None
    finally:
        if tmp is not None:
            _unlink_quietly(tmp)


def _give_identity(fd: int, path: str, st: os.stat_result) -> None:
    """Give the new file the old one's owner, group and extended attributes, or raise _KeepIdentity."""
    own = os.fstat(fd)
    if (own.st_uid, own.st_gid) != (st.st_uid, st.st_gid):
        try:
            os.fchown(fd, st.st_uid, st.st_gid)
        except OSError:
            raise _KeepIdentity from None
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(path)
    except OSError:
        return  # the file system keeps none
    try:
        for name in names:
            os.setxattr(fd, name, os.getxattr(path, name))
    except OSError:
        raise _KeepIdentity from None


def _write_in_place(path: str, data: bytes) -> None:
    """Overwrite the file's own bytes (keeping its inode), with a copy of the old bytes as the safety net.

    The copy is written and flushed first, beside the file (or in bizop's state folder when the file's
    folder cannot be written). If writing fails, the old bytes are written back; the copy is removed
    once the file holds either the new bytes or the old ones again, and kept (and named) otherwise.
    """
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise BizopError(f"cannot save: {reason(exc)}", path=path, hint=_UNCHANGED) from None
    try:
        old = _read_to_end(fd)
        backup = _keep_backup(path, old)
        try:
            _overwrite(fd, data)
        except OSError as exc:
            try:
                _overwrite(fd, old)
            except OSError:
                raise BizopError(f"cannot save: {reason(exc)}, and the file could not be put back as it was",
                                 path=path, hint=f"The file as it was is kept in {backup}.") from None
            _unlink_quietly(backup)
            raise BizopError(f"cannot save: {reason(exc)}", path=path, hint=_UNCHANGED) from None
        _unlink_quietly(backup)
    finally:
        os.close(fd)


def _overwrite(fd: int, data: bytes) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    _write_all(fd, data)
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def _keep_backup(path: str, old: bytes) -> str:
    """Write the old bytes beside the file (else in the state folder); return where. BizopError if nowhere."""
    folders = [os.path.dirname(os.path.abspath(path)), os.path.join(state_dir(), "backups")]
    last: OSError | None = None
    for folder in folders:
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            fd, backup = _create_ours(folder, os.path.basename(path), BACKUP_SUFFIX)
        except OSError as exc:
            last = exc
            continue
        try:
            try:
                _write_all(fd, old)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            _unlink_quietly(backup)
            last = exc
            continue
        return backup
    raise BizopError(f"cannot save: no room for a copy of the file before writing over it ({reason(last)})",
                     path=path, hint=_UNCHANGED)


def _create_ours(folder: str, name: str, suffix: str) -> tuple[int, str]:
    """Create a new file of ours (mode 0600) in `folder`, named so the next bizop knows whose it is."""
    short = os.fsencode(name)[:_NAME_PART].decode("utf-8", "ignore") if name else name
    prefix = f".{short}.{_host_tag()}.{os.getpid()}."
    for _ in range(100):
        candidate = os.path.join(folder, prefix + secrets.token_hex(4) + suffix)
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        except FileExistsError:
            continue
        return fd, candidate
    raise FileExistsError(errno.EEXIST, "no free temporary name", folder)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _new_file_mode(new_mode: int | None) -> int:
    if new_mode is not None:
        return new_mode
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _hint_for(exc: OSError, folder: str) -> str:
    if exc.errno in (errno.ENOENT, errno.ENOTDIR) and not os.path.isdir(folder):
        return _FOLDER_GONE
    return _UNCHANGED


def create_exclusive(path: str, data: bytes) -> None:
    """Create a new file; refuse if anything exists at `path`."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise BizopError("already exists; bizop never overwrites it here", path=path) from None
    except OSError as exc:
        raise BizopError(f"cannot create the file: {reason(exc)}", path=path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        os.unlink(path)
        raise BizopError(f"cannot write the file: {reason(exc)}", path=path) from None


# -- reports --------------------------------------------------------------------------------------------

_OPEN_DESCRIPTOR = re.compile(r"^/(?:dev/fd|proc/self/fd)/(\d+)$")
_STANDARD = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}


def write_report(path: str, data: bytes) -> str:
    """Write an exported report to `path`; returns 'file' (a regular file, replaced whole by rename) or
    'stream' (written to an open descriptor, a named pipe, a terminal or /dev/null).

    Nothing else is written to: a folder, a disk or other device, or a socket is refused, and so is a
    named pipe nobody reads (instead of waiting for a reader forever).
    """
    descriptor = _STANDARD.get(path)
    match = _OPEN_DESCRIPTOR.match(path)
    if descriptor is None and match:
        descriptor = int(match.group(1))
    if descriptor is not None:
        return _write_descriptor(path, descriptor, data)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise BizopError(f"cannot write the report: {reason(exc)}", path=path) from None
    if st is None or stat.S_ISREG(st.st_mode):
        write_atomic(path, data)
        return "file"
    if stat.S_ISDIR(st.st_mode):
        raise BizopError("this is a folder; give the report a file name", path=path)
    if not (stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
        raise BizopError(f"this is {kind_of(st.st_mode)}; bizop writes reports to files, pipes and terminals only",
                         path=path, hint="Give a file name, or leave out -o to write to standard output.")
    _write_stream(path, st, data)
    return "stream"


def _write_stream(path: str, st: os.stat_result, data: bytes) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO and stat.S_ISFIFO(st.st_mode):
            raise BizopError("nothing is reading from this named pipe", path=path,
                             hint="Start the program that reads it first, then export again.") from None
        raise BizopError(f"cannot write the report: {reason(exc)}", path=path) from None
    try:
        if stat.S_ISCHR(st.st_mode) and not (os.isatty(fd) or _is_devnull(st)):
            raise BizopError("this is a device; bizop writes reports to files, pipes and terminals only",
                             path=path, hint="Give a file name, or leave out -o to write to standard output.")
        os.set_blocking(fd, True)
        _write_all(fd, data)
    except OSError as exc:
        raise BizopError(f"cannot write the report: {reason(exc)}", path=path) from None
    finally:
        os.close(fd)


def _write_descriptor(path: str, fd: int, data: bytes) -> str:
    import sys

    for stream in (sys.stdout, sys.stderr):  # what was printed before comes before the report
        try:
            stream.flush()
        except (AttributeError, ValueError, OSError):
            pass
    try:
        _write_all(fd, data)
    except OSError as exc:
        raise BizopError(f"cannot write the report: {reason(exc)}", path=path) from None
    return "stream"


def _is_devnull(st: os.stat_result) -> bool:
    try:
        null = os.stat(os.devnull)
    except OSError:
        return False
    return (st.st_dev, st.st_ino) == (null.st_dev, null.st_ino) or st.st_rdev == null.st_rdev


# -- leftovers of killed processes --------------------------------------------------------------------


def remove_stale_temporaries(folder: str) -> list[str]:
    """Remove the temporary files a killed bizop on this host left in `folder`; return their names.

    Only files named as bizop names its temporaries, whose process no longer runs (or is a later
    process given the same pid), are removed. Backups of interrupted in-place saves are kept: they may
    hold the only whole copy of the file.
    """
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = _OURS.match(name)
        if not match or match["kind"] != TMP_SUFFIX or match["host"] != _host_tag():
            continue
        full = os.path.join(folder, name)
        try:
            st = os.lstat(full)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode) and not process_alive_since(int(match["pid"]), st.st_mtime):
            if _unlink_quietly(full):
                removed.append(name)
    return removed


def _host_tag() -> str:
    return machine_tag()[:8]


def state_dir() -> str:
    """bizop's own folder for journals and backups: $BIZOP_STATE_DIR, else the platform's user state folder."""
    override = os.environ.get("BIZOP_STATE_DIR")
    if override:
        return override
    from platformdirs import user_state_dir

    return user_state_dir("bizop", appauthor=False)


def _unlink_quietly(path: str) -> bool:
    try:
        os.unlink(path)
    except OSError:
        return False
    return True


def _fsync_folder(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
