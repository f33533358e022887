"""The bizop app: business and operating models side by side, a live alignment panel, safe editing."""

from __future__ import annotations

import os
import shlex
import subprocess
import threading
from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Static, Tab, Tabs

from bizop_tui.alignment import Alignment
from bizop_tui.alignment.engine import AlignmentState
from bizop_tui.model.document import ChangedOnDisk, Document
from bizop_tui.model.entities import SEVERITIES, Model
from bizop_tui.model.errors import BizopError
from bizop_tui.model.journal import Journal
from bizop_tui.model.vocabulary import BLOCKS_BY_PATH, BUSINESS, OPERATING
from bizop_tui.tui.screens.dialogs import Choice, Help, SaveAs
from bizop_tui.tui.screens.entry_form import EntryForm
from bizop_tui.tui.screens.link_picker import LinkPicker
from bizop_tui.tui.text import plain
from bizop_tui.tui.widgets.alignment_panel import AlignmentPanel
from bizop_tui.tui.widgets.finding_list import FindingList
from bizop_tui.tui.widgets.key_bar import KeyBar
from bizop_tui.tui.widgets.details import Details
from bizop_tui.tui.widgets.model_tree import ModelTree
from bizop_tui.tui.widgets.title_bar import TitleBar

PANES = ("business", "operating", "alignment")
# From this many entries the first full analysis runs off the UI thread, after the first frame; edits
# are followed incrementally (a few milliseconds) whatever the size.
BACKGROUND_FROM = 1500
PANE_TITLES = {"business": "Business model", "operating": "Operating model", "alignment": "Alignment"}


class PaneTabs(Tabs):
    """The pane switcher shown on narrow terminals; it never takes the focus."""

    can_focus = False


class BizopApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "bizop"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (140, "-wide")]

    BINDINGS = [
        Binding("tab", "pane(1)", "Next pane", id="next_pane", tooltip="Move to the next pane", priority=True),
        Binding("shift+tab", "pane(-1)", "Prev pane", id="previous_pane", show=False, priority=True),
        Binding("a", "add", "Add", id="add", tooltip="Add an entry to the current block or dimension"),
        Binding("l", "links", "Links", id="links", tooltip="Edit the selected entry's links"),
        Binding("d", "delete", "Delete", id="delete", tooltip="Delete the selected entry (undoable)"),
        Binding("slash", "find", "Find", id="find", tooltip="Find an entry by name or id"),
        Binding("n", "find_next", "Next match", id="find_next", show=False),
        Binding("ctrl+s", "save", "Save", id="save", tooltip="Save the file"),
        Binding("ctrl+z", "undo", "Undo", id="undo", tooltip="Undo the last edit"),
        Binding("ctrl+y", "redo", "Redo", id="redo", tooltip="Redo the last undone edit"),
        Binding("e", "external_edit", "$EDITOR", id="external_edit", show=False,
                tooltip="Open the file in $EDITOR at the selected entry"),
        Binding("question_mark,f1", "help", "Help", id="help", tooltip="List every key"),
        Binding("ctrl+q", "quit", "Quit", id="quit", tooltip="Quit (asks about unsaved changes)", priority=True),
    ]

    def __init__(self, document: Document, *, watch_interval: float = 1.0, journal: Journal | None = None) -> None:
        super().__init__()
        self.document = document
        self.journal = journal
        self._journal_seq = 0
        self._journal_lock = threading.Lock()
        self.state: AlignmentState | None = None
        self.alignment: Alignment | None = None
        if len(document.model) < BACKGROUND_FROM:
            self.state = AlignmentState(document.model)
            self.alignment = self.state.alignment()
        self.previous_score: int | None = None
        # Edits made while the first analysis runs in the background: their ids, or None for "anything".
        self._pending: set[str] | None = set()
        self.current_pane = "business"
        self.model_pane = "business"
        self.last_find = ""
        self.watch_interval = watch_interval
        self._disk_stamp = self._stamp()
        self._asking_about_disk = False

    # -- layout -------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title")
        yield PaneTabs(*(Tab(PANE_TITLES[p], id=f"tab-{p}") for p in PANES), id="pane-tabs")
        with Horizontal(id="panes"):
            with Vertical(id="pane-business", classes="pane -current -model"):
                yield Static(PANE_TITLES["business"], classes="pane-title")
                yield ModelTree(BUSINESS, "Business model", id="business")
            with Vertical(id="pane-operating", classes="pane"):
                yield Static(PANE_TITLES["operating"], classes="pane-title")
                yield ModelTree(OPERATING, "Operating model", id="operating")
            with Vertical(id="pane-alignment", classes="pane"):
                yield Static(PANE_TITLES["alignment"], classes="pane-title")
                yield AlignmentPanel(id="alignment")
        yield Details(id="details")
        yield Input(placeholder="find: name or id, Enter jumps, Escape closes", id="find-bar")
        yield KeyBar(self.BINDINGS, id="keys")

    def on_mount(self) -> None:
        self.refresh_views()
        for side in (BUSINESS, OPERATING):
            tree = self.tree(side)
            tree.cursor_line = 1 if tree.last_line >= 1 else 0
            tree.call_after_refresh(tree.scroll_home, animate=False)
        self.tree(BUSINESS).focus()
        if self.watch_interval:
            self.set_interval(self.watch_interval, self.check_disk)
        if self.state is None:  # a large model: its first alignment is computed after the first frame
            snapshot = self.document.model.snapshot()
            self.set_timer(0.2, lambda: self._first_alignment(snapshot))  # once the first frame is painted
        self.offer_recovery()

    @property
    def main(self) -> Screen:
        """The main screen, whose widgets these are, even while a dialog is on top of it."""
        return self.screen_stack[0]

    # Keys of the main screen: a dialog on top keeps tab, letters and the rest for itself.
    MAIN_SCREEN_ACTIONS = frozenset({"pane", "add", "links", "delete", "find", "find_next", "save", "undo", "redo",
                                     "external_edit", "help", "edit"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.MAIN_SCREEN_ACTIONS and self.screen is not self.main:
            return False
        return True

    def tree(self, side: str) -> ModelTree:
        return self.main.query_one(f"#{side}", ModelTree)

    @property
    def findings_list(self) -> FindingList:
        return self.main.query_one(FindingList)

    # -- refreshing ---------------------------------------------------------------------------------

    def refresh_views(self, select: str | None = None) -> None:
        """Show the document's model and alignment everywhere; select `select` if given."""
        model = self.document.model
        marks = self._marks(self.alignment) if self.alignment else {}
        for side in (BUSINESS, OPERATING):
            self.tree(side).sync(model, marks)
        panel = self.main.query_one(AlignmentPanel)
        if self.alignment is None:
            panel.show_pending()
        else:
            panel.show(self.alignment, self.previous_score)
        self.main.query_one(TitleBar).show(model.name, self.document.path, self.document.dirty)
        if select and select in model.by_id:
            self.reveal(select)
        self.show_selection()

    def _marks(self, alignment: Alignment) -> dict[str, str]:
        marks: dict[str, str] = {}
        for finding in alignment.findings:
            for entry_id in finding.entries:
                known = marks.get(entry_id)
                if known is None or SEVERITIES.index(finding.severity) < SEVERITIES.index(known):
                    marks[entry_id] = finding.severity
        return marks

    def recompute(self, select: str | None = None) -> None:
        """After an edit: follow it in the alignment and show the change in score."""
        changed = self.document.last_changed
        if self.state is None:  # the first analysis is still running: it catches up when it lands
            self._pending = None if changed is None or self._pending is None else self._pending | changed
            self.refresh_views(select)
            return
        self.state.rebind(self.document.model)
        self._show_alignment(self.state.update(changed), select)

    @work(thread=True, group="alignment", description="first alignment of a large model")
    def _first_alignment(self, model: Model) -> None:
        state = AlignmentState(model)
        self.call_from_thread(self._adopt, state)

    def _adopt(self, state: AlignmentState) -> None:
        """The first analysis has landed: bring it up to date with the edits made meanwhile."""
        state.rebind(self.document.model)
        self.state = state
        pending, self._pending = self._pending, set()
        self._show_alignment(state.update(pending) if pending != set() else state.alignment(), None)

    def _show_alignment(self, alignment: Alignment, select: str | None) -> None:
        if self.alignment is not None:
            self.previous_score = self.alignment.score
        self.alignment = alignment
        self.refresh_views(select)

    def selected_entry_id(self) -> str | None:
        if self.current_pane in (BUSINESS, OPERATING):
            return self.tree(self.current_pane).current_entry
        finding = self.findings_list.current
        return finding.entries[0] if finding and finding.entries else None

    def show_selection(self) -> None:
        entry_id = self.selected_entry_id()
        model = self.document.model
        entry = model.by_id.get(entry_id) if entry_id else None
        self.main.query_one(Details).show_entry(model, self.alignment, entry)
        linked: set[str] = set()
        if entry is not None and self.alignment is not None and self.alignment.graph is not None:
            graph = self.alignment.graph
            linked = set(graph.supporters(entry.id)) | set(graph.supported(entry.id)) | set(entry.links)
        for side in (BUSINESS, OPERATING):
            self.tree(side).set_linked(linked)

    @on(ModelTree.NodeHighlighted)
    @on(FindingList.Highlighted)
    def selection_moved(self) -> None:
        self.show_selection()

    # -- panes --------------------------------------------------------------------------------------

    def _mark_current(self, pane: str) -> None:
        """Classes the layouts use: the current pane, and the model pane last used (shown beside the
        alignment on medium-width terminals)."""
        self.current_pane = pane
        if pane != "alignment":
            self.model_pane = pane
        for name in PANES:
            container = self.main.query_one(f"#pane-{name}")
            container.set_class(name == pane, "-current")
            container.set_class(name == self.model_pane, "-model")
        self.main.query_one(PaneTabs).active = f"tab-{pane}"

    def focus_pane(self, pane: str) -> None:
        self._mark_current(pane)
        target = self.findings_list if pane == "alignment" else self.tree(pane)
        target.focus()
        self.show_selection()

    def action_pane(self, step: int) -> None:
        index = (PANES.index(self.current_pane) + step) % len(PANES)
        self.focus_pane(PANES[index])

    @on(Tabs.TabActivated, "#pane-tabs")
    def tab_clicked(self, event: Tabs.TabActivated) -> None:
        pane = (event.tab.id or "").removeprefix("tab-")
        if pane in PANES and pane != self.current_pane:
            self.focus_pane(pane)

    def on_descendant_focus(self, event) -> None:
        # Focus may have moved again since this event was sent: follow where it is now, or two
        # quick moves (find closing its bar, then going to a match) would flip the panes back.
        widget = self.main.focused or event.widget
        for pane in PANES:
            container = self.main.query_one(f"#pane-{pane}")
            if widget is container or container in widget.ancestors:
                if pane != self.current_pane:
                    self._mark_current(pane)
                    self.show_selection()
                return

    def reveal(self, entry_id: str) -> None:
        """Move to `entry_id` in its pane and focus that pane."""
        entry = self.document.model.by_id.get(entry_id)
        if entry is None:
            return
        self.focus_pane(entry.side)
        self.tree(entry.side).select_entry(entry_id)
        self.show_selection()

    @on(FindingList.Jump)
    def jump_to_finding(self, event: FindingList.Jump) -> None:
        if not event.finding.entries:
            self.notify("This finding is about the model as a whole, not one entry.", markup=False)
            return
        self.reveal(event.finding.entries[0])

    # -- editing ------------------------------------------------------------------------------------

    def _selected_or_warn(self) -> str | None:
        entry_id = self.selected_entry_id()
        if entry_id is None or entry_id not in self.document.model.by_id:
            self.notify("Select an entry first.", severity="warning", markup=False)
            return None
        return entry_id

    @on(ModelTree.Activated)
    def edit_activated(self, event: ModelTree.Activated) -> None:
        self.edit_entry(event.entry_id)

    def action_edit(self) -> None:
        entry_id = self._selected_or_warn()
        if entry_id:
            self.edit_entry(entry_id)

    def edit_entry(self, entry_id: str) -> None:
        entry = self.document.model.by_id[entry_id]

        def done(fields: dict[str, Any] | None) -> None:
            if fields:
                self.apply(lambda: self.document.update_entry(entry_id, fields), fields.get("id", entry_id))

        self.push_screen(EntryForm(self.document, entry.block, entry), done)

    def action_add(self) -> None:
        pane = self.current_pane
        if pane == "alignment":
            pane = BUSINESS
        path = self.tree(pane).current_block
        block = BLOCKS_BY_PATH[path]

        def done(fields: dict[str, Any] | None) -> None:
            if fields:
                fields = {k: v for k, v in fields.items() if v is not None}
                self.apply(lambda: self.document.add_entry(path, fields), fields.get("id"))

        self.push_screen(EntryForm(self.document, block), done)

    def action_links(self) -> None:
        entry_id = self._selected_or_warn()
        if not entry_id:
            return
        entry = self.document.model.by_id[entry_id]

        def done(changes: dict[str, Any] | None) -> None:
            if changes:
                self.apply(lambda: self.document.update_entry(entry_id, changes), entry_id)

        self.push_screen(LinkPicker(self.document.model, entry), done)

    def action_delete(self) -> None:
        entry_id = self._selected_or_warn()
        if not entry_id:
            return
        entry = self.document.model.by_id[entry_id]
        tree = self.tree(entry.side)
        line = tree.cursor_line
        self.apply(lambda: self.document.delete_entry(entry_id), None)
        tree.move_cursor_to_line(max(0, min(line, tree.last_line)))
        self.show_selection()
        self.notify(f"Deleted '{entry.name}'. ctrl+z brings it back.", markup=False)

    def apply(self, edit, select: str | None) -> None:
        """Run one document edit; on refusal say why and change nothing."""
        try:
            result = edit()
        except BizopError as error:
            self.notify(error.message + (f"\n{error.hint}" if error.hint else ""), severity="error",
                        title="Not changed", markup=False)
            return
        self.recompute(select or (result if isinstance(result, str) else None))
        self.after_edit()

    # -- recovery journal ---------------------------------------------------------------------------

    def after_edit(self) -> None:
        """Keep the unsaved text in the journal (off the UI thread), or drop it when back to saved."""
        if self.journal is None:
            return
        if not self.document.dirty:
            self.saved()
            return
        self._journal_seq += 1
        seq, text, base = self._journal_seq, self.document.text, self.document.disk_digest
        self.run_worker(lambda: self._write_journal(seq, text, base), thread=True, group="journal")

    def _write_journal(self, seq: int, text: str, base: str | None) -> None:
        with self._journal_lock:
            if seq != self._journal_seq or self.journal is None:
                return  # a newer edit (or a save) came after this one
            try:
                self.journal.record(text, base)
            except BizopError as error:
                self.call_from_thread(self.notify, f"Cannot keep a recovery copy: {error.message}",
                                      severity="warning", markup=False)

    def saved(self) -> None:
        """The text on disk equals the text in the app, or the user dropped the edits: no journal."""
        if self.journal is None:
            return
        self._journal_seq += 1
        with self._journal_lock:
            try:
                self.journal.discard()
            except BizopError as error:
                self.notify(error.message, severity="warning", markup=False)

    discarded = saved

    def offer_recovery(self) -> None:
        recovered = self.journal.pending() if self.journal else None
        if recovered is None or recovered.text == self.document.text:
            if recovered is not None:
                self._discard_recovered(recovered)
            return
        question = Text(f"bizop found unsaved edits from {recovered.written_at} (it was closed without saving).",
                        end="")
        if recovered.base_digest and self.document.disk_digest and recovered.base_digest != self.document.disk_digest:
            question.append("\nThe file has changed on disk since; restoring puts your edits over the new file.",
                            style="yellow")

        def answer(choice: str | None) -> None:
            if choice == "restore":
                self.apply(lambda: self.document.replace_text(recovered.text, "restore unsaved edits"), None)
                try:
                    self.journal.adopt(recovered)  # this session's journal holds them now
                except BizopError as error:
                    self.notify(error.message, severity="warning", markup=False)
                self.notify("Edits restored; ctrl+s saves them, ctrl+z undoes the restore.", markup=False)
            elif choice == "discard":
                self._discard_recovered(recovered)
            else:  # kept for the next open, in their own journal; this session keeps journaling in its own
                self.notify("The recovered edits are kept for the next time you open this file.", markup=False)

        self.push_screen(Choice(question, [("restore", "Restore", "r"), ("discard", "Discard", "d"),
                                           ("later", "Keep for later", "k")]), answer)

    def _discard_recovered(self, recovered) -> None:
        try:
            self.journal.discard_other(recovered)
        except BizopError as error:
            self.notify(error.message, severity="warning", markup=False)

    def action_undo(self) -> None:
        change = self.document.undo()
        if change is None:
            self.notify("Nothing to undo.", markup=False)
            return
        self.recompute(change.undo_entry_id)
        self.after_edit()
        self.notify(f"Undid: {change.label}", markup=False)

    def action_redo(self) -> None:
        change = self.document.redo()
        if change is None:
            self.notify("Nothing to redo.", markup=False)
            return
        self.recompute(change.entry_id)
        self.after_edit()
        self.notify(f"Redid: {change.label}", markup=False)

    # -- find ---------------------------------------------------------------------------------------

    def action_find(self) -> None:
        bar = self.main.query_one("#find-bar", Input)
        bar.add_class("-open")
        bar.value = self.last_find
        bar.focus()

    @on(Input.Submitted, "#find-bar")
    def find_submitted(self, event: Input.Submitted) -> None:
        self.last_find = event.value.strip()
        self.main.query_one("#find-bar", Input).remove_class("-open")
        if not self.action_find_next(first=True):
            self.focus_pane(self.current_pane)

    def close_find(self) -> None:
        bar = self.main.query_one("#find-bar", Input)
        bar.remove_class("-open")
        self.focus_pane(self.current_pane)

    def on_key(self, event) -> None:
        bar = self.main.query_one("#find-bar", Input)
        if event.key == "escape" and bar.has_focus:
            event.stop()
            self.close_find()

    def action_find_next(self, first: bool = False) -> bool:
        """Go to the next entry matching the last find; False when nothing matches."""
        needle = self.last_find.casefold()
        if not needle:
            self.action_find()
            return True
        entries = list(self.document.model.entries())
        matches = [e for e in entries if needle in e.name.casefold() or needle in e.id.casefold()]
        if not matches:
            self.notify(f"No entry matches '{self.last_find}'.", severity="warning", markup=False)
            return False
        current = self.selected_entry_id()
        ids = [e.id for e in matches]
        if first or current not in ids:
            target = matches[0]
        else:
            target = matches[(ids.index(current) + 1) % len(matches)]
        self.reveal(target.id)
        if len(matches) > 1:
            self.notify(f"{ids.index(target.id) + 1} of {len(matches)} matches; n for the next.", markup=False)
        return True

    # -- files --------------------------------------------------------------------------------------

    def action_save(self, then=None) -> None:
        """Save to the file, or ask for one when the model has none yet; `then` runs after a save."""
        if self.document.path is None:
            self._save_as(then)
        else:
            self._save_to(None, then=then)

    def _save_as(self, then=None) -> None:
        suggestion = self.document.path or self._suggested_name()
        self.push_screen(SaveAs(suggestion), lambda path: self._save_to(path, then=then) if path else None)

    def _suggested_name(self) -> str:
        from bizop_tui.model.document import slug

        return (slug(self.document.model.name) or "model") + ".toml"

    def _save_to(self, path: str | None, overwrite: bool = False, then=None) -> None:
        if path is None and self.document.path is None:
            return
        try:
            written = self.document.save(path, overwrite=overwrite)
        except ChangedOnDisk:
            self._ask_changed_on_save(then)
            return
        except BizopError as error:
            self.notify(error.message + (f"\n{error.hint}" if error.hint else ""), severity="error",
                        title="Not saved", markup=False)
            return
        self._disk_stamp = self._stamp()
        if self.journal is not None and path is not None:
            try:
                self.journal.rekey(written)  # Save as: the session's journal follows the file
            except BizopError as error:
                self.notify(error.message, severity="warning", markup=False)
        self.saved()
        self.refresh_views()
        self.notify(f"Saved {written}", markup=False)
        if then:
            then()

    def _ask_changed_on_save(self, then=None) -> None:
        def answer(choice: str | None) -> None:
            if choice == "overwrite":
                self._save_to(None, overwrite=True, then=then)
            elif choice == "reload":
                self.reload_document()
            elif choice == "elsewhere":
                self._save_as(then)

        question = Text("The file changed on disk since bizop loaded it. Your edits are still here.\n", end="")
        question.append_text(plain(self.document.path or ""))
        self.push_screen(Choice(question, [("overwrite", "Overwrite", "o"), ("reload", "Reload, drop my edits", "r"),
                                           ("elsewhere", "Save elsewhere", "s"), ("cancel", "Cancel", "c")]), answer)

    def _stamp(self) -> tuple[int, int] | None:
        if not self.document.path:
            return None
        try:
            st = os.stat(self.document.path)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def check_disk(self) -> None:
        """Notice when another program changed the file; reload, or ask when there are unsaved edits."""
        if self._asking_about_disk or not self.document.path:
            return
        stamp = self._stamp()
        if stamp == self._disk_stamp:
            return
        self._disk_stamp = stamp
        if self.document.disk_state() != "changed":
            return
        if not self.document.dirty:
            self.reload_document(quiet=True)
            self.notify("The file changed on disk; reloaded.", markup=False)
            return
        self._asking_about_disk = True

        def answer(choice: str | None) -> None:
            self._asking_about_disk = False
            if choice == "reload":
                self.reload_document()

        self.push_screen(
            Choice("The file changed on disk, and you have unsaved edits.",
                   [("keep", "Keep my edits", "k"), ("reload", "Reload, drop my edits", "r")]),
            answer,
        )

    def reload_document(self, quiet: bool = False) -> None:
        selected = self.selected_entry_id()
        try:
            self.document.reload()
        except BizopError as error:
            self.notify(error.message, severity="error", title="Cannot reload", markup=False)
            return
        self._disk_stamp = self._stamp()
        self.saved()
        self.recompute(selected)

    def action_external_edit(self) -> None:
        if self.document.path is None:
            self.notify("Save the model first (ctrl+s); then e opens it in your editor.", markup=False)
            return
        if self.document.dirty:
            self.notify("Save first (ctrl+s): the editor opens the file on disk.", severity="warning", markup=False)
            return
        entry_id = self.selected_entry_id()
        entry = self.document.model.by_id.get(entry_id) if entry_id else None
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        command = shlex.split(editor)
        if entry and entry.line:
            command.append(f"+{entry.line}")
        command.append(self.document.path)
        try:
            with self.suspend():
                subprocess.call(command)
        except (OSError, Exception) as exc:  # no editor, or suspend unsupported (e.g. headless)
            self.notify(f"Could not run {editor}: {exc}", severity="error", markup=False)
            return
        self.reload_document()

    # -- help, palette, quit ------------------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(Help())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        commands = [
            ("Add entry", "Add an entry to the current block or dimension", self.action_add),
            ("Edit entry", "Edit the selected entry", self.action_edit),
            ("Edit links", "Edit what the selected entry supports, its segments and owner", self.action_links),
            ("Delete entry", "Delete the selected entry (undoable)", self.action_delete),
            ("Find entry", "Find an entry by name or id", self.action_find),
            ("Save", "Save the model file", self.action_save),
            ("Save as", "Save the model under another name", self._save_as),
            ("Undo", "Undo the last edit", self.action_undo),
            ("Redo", "Redo the last undone edit", self.action_redo),
            ("Open in $EDITOR", "Edit the file in your editor at the selected entry", self.action_external_edit),
            ("Keys", "Show every key", self.action_help),
        ]
        for title, help_text, callback in commands:
            yield SystemCommand(title, help_text, callback)

    async def action_quit(self) -> None:
        if not self.document.dirty:
            self.exit(0)
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.action_save(then=lambda: self.exit(0))
            elif choice == "discard":
                self.discarded()
                self.exit(0)

        self.push_screen(Choice("You have unsaved changes.",
                                [("save", "Save and quit", "s"), ("discard", "Quit without saving", "q"),
                                 ("cancel", "Cancel", "c")]), answer)
