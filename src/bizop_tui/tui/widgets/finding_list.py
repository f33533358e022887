"""The findings, worst first: a virtual list that renders only the rows on screen.

Each finding takes two rows (its message wrapped, the rest cut with an ellipsis), so showing
thousands of findings after an edit costs nothing until they scroll into view; the details area
shows the highlighted finding's entry and its findings in full.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.signal import Signal
from textual.strip import Strip

from bizop_tui.model.entities import Finding
from bizop_tui.tui.text import finding_prompt
from bizop_tui.tui.widgets.look import LookCheck, QuietFocus, StylePerRender

ROWS = 2


class FindingList(LookCheck, QuietFocus, StylePerRender, ScrollView, can_focus=True):
    BINDINGS = [
        Binding("up,k", "move(-1)", "up", show=False, id="cursor_up", tooltip="Move up"),
        Binding("down,j", "move(1)", "down", show=False, id="cursor_down", tooltip="Move down"),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "move_to(0)", show=False),
        Binding("end", "move_to(-1)", show=False),
        Binding("enter", "jump", "go to entry", show=False, id="go_to_entry",
                tooltip="On a finding: go to its entry in its pane"),
    ]
    COMPONENT_CLASSES = {"finding-list--cursor", "finding-list--error", "finding-list--warning", "finding-list--info"}

    highlighted: reactive[int | None] = reactive(None)

    class Highlighted(Message):
        """The highlight moved to another finding."""

    class Jump(Message):
        """Enter (or a click) on a finding: go to its entry."""

        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.findings: list[Finding] = []
        self.currency = ""  # the model's, for the money at stake
        self._currency_shown = ""
        self._rows: dict[tuple[int, int], list[Text]] = {}  # (id of a finding shown, width) -> its rows
        self._segments: dict[tuple, list[Segment]] = {}  # (id of a row, style, on the cursor) -> it drawn
        self.moved: Signal[FindingList] = Signal(self, "moved")  # at once, so the details come in the same frame

    # -- content ------------------------------------------------------------------------------------

    def show(self, findings: list[Finding]) -> None:
        """Show `findings`, keeping the highlight on the same finding (by its key) when it is still there.

        Nothing here compares findings field by field: after an edit most are the very objects shown
        before, and comparing 9,000 findings by value took 30 ms."""
        if findings is self.findings and self.currency == self._currency_shown:
            return
        self._currency_shown = self.currency
        current = self.current
        kept = {id(f) for f in findings}
        self._rows = {k: v for k, v in self._rows.items() if k[0] in kept}  # rows of findings still shown
        self._segments.clear()
        self.findings = findings
        self.virtual_size = Size(self.size.width, len(findings) * ROWS)
        at = None
        if current is not None:
            at = next((i for i, f in enumerate(findings) if f is current), None)
            if at is None:
                at = next((i for i, f in enumerate(findings) if f.key == current.key), None)
        if not findings:
            self.highlighted = None
        elif at is not None:
            self.highlighted = at
        else:
            self.highlighted = min(self.highlighted or 0, len(findings) - 1)
        self.refresh()

    @property
    def current(self) -> Finding | None:
        if self.highlighted is None or not self.findings or self.highlighted >= len(self.findings):
            return None
        return self.findings[self.highlighted]

    # -- rendering ----------------------------------------------------------------------------------

    def _finding_rows(self, index: int, width: int) -> list[Text]:
        finding = self.findings[index]
        key = (id(finding), width)  # a finding's rows stay its own when an edit moves it in the list
        rows = self._rows.get(key)
        if rows is None:
            mark = self.get_component_rich_style(f"finding-list--{finding.severity}", partial=True)
            lines = finding_prompt(finding, mark, self.currency).wrap(self.app.console, max(width - 1, 1))
            rows = list(lines[:ROWS])
            if len(lines) > ROWS:
                rows[-1].truncate(max(width - 2, 1))
                rows[-1].append("…")
            rows += [Text("")] * (ROWS - len(rows))
            self._rows[key] = rows
        return rows

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.scrollable_content_region.width
        index, part = divmod(row, ROWS)
        base = self.line_style
        if index >= len(self.findings):
            return Strip.blank(width, base)
        text = self._finding_rows(index, width)[part]
        style, cursor = base, index == self.highlighted
        if cursor:
            style = base + self.get_component_rich_style("finding-list--cursor")
        key = (id(text), style, cursor)  # a row drawn again (a Tab repaints the list) is not rendered again
        segments = self._segments.get(key)
        if segments is None:
            segments = self._segments[key] = [Segment(" ", style)] + [
                # On the cursor the mark takes the cursor's colour: no severity colour reads on every cursor
                # background (red on blue was 1.2:1); the mark's shape and the words still tell it.
                Segment(seg.text, style + (seg.style.without_color if cursor else seg.style) if seg.style else style)
                for seg in text.render(self.app.console)
            ]
        meta = Style.from_meta({"finding": index})
        strip = Strip(segments).apply_style(meta).crop_extend(scroll_x, scroll_x + width, style)
        return strip

    def watch_has_focus(self, has_focus: bool) -> None:
        # The list's own look changes with the focus (its cursor); its scrollbar's does not, and Textual's
        # restyle of the scrollbar too laid out the whole screen on every Tab into or out of the pane.
        if self.is_attached:
            self._restyling_cursor = True
            try:
                self.app.stylesheet.apply(self)
            finally:
                self._restyling_cursor = False
        else:
            super().watch_has_focus(has_focus)

    _restyling_cursor = False

    def refresh(self, *regions, repaint: bool = True, layout: bool = False, recompose: bool = False):
        # Only the cursor looks different with and without the focus (app.tcss): Textual would draw the
        # whole list again when its component styles change.
        if self._restyling_cursor and not (regions or layout or recompose):
            if self.highlighted is not None:
                self.refresh_lines(self.highlighted * ROWS, ROWS)
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    _rows_look: tuple | None = None  # the styles the cached rows were made with

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # The rows hold the theme's colours. A restyle that leaves them as they were (the focus coming
        # or going, on every Tab into or out of the pane) keeps them: wrapping each row again with Rich
        # took most of a Tab.
        if self.is_attached:
            self.queue_look_check()

    def look_checked(self) -> None:
        look = (self.rich_style, *(self.get_component_rich_style(f"finding-list--{severity}", partial=True)
                                   for severity in ("error", "warning", "info")))
        if look != self._rows_look:
            self._rows.clear()
            self._segments.clear()
            self._rows_look = look
            self.refresh()

    def on_resize(self) -> None:
        self._rows.clear()
        self._segments.clear()
        self.virtual_size = Size(self.size.width, len(self.findings) * ROWS)

    # -- moving -------------------------------------------------------------------------------------

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        if new is not None:
            self.scroll_to_region_of(new)  # a scroll draws the whole list again
        for index in {old, new} - {None}:
            self.refresh_lines(index * ROWS, ROWS)  # the rows the cursor left and came to
        if old != new:
            self.moved.publish(self)
            self.post_message(self.Highlighted())

    def scroll_to_region_of(self, index: int) -> None:
        from textual.geometry import Region

        self.scroll_to_region(Region(0, index * ROWS, 1, ROWS), animate=False, immediate=True)

    def action_move(self, step: int) -> None:
        if self.findings:
            self.highlighted = max(0, min(len(self.findings) - 1, (self.highlighted or 0) + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(self.scrollable_content_region.height // ROWS - 1, 1))

    def action_move_to(self, index: int) -> None:
        if self.findings:
            self.highlighted = index % len(self.findings)

    def action_jump(self) -> None:
        if self.current is not None:
            self.post_message(self.Jump(self.current))

    def on_click(self, event: events.Click) -> None:
        index = event.style.meta.get("finding") if event.style else None
        if index is None or index >= len(self.findings):
            return
        if index == self.highlighted and event.chain >= 2:
            self.action_jump()
        self.highlighted = index
