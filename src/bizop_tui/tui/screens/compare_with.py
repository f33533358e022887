"""Ask which version to compare with (a model file, or a git revision of this file) and read it off the UI
thread; a version that cannot be read is said here, and the person may type another."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from bizop_tui.session import Outcome, VersionRead
from bizop_tui.tui.screens.dialogs import Dialog
from bizop_tui.tui.text import line, lines
from bizop_tui.tui.widgets.key_bar import KeyBar
from bizop_tui.tui.widgets.safe_input import SafeInput

EXAMPLES = "A git revision of this file: HEAD, HEAD~1, a tag or a branch; or the path of a model file."


class CompareWith(Dialog):
    """Gives back the Outcome of comparing, or None when closed without comparing."""

    BINDINGS = [Binding("escape", "cancel", "cancel", id="cancel", tooltip="Close without comparing")]

    def __init__(self, suggestion: str, read: Callable[[str], Callable[[], VersionRead]],
                 adopt: Callable[[VersionRead], Outcome]) -> None:
        super().__init__()
        self.suggestion = suggestion
        self.read = read
        self.adopt = adopt
        self.reading = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled("Compare with:", "bold"))
            yield CompareInput(self.suggestion, id="compare-spec", select_on_focus=False)
            yield Static(Content.styled(EXAMPLES, "$text-muted"), id="compare-message")
        yield KeyBar(classes="key-bar")

    def say(self, content: Content) -> None:
        self.query_one("#compare-message", Static).update(content)

    def submit(self, value: str) -> None:
        spec = value.strip() or "HEAD"
        self.reading = True
        self.say(Content.assemble(Content.styled("Reading ", "italic"), line(spec, "italic", limit=60), "…"))
        job = self.read(spec)
        self.run_worker(lambda: self._back(job()), thread=True, description="read another version")

    def _back(self, read: VersionRead) -> None:  # on the worker's thread
        try:
            self.app.call_from_thread(self._landed, read)
        except RuntimeError:  # the app has closed meanwhile
            pass

    def _landed(self, read: VersionRead) -> None:
        if not self.is_attached or self.app.screen is not self:
            return  # closed while it was read: the person no longer wants it
        self.reading = False
        outcome = self.adopt(read)
        if outcome.ok:
            self.close(outcome)
        elif outcome.message:
            self.say(Content.assemble(line(outcome.message, "$error"), "\n", lines(outcome.hint)))

    def action_cancel(self) -> None:
        self.close(None)


class CompareInput(SafeInput):
    BINDINGS = [Binding("enter", "submit", "compare", id="accept", tooltip="Compare with this version")]

    def action_submit(self) -> None:
        self.screen.submit(self.value)
