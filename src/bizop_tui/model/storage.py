"""Writing files so that a failure at any step leaves the original byte-identical."""

from __future__ import annotations

import errno
import os
import stat
import tempfile

from bizop_tui.model.errors import BizopError

_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "the operation is not permitted",
    errno.EROFS: "the folder is on a read-only file system",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EISDIR: "a folder is in the way of the file",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "part of the path is not a folder",
}


def reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno, exc.strerror or str(exc))


def write_atomic(path: str, data: bytes, *, new_mode: int | None = None) -> None:
    """Write `data` to `path` via a temporary file in the same folder, fsync'd, then renamed over it.

    The file's permission bits are kept (a new file gets `new_mode`, or the umask's default); a
    symbolic link is followed, so the link stays and its target is written. On any failure the
    original is untouched, the temporary file is removed and BizopError says why in plain words.
    """
    if os.path.islink(path):
        path = os.path.realpath(path)
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise BizopError("cannot save: a folder now stands where the file was", path=path,
                         hint="Save under another name; your edits are still in bizop.")
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise BizopError(f"cannot save: {reason(exc)}", path=path) from None
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".bizop-tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        elif new_mode is not None:
            os.chmod(tmp, new_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
        tmp = None
        _fsync_folder(folder)
    except OSError as exc:
        raise BizopError(f"cannot save: {reason(exc)}", path=path,
                         hint="The file on disk is unchanged; fix the cause or save under another name.") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


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
