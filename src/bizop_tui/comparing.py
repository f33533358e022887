"""The version an editing session is compared with (another file, a git revision, or the text as last
saved) and what differs from it now: a mark for each entry that differs, kept up to date edit by edit.

Marks are those of `bizop diff`: `+` added, `~` changed, `-` removed (model/changes.py). Comparing
every entry of a 20,000-entry model takes about half a second, so after an edit only the entries it
touched are compared again; a change of the whole text compares everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from bizop_tui.alignment import Alignment
from bizop_tui.model.changes import ADDED, CHANGED, REMOVED, EntryChange, ModelChanges, entry_change, model_changes
from bizop_tui.model.entities import Entry, Model
from bizop_tui.model.text import one_line


@dataclass(frozen=True, slots=True)
class Compared:
    """What the screen says about a comparison: with what, the score then and now, how much differs."""

    label: str  # "amazon.toml at HEAD~1 (3f2a9c1)", "target.toml", "the last save"
    short: str  # "HEAD~1", "target.toml", "the last save"
    since_save: bool
    before: int | None  # the score of the other version (None: not enough to judge)
    after: int | None  # the score now (None also while it is worked out)
    subscores: dict[str, int | None]  # the other version's sub-scores, by key
    added: int
    changed: int
    removed: tuple[str, ...]  # the names of the entries only the other version has
    new_findings: int
    resolved_findings: int

    @property
    def delta(self) -> int | None:
        return None if self.before is None or self.after is None else self.after - self.before


class Baseline:
    """The other version: its model, its alignment, and the marks of what differs from it now."""

    def __init__(self, spec: str | None, label: str, old: Model, before: Alignment) -> None:
        self.spec = spec  # as the person typed it; None for the last save
        self.label = label
        self.old = old
        self.before = before
        self.marks: dict[str, str] = {}  # entry id -> "+", "~" or "-"; a new dict after each change
        self._changes: dict[str, EntryChange] = {}
        self._before_keys = frozenset(f.key for f in before.findings)
        self._counted: tuple[Alignment, int, int] | None = None  # (the alignment counted, new, resolved)

    @property
    def since_save(self) -> bool:
        return self.spec is None

    @property
    def short(self) -> str:
        """The other version in a few words: 'HEAD~1', 'target.toml', 'the last save'."""
        return one_line(self.spec, 40) if self.spec is not None else "the last save"

    def rebase(self, old: Model, before: Alignment) -> None:
        """The other version is now `old`, judged `before`, and the model is that version: no marks."""
        if old is not self.old or self.marks:
            self.old, self.marks, self._changes = old, {}, {}
        if before is not self.before:
            self.before = before
            self._before_keys = frozenset(f.key for f in before.findings)
            self._counted = None

    def recount(self, changes: ModelChanges) -> None:
        """Take the marks of a full comparison (`model_changes(self.old, live)`)."""
        self.marks = changes.marks()
        self._changes = {c.id: c for c in changes.changed}

    def recount_now(self, live: Model) -> None:
        self.recount(model_changes(self.old, live))

    def follow(self, live: Model, changed: set[str]) -> None:
        """Compare again only the entries an edit added, removed or rewrote."""
        if not changed:
            return
        marks = dict(self.marks)
        for entry_id in changed:
            was, now = self.old.by_id.get(entry_id), live.by_id.get(entry_id)
            change = entry_change(was, now) if was is not None and now is not None else None
            self._changes.pop(entry_id, None)
            if change is not None:
                self._changes[entry_id] = change
                marks[entry_id] = CHANGED
            elif was is None and now is not None:
                marks[entry_id] = ADDED
            elif now is None and was is not None:
                marks[entry_id] = REMOVED
            else:
                marks.pop(entry_id, None)
        self.marks = marks

    def change_of(self, entry_id: str) -> EntryChange | None:
        """How a changed entry differs from the other version."""
        return self._changes.get(entry_id)

    def removed(self) -> list[Entry]:
        """The entries only the other version has."""
        return [self.old.by_id[i] for i, mark in self.marks.items() if mark == REMOVED and i in self.old.by_id]

    def compared(self, alignment: Alignment | None, up_to_date: bool) -> Compared:
        """The summary for the screen, against the alignment as it is now (findings matched by key)."""
        new = resolved = 0
        if alignment is not None:
            if self._counted is None or self._counted[0] is not alignment:
                keys = {f.key for f in alignment.findings}
                self._counted = (alignment, len(keys - self._before_keys), len(self._before_keys - keys))
            new, resolved = self._counted[1], self._counted[2]
        counts = {ADDED: 0, CHANGED: 0}
        for mark in self.marks.values():
            if mark in counts:
                counts[mark] += 1
        return Compared(self.label, self.short, self.since_save, self.before.score,
                        alignment.score if alignment is not None and up_to_date else None,
                        {s.key: s.value for s in self.before.subscores}, counts[ADDED], counts[CHANGED],
                        tuple(e.name for e in self.removed()), new, resolved)
