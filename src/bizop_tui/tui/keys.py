"""The keys, described from the bindings that define them: each binding with an id is a documented key,
its tooltip the sentence that explains it, and the keymap the person configured decides the key shown.
The help, the command palette and the README's key table all come from here."""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.app import App
from textual.binding import Binding


@dataclass(frozen=True, slots=True)
class KeyHelp:
    id: str
    keys: str  # as shown: "a", "^s", "? f1"
    words: str  # the tooltip: what it does
    action: str


def key_help(app: App, owner: type, keymap: dict[str, str]) -> list[KeyHelp]:
    """The documented keys of `owner` (a screen, widget or app class), as `keymap` binds them."""
    found: list[KeyHelp] = []
    seen: set[str] = set()
    for binding in getattr(owner, "BINDINGS", ()):
        if not isinstance(binding, Binding) or not binding.id or binding.id in seen:
            continue
        seen.add(binding.id)
        keys = keymap.get(binding.id, binding.key)
        shown = " ".join(app.get_key_display(replace(binding, key=key.strip(), key_display=None))
                         for key in keys.split(","))
        found.append(KeyHelp(binding.id, shown, binding.tooltip or binding.description, binding.action))
    return found


def binding_ids(*owners: type) -> set[str]:
    """Every binding id the keymap may name."""
    return {b.id for owner in owners for b in getattr(owner, "BINDINGS", ()) if isinstance(b, Binding) and b.id}
