"""A report over the main screen: the impact of an entry, or what changed against another version, worked
out off the UI thread (a large model takes seconds), in the words of the command line, and scrollable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from bizop_tui.model.errors import BizopError
from bizop_tui.tui.screens.dialogs import Dialog
from bizop_tui.tui.text import line, lines
from bizop_tui.tui.widgets.key_bar import KeyBar


class Report(Dialog):
    """`work()` runs on a thread of its own; `render(result, width)` shows its result at the width there
    is, again after a resize. A BizopError from `work` is shown as the reason there is no report."""

    BINDINGS = [Binding("escape,q", "close", "close", id="close_report", tooltip="Close the report")]

    def __init__(self, title: Content, work: Callable[[], Any], render: Callable[[Any, int], Content],
                 working: str) -> None:
        super().__init__()
        self.title_content = title
        self.work = work
        self.render_result = render
        self.working = working
        self.result: Any = None
        self.done = False
        self._width = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="report"):
            yield Static(self.title_content, classes="report-title")
            with VerticalScroll(id="report-body"):
                yield Static(Content.styled(self.working, "italic $text-muted"), id="report-text")
        yield KeyBar(classes="key-bar")

    def on_mount(self) -> None:
        self.query_one("#report-body").focus()
        self.run_worker(self._work, thread=True, description=self.working)

    def _work(self) -> None:  # on the worker's thread
        try:
            result = self.work()
        except BizopError as error:
            result = error
        try:
            self.app.call_from_thread(self._landed, result)
        except RuntimeError:  # the app has closed meanwhile
            pass

    def _landed(self, result: Any) -> None:
        if not self.is_attached:
            return  # closed before the work was done
        self.result, self.done = result, True
        self._show(force=True)

    def _show(self, force: bool = False) -> None:
        body = self.query_one("#report-body")
        width = max(body.scrollable_content_region.width, 20)
        if not self.done or (width == self._width and not force):
            return
        self._width = width
        result = self.result
        if isinstance(result, BizopError):
            shown = Content.assemble(line(result.headline, "$error"), "\n", lines(result.hint or ""))
        else:
            shown = self.render_result(result, width)
        self.query_one("#report-text", Static).update(shown)

    def on_resize(self) -> None:
        self.call_after_refresh(self._show)

    @property
    def text(self) -> str:
        """What the report says, as plain text."""
        content = self.query_one("#report-text", Static).content
        return content.plain if hasattr(content, "plain") else str(content)

    def action_close(self) -> None:
        self.close(None)
