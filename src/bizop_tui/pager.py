"""Paging a long report the way git does: only at a terminal, only when it is taller than the screen.

The pager is $BIZOP_PAGER, else $PAGER, else `less -R` (with LESS=FRX unless LESS is set, so colour
is kept, a short report is not paged, and the report stays on the screen after quitting). An empty
value or `cat` turns paging off. The command is run by the shell, as git runs its pager.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Mapping
from typing import TextIO

DEFAULT_PAGER = "less -R"
NOT_FOUND = 127  # the shell's status for a command it cannot find


def pager_command(environ: Mapping[str, str]) -> str | None:
    """The pager to run, or None when paging is turned off (or there is no pager to run)."""
    for name in ("BIZOP_PAGER", "PAGER"):
        if name in environ:
            value = environ[name].strip()
            return None if value in ("", "cat") else value
    return DEFAULT_PAGER if shutil.which("less") else None


def should_page(text: str, out: TextIO, rows: int) -> bool:
    """Page when writing to a terminal and the text would scroll its first line off the screen."""
    try:
        at_terminal = out.isatty()
    except (AttributeError, ValueError, OSError):
        return False
    return at_terminal and text.count("\n") >= max(rows - 1, 1)


def page(text: str, command: str, environ: Mapping[str, str] | None = None) -> int:
    """Show `text` through `command`; returns the pager's exit status.

    Ctrl+C belongs to the pager while it runs (bizop waits for it instead of dying under it), and a
    pager that quits before reading everything is not an error.
    """
    env = dict(os.environ if environ is None else environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
        try:
            pager.stdin.write(text.encode("utf-8", "replace"))
            pager.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        return pager.wait()  # 127: the shell found no such command
    finally:
        signal.signal(signal.SIGINT, previous)
