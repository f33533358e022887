"""One editing session of a model, without a screen: the document, its recovery journal, the alignment
kept up to date edit by edit, and the day staleness is judged on.

The app asks it to edit, undo, save, check the disk or recover, and shows the plain outcomes it
returns; tests drive it directly. Work that may block (the first analysis of a large model, writing the
journal, looking at the file on disk) is handed out as a function for a background thread, together
with everything it needs, so no object the edits change is shared with that thread.

Every journal call of the app is in this module.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import stat
import threading
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import islice
from typing import TYPE_CHECKING, Any

from bizop_tui.alignment import Alignment, Check, analyse
from bizop_tui.alignment.engine import AlignmentState
from bizop_tui.alignment.graph import Reached, walk
from bizop_tui.alignment.materiality import CostToServe, SegmentMoney
from bizop_tui.model import load_text
from bizop_tui.model.document import ChangedOnDisk, Document, ReadOnlyFile, entries_of
from bizop_tui.model.entities import SEVERITIES, Entry, Finding, Model
from bizop_tui.model.errors import BizopError
from bizop_tui.model.journal import Journal, JournalScan, Recovered
from bizop_tui.model.layout import scan_layout
from bizop_tui.model.source import MAX_FILE_BYTES
from bizop_tui.model.text import one_line
from bizop_tui.model.vocabulary import ALL_BLOCKS, LINK_KINDS, MODEL_FIELDS

if TYPE_CHECKING:
    from bizop_tui.alignment.diff import ModelDiff
    from bizop_tui.alignment.impact import Impact
    from bizop_tui.comparing import Baseline, Compared
    from bizop_tui.model.changes import ModelChanges
    from bizop_tui.model.versions import Version

# Comparing, diffs and impacts are imported when first asked for: opening a model does without them.

# From this many entries a full analysis (the first one, after a reload or a whole-text change) runs
# off the UI thread; edits are followed incrementally (a few milliseconds) whatever the size.
BACKGROUND_FROM = 1500


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an action did, for the person: `message` is plain text with user text made visible."""

    ok: bool
    message: str = ""
    hint: str = ""
    select: str | None = None  # the entry to put the cursor on afterwards
    conflict: bool = False  # a save refused because the file changed on disk since it was read
    read_only: bool = False  # a save refused because the file is read-only (saving anyway needs a yes)


@dataclass(frozen=True, slots=True)
class Status:
    """The one line that keeps the score in sight: name, file, unsaved mark, score, change, counts."""

    name: str
    path: str | None
    dirty: bool
    score: int | None
    previous: int | None
    counts: tuple[int, int, int] | None  # errors, warnings, info; None before the first analysis
    note: str = ""  # why the score is missing or out of date
    saving: bool = False  # a save is on its way


@dataclass(frozen=True, slots=True)
class DiskCheck:
    """What a background look at the file found, and which save or reload it was measured against."""

    generation: int
    state: str  # "same", "changed", "missing" or "not-a-file"
    stamp: tuple[int, int, int] | None


@dataclass(frozen=True, slots=True)
class VersionRead:
    """What a background read of another version found: the version judged and compared with the
    model as it was when the read began, or the error that stopped it."""

    token: int
    spec: str | None
    version: Version | None = None
    before: Alignment | None = None
    changes: ModelChanges | None = None
    live: Model | None = None  # the model compared, and its version then: edits since mean comparing again
    live_version: int = 0
    error: BizopError | None = None


def fold(text: str) -> str:
    """`text` for matching: case and accents ignored ("Crème" matches "creme")."""
    if text.isascii():  # most names: nothing to decompose (as fast as the rest is slow, 20,000 at a time)
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def private_copy(model: Model) -> Model:
    """A copy of `model` whose entries are copies too, for a background analysis: edits on the UI
    thread shift the lines and indexes of the live entries while it runs."""
    twin = replace(frozen_copy(model), settings=dict(model.settings), by_id={}, duplicates=[])
    twin.reindex()
    return twin


def frozen_copy(model: Model) -> Model:
    """A copy of `model` that later edits do not touch, for a background save to check the file it
    writes against: edits shift the indexes and lines of the live entries in place."""
    blocks = {path: [copy.copy(e) for e in entries] for path, entries in model.blocks.items()}
    return replace(model, blocks=blocks, sizes=dict(model.sizes), file_problems=list(model.file_problems))


@dataclass(frozen=True, slots=True)
class Saved:
    """What a background save did: the copy of the document it saved (whose path, saved text and
    digest are now those on disk) or the error that stopped it."""

    generation: int
    before: str | None  # the document's path when the save began
    document: Document
    error: BizopError | None


def _stamp(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_mtime_ns, st.st_size, st.st_ino)


BLOCK_ORDER = {block.path: i for i, block in enumerate(ALL_BLOCKS)}


class ReferrerIndex:
    """Who names each entry, by link kind, kept up to date edit by edit: after an edit only the
    entries it changed are looked at again (a full pass over 20,000 entries costs about 100 ms)."""

    def __init__(self) -> None:
        self._index: dict[str, dict[str, list[str]]] | None = None
        self._declared: dict[str, list[tuple[str, str]]] = {}  # entry id -> its (kind, target) links
        self._followable = True

    def of(self, model: Model, entry_id: str) -> dict[str, list[str]]:
        if self._index is None:
            self._build(model)
        return self._index.get(entry_id, {})

    def _build(self, model: Model) -> None:
        index: dict[str, dict[str, list[str]]] = {}
        declared: dict[str, list[tuple[str, str]]] = {}
        for entry in model.entries():
            links = _links_of(entry)
            declared[entry.id] = links
            for kind, target in links:
                index.setdefault(target, {}).setdefault(kind, []).append(entry.id)
        self._index, self._declared = index, declared
        self._followable = not model.duplicates  # with duplicate ids, declared links are not one per id

    def follow(self, model: Model, changed: set[str] | None) -> None:
        """The entries `changed` were added, removed or rewritten (None: anything may have changed)."""
        index = self._index
        if index is None:
            return
        if changed is None or model.duplicates or not self._followable:
            self._index = None
            return
        touched: set[tuple[str, str]] = set()
        for entry_id in changed:
            for kind, target in self._declared.pop(entry_id, ()):
                ids = index[target][kind]
                ids.remove(entry_id)
                if not ids:
                    del index[target][kind]
            entry = model.by_id.get(entry_id)
            if entry is None:
                continue
            links = self._declared[entry_id] = _links_of(entry)
            for kind, target in links:
                index.setdefault(target, {}).setdefault(kind, []).append(entry_id)
                touched.add((target, kind))
        by_id = model.by_id
        for target, kind in touched:  # back in file order
            ids = index[target][kind]
            if len(ids) > 1:
                ids.sort(key=lambda i: (BLOCK_ORDER[by_id[i].block.path], by_id[i].index))


def _listed(found: Finding | list[Finding] | None) -> list[Finding]:
    return [] if found is None else [found] if isinstance(found, Finding) else list(found)


def _links_of(entry: Entry) -> list[tuple[str, str]]:
    return [(kind.key, target) for kind in LINK_KINDS for target in entry.linked(kind.key)]


class Session:
    """A document being edited, with its alignment and journal; every method runs on one thread except
    the functions it hands out for background threads."""

    def __init__(self, document: Document, *, journal: Journal | None = None, today: dt.date | None = None,
                 background_from: int = BACKGROUND_FROM) -> None:
        self.document = document
        self.journal = journal
        self.today = today or dt.date.today()
        self.background_from = background_from
        self.state: AlignmentState | None = None
        self.alignment: Alignment | None = None
        self.previous_score: int | None = None
        self.marks: dict[str, str] = {}  # entry id -> its worst finding's severity
        # Edits made while a background analysis runs: their ids, or None for "anything".
        self._pending: set[str] | None = set()
        self._job = 0  # the current background analysis; results of older ones are dropped
        self._job_running = False
        self._journal_seq = 0
        self._journal_lock = threading.Lock()
        self._closed = False
        self._generation = 0  # bumped by every save and reload: older disk checks are out of date
        self._saving = 0  # saves begun and not yet finished
        self._stamp = self._stat_stamp()
        self._referrers = ReferrerIndex()
        self._folded: list[tuple[str, str]] | None = None  # (entry id, folded name and id), file order
        self.baseline: Baseline | None = None  # the version compared with (comparing.py)
        self._read_job = 0  # the current read of another version; results of older ones are dropped
        self._cost: tuple[Alignment, CostToServe | None] | None = None  # the cost to serve of an alignment
        self._fold_cache: dict[tuple[str, str], str] = {}  # (id, name) -> folded, across edits
        self._found: tuple[int, str, list[str]] | None = None  # the last find: model version, needle, ids
        # What entries reach both ways along supports, for the graph (kept: its id is in the key) as its
        # edges are now; shared by every selection.
        self._reached: tuple[tuple[int, int], object, tuple[Reached, Reached]] | None = None
        # The marks of the last few selections, for the alignment and version they were worked out on:
        # Tab between the panes goes back to a selection whose marks are known.
        self._linked: dict[tuple[int, int, str], tuple[object, frozenset[str]]] = {}
        self._findings_by_entry: dict[str, Finding | list[Finding]] = {}
        if len(document.model) < background_from:
            self._analyse_now()

    @property
    def model(self) -> Model:
        return self.document.model

    # -- alignment ----------------------------------------------------------------------------------

    def _analyse_now(self) -> None:
        self.state = AlignmentState(self.model, self.today)
        self._set_alignment(self.state.alignment())

    def _set_alignment(self, alignment: Alignment) -> None:
        if self.alignment is not None:
            self.previous_score = self.alignment.score
        self.alignment = alignment
        if self.baseline is not None and self.baseline.since_save and not self.document.dirty:
            self.baseline.rebase(self.baseline.old, alignment)  # the saved text is the text: judged alike
        # An entry's one finding is kept as it is, its several in a list: a list per entry would be
        # thousands of new containers per edit for the garbage collector to walk (tui/heap.py).
        by_entry: dict[str, Finding | list[Finding]] = {}
        marks: dict[str, str] = {}
        rank = {severity: i for i, severity in enumerate(SEVERITIES)}
        worst_first, last = True, 0
        for finding in alignment.findings:
            severity = finding.severity
            if rank[severity] < last:
                worst_first = False
            last = rank[severity]
            for entry_id in finding.entries:
                found = by_entry.get(entry_id)
                if found is None:
                    by_entry[entry_id] = finding
                    marks[entry_id] = severity  # the worst, when the findings come worst first
                elif isinstance(found, Finding):
                    by_entry[entry_id] = [found, finding]
                else:
                    found.append(finding)
        if not worst_first:
            marks = {entry_id: min((f.severity for f in _listed(found)), key=rank.__getitem__)
                     for entry_id, found in by_entry.items()}
        self.marks = marks
        self._findings_by_entry = by_entry

    @property
    def needs_analysis(self) -> bool:
        """True when the alignment is out of date and no background analysis is on its way."""
        return self.state is None and not self._job_running

    def analysis_job(self) -> Callable[[], tuple[int, AlignmentState]]:
        """Work for a background thread: a full analysis of a private copy of the model as it is now.
        Give its result to `adopt` on this thread."""
        self._job += 1
        self._job_running = True
        self._pending = set()
        token, model, today = self._job, private_copy(self.model), self.today
        return lambda: (token, AlignmentState(model, today))

    def adopt(self, result: tuple[int, AlignmentState]) -> bool:
        """Take a background analysis; False when it was out of date (another is then needed)."""
        token, state = result
        if token != self._job:
            return False
        self._job_running = False
        pending, self._pending = self._pending, set()
        if pending is None:  # the whole text changed meanwhile: analyse it again
            return False
        live = self.model
        # The analysis judged copies; from now on it follows the live entries. Those edited meanwhile
        # keep their copy, so that update() sees them as replaced and judges them again.
        # (AlignmentState has no public way to swap its entries: this leans on `seen`.)
        state.rebind(live)
        for entry_id in list(state.seen):
            entry = live.by_id.get(entry_id)
            if entry is not None and entry_id not in pending:
                state.seen[entry_id] = entry
        self.state = state
        self._set_alignment(state.update(pending) if pending else state.alignment())
        return True

    def _follow_edit(self) -> None:
        """Bring the alignment, and the marks of a comparison, up to date with the document's last change."""
        changed = self.document.last_changed
        self._referrers.follow(self.model, changed)
        self._folded = None
        self._follow_alignment(changed)
        self._follow_baseline(changed)

    def _follow_alignment(self, changed: set[str] | None) -> None:
        if self.state is None:  # a background analysis is on its way: it catches up when it lands
            self._pending = None if changed is None or self._pending is None else self._pending | changed
            return
        if changed is None:  # the whole text: judge it all again, in the background when it is large
            if len(self.model) >= self.background_from:
                self.state = None
                return
            self._analyse_now()
            return
        self.state.rebind(self.model)
        self._set_alignment(self.state.update(changed))

    def status(self) -> Status:
        alignment = self.alignment
        note = ""
        if alignment is None:
            note = "computing…"
        elif self.state is None:
            note = "updating…"
        elif alignment.score is None:
            note = getattr(alignment, "reason", "") or "not enough to judge yet"
        counts = None
        if alignment is not None:
            c = alignment.counts()
            counts = (c["error"], c["warning"], c["info"])
        return Status(self.model.name, self.document.path, self.document.dirty,
                      alignment.score if alignment else None, self.previous_score, counts, note, self.saving)

    # -- queries ------------------------------------------------------------------------------------

    def entry(self, entry_id: str | None) -> Entry | None:
        return self.model.by_id.get(entry_id) if entry_id else None

    def referrers(self, entry_id: str) -> dict[str, list[str]]:
        """Who names `entry_id`, by link kind: {"segments": [...], "owner": [...], ...}, in file order."""
        return self._referrers.of(self.model, entry_id)

    def supporters(self, entry_id: str, count: int, skip: set[str] | frozenset[str] = frozenset()) -> list[str]:
        """The `count` nearest entries that reach `entry_id` through supports, leaving out `skip`."""
        graph = self.alignment.graph if self.alignment else None
        if graph is None:
            return []
        return list(islice((i for i in walk(entry_id, graph.reverse) if i not in skip), count))

    def reached(self, entry_id: str) -> frozenset[str] | set[str]:
        """Every entry `entry_id` reaches through supports (itself too when it lies on a cycle)."""
        return self._chains()[0](entry_id)

    def reaching(self, entry_id: str) -> frozenset[str] | set[str]:
        """Every entry that reaches `entry_id` through supports (itself too when it lies on a cycle)."""
        return self._chains()[1](entry_id)

    def _chains(self) -> tuple[Reached, Reached]:
        """Both ways along the supports graph as its edges are now, shared by every selection (and kept
        over edits that change no edge: a rename, a status, notes)."""
        graph = self.alignment.graph if self.alignment else None
        if graph is None:
            return Reached({}, []), Reached({}, [])
        key = (id(graph), graph.edges_version)
        if self._reached is None or self._reached[0] != key:
            self._reached = (key, graph, (Reached(graph.forward, graph.groups), Reached(graph.reverse, graph.groups)))
        return self._reached[2]

    def linked(self, entry_id: str | None) -> frozenset[str]:
        """The entries to mark as linked to `entry_id`: what it names, what names it, and its chain."""
        entry = self.entry(entry_id)
        if entry is None:
            return frozenset()
        key = (id(self.alignment), self.model.version, entry.id)
        known = _recall(self._linked, key)
        if known is not None:
            return known
        linked = set(self.reached(entry.id))
        linked.update(entry.links)
        for ids in self.referrers(entry.id).values():
            linked.update(ids)
        linked.update(self.reaching(entry.id))
        linked.discard(entry.id)
        return _remember(self._linked, key, self.alignment, frozenset(linked))

    def findings_of(self, entry_id: str) -> list[Finding]:
        return _listed(self._findings_by_entry.get(entry_id))

    def find(self, needle: str) -> list[str]:
        """Ids of the entries whose name or id holds `needle` (case and accents ignored), in file order."""
        wanted = fold(needle.strip())
        if not wanted:
            return []
        version = self.model.version
        if self._found is not None and self._found[:2] == (version, wanted):
            return self._found[2]  # the next match of the same find: no new search
        if self._folded is None:
            cache, folded = self._fold_cache, []
            for e in self.model.entries():
                text = cache.get((e.id, e.name))
                if text is None:
                    text = cache[(e.id, e.name)] = fold(e.name) + "\n" + fold(e.id)
                folded.append((e.id, text))
            self._folded = folded
        found = [entry_id for entry_id, folded in self._folded if wanted in folded]
        self._found = (version, wanted, found)
        return found

    def checks_of(self, entry_id: str) -> list[tuple[str, Check]]:
        """The checks judged on one entry, as (sub-score key, check); none while an analysis is on its way."""
        return self.state.checks_of(entry_id) if self.state is not None else []

    def segment_money_known(self) -> bool:
        """Whether segment_money is worked out for this alignment already (then it is a lookup)."""
        return self._cost is not None and self.alignment is not None and self._cost[0] is self.alignment

    def segment_money(self, entry_id: str) -> tuple[SegmentMoney, str] | None:
        """A segment's revenue and cost to serve, and what was allocated ("operating costs", "cost
        structure"); None when the model gives no amounts. Worked out once for each alignment."""
        alignment = self.alignment
        if alignment is None:
            return None
        if self._cost is None or self._cost[0] is not alignment:
            self._cost = (alignment, alignment.cost_to_serve())
        cost = self._cost[1]
        if cost is None or not cost.source:
            return None
        row = next((r for r in cost.segments if r.segment.id == entry_id), None)
        return (row, cost.source) if row is not None else None

    def impact_job(self, entry_id: str) -> Callable[[], Impact]:
        """Work for a background thread: what the alignment would lose if `entry_id` went (two analyses
        of a copy of the model as it is now). Raises BizopError for an id the model does not have."""
        from bizop_tui.alignment.impact import impact

        model, today = self.model.snapshot(), self.today
        return lambda: impact(model, entry_id, today)

    # -- comparing with another version ---------------------------------------------------------------

    def read_job(self, spec: str | None) -> Callable[[], VersionRead]:
        """Work for a background thread: read the version `spec` names (a model file, or a git revision
        of this file; None for the text as last saved), judge it, and compare it with the model as it
        is now. Give its result to `compare_with` on this thread."""
        from bizop_tui.model.changes import model_changes
        from bizop_tui.model.versions import Version, read_version

        self._read_job += 1
        token, path, today, saved = self._read_job, self.document.path, self.today, self.document.saved_text
        live, live_version = self.model, self.model.version
        snapshot = live.snapshot()

        def read() -> VersionRead:
            try:
                version = (Version(load_text(saved, path), "the last save") if spec is None
                           else read_version(spec, path))
            except BizopError as error:
                return VersionRead(token, spec, error=error)
            return VersionRead(token, spec, version, analyse(version.model, today),
                               model_changes(version.model, snapshot), live, live_version)

        return read

    def compare_with(self, read: VersionRead) -> Outcome:
        """Compare from now on with the version a read found; edits made meanwhile are compared too."""
        if read.token != self._read_job:
            return Outcome(False)  # a later read superseded it
        if read.error is not None:
            return Outcome(False, read.error.headline, read.error.hint or "")
        from bizop_tui.comparing import Baseline

        version = read.version
        baseline = Baseline(read.spec, version.label, version.model, read.before)
        if self.model is read.live and self.model.version == read.live_version:
            baseline.recount(read.changes)
        else:
            baseline.recount_now(self.model)
        self.baseline = baseline
        if read.spec is None:
            return Outcome(True, "Marking what changed since the last save.")
        return Outcome(True, f"Comparing with {one_line(version.label, 100)}.")

    def stop_comparing(self) -> Outcome:
        self._read_job += 1  # a read on its way is no longer wanted
        if self.baseline is None:
            return Outcome(False, "Not comparing with anything.")
        self.baseline = None
        return Outcome(True, "Stopped comparing.")

    @property
    def change_marks(self) -> dict[str, str]:
        """Entry id -> "+", "~" or "-": how each entry differs from the version compared with."""
        return self.baseline.marks if self.baseline is not None else {}

    def compared(self) -> Compared | None:
        if self.baseline is None:
            return None
        return self.baseline.compared(self.alignment, self.state is not None)

    def diff_job(self) -> Callable[[], ModelDiff] | None:
        """Work for a background thread: the full comparison, as `bizop diff` makes it."""
        baseline = self.baseline
        if baseline is None:
            return None
        from bizop_tui.alignment.diff import diff_models

        live, today = self.model.snapshot(), self.today
        after = self.alignment if self.state is not None else None
        return lambda: diff_models(baseline.old, live, today, before=baseline.before, after=after)

    def _follow_baseline(self, changed: set[str] | None) -> None:
        baseline = self.baseline
        if baseline is None:
            return
        if baseline.since_save and not self.document.dirty:  # saved (or back to it): nothing differs
            saved = self.model.snapshot()
            saved.reindex()
            baseline.rebase(saved, self.alignment or baseline.before)
        elif changed is None:  # the whole text: compare every entry again
            baseline.recount_now(self.model)
        else:
            baseline.follow(self.model, changed)

    # -- edits --------------------------------------------------------------------------------------

    def _edit(self, edit: Callable[[], Any], select: Callable[[Any], str | None], message: Callable[[], str]
              ) -> Outcome:
        try:
            result = edit()
        except BizopError as error:
            return Outcome(False, error.message, error.hint or "")
        self._follow_edit()
        return Outcome(True, message(), select=select(result))

    def add_entry(self, path: str, fields: dict[str, Any]) -> Outcome:
        fields = {k: v for k, v in fields.items() if v is not None}
        return self._edit(lambda: self.document.add_entry(path, fields), lambda new_id: new_id,
                          lambda: f"Added '{one_line(str(fields.get('name', '')), 60)}'.")

    def update_entry(self, entry_id: str, fields: dict[str, Any]) -> Outcome:
        """Set (None removes) keys of one entry; links are fields too ("supports", "owner", ...)."""
        if entry_id not in self.model.by_id:
            return Outcome(False, f"'{one_line(entry_id, 60)}' is no longer in the file; nothing was changed.")
        if not fields:
            return Outcome(True, select=entry_id)
        new_id = fields.get("id", entry_id)
        name = self.model.by_id[entry_id].name
        return self._edit(lambda: self.document.update_entry(entry_id, fields), lambda _: new_id,
                          lambda: f"Changed '{one_line(fields.get('name', name), 60)}'.")

    def delete_entry(self, entry_id: str) -> Outcome:
        entry = self.entry(entry_id)
        if entry is None:
            return Outcome(False, "Select an entry first.")
        siblings = self.model.blocks[entry.block.path]
        position = next(i for i, e in enumerate(siblings) if e is entry)
        after = siblings[position + 1] if position + 1 < len(siblings) else None
        before = siblings[position - 1] if position else None
        neighbour = (after or before).id if (after or before) else None
        return self._edit(lambda: self.document.delete_entry(entry_id), lambda _: neighbour,
                          lambda: f"Deleted '{one_line(entry.name, 60)}'.")

    def undo(self) -> Outcome:
        change = self.document.undo()
        if change is None:
            return Outcome(False, "Nothing to undo.")
        self._follow_edit()
        return Outcome(True, f"Undid: {one_line(change.label, 80)}", select=change.undo_entry_id)

    def redo(self) -> Outcome:
        change = self.document.redo()
        if change is None:
            return Outcome(False, "Nothing to redo.")
        self._follow_edit()
        return Outcome(True, f"Redid: {one_line(change.label, 80)}", select=change.entry_id)

    def edit_settings(self, changes: dict[str, Any]) -> Outcome:
        """Set (None removes) keys of the [model] table, as one undoable change."""
        if not changes:
            return Outcome(True)
        try:
            text = settings_text(self.document.text, changes, self.document.newline)
        except BizopError as error:
            return Outcome(False, error.message, error.hint or "")
        return self._edit(lambda: self.document.replace_text(text, "edit the model's settings"), lambda _: None,
                          lambda: "Settings changed.")

    # -- files --------------------------------------------------------------------------------------

    def save(self, path: str | None = None, *, overwrite: bool = False, force: bool = False) -> Outcome:
        """Save to the file (or to `path`) here and now; see save_job for a save that never holds up
        the screen."""
        job = self.save_job(path, overwrite=overwrite, force=force)
        return job if isinstance(job, Outcome) else self.finish_save(job())

    def save_job(self, path: str | None = None, *, overwrite: bool = False, force: bool = False
                 ) -> Callable[[], Saved] | Outcome:
        """Work for a background thread: write the text as it is now, and read it back (Document.save,
        on a copy of the document that edits made meanwhile do not touch). Give its result to
        `finish_save` on this thread. A file changed on disk since it was read is a conflict, and a
        read-only file is refused unless `force`. An Outcome instead when there is no file to save to."""
        if path is None and self.document.path is None:
            return Outcome(False, "This model has not been saved yet; choose a file name.")
        self._generation += 1  # disk checks begun before the save ends are out of date
        self._saving += 1
        generation, before = self._generation, self.document.path
        frozen = copy.copy(self.document)  # its text, path and digest as they are now
        frozen.model = self.document.model.snapshot()  # block lists of its own: edits go on meanwhile
        # What the text must read back as, taken here: edits shift the live entries' indexes in place.
        # (A copy of every entry took 185 ms of the UI thread at 20,000 entries; these tuples a tenth.)
        expected = entries_of(self.document.model)

        def save() -> Saved:
            try:
                frozen.save(path, overwrite=overwrite, force=force, background=True, expected=expected)
            except BizopError as error:
                return Saved(generation, before, frozen, error)
            return Saved(generation, before, frozen, None)

        return save

    @property
    def saving(self) -> bool:
        return self._saving > 0

    def finish_save(self, saved: Saved) -> Outcome:
        """Take a background save's result: the document now knows what is on disk; edits made while it
        ran stay unsaved (and in the journal, with `journal_job`)."""
        self._saving -= 1
        error = saved.error
        if isinstance(error, ChangedOnDisk):
            return Outcome(False, error.message, error.hint or "", conflict=True)
        if isinstance(error, ReadOnlyFile):
            return Outcome(False, error.headline, error.hint or "", read_only=True)
        if error is not None:
            return Outcome(False, error.headline, error.hint or "")
        written = saved.document.path
        if saved.generation != self._generation:  # read again meanwhile: this document is not that one
            return Outcome(True, f"Saved {one_line(written)}; the file has been read again since.")
        document = self.document
        document.path, document.saved_text = written, saved.document.saved_text
        document.disk_digest = saved.document.disk_digest
        document.model.path = written
        self._generation += 1
        self._stamp = self._stat_stamp()
        warning = "" if document.dirty else self.discard_journal()
        if saved.before != written and self.journal is not None:
            # Edits after a Save as belong to the new file: the journal moves to its key.
            with self._journal_lock:
                try:
                    self.journal.rekey(written)
                except BizopError as error:
                    warning = warning or error.message
        self._follow_baseline(set())
        return Outcome(True, f"Saved {one_line(written)}", warning)

    def reload(self) -> Outcome:
        """Read the file again, dropping unsaved edits and history."""
        try:
            self.document.reload()
        except BizopError as error:
            return Outcome(False, f"Cannot reload: {error.headline}", error.hint or "")
        self._generation += 1
        self._stamp = self._stat_stamp()
        self.discard_journal()
        self.previous_score = None
        self._follow_edit()
        return Outcome(True, "Reloaded the file from disk.")

    def _stat_stamp(self) -> tuple[int, int, int] | None:
        if not self.document.path:
            return None
        try:
            return _stamp(os.stat(self.document.path))
        except OSError:
            return None

    def disk_job(self) -> Callable[[], DiskCheck]:
        """Work for a background thread: has another program changed the file? It reads only a regular
        file of a size bizop opens, and only when its size, time or inode moved."""
        generation, known, document = self._generation, self._stamp, self.document
        path = document.path

        def check() -> DiskCheck:
            if path is None:
                return DiskCheck(generation, "same", None)
            try:
                st = os.stat(path)
            except OSError:
                return DiskCheck(generation, "missing", None)
            stamp = _stamp(st)
            if stamp == known:
                return DiskCheck(generation, "same", stamp)
            if not stat.S_ISREG(st.st_mode):
                return DiskCheck(generation, "not-a-file", stamp)
            if st.st_size > MAX_FILE_BYTES:
                return DiskCheck(generation, "changed", stamp)
            return DiskCheck(generation, document.disk_state(), stamp)

        return check

    def disk_checked(self, check: DiskCheck) -> str:
        """Act on a disk check, here: 'same' (nothing to do), 'reloaded' (no unsaved edits, so the file
        was read again), 'ask' (unsaved edits: the person chooses), 'missing' or 'not-a-file' (said
        once), or 'stale' (a save or reload came after the check began)."""
        if check.generation != self._generation or self._saving:
            return "stale"
        if check.stamp == self._stamp:
            return "same"
        self._stamp = check.stamp
        if check.state in ("missing", "not-a-file"):
            return check.state
        if check.state != "changed":
            return "same"
        if not self.document.dirty:
            outcome = self.reload()
            return "reloaded" if outcome.ok else "same"
        return "ask"

    # -- recovery journal ---------------------------------------------------------------------------

    def journal_job(self) -> Callable[[], str | None] | None:
        """Work for a background thread after a change: keep the unsaved text in the journal, or remove
        the journal when the text is back to what is saved. Returns a warning to show, or None."""
        if self.journal is None or self._closed:
            return None
        self._journal_seq += 1
        seq, journal = self._journal_seq, self.journal
        if not self.document.dirty:
            return lambda: self._discard(seq, journal)
        text, base = self.document.text, self.document.disk_digest

        def record() -> str | None:
            with self._journal_lock:
                if seq != self._journal_seq:
                    return None  # a newer change (or a save) came after this one
                try:
                    journal.record(text, base)
                except BizopError as error:
                    return f"Cannot keep a recovery copy: {error.message}"
            return None

        return record

    def _discard(self, seq: int, journal: Journal) -> str | None:
        with self._journal_lock:
            if seq != self._journal_seq:
                return None
            try:
                journal.discard()
            except BizopError as error:
                return error.message
        return None

    def discard_journal(self) -> str:
        """The text on disk is the text here, or the person dropped the edits: no journal. Returns a
        warning, or ""."""
        if self.journal is None:
            return ""
        self._journal_seq += 1
        return self._discard(self._journal_seq, self.journal) or ""

    def open_journal(self) -> tuple[list[str], list[Recovered]]:
        """At open: say that this session has the file (so other sessions can tell who has it), and look
        at the others. Returns notes to show (journals ignored as damaged or foreign, a recovery folder
        that cannot be written) and the sessions that have this file open now."""
        if self.journal is None:
            return [], []
        notes: list[str] = []
        try:
            self.journal.announce()
        except BizopError as error:
            notes.append(f"Cannot keep a recovery copy: {error.message}")
        scan = self._scan()
        return notes + scan.ignored, scan.open_elsewhere

    def _scan(self) -> JournalScan:
        return self.journal.scan() if self.journal is not None else JournalScan()

    def pending_recovery(self) -> Recovered | None:
        """The newest unsaved edits a session that ended without saving left for this file, unless they
        equal the text as it is (those are dropped)."""
        for recovered in self._scan().left_behind:
            if recovered.text != self.document.text:
                return recovered
            try:
                self.journal.discard_other(recovered)
            except BizopError:
                pass
        return None

    def recovery_is_older_than_disk(self, recovered: Recovered) -> bool:
        base, disk = recovered.base_digest, self.document.disk_digest
        return bool(base and disk and base != disk)

    def restore(self, recovered: Recovered) -> Outcome:
        """Take the recovered edits over as one undoable change; this session's journal keeps them from
        now on, and the one they came from is removed."""
        outcome = self._edit(lambda: self.document.replace_text(recovered.text, "restore unsaved edits"),
                             lambda _: None, lambda: "Edits restored.")
        if outcome.ok and self.journal is not None:
            with self._journal_lock:
                try:
                    self.journal.adopt(recovered)
                except BizopError as error:
                    return replace(outcome, hint=error.message)
        return outcome

    def discard_recovery(self, recovered: Recovered) -> str:
        """Drop recovered edits for good; returns a warning, or "" (a live session's edits are never dropped)."""
        if self.journal is None:
            return ""
        try:
            self.journal.discard_other(recovered)
        except BizopError as error:
            return error.message
        return ""

    def quit_without_saving(self) -> str:
        """The person dropped the unsaved edits and leaves: the journal goes. Returns a warning, or ""."""
        warning = self.discard_journal()
        self._closed = True
        if self.journal is not None:
            with self._journal_lock:
                try:
                    self.journal.close()
                except BizopError as error:
                    warning = warning or error.message
        return warning

    def close(self) -> None:
        """The session ends (a quit, a hang-up, a crash): unsaved edits are written to the journal now, so
        the next open offers them; without any, the journal is removed. Never raises."""
        if self._closed or self.journal is None:
            return
        self._closed = True
        with self._journal_lock:
            self._journal_seq += 1  # a journal write still queued must not run after this
            try:
                if self.document.dirty:
                    self.journal.record(self.document.text, self.document.disk_digest)
                else:
                    self.journal.close()
            except BizopError:
                pass


# -- the [model] table ----------------------------------------------------------------------------

_MODEL_KEYS = {f.key for f in MODEL_FIELDS}


REMEMBERED = 4  # selections whose chain and marks are kept (the panes' own selections, and a little more)


def _recall(cache: dict, key: tuple[int, int, str]):
    kept = cache.get(key)
    return kept[1] if kept is not None else None


def _remember(cache: dict, key: tuple[int, int, str], owner: object, value):
    """Keep `value` under `key` (the id of the alignment or graph it was worked out on, the model's
    version, the entry), with the REMEMBERED last worked out. The owner is kept with it, so its id cannot
    be taken by another while the key is in use. Those of another owner or version go at once: they
    can never be asked for again, and an old alignment of a large model is worth letting go."""
    for stale in [k for k in cache if k[:2] != key[:2]]:
        del cache[stale]
    while len(cache) >= REMEMBERED:
        del cache[next(iter(cache))]  # the oldest
    cache[key] = (owner, value)
    return value


def settings_text(text: str, changes: dict[str, Any], newline: str = "\n") -> str:
    """`text` with keys of its [model] table set (None removes one), every other byte kept as it is."""
    unknown = set(changes) - _MODEL_KEYS
    if unknown:
        raise BizopError(f"not a model setting: {', '.join(sorted(unknown))}")
    import tomlkit  # with the first edit, not at start-up (document.py)
    import tomlkit.exceptions
    import tomlkit.items

    start, end = _model_table_bounds(text)
    chunk = text[start:end] if end > start else "[model]" + newline
    try:
        doc = tomlkit.parse(chunk)
        table = doc["model"]
        if not isinstance(table, tomlkit.items.Table):
            raise BizopError("[model] is written as an inline table, so bizop cannot edit it in place",
                             hint="Edit the settings in your editor (key e).")
        body = table.value.body
        trailing = []  # blank lines and comments after the last key belong to what follows
        while body and body[-1][0] is None:
            trailing.insert(0, body.pop())
        for key, value in changes.items():
            if value is None or value == "" or value == []:
                if key in table:
                    del table[key]
            elif table.get(key) != value:
                table[key] = _setting_item(value)
        body.extend(trailing)
        new_chunk = tomlkit.dumps(doc)
    except (tomlkit.exceptions.TOMLKitError, KeyError, ValueError, TypeError):
        raise BizopError("bizop could not write these settings faithfully; nothing was changed",
                         hint="Edit the settings in your editor (key e).") from None
    if newline == "\r\n":
        new_chunk = new_chunk.replace("\r\n", "\n").replace("\n", "\r\n")
    if end <= start:  # no [model] table yet: put one at the top
        new_chunk += newline
    new_text = text[:start] + new_chunk + text[end:]
    expected = dict(tomllib.loads(text).get("model", {}))
    for key, value in changes.items():
        if value is None or value == "" or value == []:
            expected.pop(key, None)
        else:
            expected[key] = value
    try:
        written = tomllib.loads(new_text).get("model")
    except tomllib.TOMLDecodeError:
        written = None
    if written != expected:
        raise BizopError("bizop could not write these settings faithfully; nothing was changed",
                         hint="Edit the settings in your editor (key e).")
    return new_text


def _setting_item(value: Any):
    import tomlkit

    if isinstance(value, str) and "\n" in value:
        return tomlkit.string(value, multiline=True)
    return tomlkit.item(value)


def _model_table_bounds(text: str) -> tuple[int, int]:
    """Where the text between entries that holds [model] starts and ends; (0, 0) when there is none.
    Between the entries' spans there are only plain tables and comments, each piece valid TOML."""
    layout = scan_layout(text)
    spans = sorted((s.lead, s.end) for group in layout.spans.values() for s in group)
    gaps, at = [], 0
    for lead, end in spans:
        gaps.append((at, lead))
        at = max(at, end)
    gaps.append((at, len(text)))
    for start, end in gaps:
        try:
            if "model" in tomllib.loads(text[start:end]):
                return start, end
        except tomllib.TOMLDecodeError:
            continue
    return 0, 0

