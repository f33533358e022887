"""The roadmap inside one file: the planned entries, and what each would fix once in place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from bizop_tui.alignment.compare import Comparison, compare, model_with
from bizop_tui.alignment.engine import analyse
from bizop_tui.alignment.result import Alignment
from bizop_tui.model.entities import Entry, Model
from bizop_tui.model.vocabulary import ACTIVE, PLANNED


@dataclass(slots=True)
class Step:
    entry: Entry
    comparison: Comparison  # today against today with this one entry in place

    @property
    def fixes(self):
        return self.comparison.resolved


@dataclass(slots=True)
class Roadmap:
    today: Alignment
    steps: list[Step]  # by what each step does for the score, most first
    target: Comparison | None  # today against every planned entry in place


def roadmap(model: Model, today: dt.date | None = None) -> Roadmap:
    baseline = analyse(model, today)
    planned = [e for e in model.entries() if e.status == PLANNED and model.by_id.get(e.id) is e]
    steps = []
    for entry in planned:
        after = analyse(model_with(model, {entry.id: replace(entry, status=ACTIVE)}), today)
        steps.append(Step(entry, compare(baseline, after)))
    steps.sort(key=lambda s: (-(s.comparison.score.delta or 0), -len(s.fixes), s.entry.block.path, s.entry.index))
    target = None
    if planned:
        everything = model_with(model, {e.id: replace(e, status=ACTIVE) for e in planned})
        target = compare(baseline, analyse(everything, today))
    return Roadmap(baseline, steps, target)
