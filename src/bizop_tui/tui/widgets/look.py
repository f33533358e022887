"""What a widget that caches its drawing does after a restyle: check once, when the restyle is done (its
component classes too), whether its look changed, and draw again only then. And its own style, worked
out once per render rather than once per line."""

from __future__ import annotations

from rich.style import Style
from textual import events


class LookCheck:
    """Mixed into a Widget: queue_look_check() after a restyle; look_checked() runs once, next, while the
    app still has a screen (not while it closes), and decides what to draw again."""

    _look_check_queued = False

    def queue_look_check(self) -> None:
        if not self._look_check_queued:
            self._look_check_queued = True
            self.call_next(self._run_look_check)  # type: ignore[attr-defined]

    def _run_look_check(self) -> None:
        self._look_check_queued = False
        if self.is_attached and self.app.screen_stack:  # type: ignore[attr-defined]
            self.look_checked()

    def look_checked(self) -> None:
        raise NotImplementedError


class QuietFocus:
    """Mixed into a Widget that looks the same with and without the focus but for its cursor, which its
    restyle draws again: Widget's own focus and blur handlers would draw every line again."""

    def _on_focus(self, event: events.Focus) -> None:
        event.prevent_default()
        self.has_focus = True
        if self.parent is not None:  # type: ignore[attr-defined]
            self.parent.post_message(events.DescendantFocus(self))  # type: ignore[attr-defined,arg-type]

    def _on_blur(self, event: events.Blur) -> None:
        event.prevent_default()
        self.has_focus = False
        if self.parent is not None:  # type: ignore[attr-defined]
            self.parent.post_message(events.DescendantBlur(self))  # type: ignore[attr-defined,arg-type]


class StylePerRender:
    """Mixed into a Widget drawn line by line: `line_style` is its own style, worked out once per render.
    Textual keeps no copy of a widget's style (each ask walks the styles of every ancestor), and a tree
    asks once per line, cached or not: a quarter of drawing a line."""

    _render_style: Style | None = None

    def render_lines(self, crop):
        self._render_style = self.rich_style  # type: ignore[attr-defined]
        try:
            return super().render_lines(crop)  # type: ignore[misc]
        finally:
            self._render_style = None

    @property
    def line_style(self) -> Style:
        return self._render_style if self._render_style is not None else self.rich_style  # type: ignore[attr-defined]
