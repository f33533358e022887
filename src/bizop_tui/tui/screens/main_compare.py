"""The main screen's judging and comparing keys: the impact of the selected entry, comparing with another
version (a file, a git revision, the last save), the report of what changed, and leaving the comparison.

What takes time (reading git, judging another version, two analyses for an impact) runs off the UI
thread; the dialogs show that it is on its way, and Escape closes them meanwhile."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from bizop_tui.model.text import one_line
from bizop_tui.tui.text import line, report_lines

if TYPE_CHECKING:
    from bizop_tui.alignment.diff import ModelDiff
    from bizop_tui.alignment.impact import Impact
    from bizop_tui.session import Outcome, VersionRead
    from bizop_tui.tui.screens.main import MainScreen

# The reports and the dialog are imported when first asked for: the first frame does without them.


class CompareActions:
    """Mixed into MainScreen."""

    # -- impact -------------------------------------------------------------------------------------

    def action_impact(self: MainScreen) -> None:
        entry = self.session.entry(self.selected_entry_id())
        if entry is None:
            self.say("Select an entry first: the impact is that of the entry under the cursor.", "warning")
            return
        from bizop_tui.report.impact import render_impact_text
        from bizop_tui.tui.screens.report import Report

        currency = self.session.model.currency

        def render(result: Impact, width: int) -> Content:
            return Content(report_lines(render_impact_text(result, currency), width))

        title = Content.assemble(Content.styled("Impact of ", "bold"), line(entry.name, "bold", limit=60))
        self.app.push_screen(Report(title, self.session.impact_job(entry.id), render,
                                    "Working out what would lose its support if it went…"))

    # -- comparing ----------------------------------------------------------------------------------

    def action_compare(self: MainScreen) -> None:
        from bizop_tui.tui.screens.compare_with import CompareWith

        baseline = self.session.baseline
        suggestion = baseline.spec if baseline is not None and baseline.spec else "HEAD"
        self.app.push_screen(CompareWith(suggestion, self.session.read_job, self.session.compare_with),
                             self._compared)

    def _compared(self: MainScreen, outcome: Outcome | None) -> None:
        if outcome is None:
            return
        self.show_session()
        self.say(f"{outcome.message} {self.key_for('comparison')} shows the report, escape stops comparing.")

    def action_unsaved_changes(self: MainScreen) -> None:
        baseline = self.session.baseline
        if baseline is not None and baseline.since_save:
            self.stop_comparing()
            return
        job = self.session.read_job(None)
        self.in_background(lambda: self.back_on_ui(self._saved_read, job()), "read the text as last saved")

    def _saved_read(self: MainScreen, read: VersionRead) -> None:
        outcome = self.session.compare_with(read)
        if outcome.ok:
            self._compared(outcome)
        elif outcome.message:
            self.say(outcome.message + (f"\n{outcome.hint}" if outcome.hint else ""), "error")

    def stop_comparing(self: MainScreen) -> bool:
        """Leave the comparison; False when there was none."""
        outcome = self.session.stop_comparing()
        if outcome.ok:
            self.show_session()
            self.say(outcome.message)
        return outcome.ok

    def action_comparison(self: MainScreen) -> None:
        job = self.session.diff_job()
        baseline = self.session.baseline
        if job is None or baseline is None:
            self.say(f"Not comparing with anything: {self.key_for('compare')} compares with a file or a git "
                     f"revision, {self.key_for('unsaved_changes')} marks what changed since the last save.")
            return
        from bizop_tui.report.diff import Versions, render_diff_text
        from bizop_tui.tui.screens.report import Report

        document = self.session.document
        now = document.path or "this model"
        versions = Versions(baseline.label, f"{one_line(now)} (unsaved edits)" if document.dirty else one_line(now))

        def render(diff: ModelDiff, width: int) -> Content:
            return Content.from_rich_text(render_diff_text(diff, versions, width))

        title = Content.assemble(Content.styled("What changed ", "bold"),
                                 Content.styled(f"since {baseline.short}" if baseline.since_save else "against ",
                                                "bold"),
                                 Content() if baseline.since_save else line(baseline.short, "bold"))
        self.app.push_screen(Report(title, job, render, "Comparing the two versions…"))
