"""The main screen: the business and operating models, the alignment, the details of the selection, find,
and the keys that act on them. Editing and the file live in main_edits.py and main_files.py.

UI state is reactive: the title bar, the alignment panel, the trees' marks and arrows and the details
are bound to this screen's `status`, `alignment`, `marks`, `linked` and `selection`, and the marks of a
comparison (main_compare.py) to `changes` and `comparing`; `current_pane` drives which pane is current.
After a change of the session, `show_session` sets them once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import Reactive, var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static, Tab, Tabs

from bizop_tui.alignment import Alignment
from bizop_tui.model.entities import Finding
from bizop_tui.model.text import one_line, visible_text
from bizop_tui.model.vocabulary import BUSINESS, OPERATING
from bizop_tui.session import Session, Status
from bizop_tui.tui import heap
from bizop_tui.tui.compositing import ChangedRowsCompositor
from bizop_tui.tui.screens.main_compare import CompareActions
from bizop_tui.tui.screens.main_edits import EditActions
from bizop_tui.tui.screens.main_files import FileActions
from bizop_tui.tui.widgets.alignment_panel import AlignmentPanel
from bizop_tui.tui.widgets.compare_bar import CompareBar
from bizop_tui.tui.widgets.details import Details, Selection
from bizop_tui.tui.widgets.pane import Pane
from bizop_tui.tui.widgets.finding_list import FindingList
from bizop_tui.tui.widgets.key_bar import KeyBar
from bizop_tui.tui.widgets.model_tree import ModelTree
from bizop_tui.tui.widgets.safe_input import SafeInput
from bizop_tui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from bizop_tui.comparing import Compared  # a type only: comparing is imported when used

PANES = (BUSINESS, OPERATING, "alignment")
PANE_TITLES = {BUSINESS: "Business model", OPERATING: "Operating model", "alignment": "Alignment"}


class PaneTabs(Tabs):
    """The pane switcher shown below 140 columns; it never takes the focus."""

    can_focus = False


class FindInput(SafeInput):
    BINDINGS = [Binding("enter", "submit", "find", id="find_go", tooltip="Go to the first match")]

    def action_submit(self) -> None:
        self.screen.find(self.value)  # at once: keys typed after Enter are for the panes


class MainScreen(EditActions, FileActions, CompareActions, Screen[None]):
    BINDINGS = [
        Binding("tab", "pane(1)", "pane", id="next_pane", tooltip="Move to the next pane"),
        Binding("shift+tab", "pane(-1)", "previous pane", show=False, id="previous_pane",
                tooltip="Move to the previous pane"),
        Binding("a", "add", "add", id="add", tooltip="Add an entry to the current block or dimension"),
        Binding("l", "links", "links", id="links",
                tooltip="Edit the selected entry's links: what it supports, its segments, owner and conflicts"),
        Binding("d", "delete", "del", id="delete", tooltip="Delete the selected entry (undo brings it back)"),
        Binding("slash", "find", "find", id="find", tooltip="Find an entry by name or id (accents ignored)"),
        Binding("n", "find_next", "next match", show=False, id="find_next", tooltip="Go to the next match"),
        Binding("f", "fix", "fix", show=False, id="fix",
                tooltip="Make the link that would settle the selected finding (pick the entry)"),
        Binding("i", "impact", "impact", show=False, id="impact",
                tooltip="Impact of the selected entry: what would lose its support if it went, and what delivers it"),
        Binding("c", "compare", "compare", show=False, id="compare",
                tooltip="Compare with a file or a git revision (HEAD, HEAD~1, a tag): + ~ - mark what differs"),
        Binding("u", "unsaved_changes", "changes", show=False, id="unsaved_changes",
                tooltip="Mark what changed since the last save (press again to hide the marks)"),
        Binding("v", "comparison", "report", show=False, id="comparison",
                tooltip="The report of what changed against the version compared with, as bizop diff words it"),
        Binding("m", "settings", "settings", show=False, id="settings",
                tooltip="Edit the model's settings: name, description, archetype, currency, cadences, rules"),
        # J and K, as j and k move the cursor (the trees take shift+arrows for moving between siblings).
        Binding("J", "details(1)", "details down", show=False, id="details_down",
                tooltip="Scroll the details down a line (when they say more lines are below)"),
        Binding("K", "details(-1)", "details up", show=False, id="details_up",
                tooltip="Scroll the details up a line"),
        Binding("ctrl+s", "save", "save", id="save", tooltip="Save the file (asks for a name the first time)"),
        Binding("ctrl+z", "undo", "undo", id="undo", tooltip="Undo the last edit"),
        Binding("ctrl+y", "redo", "redo", show=False, id="redo", tooltip="Redo the last undone edit"),
        Binding("e", "external_edit", "$EDITOR", show=False, id="external_edit",
                tooltip="Open the file in $EDITOR at the selected entry; bizop reloads it afterwards"),
        Binding("question_mark,f1", "help", "help", id="help", tooltip="Show every key, the marks and the score"),
        Binding("q", "quit", "quit", show=False, id="quit_q", tooltip="Quit (asks about unsaved changes)"),
        Binding("escape", "escape", "", show=False),
    ]

    current_pane: var[str] = var(BUSINESS, init=False)  # a var: the panes it marks repaint themselves
    # Screen.focused repaints the whole screen on every change of focus (a Tab); the widgets that gain
    # and lose the focus are restyled and repaint what changes, which is far less.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    status: var[Status | None] = var(None)
    alignment: var[Alignment | None] = var(None, always_update=True)
    marks: var[dict[str, str]] = var(dict)
    linked: var[frozenset[str]] = var(frozenset)
    selection: var[Selection | None] = var(None)
    changes: var[dict[str, str]] = var(dict)  # entry id -> + ~ - against the version compared with
    comparing: var[Compared | None] = var(None)

    def __init__(self, session: Session, *, watch_interval: float = 1.0) -> None:
        super().__init__()
        self._compositor = ChangedRowsCompositor()  # a move writes a few rows: composite those (compositing.py)
        self.session = session
        self.watch_interval = watch_interval
        self.model_pane = BUSINESS  # the model pane last used: shown beside the alignment at medium widths
        self.last_find = ""
        self._asking_about_disk = False
        self._disk_check_running = False
        self._said_missing = False
        self._selection_shown: tuple | None = None  # what the details and arrows show now
        self._holding_selection = False  # while the session is shown: the cursor passes entries on its way
        self._save_next: tuple | None = None  # a save asked for while one was running
        self._journal_timer = None  # the recovery journal is written when this fires (main_edits.py)

    # -- layout -------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title").data_bind(MainScreen.status)
        yield PaneTabs(*(Tab(PANE_TITLES[p], id=f"tab-{p}") for p in PANES), id="pane-tabs")
        with Horizontal(id="panes"):
            for side in (BUSINESS, OPERATING):
                with Pane(id=f"pane-{side}", classes="pane -current -model" if side == BUSINESS else "pane"):
                    yield Static(PANE_TITLES[side], classes="pane-title")
                    yield ModelTree(side, PANE_TITLES[side], id=side).data_bind(MainScreen.marks, MainScreen.linked,
                                                                               MainScreen.changes)
            with Pane(id="pane-alignment", classes="pane"):
                yield Static(PANE_TITLES["alignment"], classes="pane-title")
                yield AlignmentPanel(id="alignment").data_bind(MainScreen.alignment, MainScreen.status,
                                                               MainScreen.comparing)
        yield Details(id="details").data_bind(MainScreen.selection)
        yield FindInput(placeholder="find: part of a name or id; Enter jumps, Escape closes", id="find-bar")
        yield CompareBar(id="compare-bar").data_bind(MainScreen.comparing)
        yield KeyBar(id="keys", classes="key-bar")

    def on_mount(self) -> None:
        self.show_session()
        for side in (BUSINESS, OPERATING):
            tree = self.tree(side)
            tree.cursor_line = 1 if tree.last_line >= 1 else 0
            tree.call_after_refresh(tree.scroll_home, animate=False)
        self.set_focus(self.tree(BUSINESS))
        for moving in (self.tree(BUSINESS), self.tree(OPERATING), self.findings_list):
            moving.moved.subscribe(self, lambda _: self.update_selection(), immediate=True)
        if self.watch_interval:
            self.set_interval(self.watch_interval, self.poll_disk)
        self.set_timer(0.2, self.start_analysis)  # a large model's first analysis: after the first frame
        self.open_journal()
        heap.settle(len(self.session.model))

    def tree(self, side: str) -> ModelTree:
        return self.query_one(f"#{side}", ModelTree)

    @property
    def findings_list(self) -> FindingList:
        return self.query_one(FindingList)

    # -- showing the session ------------------------------------------------------------------------

    def show_session(self, select: str | None = None, changed: set[str] | None = None) -> None:
        """Show the session's model and alignment everywhere; put the cursor on `select` if given.
        `changed`: the entries changed since the model was last shown (None: any may have)."""
        session = self.session
        # A tree that loses or gains lines moves its cursor, and `select` moves it again: the entries it
        # passes on the way are not shown (each would walk its chain and fill the details).
        self._holding_selection = True
        try:
            for side in (BUSINESS, OPERATING):
                self.tree(side).sync(session.model, changed)
            self.marks = session.marks
            self.changes = session.change_marks
            self.comparing = session.compared()
            self.findings_list.currency = session.model.currency
            self.status = session.status()
            self.alignment = session.alignment
            if select and select in session.model.by_id:
                self.reveal(select)
        finally:
            self._holding_selection = False
        self.update_selection()

    def start_analysis(self) -> None:
        """Start a full analysis off the UI thread when the session needs one (a large model)."""
        if self.session.needs_analysis:
            job = self.session.analysis_job()
            self.in_background(lambda: self.back_on_ui(self._analysed, job()), "full alignment of a large model")

    def in_background(self, work, description: str) -> None:
        """Run `work` on a thread of its own (it reports back with back_on_ui; an error in it ends the app,
        with a non-zero exit status, as any other crash)."""
        self.run_worker(work, thread=True, group=description, description=description)

    def back_on_ui(self, callback, *args) -> None:
        """From a background thread: run `callback` on the UI thread, unless the app has closed meanwhile."""

        def on_ui() -> None:
            if self.is_attached and self.app.screen_stack:  # not while the app closes
                callback(*args)

        try:
            self.app.call_from_thread(on_ui)
        except RuntimeError:
            pass

    def _analysed(self, result) -> None:
        self.session.adopt(result)
        self.show_session(changed=set())  # the model is as shown: only the alignment is new
        heap.settle(len(self.session.model))  # the analysis lives until the next full one
        self.start_analysis()  # edits of the whole text came meanwhile: once more

    def selected_entry_id(self) -> str | None:
        if self.current_pane in (BUSINESS, OPERATING):
            return self.tree(self.current_pane).current_entry
        finding = self.findings_list.current
        return finding.entries[0] if finding and finding.entries else None

    def selected_finding(self) -> Finding | None:
        """The finding in view: the highlighted one in the Alignment pane, else the selected entry's
        first finding that one link would settle."""
        if self.current_pane == "alignment":
            return self.findings_list.current
        entry_id = self.selected_entry_id()
        return next((f for f in self.session.findings_of(entry_id) if f.fix), None) if entry_id else None

    def update_selection(self) -> None:
        if self._holding_selection:
            return
        entry_id = self.selected_entry_id()
        finding = self.findings_list.current if self.current_pane == "alignment" else None
        fix_key = self.key_for("fix")
        shown = (entry_id, finding, fix_key, self.session.alignment, self.session.model.version)
        if shown == self._selection_shown:  # the same selection of the same model: nothing to draw again
            return
        self._selection_shown = shown
        self.query_one(Details).more_key = self.key_for("details_down")
        self.selection = Selection(self.session, entry_id, finding, fix_key)
        self.linked = self.session.linked(entry_id)

    @on(ModelTree.NodeHighlighted)
    @on(FindingList.Highlighted)
    def _selection_moved(self) -> None:
        self.update_selection()

    def key_for(self, binding_id: str) -> str:
        """The key bound to `binding_id` now (the keymap may have moved it), as shown."""
        keymap = getattr(self.app, "keymap", {})
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.id == binding_id:
                key = keymap.get(binding_id, binding.key).split(",")[0]
                return self.app.get_key_display(Binding(key, binding.action))
        return binding_id

    def say(self, message: str, severity: str = "information", title: str = "") -> None:
        """A notification of plain text; any control character left in it (from a file's own error
        message, say) is shown as a stand-in too."""
        # Short for news ("Saved ..."), longer for what needs reading: at 80x24 toasts cover the details.
        self.notify(visible_text(message), severity=severity, title=title, markup=False,
                    timeout=3 if severity == "information" else 8)

    # -- panes --------------------------------------------------------------------------------------

    def watch_current_pane(self, pane: str) -> None:
        if pane != "alignment":
            self.model_pane = pane
        for name in PANES:
            # Both classes at once: each change of a pane's classes restyles everything in it.
            container = self.query_one(f"#pane-{name}")
            classes = set(container.classes) - {"-current", "-model"}
            classes |= {c for c, on in (("-current", name == pane), ("-model", name == self.model_pane)) if on}
            if classes != set(container.classes):
                container.set_classes(classes)
        tabs = self.query_one(PaneTabs)
        with tabs.prevent(Tabs.TabActivated):  # only a click on a tab should come back as a pane change
            tabs.active = f"tab-{pane}"
        self.update_selection()

    def focus_pane(self, pane: str) -> None:
        self.current_pane = pane
        self.set_focus(self.findings_list if pane == "alignment" else self.tree(pane))  # now: see typeahead.py

    def action_details(self, step: int) -> None:
        self.query_one(Details).scroll(step)

    def action_pane(self, step: int) -> None:
        self.focus_pane(PANES[(PANES.index(self.current_pane) + step) % len(PANES)])

    @on(Tabs.TabActivated, "#pane-tabs")
    def _tab_clicked(self, event: Tabs.TabActivated) -> None:
        pane = (event.tab.id or "").removeprefix("tab-")
        if pane in PANES:
            self.focus_pane(pane)

    def on_descendant_focus(self, event) -> None:
        # Follow where the focus is now, not where this event says it went: two quick moves (the find
        # bar closing, then a jump to a match) would otherwise flip the panes back.
        widget = self.focused or event.widget
        for pane in PANES:
            container = self.query_one(f"#pane-{pane}")
            if widget is container or container in widget.ancestors:
                self.current_pane = pane
                return

    def reveal(self, entry_id: str) -> None:
        """Move to `entry_id` in its pane and focus that pane."""
        entry = self.session.entry(entry_id)
        if entry is None:
            return
        self.focus_pane(entry.side)
        self.tree(entry.side).select_entry(entry_id)
        self.update_selection()

    @on(FindingList.Jump)
    def _jump_to_finding(self, event: FindingList.Jump) -> None:
        if not event.finding.entries:
            self.say("This finding is about the model as a whole, not one entry.")
            return
        self.reveal(event.finding.entries[0])

    # -- find ---------------------------------------------------------------------------------------

    def action_find(self) -> None:
        bar = self.show_find_bar(True)
        bar.value = self.last_find
        self.set_focus(bar)

    def show_find_bar(self, shown: bool) -> Input:
        """The find bar takes the key bar's line while it is open, so the panes keep their size (resizing
        them would lay out and draw the whole screen again)."""
        bar = self.query_one("#find-bar", Input)
        bar.set_class(shown, "-open")
        self.query_one("#keys").display = not shown
        return bar

    def find(self, text: str) -> None:
        self.last_find = text.strip()
        self.show_find_bar(False)
        if not self.action_find_next(first=True):
            self.focus_pane(self.current_pane)

    def action_find_next(self, first: bool = False) -> bool:
        """Go to the next entry matching the last find; False when nothing matches."""
        if not self.last_find:
            self.action_find()
            return True
        matches = self.session.find(self.last_find)
        if not matches:
            self.say(f"No entry matches '{one_line(self.last_find, 40)}'.", "warning")
            return False
        current = self.selected_entry_id()
        at = 0 if first or current not in matches else (matches.index(current) + 1) % len(matches)
        self.reveal(matches[at])
        if len(matches) > 1:
            self.say(f"{at + 1} of {len(matches)} matches; {self.key_for('find_next')} for the next.")
        return True

    def action_escape(self) -> None:
        if self.query_one("#find-bar", Input).has_class("-open"):
            self.show_find_bar(False)
            self.focus_pane(self.current_pane)
            return
        if self.stop_comparing():
            return
        self.say(f"Nothing to close here. {self.key_for('quit_q')} quits, {self.key_for('help')} shows the help.")
