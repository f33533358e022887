"""Writing a new file all at once, never over an existing one."""

from __future__ import annotations

import errno
import os
import tempfile

from bizop_tui.model.errors import BizopError
from bizop_tui.model.storage import reason

_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


def write_new(path: str, data: bytes) -> None:
    """Create `path` holding `data`: nobody ever sees half of it, and an existing file is never replaced.

    The data is written to a temporary file in the same folder and flushed to disk, then linked in
    under its name, which fails if anything is there. Where a file system has no hard links, the name
    is reserved with an exclusive create and the temporary file renamed over that empty placeholder.
    """
    if os.path.lexists(path):
        raise BizopError("already exists; bizop never overwrites it", path=path, hint="Choose another name.")
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".bizop-tmp", dir=folder)
    except OSError as exc:
        raise BizopError(f"cannot create the file: {reason(exc)}", path=path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        try:
            os.link(tmp, path)
        except OSError as exc:
            if exc.errno not in _NO_HARD_LINKS:
                raise
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            try:
                os.replace(tmp, path)
            except OSError:
                os.unlink(path)  # the empty placeholder: leave nothing behind
                raise
    except FileExistsError:
        raise BizopError("already exists; bizop never overwrites it", path=path, hint="Choose another name.") from None
    except OSError as exc:
        raise BizopError(f"cannot write the file: {reason(exc)}", path=path) from None
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)
