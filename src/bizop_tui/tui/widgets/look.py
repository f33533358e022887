"""What a widget that caches its drawing does after a restyle: check once, when the restyle is done (its
component classes too), whether its look changed, and draw again only then."""

from __future__ import annotations


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
