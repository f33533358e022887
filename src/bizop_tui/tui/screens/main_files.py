"""The main screen's file keys and watches: save, save as, changes on disk (checked off the UI thread),
recovered edits, $EDITOR, and quitting."""

from __future__ import annotations

import os
import shlex
import subprocess
from typing import TYPE_CHECKING

from textual.content import Content

from bizop_tui.model.document import slug
from bizop_tui.model.text import one_line
from bizop_tui.session import DiskCheck, Outcome, Saved
from bizop_tui.tui.screens.dialogs import Choice, SaveAs
from bizop_tui.tui.screens.help import Help, help_sections
from bizop_tui.tui.text import line

if TYPE_CHECKING:
    from bizop_tui.tui.screens.main import MainScreen


class FileActions:
    """Mixed into MainScreen."""

    # -- save ---------------------------------------------------------------------------------------

    def action_save(self: MainScreen, then=None) -> None:
        """Save to the file, or ask for one when the model has none yet; `then` runs after a save."""
        if self.session.document.path is None:
            self.action_save_as(then)
        else:
            self._save_to(None, then=then)

    def action_save_as(self: MainScreen, then=None) -> None:
        suggestion = self.session.document.path or (slug(self.session.model.name) or "model") + ".toml"
        self.app.push_screen(SaveAs(suggestion), lambda path: self._save_to(path, then=then) if path else None)

    def _save_to(self: MainScreen, path: str | None, overwrite: bool = False, then=None, force: bool = False) -> None:
        """Save in the background: keys and edits go on while the file is written and read back (the
        title says "saving…"); a save asked for meanwhile follows this one."""
        if self.session.saving:
            self._save_next = (path, overwrite, then, force)
            return
        job = self.session.save_job(path, overwrite=overwrite, force=force)
        if isinstance(job, Outcome):
            self.say(job.message, "error", "Not saved")
            return
        self.status = self.session.status()
        self.in_background(lambda: self.back_on_ui(self._saved, job(), path, overwrite, then), "save the file")

    def _saved(self: MainScreen, saved: Saved, path: str | None, overwrite: bool, then) -> None:
        outcome = self.session.finish_save(saved)
        self.status = self.session.status()
        if outcome.conflict:
            self._ask_changed_on_save(then)
        elif outcome.read_only:
            self._ask_read_only(path, overwrite, then)
        elif not outcome.ok:
            self.say(outcome.message + (f"\n{outcome.hint}" if outcome.hint else ""), "error", "Not saved")
        else:
            self._said_missing = False
            self.show_session(changed=set())  # the model is as it was: the title changes
            if self.session.document.dirty:  # edits made while saving: the journal keeps them
                self.keep_journal()
            self.say(outcome.message)
            if outcome.hint:
                self.say(outcome.hint, "warning")
            if then:
                then()
        queued, self._save_next = self._save_next, None
        if queued:
            self._save_to(*queued[:2], then=queued[2], force=queued[3])

    def _ask_changed_on_save(self: MainScreen, then=None) -> None:
        def answer(choice: str | None) -> None:
            if choice == "overwrite":
                self._save_to(None, overwrite=True, then=then)
            elif choice == "reload":
                self.reload_document()
            elif choice == "elsewhere":
                self.action_save_as(then)

        question = Content.assemble(
            "The file changed on disk since bizop read it. Your edits are still here; Reload drops them.\n",
            line(self.session.document.path or "", "$text-muted"))
        self.app.push_screen(Choice(question, [("overwrite", "Overwrite", "o"), ("reload", "Reload", "r"),
                                               ("elsewhere", "Save elsewhere", "s"), ("cancel", "Cancel", "c")]),
                             answer)

    def _ask_read_only(self: MainScreen, path: str | None, overwrite: bool, then=None) -> None:
        def answer(choice: str | None) -> None:
            if choice == "anyway":
                self._save_to(path, overwrite=overwrite, then=then, force=True)
            elif choice == "elsewhere":
                self.action_save_as(then)

        question = Content.assemble(
            "The file is read-only. Save anyway (it stays read-only), or save under another name?\n",
            line(path or self.session.document.path or "", "$text-muted"))
        self.app.push_screen(Choice(question, [("anyway", "Save anyway", "a"), ("elsewhere", "Save elsewhere", "s"),
                                               ("cancel", "Cancel", "c")]), answer)

    # -- changes on disk ----------------------------------------------------------------------------

    def poll_disk(self: MainScreen) -> None:
        """Every watch interval: look at the file in a worker (never on the UI thread)."""
        if (self._asking_about_disk or self._disk_check_running or self.session.saving
                or not self.session.document.path):
            return
        self._disk_check_running = True
        job = self.session.disk_job()
        self.in_background(lambda: self.back_on_ui(self.disk_checked, job()), "check the file on disk")

    def check_disk_now(self: MainScreen) -> None:
        """Look at the file at once, on this thread (after $EDITOR returns, and in tests)."""
        self.disk_checked(self.session.disk_job()())

    def disk_checked(self: MainScreen, check: DiskCheck) -> None:
        self._disk_check_running = False
        verdict = self.session.disk_checked(check)
        if verdict == "reloaded":
            self.after_reload()
            self.say("The file changed on disk; reloaded.")
        elif verdict in ("missing", "not-a-file"):
            if not self._said_missing:
                self._said_missing = True
                what = "is gone from disk" if verdict == "missing" else "is no longer a regular file"
                self.say(f"The file {what}; your model is still here, and {self.key_for('save')} writes it.",
                         "warning")
        elif verdict == "ask":
            self._asking_about_disk = True

            def answer(choice: str | None) -> None:
                self._asking_about_disk = False
                if choice == "reload":
                    self.reload_document()

            self.app.push_screen(Choice("The file changed on disk, and you have unsaved edits.",
                                        [("keep", "Keep my edits", "k"), ("reload", "Reload, drop my edits", "r")]),
                                 answer)

    def reload_document(self: MainScreen) -> None:
        outcome = self.session.reload()
        if not outcome.ok:
            self.say(outcome.message, "error")
            return
        self.after_reload()

    def after_reload(self: MainScreen) -> None:
        """Show the file as read again; a form or picker on an entry the file no longer has closes."""
        selected = self.selected_entry_id()
        while self.app.screen is not self and getattr(self.app.screen, "entry_id", None):
            dialog = self.app.screen
            if self.session.entry(dialog.entry_id) is not None:
                break
            name = getattr(dialog, "entry_name", "") or dialog.entry_id
            dialog.close(None)
            self.say(f"'{one_line(name, 60)}' is no longer in the file (it changed on disk), so its "
                     f"{'form' if hasattr(dialog, 'fields') else 'picker'} was closed; nothing was changed.",
                     "warning")
        self.after_change(selected)

    # -- recovered edits ----------------------------------------------------------------------------

    def open_journal(self: MainScreen) -> None:
        """At open: this session's journal says it has the file; others that have it are named."""
        notes, elsewhere = self.session.open_journal()
        for note in notes:
            self.say(note, "warning")
        if elsewhere:
            # Three rows at most at 80 columns, where toasts are narrow: who, and what it means for a save.
            who = "; ".join(r.who() for r in elsewhere[:2]) + (f"; {len(elsewhere) - 2} more" if len(elsewhere) > 2
                                                                else "")
            self.say(f"Also open in another bizop ({who}); a save over its edits asks first.", "warning")
        self.offer_recovery()

    def offer_recovery(self: MainScreen) -> None:
        recovered = self.session.pending_recovery()
        if recovered is None:
            return
        question = Content.assemble(
            "bizop found unsaved edits from ", line(recovered.written_at, limit=40),
            ", left by ", line(recovered.describe(), limit=120), ".")
        if self.session.recovery_is_older_than_disk(recovered):
            question = Content.assemble(question, Content.styled(
                "\nThe file has changed on disk since; restoring puts your edits over the new file.", "$warning"))

        def answer(choice: str | None) -> None:
            if choice == "restore":
                outcome = self.session.restore(recovered)
                if self.apply(outcome):
                    self.say(f"Edits restored; {self.key_for('save')} saves them, {self.key_for('undo')} undoes "
                             "the restore.")
                    if outcome.hint:
                        self.say(outcome.hint, "warning")
            elif choice == "discard":
                warning = self.session.discard_recovery(recovered)
                if warning:
                    self.say(warning, "warning")
            else:
                self.say("The recovered edits stay aside; they are offered again the next time you open this "
                         "file.")

        self.app.push_screen(Choice(question, [("restore", "Restore", "r"), ("discard", "Discard", "d"),
                                               ("later", "Keep for later", "k")]), answer)

    # -- the editor, help, quit ---------------------------------------------------------------------

    def action_external_edit(self: MainScreen) -> None:
        document = self.session.document
        if document.path is None:
            self.say(f"Save the model first ({self.key_for('save')}); then it opens in your editor.")
            return
        if document.dirty:
            self.say(f"Save first ({self.key_for('save')}): the editor opens the file on disk.", "warning")
            return
        entry = self.session.entry(self.selected_entry_id())
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        command = shlex.split(editor)
        if entry and entry.line:
            command.append(f"+{entry.line}")
        command.append(document.path)
        try:
            with self.app.suspend():
                subprocess.call(command)
        except Exception as exc:  # no editor, or suspend unsupported (e.g. headless)
            self.say(f"Could not run {one_line(editor, 40)}: {one_line(str(exc), 80)}", "error")
            return
        self.check_disk_now()

    def action_help(self: MainScreen) -> None:
        width = self.size.width
        layout = "narrow" if width < 100 else "medium" if width < 140 else "wide"
        self.app.push_screen(Help(help_sections(self.app.key_sections(), layout, self.session.alignment,
                                                self.key_for("fix"))))

    def action_quit(self: MainScreen) -> None:
        self.request_quit()

    def request_quit(self: MainScreen) -> None:
        if not self.session.document.dirty:
            self.app.exit(0)
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.action_save(then=lambda: self.app.exit(0))
            elif choice == "discard":
                self.session.quit_without_saving()
                self.app.exit(0)

        self.app.push_screen(Choice("You have unsaved changes.",
                                    [("save", "Save and quit", "s"), ("discard", "Quit without saving", "q"),
                                     ("cancel", "Cancel", "c")]), answer)
