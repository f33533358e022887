"""Two alignments side by side: the score and sub-scores before and after, findings new and resolved.

Findings are matched by what they are about (rule and entries, `Finding.key`), never by their words,
so a renamed entry's finding is the same finding.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bizop_tui.alignment.result import Alignment
from bizop_tui.model.entities import Entry, Finding, Model


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

    @property
    def score(self) -> ScoreChange:
        return self.scores[0]


def compare(before: Alignment, after: Alignment) -> Comparison:
    scores = [ScoreChange("score", "Alignment", before.score, after.score)]
    scores += [ScoreChange(a.key, a.title, a.value, b.value) for a, b in zip(before.subscores, after.subscores)]
    old = {f.key for f in before.findings}
    now = {f.key for f in after.findings}
    return Comparison(before, after, scores, [f for f in after.findings if f.key not in old],
                      [f for f in before.findings if f.key not in now])


def model_with(model: Model, entries: dict[str, Entry | None]) -> Model:
    """A copy of `model` with some entries replaced (or removed, for None); the original is untouched.

    Links to a removed entry are dropped from the entries that named it, as if the person had deleted
    the entry and tidied up after it.
    """
    removed = {i for i, e in entries.items() if e is None}
    copy = model.snapshot()
    for path, block in copy.blocks.items():
        kept = []
        for entry in block:
            if entry.id in entries:
                entry = entries[entry.id]
            if entry is None:
                continue
            if removed & set(entry.links):
                entry = replace(entry, supports=_without(entry.supports, removed),
                                segments=_without(entry.segments, removed),
                                conflicts=_without(entry.conflicts, removed),
                                owner=None if entry.owner in removed else entry.owner)
            kept.append(entry)
        copy.blocks[path] = kept
    copy.reindex()
    return copy


def _without(ids: tuple[str, ...], removed: set[str]) -> tuple[str, ...]:
    return tuple(i for i in ids if i not in removed)
