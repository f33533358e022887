"""Roadmaps: steps from the model as it is towards a target, each judged on its own.

`roadmap(model)` reads the planned entries of one file as the steps (bizop roadmap FILE);
`bizop diff --roadmap` (alignment/diff.py) reads them from a current and a target file. Either way
`judge_steps` applies each step alone to the current model, takes it back, and keeps what it did to
the score and the findings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from bizop_tui.alignment.compare import Comparison, without_links_to, compare, model_with
from bizop_tui.alignment.engine import AlignmentState, analyse
from bizop_tui.alignment.result import Alignment
from bizop_tui.model.changes import EntryChange
from bizop_tui.model.entities import Entry, Model
from bizop_tui.model.vocabulary import ACTIVE, PLANNED

BUILD, CHANGE, RETIRE = "build", "change", "retire"
KINDS = (BUILD, CHANGE, RETIRE)


@dataclass(frozen=True, slots=True)
class Move:
    """One step to judge: the entry under `entry_id` becomes `to` (None: it goes)."""

    kind: str  # BUILD, CHANGE or RETIRE
    entry: Entry  # what the step is about, as a report names it (a removed entry as it was)
    entry_id: str
    to: Entry | None
    change: EntryChange | None = None  # for an entry in both versions: what differs


@dataclass(slots=True)
class Step:
    entry: Entry
    comparison: Comparison  # the current model against the current model with this one step taken
    kind: str = BUILD
    change: EntryChange | None = None

    @property
    def fixes(self):
        return self.comparison.resolved


@dataclass(slots=True)
class Roadmap:
    today: Alignment
    steps: list[Step]  # by what each step does for the score, most first
    target: Comparison | None  # today against the target (every step taken)


def roadmap(model: Model, today: dt.date | None = None) -> Roadmap:
    """The planned entries of `model`, each as a step that puts it in place (status active)."""
    planned = [e for e in model.entries() if e.status == PLANNED and model.by_id.get(e.id) is e]
    baseline, steps = judge_steps(model, [Move(BUILD, e, e.id, replace(e, status=ACTIVE)) for e in planned], today)
    target = None
    if planned:
        everything = model_with(model, {e.id: replace(e, status=ACTIVE) for e in planned})
        target = compare(baseline, analyse(everything, today))
    return Roadmap(baseline, steps, target)


def judge_steps(model: Model, moves: list[Move], today: dt.date | None = None) -> tuple[Alignment, list[Step]]:
    """The alignment of `model`, and each move applied alone to it, by what it does for the score, most first.

    Links to an entry a move removes are dropped from the entries naming it, as `model_with` does.
    The analysis follows each move and its undoing incrementally (AlignmentState.update), which gives
    the same result as analysing each variant afresh (a test holds it to that) in a fraction of the time.
    """
    work = model.snapshot()
    state = AlignmentState(work, today)
    baseline = state.alignment()
    steps = []
    for move in moves:
        undo, changed = _apply(work, move)
        state.follow(changed)
        # Without root causes: a step is compared by keys, words and scores, and grouping the findings
        # under their causes would cost more than the rest of the step.
        after = state.alignment(causes=False)
        steps.append(Step(move.entry, compare(baseline, after), move.kind, move.change))
        undo()
        state.follow(changed)
    steps.sort(key=lambda s: (-(s.comparison.score.delta or 0), -len(s.fixes), s.entry.block.path, s.entry.index))
    return baseline, steps


def _apply(model: Model, move: Move):
    """Make `move` in `model`, in place; returns a function that takes it back, and the ids it touched."""
    saved = {path: list(entries) for path, entries in model.blocks.items()}
    sizes = dict(model.sizes)
    current = model.by_id.get(move.entry_id)
    touched = {move.entry_id}
    if current is not None:
        block = model.blocks[current.block.path]
        position = next(i for i, e in enumerate(block) if e is current)
        if move.to is not None and move.to.block == current.block:
            block[position] = move.to
        else:
            del block[position]
    if move.to is not None and (current is None or move.to.block != current.block):
        path = move.to.block.path
        index = model.sizes.get(path, len(model.blocks[path]))
        model.sizes[path] = index + 1
        model.blocks[path].append(replace(move.to, index=index))
    if move.to is None:
        for path, entries in model.blocks.items():
            for i, entry in enumerate(entries):
                if move.entry_id in entry.links:
                    entries[i] = without_links_to(entry, {move.entry_id})
                    touched.add(entry.id)
    model.reindex()

    def undo() -> None:
        model.blocks.update(saved)
        model.sizes.clear()
        model.sizes.update(sizes)
        model.reindex()

    return undo, touched
