"""Two alignments side by side: the score and sub-scores before and after, findings new and resolved.

Findings are matched by what they are about (rule and entries, `Finding.key`), not by their words,
so a renamed entry's finding is the same finding; only findings that share a key (file problems that
name no entry) are told apart by their words.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bizop_tui.alignment.result import Alignment
from bizop_tui.model.entities import ERROR, Entry, Finding, Model


@dataclass(frozen=True, slots=True)
class ScoreChange:
    key: str  # "score" or a sub-score key
    title: str
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(slots=True)
class Comparison:
    before: Alignment
    after: Alignment
    scores: list[ScoreChange]  # the overall score first, then each sub-score
    new: list[Finding]
    resolved: list[Finding]
    # Findings about the same thing in both (same key) that now say something else or weigh
    # otherwise: a chain that lacks fewer parts, a warning become an error. (before, after) pairs.
    changed: list[tuple[Finding, Finding]] = field(default_factory=list)

    @property
    def score(self) -> ScoreChange:
        return self.scores[0]

    @property
    def new_errors(self) -> list[Finding]:
        return [f for f in self.new if f.severity == ERROR]


def compare(before: Alignment, after: Alignment) -> Comparison:
    scores = [ScoreChange("score", "Alignment", before.score, after.score)]
    scores += [ScoreChange(a.key, a.title, a.value, b.value) for a, b in zip(before.subscores, after.subscores)]
    new, resolved, changed = match_findings(before.findings, after.findings)
    return Comparison(before, after, scores, new, resolved, changed)


def match_findings(before: list[Finding], after: list[Finding]):
    """(new, resolved, changed) between two lists of findings, matched by key.

    A key is usually unique in a list; where it is not (file problems that name no entry), findings
    match by their words, and the rest count as new and resolved, never as one changed into another.
    """
    old: dict[str, list[Finding]] = {}
    for f in before:
        old.setdefault(f.key, []).append(f)
    now: dict[str, list[Finding]] = {}
    for f in after:
        now.setdefault(f.key, []).append(f)
    new, changed, kept = [], [], set()
    for f in after:
        olds = old.get(f.key)
        if not olds:
            new.append(f)
        elif len(olds) == 1 and len(now[f.key]) == 1:
            kept.add(id(olds[0]))
            if olds[0].severity != f.severity or olds[0].message != f.message:
                changed.append((olds[0], f))
        else:
            same = next((o for o in olds if id(o) not in kept and (o.severity, o.message) == (f.severity, f.message)),
                        None)
            if same is None:
                new.append(f)
            else:
                kept.add(id(same))
    resolved = [f for f in before if id(f) not in kept]
    return new, resolved, changed


def model_with(model: Model, entries: dict[str, Entry | None]) -> Model:
    """A copy of `model` with some entries replaced (or removed, for None); the original is untouched.

    An entry whose id the model does not have is added at the end of its block; one whose block
    differs from the entry it replaces moves there. Links to a removed entry are dropped from the
    entries that named it, as if the person had deleted the entry and tidied up after it.
    """
    removed = {i for i, e in entries.items() if e is None}
    copy = model.snapshot()
    placed: set[str] = set()
    moving: list[Entry] = []
    for path, block in copy.blocks.items():
        kept = []
        for entry in block:
            if entry.id in entries and entry.id not in placed:
                placed.add(entry.id)
                entry = entries[entry.id]
                if entry is not None and entry.block.path != path:
                    moving.append(entry)
                    continue
            if entry is None:
                continue
            if removed & set(entry.links):
                entry = without_links_to(entry, removed)
            kept.append(entry)
        copy.blocks[path] = kept
    moving += [e for i, e in entries.items() if e is not None and i not in placed]
    for entry in moving:
        path = entry.block.path
        index = copy.sizes.get(path, len(copy.blocks[path]))
        copy.sizes[path] = index + 1
        copy.blocks[path].append(replace(without_links_to(entry, removed), index=index))
    copy.reindex()
    return copy


def without_links_to(entry: Entry, removed: set[str]) -> Entry:
    if not removed & set(entry.links):
        return entry
    return replace(entry, supports=_without(entry.supports, removed), segments=_without(entry.segments, removed),
                   conflicts=_without(entry.conflicts, removed), owner=None if entry.owner in removed else entry.owner)


def _without(ids: tuple[str, ...], removed: set[str]) -> tuple[str, ...]:
    return tuple(i for i in ids if i not in removed)
