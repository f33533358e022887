"""Open the app on a file (or the bundled sample): load first, so a bad file fails before the screen."""

from __future__ import annotations

import os
import sys

from bizop_tui.model.document import Document
from bizop_tui.model.errors import BizopError
from bizop_tui.model.journal import Journal
from bizop_tui.session import Session
from bizop_tui.templates import DEFAULT_SAMPLE, template_text


def open_document(file: str | None) -> Document:
    """The document to edit: FILE, or an unsaved copy of the bundled sample. Raises BizopError."""
    if file is None:
        return Document.from_text(template_text(DEFAULT_SAMPLE))
    return Document.open(file)


def require_terminal(streams=None, environ=None) -> None:
    """Refuse, before the app starts, when it could not read keys or draw: without a terminal it would
    draw into the void and ignore every key (over `ssh host bizop FILE`, forever). A browser session
    (`bizop serve`: Textual's web driver speaks through pipes on purpose) is the one exception."""
    environ = os.environ if environ is None else environ
    if environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver"):
        return
    streams = streams or {"stdin": sys.stdin, "stdout": sys.stdout, "stderr": sys.stderr}
    missing = [name for name, stream in streams.items() if not _is_terminal(stream)]
    if missing:
        names = ", ".join(missing[:-1]) + " and " + missing[-1] if len(missing) > 1 else missing[0]
        raise BizopError(
            f"the app needs a terminal, but {names} {'is not one' if len(missing) == 1 else 'are not terminals'}",
            hint="Over SSH, ask for a terminal:  ssh -t HOST bizop FILE\n"
                 "For a report without a terminal:  bizop review FILE  (or bizop check, bizop export)",
        )


def _is_terminal(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def exit_status(app) -> int:
    """The process's exit status: the app's own, and non-zero after a crash."""
    if app.return_code:
        return app.return_code
    return app.return_value or 0


def launch(file: str | None) -> int:
    require_terminal()
    document = open_document(file)
    from bizop_tui.tui.app import BizopApp

    session = Session(document, journal=Journal.for_file(file, fallback=DEFAULT_SAMPLE))
    app = BizopApp(session)
    try:
        app.run()
    finally:
        session.close()  # unsaved edits (a hang-up, a crash) stay in the journal for the next open
    return exit_status(app)
