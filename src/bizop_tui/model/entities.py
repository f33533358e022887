"""What a loaded model holds: entries, the model itself, and findings about it."""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass, field, replace
from typing import Any

from bizop_tui.model.vocabulary import ACTIVE, ALL_BLOCKS, Block

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)


@dataclass(frozen=True, slots=True)
class LinkFix:
    """One link that would settle a finding: `kind` from `source` to `target`, one of them to be chosen.

    With `source` None, the person picks the entry that should name `target` (which operating entry
    delivers this promise?); with `target` None, the entry to name (which unit owns this process?).
    `among` lists the block keys to choose from.
    """

    kind: str
    source: str | None
    target: str | None
    among: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing bizop has to say about a model, with where and how to fix it."""

    rule: str
    severity: str
    message: str
    entries: tuple[str, ...] = ()
    line: int | None = None
    hint: str = ""
    at_stake: int | float | None = None  # the money this finding puts at risk, in the model's currency
    subject: str = ""  # what a finding that names no entry is about (an archetype requirement, say)
    looked_for: tuple[str, ...] = ()  # the words a vocabulary rule searched for and did not find
    cause: str | None = None  # the key of the root finding this one follows from
    fix: LinkFix | None = None  # one link that would settle it, when one would
    # What the finding is about, stable across edits and versions: its rule and entries (or subject).
    key: str = field(init=False, compare=False, repr=False)
    _order: tuple = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Worked out once: an edit re-sorts and re-groups every finding of the model.
        object.__setattr__(self, "key", f"{self.rule}:{','.join(self.entries) if self.entries else self.subject}")
        object.__setattr__(self, "_order", (SEVERITIES.index(self.severity), -(self.at_stake or 0), self.rule,
                                            self.line or 0, self.entries, self.message))

    def sort_key(self) -> tuple:
        """Worst first, then the most money at stake, then by rule and place in the file."""
        return self._order

    def at_line(self, line: int | None) -> Finding:
        """This finding at another line (an edit above its entry moved it). The same as
        `replace(self, line=line)` at a third of the cost: a line added near the top of a large file
        moves thousands of findings."""
        moved = _new(Finding)
        for put, value in zip(_PUTS, _KEPT(self)):
            put(moved, value)
        _PUT_LINE(moved, line)
        order = self._order
        _PUT_ORDER(moved, (*order[:3], line or 0, *order[4:]))
        return moved


_new = object.__new__
_KEPT_NAMES = tuple(f for f in Finding.__slots__ if f not in ("line", "_order"))
_KEPT = operator.attrgetter(*_KEPT_NAMES)
_PUTS = tuple(getattr(Finding, name).__set__ for name in _KEPT_NAMES)  # slot setters: frozen only to callers
_PUT_LINE, _PUT_ORDER = Finding.line.__set__, Finding._order.__set__


@dataclass(slots=True)
class Entry:
    """One entry of a canvas block or an operating dimension."""

    id: str
    name: str
    block: Block
    index: int
    line: int | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()
    reviewed: dt.date | None = None
    supports: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    owner: str | None = None
    amount: int | float | None = None  # exact as written: an integer stays an integer
    cost: int | float | None = None
    status: str = ACTIVE
    conflicts: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    # Schema problems of this entry; their line is the entry's line, filled in by Model.problems.
    problems: tuple[Finding, ...] = ()

    @property
    def side(self) -> str:
        return self.block.side

    @property
    def links(self) -> tuple[str, ...]:
        """Every id this entry names: supports, segments, owner and conflicts."""
        owner = (self.owner,) if self.owner else ()
        return self.supports + self.segments + owner + self.conflicts

    def linked(self, key: str) -> tuple[str, ...]:
        """The ids named by link `key` ("supports", "segments", "owner" or "conflicts")."""
        if key == "owner":
            return (self.owner,) if self.owner else ()
        return getattr(self, key)


@dataclass(slots=True)
class Model:
    """A loaded model: its settings, its entries by block, and what loading found."""

    name: str
    path: str | None = None
    description: str = ""
    archetypes: tuple[str, ...] = ()
    currency: str = ""
    reviewed: dt.date | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    custom_archetypes: dict[str, Any] = field(default_factory=dict)
    blocks: dict[str, list[Entry]] = field(default_factory=lambda: {b.path: [] for b in ALL_BLOCKS})
    # Problems of the file as a whole, and of entries that could not be loaded (no id).
    file_problems: list[Finding] = field(default_factory=list)
    # How many tables each block holds in the file, loadable or not (entry.index counts these).
    sizes: dict[str, int] = field(default_factory=dict)
    # The first entry for each id; later duplicates are reported, not indexed.
    by_id: dict[str, Entry] = field(default_factory=dict)
    duplicates: list[Entry] = field(default_factory=list)
    # Counters that say what changed since a reader last looked: anything, and entries' lines.
    version: int = field(default=0, init=False, compare=False)
    lines_version: int = field(default=0, init=False, compare=False)
    _problems: tuple[int, list[Finding]] | None = field(default=None, init=False, compare=False, repr=False)

    def __repr__(self) -> str:  # the generated one would print every entry: megabytes for a large model
        return f"Model({self.name!r}, {len(self)} entries, path={self.path!r})"

    def snapshot(self) -> Model:
        """A copy whose block lists later edits do not touch: for analysing off the UI thread."""
        return replace(self, blocks={path: list(entries) for path, entries in self.blocks.items()},
                       sizes=dict(self.sizes), file_problems=list(self.file_problems))

    def reindex(self) -> None:
        """Rebuild the id index after entries were added, removed or changed."""
        by_id: dict[str, Entry] = {}
        duplicates = []
        for entry in self.entries():
            if entry.id in by_id:
                duplicates.append(entry)
            else:
                by_id[entry.id] = entry
        self.by_id, self.duplicates = by_id, duplicates
        self.version += 1

    def reindex_after(self, removed: list[Entry], added: list[Entry]) -> None:
        """Follow an edit that removed and added these entries: the index is patched, not rebuilt (at
        20,000 entries a rebuild is most of an edit's time), unless duplicate ids make file order matter."""
        by_id = self.by_id
        if self.duplicates or any(by_id.get(e.id) is not e for e in removed):
            self.reindex()
            return
        for entry in removed:
            del by_id[entry.id]
        for entry in added:
            if entry.id in by_id:
                self.reindex()
                return
            by_id[entry.id] = entry
        self.version += 1

    @property
    def problems(self) -> list[Finding]:
        """Every schema problem: the file's, each entry's (at its line), and duplicate ids."""
        if self._problems is not None and self._problems[0] == self.version:
            return list(self._problems[1])
        found = self._find_problems()
        self._problems = (self.version, found)
        return list(found)

    def _find_problems(self) -> list[Finding]:
        found = list(self.file_problems)
        for entry in self.entries():
            for problem in entry.problems:
                found.append(problem.at_line(entry.line))
        for entry in self.duplicates:
            first = self.by_id[entry.id]
            found.append(Finding(
                "links.duplicate-id", ERROR, f"id '{entry.id}' is used twice (first at line {first.line})",
                (entry.id,), entry.line, "Give each entry an id of its own; links to this id go to the first one.",
            ))
        return found

    def shift_lines(self, after: int, delta: int) -> None:
        """Lines below `after` moved by `delta` (an edit added or removed lines above them)."""
        if not delta:
            return
        self.version += 1
        self.lines_version += 1
        for entry in self.entries():
            if entry.line is not None and entry.line > after:
                entry.line += delta
        self.file_problems = [
            p.at_line(p.line + delta) if p.line is not None and p.line > after else p
            for p in self.file_problems
        ]

    def entries(self, side: str | None = None):
        for block in ALL_BLOCKS:
            if side is None or block.side == side:
                yield from self.blocks[block.path]

    def block_entries(self, key: str) -> list[Entry]:
        """Entries of the block or dimension called `key` (e.g. "processes")."""
        for block in ALL_BLOCKS:
            if block.key == key:
                return self.blocks[block.path]
        raise KeyError(key)

    def __len__(self) -> int:
        return sum(len(v) for v in self.blocks.values())
