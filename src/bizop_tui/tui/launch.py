"""Open the app on a file (or the bundled sample): load first, so a bad file fails before the screen."""

from __future__ import annotations

import shlex
import sys

from bizop_tui.model.document import Document
from bizop_tui.model.errors import BizopError
from bizop_tui.model.journal import Journal
from bizop_tui.model.text import one_line
from bizop_tui.session import Session
from bizop_tui.templates import DEFAULT_SAMPLE, template_text


def open_document(file: str | None) -> Document:
    """The document to edit: FILE, or an unsaved copy of the bundled sample. Raises BizopError."""
    if file is None:
        return Document.from_text(template_text(DEFAULT_SAMPLE))
    return Document.open(file)


def exit_status(app) -> int:
    """The process's exit status: the app's own, and non-zero after a crash."""
    if app.return_code:
        return app.return_code
    return app.return_value or 0


def launch(file: str | None) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise BizopError("the app needs a terminal (standard input and output are not one)", path=file,
                         hint=f"For a report use:  bizop review {shlex.quote(one_line(file)) if file else 'FILE'}")
    document = open_document(file)
    from bizop_tui.tui.app import BizopApp

    session = Session(document, journal=Journal.for_file(file, fallback=DEFAULT_SAMPLE))
    app = BizopApp(session)
    app.run()
    return exit_status(app)
