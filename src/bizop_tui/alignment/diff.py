"""Two versions of a model compared: entries, alignment and money (bizop diff), and the way from one to
the other as a roadmap (bizop diff --roadmap).

Pure: two loaded models in, a result out. The command line reads the versions (two files, or a file
and a git revision); the app can call `diff_models` with the model it shows and the alignment it
already has.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from bizop_tui.alignment.compare import Comparison, compare, model_with
from bizop_tui.alignment.engine import analyse
from bizop_tui.alignment.materiality import CostToServe, SegmentMoney
from bizop_tui.alignment.result import Alignment
from bizop_tui.alignment.roadmap import BUILD, CHANGE, RETIRE, Move, Roadmap, judge_steps
from bizop_tui.model.changes import ModelChanges, model_changes
from bizop_tui.model.entities import ERROR, Entry, Finding, Model
from bizop_tui.model.vocabulary import OPERATING, PLANNED, RETIRING


@dataclass(frozen=True, slots=True)
class Totals:
    """Annual totals as `cost.summary` counts them: entries with an amount, planned ones left out.
    None where no entry gives an amount."""

    revenue: int | float | None
    cost_structure: int | float | None
    operating_costs: int | float | None


@dataclass(frozen=True, slots=True)
class SegmentChange:
    """One segment's revenue, cost to serve and margin in each version (None where it is not in one)."""

    segment: Entry  # as in the new version, or the old one if it went
    before: SegmentMoney | None
    after: SegmentMoney | None


@dataclass(slots=True)
class MoneyChange:
    currency: tuple[str, str]
    before: Totals
    after: Totals
    allocated: tuple[str, str]  # what cost to serve allocates in each version ("operating costs", ...; "" none)
    segments: list[SegmentChange] = field(default_factory=list)

    @property
    def known(self) -> bool:
        """Whether either version gives any amount: otherwise there is no money to show."""
        return any(v is not None for t in (self.before, self.after) for v in (t.revenue, t.cost_structure,
                                                                              t.operating_costs))


@dataclass(slots=True)
class ModelDiff:
    old: Model
    new: Model
    changes: ModelChanges
    comparison: Comparison  # scores before -> after, findings new, resolved and changed
    money: MoneyChange

    @property
    def before(self) -> Alignment:
        return self.comparison.before

    @property
    def after(self) -> Alignment:
        return self.comparison.after

    @property
    def same(self) -> bool:
        """Nothing differs: no entry, no setting, no finding, no score."""
        c = self.comparison
        return (not self.changes and not c.new and not c.resolved and not c.changed
                and all(s.before == s.after for s in c.scores))


def diff_models(old: Model, new: Model, today: dt.date | None = None, *, before: Alignment | None = None,
                after: Alignment | None = None) -> ModelDiff:
    """Compare two versions of a model. Pass `before` / `after` when their alignments are already known."""
    before = before if before is not None else analyse(old, today)
    after = after if after is not None else analyse(new, today)
    return ModelDiff(old, new, model_changes(old, new), compare(before, after), money_change(old, new, before, after))


def money_change(old: Model, new: Model, before: Alignment, after: Alignment) -> MoneyChange:
    was, now = before.cost_to_serve(), after.cost_to_serve()
    return MoneyChange((old.currency, new.currency), totals(old), totals(new),
                       (was.source if was else "", now.source if now else ""), _segments(was, now))


def totals(model: Model) -> Totals:
    def total(values):
        values = [v for v in values if v is not None]
        return sum(values) if values else None

    return Totals(
        total(e.amount for e in model.block_entries("revenue_streams") if e.status != PLANNED),
        total(e.amount for e in model.block_entries("cost_structure") if e.status != PLANNED),
        total(e.cost for e in model.entries(OPERATING) if e.status != PLANNED),
    )


def _segments(was: CostToServe | None, now: CostToServe | None) -> list[SegmentChange]:
    old = {row.segment.id: row for row in (was.segments if was and was.source else [])}
    new = {row.segment.id: row for row in (now.segments if now and now.source else [])}
    rows = [SegmentChange(row.segment, old.get(key), row) for key, row in new.items()]
    rows += [SegmentChange(row.segment, row, None) for key, row in old.items() if key not in new]
    return rows


# -- the gate for CI ---------------------------------------------------------------------------------


def gate(diff: ModelDiff, max_drop: int) -> list[str]:
    """Why the change fails `--fail-on-drop max_drop` (docs/diff.md); empty when it passes.

    It fails when the score drops by more than `max_drop` points, when the old version has a score
    and the new one has none (not enough to judge), and when an error finding appears (a new one, or
    one that was a warning or info before). With no score in the old version there is no drop to
    measure: only errors count.
    """
    reasons = []
    score = diff.comparison.score
    if score.before is not None and score.after is None:
        reasons.append(f"the score was {score.before} and the new version has none: {diff.after.verdict}")
    elif score.delta is not None and -score.delta > max_drop:
        reasons.append(f"the score drops by {-score.delta} points ({score.before} -> {score.after}), more than "
                       f"{max_drop}")
    errors = new_errors(diff.comparison)
    if errors:
        reasons.append(f"{len(errors)} new error finding{'s' if len(errors) != 1 else ''}: "
                       + ", ".join(f.rule for f in errors[:5]) + (", ..." if len(errors) > 5 else ""))
    return reasons


def new_errors(comparison: Comparison) -> list[Finding]:
    """Errors in the new version that the old one did not have as errors."""
    return comparison.new_errors + [after for before, after in comparison.changed
                                    if after.severity == ERROR and before.severity != ERROR]


# -- current -> target -------------------------------------------------------------------------------


def diff_roadmap(old: Model, new: Model, today: dt.date | None = None, changes: ModelChanges | None = None,
                 target: Comparison | None = None) -> Roadmap:
    """Read `old` as the current state and `new` as the target: what to build, change and retire.

    Each step is judged alone against the current model in which the target's new entries are
    present but planned (as `bizop roadmap` reads a planned entry: not a gap, not built), so that a
    new process that serves a new proposition is judged with the proposition it is for.
    """
    changes = changes if changes is not None else model_changes(old, new)
    coming: dict[str, Entry] = {}
    for entry in changes.added:
        if entry.id not in old.by_id and entry.id not in coming and new.by_id.get(entry.id) is entry:
            coming[entry.id] = entry
    current = model_with(old, {i: replace(e, status=PLANNED) for i, e in coming.items()}) if coming else old
    moves = [Move(BUILD, e, e.id, e) for e in coming.values()]
    for change in changes.changed:
        if old.by_id.get(change.id) is not change.before or new.by_id.get(change.id) is not change.after:
            continue  # a duplicated id: the step cannot be taken alone
        if change.retired:
            kind = RETIRE
        elif change.before.status == PLANNED and change.after.status not in (PLANNED, RETIRING):
            kind = BUILD
        else:
            kind = CHANGE
        moves.append(Move(kind, change.after, change.id, change.after, change))
    moves += [Move(RETIRE, e, e.id, None) for e in changes.removed if old.by_id.get(e.id) is e]
    baseline, steps = judge_steps(current, moves, today)
    if target is None:
        target = compare(analyse(old, today), analyse(new, today))
    return Roadmap(target.before, steps, target)
