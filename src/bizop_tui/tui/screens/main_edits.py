"""The main screen's editing keys: add, edit, links, a finding's fix, delete, undo, redo, settings.

Each asks the session and shows its outcome; entry keys act only in the business and operating panes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bizop_tui.model.vocabulary import BLOCKS_BY_PATH, LINKS_BY_KEY
from bizop_tui.session import Outcome
from bizop_tui.tui import heap
from bizop_tui.tui.widgets.model_tree import ModelTree

if TYPE_CHECKING:
    from bizop_tui.tui.screens.field_form import FormResult
    from bizop_tui.tui.screens.main import MainScreen

# The forms and pickers are imported when first opened: the first frame does without them.

JOURNAL_AFTER = 0.3  # seconds without an edit before the recovery journal is written


class EditActions:
    """Mixed into MainScreen."""

    def apply(self: MainScreen, outcome: Outcome, *, announce: bool = False, suffix: str = "") -> bool:
        """Show an edit's outcome: on refusal say why; else show it, keep the journal, and say so if asked."""
        if not outcome.ok:
            self.say(outcome.message + (f"\n{outcome.hint}" if outcome.hint else ""), "error", "Not changed")
            return False
        self.after_change(outcome.select)
        if announce and outcome.message:
            self.say(outcome.message + suffix)
        return True

    def after_change(self: MainScreen, select: str | None = None) -> None:
        self.show_session(select, self.session.document.last_changed)
        self.keep_journal()
        self.start_analysis()

    def keep_journal(self: MainScreen) -> None:
        """Write the recovery journal once the edits pause: a burst of edits writes it once, and never
        while the screen shows an edit (encoding a large model holds the interpreter, thread or not:
        15 ms at 20,000 entries). A hang-up or a crash writes it at once (Session.close)."""
        if self._journal_timer is not None:
            self._journal_timer.stop()
        self._journal_timer = self.set_timer(JOURNAL_AFTER, self._write_journal)

    def _write_journal(self: MainScreen) -> None:
        self._journal_timer = None
        heap.settle_if_grown(len(self.session.model))
        job = self.session.journal_job()
        if job is not None:
            self.in_background(lambda: self._journal_written(job()), "recovery journal")

    def _journal_written(self: MainScreen, warning: str | None) -> None:  # on the worker's thread
        if warning:
            self.back_on_ui(self.say, warning, "warning")

    def _entry_in_model_pane(self: MainScreen) -> str | None:
        """The entry under the cursor of a business or operating pane, or None with a word about why."""
        if self.current_pane == "alignment":
            self.say("Entries are changed in the business or operating pane: Enter on a finding goes to its "
                     "entry.", "warning")
            return None
        entry_id = self.selected_entry_id()
        if entry_id is None or self.session.entry(entry_id) is None:
            self.say("Select an entry first: the cursor is on a block.", "warning")
            return None
        return entry_id

    # -- add and edit -------------------------------------------------------------------------------

    def action_add(self: MainScreen) -> None:
        pane = self.model_pane if self.current_pane == "alignment" else self.current_pane
        path = self.tree(pane).current_block
        from bizop_tui.tui.screens.entry_form import EntryForm

        def done(result: FormResult | None) -> None:
            if result is not None and result.fields and self.apply(self.session.add_entry(path, result.fields)):
                if result.save:
                    self.action_save()

        self.app.push_screen(EntryForm(self.session, BLOCKS_BY_PATH[path]), done)

    def action_edit(self: MainScreen) -> None:
        entry_id = self._entry_in_model_pane()
        if entry_id:
            self.edit_entry(entry_id)

    def on_model_tree_activated(self: MainScreen, event: ModelTree.Activated) -> None:
        self.edit_entry(event.entry_id)

    def edit_entry(self: MainScreen, entry_id: str) -> None:
        entry = self.session.entry(entry_id)
        if entry is None:
            return
        from bizop_tui.tui.screens.entry_form import EntryForm

        def done(result: FormResult | None) -> None:
            if result is None:
                return
            if self.apply(self.session.update_entry(entry_id, result.fields)) and result.save:
                self.action_save()

        self.app.push_screen(EntryForm(self.session, entry.block, entry), done)

    # -- links --------------------------------------------------------------------------------------

    def action_links(self: MainScreen) -> None:
        entry_id = self._entry_in_model_pane()
        if entry_id:
            self.open_links(entry_id)

    def open_links(self: MainScreen, entry_id: str, kind: str = "supports") -> None:
        from bizop_tui.tui.screens.link_picker import LinkPicker

        def done(changes: dict[str, object] | None) -> None:
            if changes:
                self.apply(self.session.update_entry(entry_id, changes))

        self.app.push_screen(LinkPicker(self.session, entry_id, kind), done)

    def action_fix(self: MainScreen) -> None:
        finding = self.selected_finding()
        if finding is None or finding.fix is None:
            hint = " Its hint, in the details, says what to do." if finding is not None and finding.hint else ""
            self.say("No single link settles the selected finding." + hint, "warning")
            return
        fix = finding.fix
        if fix.source is not None:
            if self.session.entry(fix.source) is not None:
                self.open_links(fix.source, fix.kind)
            return
        if self.session.entry(fix.target) is None:
            return
        kind = LINKS_BY_KEY[fix.kind]
        from bizop_tui.tui.screens.link_picker import SourcePicker

        def chosen(source_id: str | None) -> None:
            source = self.session.entry(source_id)
            if source is None:
                return
            named = list(source.linked(kind.key))
            value = named + [fix.target] if kind.many else fix.target
            self.apply(self.session.update_entry(source.id, {kind.key: value}), announce=True)

        self.app.push_screen(SourcePicker(self.session, fix), chosen)

    # -- delete, undo, redo, settings ---------------------------------------------------------------

    def action_delete(self: MainScreen) -> None:
        entry_id = self._entry_in_model_pane()
        if entry_id:
            self.apply(self.session.delete_entry(entry_id), announce=True,
                       suffix=f" {self.key_for('undo')} brings it back.")

    def action_undo(self: MainScreen) -> None:
        self._history_step(self.session.undo())

    def action_redo(self: MainScreen) -> None:
        self._history_step(self.session.redo())

    def _history_step(self: MainScreen, outcome: Outcome) -> None:
        if outcome.ok:
            self.apply(outcome, announce=True)
        else:
            self.say(outcome.message)  # nothing to undo or redo: not an error

    def action_settings(self: MainScreen) -> None:
        from bizop_tui.tui.screens.settings_form import SettingsForm

        def done(result: FormResult | None) -> None:
            if result is not None and result.fields and self.apply(self.session.edit_settings(result.fields),
                                                                  announce=True):
                if result.save:
                    self.action_save()

        self.app.push_screen(SettingsForm(self.session), done)

