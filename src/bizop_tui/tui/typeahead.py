"""Keys in bursts: each goes where the person meant it, in the order typed.

Keys come in bursts (over SSH, from key repeat, from a fast typist): "a" and a name typed at once, a
name, Enter and the next "a", or "Sourdoug", backspace, "h". Textual hands each key to the widget
focused when the key arrives, and runs bindings (backspace, Enter, Escape) only when the key has come
back up to the app, after the widget took the keys behind it. So:

- each key is stamped with the widget it was sent to; a key that comes back unhandled from a widget
  that no longer has the focus (a dialog opened, the find bar took the focus) is sent again to the
  widget that has it now, and keys wait while a new screen is still opening;
- text boxes run the binding of a key that is not text at once, in its place among the keys, and
  pass on the keys that reach them after they lost the focus;
- the focus moves at once (Screen.set_focus), not after the keys already on their way.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widget import Widget

PATIENCE = 100  # times 10 ms: how long keys wait for a new screen to focus something (a slow machine)
MAX_HOPS = 3


class TypeAhead:
    """Mixed into the App."""

    _held_keys: list[events.Key]

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and not hasattr(event, "typed_to"):
            if self._held_keys or not self._screen_ready():
                self._held_keys.append(event)
                if len(self._held_keys) == 1:
                    self.set_timer(0.01, lambda: self._release_keys(PATIENCE))
                return
            event.typed_to = self.focused or self.screen
        await super().on_event(event)

    def _screen_ready(self) -> bool:
        """The screen on top has its widgets and its focus (a new one focuses its first field)."""
        return self.screen.is_mounted and self.screen.focused is not None

    async def _release_keys(self, patience: int) -> None:
        if not self._screen_ready() and patience:  # a screen with nothing to focus gets them after a while
            self.set_timer(0.01, lambda: self._release_keys(patience - 1))
            return
        held, self._held_keys = self._held_keys, []
        for key in held:
            key.typed_to = self.focused or self.screen
            await super().on_event(key)

    async def on_key(self, event: events.Key) -> None:
        """A key back from the widgets unhandled: if the focus has moved since it was sent, it goes where
        the focus is now; the bindings of where it was sent are not the ones to run."""
        typed_to = getattr(event, "typed_to", None)
        if typed_to is not None and typed_to is not (self.focused or self.screen):
            event.prevent_default()
            event.stop()
            await self.on_event(events.Key(event.key, event.character))


async def keep_order(widget: Widget, event: events.Key, takes: Callable[[events.Key], bool]) -> None:
    """For text boxes (`takes` says which keys the box inserts itself): a key for a screen no longer on
    top goes there; a key that is not text runs its binding now, before the keys typed after it."""
    if resend_if_behind(widget, event) or takes(event):
        return
    active = widget.screen.active_bindings.get(event.key)
    if active is None or not active.enabled:
        return
    event.prevent_default()
    event.stop()
    await widget.app.run_action(active.binding.action, active.node)


def resend_if_behind(widget: Widget, event: events.Key) -> bool:
    """For text boxes, which take keys before they reach the app: a key that reaches `widget` after it
    lost the focus (its screen closed or was covered, or the focus moved on) goes to the app again,
    which sends it where the focus is now. True when it was sent on."""
    app = widget.app
    if widget is app.focused:
        return False
    event.prevent_default()
    event.stop()
    hops = getattr(event, "hops", 0)
    if hops < MAX_HOPS:  # never round and round between boxes that all decline
        again = events.Key(event.key, event.character)
        again.hops = hops + 1
        app.post_message(again)
    return True
