"""The recovery journal: each session's unsaved edits, kept in the user's state folder until a save or quit.

If bizop dies (a crash, a killed terminal, a dropped SSH connection), the next open of the same file
finds the journal and offers the edits back. Every session (one process with one file open) has a
journal of its own, so two sessions on one file never drop each other's edits: a save removes only
the saving session's journal. A journal names its owner (user, host, pid, start time), so the next
session can tell a live session's journal (never to be discarded) from one a dead session left.

Files: `recovery/KEY.MACHINE.PID-START.json`, where KEY is 24 hex digits of the SHA-256 of the file's
absolute path (or of `unsaved:SAMPLE` for an unsaved copy of a bundled sample), MACHINE a tag of the
host and pid namespace, and PID-START the process. Content: JSON with `format` (2), `file` (the key
in clear), `base_digest`, `written_at`, `text` (null when the session is open without unsaved edits)
and `owner`. A journal written by an earlier bizop (`KEY.json`, no owner) is still offered.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import re
import stat
import threading
from dataclasses import dataclass, field

from bizop_tui.model.errors import BizopError
from bizop_tui.model.process import DEAD, LIVE, UNKNOWN, Owner, this_process
from bizop_tui.model.source import MAX_FILE_BYTES
from bizop_tui.model.storage import state_dir, write_atomic
from bizop_tui.model.text import one_line

__all__ = ["DEAD", "LIVE", "UNKNOWN", "Journal", "JournalScan", "Recovered", "state_dir"]

FORMAT = 2
# JSON escapes at most double the text of a valid model (quotes and backslashes); the rest is small.
_MAX_JOURNAL_BYTES = 2 * MAX_FILE_BYTES + 65536
_DIGEST = re.compile(r"^[0-9a-f]{64}$")
_MACHINE = re.compile(r"^[0-9a-f]{16}$")
_SHORT = 256  # longest user or host name accepted from a journal


@dataclass(frozen=True, slots=True)
class Recovered:
    """A journal found for this file: its edits (`text`, None when its session has none) and its owner."""

    file: str
    base_digest: str | None
    written_at: str
    text: str | None
    owner: Owner | None = None  # None for a journal of an earlier bizop
    journal_path: str = ""
    liveness: str = DEAD  # LIVE, DEAD or UNKNOWN (another machine), as found when it was read

    @property
    def live(self) -> bool:
        return self.liveness == LIVE

    @property
    def may_discard(self) -> bool:
        """Only a dead session's journal may be discarded; a live one's edits belong to that session."""
        return self.liveness == DEAD

    def who(self) -> str:
        """Who has it, briefly (a toast at 80 columns): 'alice@build-1, process 4242', and 'on another
        machine' when whether it runs cannot be told from here."""
        if self.owner is None:
            return "an earlier bizop"
        where = " on another machine" if self.liveness == UNKNOWN else ""
        return one_line(f"{self.owner.user}@{self.owner.host}, process {self.owner.pid}{where}")

    def describe(self) -> str:
        """Who left it, safe to show: 'alice@build-1, process 4242, since 2026-06-01 09:30 (still running)'."""
        if self.owner is None:
            return "an earlier bizop"
        state = {LIVE: "still running", DEAD: "no longer running", UNKNOWN: "on another machine"}[self.liveness]
        return one_line(f"{self.owner.describe()} ({state})")


@dataclass(frozen=True, slots=True)
class JournalScan:
    """The other sessions' journals for one file, newest first, and notes on those ignored."""

    journals: list[Recovered] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    @property
    def left_behind(self) -> list[Recovered]:
        """Journals with edits whose session is dead: the ones to offer back."""
        return [r for r in self.journals if r.text is not None and r.liveness == DEAD]

    @property
    def open_elsewhere(self) -> list[Recovered]:
        """Sessions that have (or may have, on another machine) this file open now."""
        return [r for r in self.journals if r.liveness != DEAD]


class Journal:
    """This session's journal for one file, and a view of the other sessions' journals for it."""

    def __init__(self, key: str, owner: Owner | None = None) -> None:
        self.owner = owner or this_process()
        self._lock = threading.RLock()
        self._announced = False
        self._set_key(key)

    @classmethod
    def for_file(cls, path: str | None, fallback: str = "unsaved", owner: Owner | None = None) -> Journal:
        """This process's journal for the file at `path` (or for an unsaved copy of sample `fallback`)."""
        return cls(key_for(path, fallback), owner)

    def _set_key(self, key: str) -> None:
        self.key = key
        self.prefix = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:24]
        self.folder = os.path.join(state_dir(), "recovery")
        own = f"{self.owner.machine[:8]}.{self.owner.pid}-{int(self.owner.started * 100)}"
        self.path = os.path.join(self.folder, f"{self.prefix}.{own}.json")

    # -- this session's journal ---------------------------------------------------------------------

    def record(self, text: str, base_digest: str | None) -> None:
        """Keep `text` (the whole unsaved model) safe; raises BizopError if the folder is unwritable."""
        with self._lock:
            self._write(text, base_digest)

    def announce(self) -> None:
        """Say that this session has the file open, before any edit (so others can show who has it)."""
        with self._lock:
            self._announced = True
            self._write(None, None)

    def discard(self) -> None:
        """This session has no unsaved edits any more (saved, dropped, undone): remove them, and only them."""
        with self._lock:
            if self._announced:
                self._write(None, None)
            else:
                _remove(self.path)

    def close(self) -> None:
        """The session ends without unsaved edits: remove its journal altogether."""
        with self._lock:
            self._announced = False
            _remove(self.path)

    def rekey(self, path: str) -> None:
        """After Save as: the session now edits `path`, so its journal is kept under that file's key."""
        with self._lock:
            own = self._read(self.path)
            _remove(self.path)
            self._set_key(key_for(path))
            if own is not None and own.text is not None:
                self._write(own.text, own.base_digest)
            elif self._announced:
                self._write(None, None)

    def own(self) -> Recovered | None:
        """What this session's journal holds now (None when it has none)."""
        with self._lock:
            return self._read(self.path)

    def _write(self, text: str | None, base_digest: str | None) -> None:
        try:
            os.makedirs(self.folder, mode=0o700, exist_ok=True)
        except OSError as exc:
            raise BizopError(f"cannot create the recovery folder ({exc.strerror or exc})", path=self.folder,
                             hint="Check $BIZOP_STATE_DIR or the state folder.") from None
        payload = {
            "format": FORMAT,
            "file": self.key,
            "base_digest": base_digest,
            "written_at": dt.datetime.now().isoformat(timespec="seconds"),
            "text": text,
            "owner": self.owner.as_json(),
        }
        # A journal holds the whole unsaved model: readable by its owner only.
        write_atomic(self.path, json.dumps(payload, ensure_ascii=False).encode("utf-8"), new_mode=0o600, force=True)

    # -- the other sessions' journals ---------------------------------------------------------------

    def scan(self) -> JournalScan:
        """Every other journal for this file, validated: damaged or foreign ones are ignored with a note,
        and the empty journals of dead sessions are removed."""
        try:
            names = sorted(os.listdir(self.folder))
        except OSError:
            return JournalScan()
        found, ignored = [], []
        own = os.path.basename(self.path)
        for name in names:
            if name == own or not (name == f"{self.prefix}.json" or
                                   (name.startswith(self.prefix + ".") and name.endswith(".json"))):
                continue
            full = os.path.join(self.folder, name)
            try:
                recovered = self._read(full, strict=True)
            except _Damaged as damage:
                ignored.append(one_line(f"A recovery journal was ignored ({damage}): {full}"))
                continue
            if recovered.text is None and recovered.liveness == DEAD:
                _remove(full)  # a session that ended without edits: nothing to offer
                continue
            found.append(recovered)
        found.sort(key=lambda r: r.written_at if r.written_at[:1].isdigit() else "", reverse=True)
        return JournalScan(found, ignored)

    def pending(self) -> Recovered | None:
        """The newest edits a dead session left for this file, or None."""
        left = self.scan().left_behind
        return left[0] if left else None

    def discard_other(self, recovered: Recovered) -> None:
        """Remove a dead session's journal; refuse (BizopError) if its session is running."""
        try:
            current = self._read(recovered.journal_path, strict=True)
        except _Damaged:
            return
        if current.liveness != DEAD:
            raise BizopError(f"these edits belong to a bizop that is still running ({current.describe()})",
                             hint="They stay; that session saves or keeps them.")
        _remove(recovered.journal_path)

    def adopt(self, recovered: Recovered) -> None:
        """Restore: this session takes the edits over, into its own journal first, then drops the old one."""
        if recovered.text is None:
            return
        self.record(recovered.text, recovered.base_digest)
        self.discard_other(recovered)

    def _read(self, path: str, strict: bool = False) -> Recovered | None:
        """The journal at `path`, fully validated; None (or _Damaged when `strict`) when it is not usable."""
        try:
            return _parse(_read_journal(path), self.key, path)
        except _Damaged:
            if strict:
                raise
            return None


class _Damaged(Exception):
    """A journal that cannot be used; the message says why, for the note."""


def key_for(path: str | None, fallback: str = "unsaved") -> str:
    return os.path.abspath(path) if path else f"unsaved:{fallback}"


def _read_journal(path: str) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise _Damaged("it is gone") from None
    except OSError as exc:
        raise _Damaged(f"cannot be read: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _Damaged("not a regular file")
        if st.st_uid != os.geteuid():
            raise _Damaged("written by another user")
        if st.st_size > _MAX_JOURNAL_BYTES:
            raise _Damaged("too large")
        with os.fdopen(os.dup(fd), "rb") as handle:
            raw = handle.read(_MAX_JOURNAL_BYTES + 1)
    except OSError as exc:
        raise _Damaged(f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(raw) > _MAX_JOURNAL_BYTES:
        raise _Damaged("too large")
    return raw


def _parse(raw: bytes, key: str, path: str) -> Recovered:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _Damaged("not a journal: damaged or cut off") from None
    if not isinstance(data, dict):
        raise _Damaged("not a journal")
    if data.get("file") != key:
        other = data.get("file")
        shown = one_line(other, 80) if isinstance(other, str) else "no file"
        raise _Damaged(f"it is for another file: {shown}")
    text = data.get("text")
    legacy = "format" not in data
    if not (isinstance(text, str) or (text is None and not legacy)):
        raise _Damaged("its text is not text")
    if text is not None and len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise _Damaged("its text is over the size limit")
    base = data.get("base_digest")
    if base is not None and not (isinstance(base, str) and _DIGEST.match(base)):
        raise _Damaged("its base digest is not a SHA-256")
    written_at = _timestamp(data.get("written_at"))
    if legacy:
        return Recovered(key, base, written_at or "an unknown time", text, None, path, DEAD)
    if data.get("format") != FORMAT:
        raise _Damaged(f"format {one_line(str(data.get('format')), 20)} is not one this bizop reads")
    owner = _owner(data.get("owner"))
    if written_at is None:
        raise _Damaged("its time is not a date and time")
    return Recovered(key, base, written_at, text, owner, path, owner.liveness())


def _timestamp(value) -> str | None:
    """An ISO date and time, rewritten by bizop (so nothing but the time itself reaches the screen)."""
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        return dt.datetime.fromisoformat(value).isoformat(sep=" ", timespec="seconds")
    except ValueError:
        return None


def _owner(value) -> Owner:
    if not isinstance(value, dict):
        raise _Damaged("it names no owner")
    user, host, pid = value.get("user"), value.get("host"), value.get("pid")
    started, machine = value.get("started"), value.get("machine")
    if not (isinstance(user, str) and isinstance(host, str) and len(user) <= _SHORT and len(host) <= _SHORT):
        raise _Damaged("its owner's user or host is not a name")
    if not (isinstance(pid, int) and not isinstance(pid, bool) and 0 < pid < 2**31):
        raise _Damaged("its owner's process id is not a number")
    if not (isinstance(started, (int, float)) and not isinstance(started, bool) and math.isfinite(started)
            and 0 <= started < 2**40):
        raise _Damaged("its owner's start time is not a time")
    if not (isinstance(machine, str) and _MACHINE.match(machine)):
        raise _Damaged("its owner's machine is not named")
    return Owner(user, host, pid, float(started), machine)


def _remove(path: str) -> None:
    """Remove a journal; one that is gone, or whose folder is gone or not a folder, is removed already."""
    try:
        os.unlink(path)
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError as exc:
        raise BizopError(f"cannot remove the recovery journal ({exc.strerror})", path=path) from None
