"""A one-line title: the model name, the file, an unsaved marker, and user@host over SSH."""

from __future__ import annotations

import getpass
import os
import socket

from rich.text import Text
from textual.widgets import Static

from bizop_tui.tui.text import plain


def remote_identity() -> str | None:
    """user@host when the session came in over SSH, so the user knows whose file this is."""
    if not (os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_CLIENT")):
        return None
    try:
        user = getpass.getuser()
    except Exception:  # no user name in some containers
        user = "?"
    return f"{user}@{socket.gethostname()}"


class TitleBar(Static):
    def show(self, name: str, path: str | None, dirty: bool) -> None:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(" bizop ", style="bold reverse")
        text.append(" ")
        text.append_text(plain(name, "bold", limit=40))
        text.append(" · ", style="dim")
        text.append_text(plain(path or "unsaved copy (ctrl+s to save)", "dim" if path else "italic"))
        if dirty:
            text.append(" [+]", style="bold yellow")
        remote = remote_identity()
        if remote:
            text.append("  ")
            text.append_text(plain(remote, "reverse"))
        self.update(text)
