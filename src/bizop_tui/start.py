"""The `bizop` command. `bizop FILE` and `bizop` alone, what is typed most, open the app without
loading the command line's parser (click, about 30 ms of the first frame); anything else (a command,
an option, more words, shell completion) goes to cli.py, which also opens the app for `bizop open`."""

from __future__ import annotations

import os
import sys

# The first words cli.py takes as commands (tests/cli/test_cli_start.py holds the two together).
COMMANDS = frozenset({"check", "diff", "export", "impact", "import", "new", "open", "review", "roadmap", "rules",
                      "schema", "serve", "textconv"})


def opens_app(args: list[str]) -> bool:
    """Whether the words after `bizop` only name a file to open (or nothing: the bundled sample)."""
    if "_BIZOP_COMPLETE" in os.environ or len(args) > 1:
        return False
    return not args or not (args[0].startswith("-") or args[0] in COMMANDS)


def main() -> None:
    args = sys.argv[1:]
    if not opens_app(args):
        from bizop_tui.cli import main as command_line

        command_line()
        return
    from bizop_tui.exits import EXIT_FAILED, bug, fail, never_fail_on_encoding, say
    from bizop_tui.model.errors import BizopError

    never_fail_on_encoding()
    try:
        from bizop_tui.tui.launch import launch

        status = launch(args[0] if args else None)
    except BizopError as error:
        fail(error)
    except KeyboardInterrupt:  # ctrl+c while a large file loads, before the app has the keys
        say("Aborted!")
        sys.exit(EXIT_FAILED)
    except Exception as error:  # noqa: BLE001 - the promise: never a traceback
        bug(error)
    sys.exit(status)
