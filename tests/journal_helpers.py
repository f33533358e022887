"""Journals as another bizop leaves them: one that ended without saving (a crash, a hang-up)."""

from __future__ import annotations

import json

from bizop_tui.model.journal import Journal
from bizop_tui.model.process import Owner, machine_tag, this_process


def ended_session(user: str | None = None) -> Owner:
    """An owner that no longer runs: this process's pid, but started an hour earlier (so a reused pid)."""
    me = this_process()
    return Owner(user or me.user, me.host, me.pid, me.started - 3600, me.machine)


def ended_elsewhere_in_time(user: str = "alice", host: str = "build-1") -> Owner:
    """A fixed owner that no longer runs (pid 4242 did not start at this time): for snapshots."""
    return Owner(user, host, 4242, 1_795_000_000.0, machine_tag())


def left_behind(path: str | None, text: str, base_digest: str | None = None, *, written_at: str | None = None,
                fallback: str = "unsaved", user: str | None = None, owner: Owner | None = None) -> Journal:
    """The journal a session that ended without saving left for `path`, holding `text`."""
    journal = Journal.for_file(path, fallback, owner=owner or ended_session(user))
    journal.record(text, base_digest)
    if written_at is not None:
        with open(journal.path, encoding="utf-8") as handle:
            data = json.load(handle)
        data["written_at"] = written_at
        with open(journal.path, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
    return journal
