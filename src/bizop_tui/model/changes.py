"""What changed between two versions of a model, entry by entry: nothing here judges alignment.

Entries are matched by id (the n-th entry with an id in one version with the n-th in the other, so
a duplicated id is matched too). An entry is *renamed* when its id stays and its name changes, and
*moved* when its id stays and its block changes. Links (supports, segments, owner, conflicts) and
the status are told apart from the other fields because they are what alignment follows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bizop_tui.model.entities import Entry, Model
from bizop_tui.model.vocabulary import ALL_BLOCKS, LINK_KINDS, MODEL_FIELDS, RETIRING, Block

ADDED, REMOVED, CHANGED = "+", "-", "~"
# The fields of an entry compared one by one, in the order they are shown (links and status apart).
VALUE_FIELDS = ("amount", "cost", "notes", "tags", "reviewed")
LINK_KEYS = tuple(kind.key for kind in LINK_KINDS)  # supports, segments, owner, conflicts
MODEL_KEY_ORDER = tuple(f.key for f in MODEL_FIELDS)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One value that differs: `key` is a field of the entry (or of [model]), or a key bizop does not know."""

    key: str
    before: Any  # None when the field was absent
    after: Any


@dataclass(frozen=True, slots=True)
class LinkChange:
    """The ids one link of an entry gained and lost (for `owner`, at most one of each)."""

    kind: str  # "supports", "segments", "owner" or "conflicts"
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(slots=True)
class EntryChange:
    """One entry present in both versions (same id) that differs."""

    before: Entry
    after: Entry
    links: list[LinkChange] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)  # amount, cost, notes, tags, reviewed, unknown keys

    @property
    def id(self) -> str:
        return self.after.id

    @property
    def renamed(self) -> bool:
        return self.before.name != self.after.name

    @property
    def moved(self) -> bool:
        return self.before.block != self.after.block

    @property
    def status_changed(self) -> bool:
        return self.before.status != self.after.status

    @property
    def retired(self) -> bool:
        """Whether the change marks the entry as being retired."""
        return self.after.status == RETIRING and self.before.status != RETIRING


@dataclass(slots=True)
class ModelChanges:
    """Every difference between two models: entries added, removed and changed, and [model] settings."""

    added: list[Entry] = field(default_factory=list)  # as in the new version, in canvas then file order
    removed: list[Entry] = field(default_factory=list)  # as in the old version
    changed: list[EntryChange] = field(default_factory=list)  # in the new version's order
    settings: list[FieldChange] = field(default_factory=list)  # [model] name, currency, archetype, ...

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.settings)

    def marks(self) -> dict[str, str]:
        """`+`, `-` or `~` by id: how to mark each entry that differs (in the old tree for `-`)."""
        found = {e.id: REMOVED for e in self.removed}
        found.update({c.id: CHANGED for c in self.changed})
        found.update({e.id: ADDED for e in self.added})
        return found

    def by_block(self, order: tuple[Block, ...] = ALL_BLOCKS):
        """(block, added, changed, removed) for each block with a difference; a moved entry under its new block."""
        for block in order:
            added = [e for e in self.added if e.block == block]
            changed = [c for c in self.changed if c.after.block == block]
            removed = [e for e in self.removed if e.block == block]
            if added or changed or removed:
                yield block, added, changed, removed


def model_changes(old: Model, new: Model) -> ModelChanges:
    """The differences between `old` and `new`, matching entries by id."""
    result = ModelChanges(settings=_settings_changes(old, new))
    before = _by_occurrence(old)
    after = _by_occurrence(new)
    for key, entry in after.items():
        was = before.get(key)
        if was is None:
            result.added.append(entry)
            continue
        change = entry_change(was, entry)
        if change is not None:
            result.changed.append(change)
    result.removed = [entry for key, entry in before.items() if key not in after]
    return result


def entry_change(before: Entry, after: Entry) -> EntryChange | None:
    """How one entry differs between two versions; None when it does not."""
    change = EntryChange(before, after)
    for key in LINK_KEYS:
        was, now = before.linked(key), after.linked(key)
        if was != now:
            gained = tuple(i for i in dict.fromkeys(now) if i not in was)
            lost = tuple(i for i in dict.fromkeys(was) if i not in now)
            # Only the order changed: still a change of the file, shown as such.
            change.links.append(LinkChange(key, gained, lost))
    for key in VALUE_FIELDS:
        was, now = _value(before, key), _value(after, key)
        if not _same(was, now):
            change.fields.append(FieldChange(key, was, now))
    for key in sorted(set(before.extra) | set(after.extra)):
        was, now = before.extra.get(key), after.extra.get(key)
        if not _same(was, now):
            change.fields.append(FieldChange(key, was, now))
    if change.links or change.fields or change.renamed or change.moved or change.status_changed:
        return change
    return None


def _by_occurrence(model: Model) -> dict[tuple[str, int], Entry]:
    """Entries keyed by (id, how many entries with that id came before): canvas order, then file order."""
    seen: dict[str, int] = {}
    out = {}
    for entry in model.entries():
        n = seen.get(entry.id, 0)
        seen[entry.id] = n + 1
        out[(entry.id, n)] = entry
    return out


def _value(entry: Entry, key: str) -> Any:
    value = getattr(entry, key)
    if key in ("notes",) and value == "":
        return None
    if key == "tags" and not value:
        return None
    return value


def _same(a: Any, b: Any) -> bool:
    """Equal as values of a TOML file: 1 and 1.0 are the same amount; true and 1, or a date and its
    text, are not; NaN equals NaN (the value did not change)."""
    return _canon(a) == _canon(b)


def _canon(value: Any) -> Any:
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, float)):
        return ("number", "nan") if value != value else ("number", value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return (type(value).__name__, value.isoformat())
    if isinstance(value, (list, tuple)):
        return ("list", tuple(_canon(v) for v in value))
    if isinstance(value, dict):
        return ("table", tuple(sorted((str(k), _canon(v)) for k, v in value.items())))
    return (type(value).__name__, value)


def _settings_changes(old: Model, new: Model) -> list[FieldChange]:
    """The [model] keys that differ, as written in each file (known keys first, in the format's order)."""
    keys = [k for k in MODEL_KEY_ORDER if k in old.settings or k in new.settings]
    keys += sorted((set(old.settings) | set(new.settings)) - set(MODEL_KEY_ORDER))
    found = []
    for key in keys:
        was, now = old.settings.get(key), new.settings.get(key)
        if not _same(was, now):
            found.append(FieldChange(key, was, now))
    if not _same(old.custom_archetypes, new.custom_archetypes):
        found.append(FieldChange("archetypes", old.custom_archetypes or None, new.custom_archetypes or None))
    return found
