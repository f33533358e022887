"""How a bizop command ends: its exit statuses, and the one-line messages for bad input and for a bug
in bizop (never a traceback). Shared by the command line (cli.py) and the quick start of the app
(start.py), so it imports no click."""

from __future__ import annotations

import sys
from typing import NoReturn

from bizop_tui.model.errors import BizopError
from bizop_tui.model.text import one_line

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_BUG = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 128 + 13  # SIGPIPE


def say(text: str) -> None:
    """A line for the person, on stderr."""
    print(text, file=sys.stderr, flush=True)


def fail(error: BizopError) -> NoReturn:
    """Bad input: what is wrong (file, line) and what to do; exit 2."""
    if error.path is None and error.line is None:  # not about a file: no "<model>:" in front
        text = one_line(error.message) + (f"\n{error.hint}" if error.hint else "")
    else:
        text = error.render()
    say(f"bizop: {text}")
    sys.exit(EXIT_BAD_INPUT)


def bug(error: BaseException) -> NoReturn:
    """bizop itself failed: one line, exit 3."""
    say(f"bizop: unexpected error ({type(error).__name__}: {one_line(str(error), 200)}); "
        "this is a bug in bizop, please report it with the command you ran")
    sys.exit(EXIT_BUG)


def never_fail_on_encoding() -> None:
    """Where the output cannot hold every character (PYTHONIOENCODING=ascii, an old terminal), print
    what it can and a stand-in for the rest rather than fail with an encoding error."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
