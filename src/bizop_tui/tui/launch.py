"""Open the app on a file (or the bundled sample): load first, so a bad file fails before the screen."""

from __future__ import annotations

from bizop_tui.model.document import Document
from bizop_tui.model.journal import Journal
from bizop_tui.templates import DEFAULT_SAMPLE, template_text


def open_document(file: str | None) -> Document:
    """The document to edit: FILE, or an unsaved copy of the bundled sample. Raises BizopError."""
    if file is None:
        return Document.from_text(template_text(DEFAULT_SAMPLE))
    return Document.open(file)


def launch(file: str | None) -> int:
    document = open_document(file)
    from bizop_tui.tui.app import BizopApp

    journal = Journal.for_file(file, fallback=DEFAULT_SAMPLE)
    result = BizopApp(document, journal=journal).run()
    return result or 0
