"""The key bar: the keys of the screen it is on, read from that screen's active bindings (so a dialog
shows its own keys, and a keymap moves them), one short word each, each key clickable.

It redraws only when the keys it shows change, not on every change of focus.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Static


def shown_keys(screen: Screen) -> list[tuple[str, str, str, bool]]:
    """(key as shown, word, action to run when clicked, enabled) for each binding the screen shows: its
    own in the order it declares them, then its widgets', then the app's."""
    app = screen.app
    found: dict[tuple[int, str], tuple[int, int, str, str, str, bool]] = {}
    for active in screen.active_bindings.values():
        binding, namespace = active.binding, active.node
        if not binding.show:
            continue
        group = 0 if namespace is screen else 2 if namespace is app else 1
        prefix = "screen" if namespace is screen else "app" if namespace is app else "focused"
        position = _declared_position(namespace, binding)
        key = (id(namespace), binding.action)
        if key not in found or position < found[key][1]:
            found[key] = (group, position, app.get_key_display(binding), binding.description,
                          f"{prefix}.{binding.action}", active.enabled)
    return [(display, word, action, enabled) for _, _, display, word, action, enabled in sorted(found.values())]


def _declared_position(namespace: DOMNode, binding: Binding) -> int:
    for i, declared in enumerate(getattr(type(namespace), "BINDINGS", ())):
        if isinstance(declared, Binding) and (declared.id or declared.action) == (binding.id or binding.action):
            return i
    return 1000


def keys_content(keys: list[tuple[str, str, str, bool]]) -> Content:
    parts: list[Content | str] = []
    for display, word, action, enabled in keys:
        click = Style.from_meta({"@click": action})
        parts.append(Content.styled(f" {display}", "bold" if enabled else "$text-disabled").stylize(click))
        parts.append(Content.styled(f" {word}", "$text-muted").stylize(click))
    return Content.assemble(*parts)


class KeyBar(Static):
    def on_mount(self) -> None:
        self._keys: list[tuple[str, str, str, bool]] | None = None
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen) -> None:
        keys = shown_keys(screen)
        if keys != self._keys:
            self._keys = keys
            self.update(keys_content(keys))
