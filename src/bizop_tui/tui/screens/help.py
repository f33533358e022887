"""The help: every key (from the bindings, as the keymap binds them), what the marks mean, how the panes
are laid out at this width, and what the score is made of (from the alignment itself)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from bizop_tui.alignment import Alignment
from bizop_tui.model.entities import ERROR, INFO, WARNING
from bizop_tui.tui.keys import KeyHelp
from bizop_tui.tui.text import SEVERITY_MARK, SEVERITY_VAR
from bizop_tui.tui.widgets.key_bar import KeyBar

LAYOUTS = {
    "narrow": "At this width one pane shows at a time: tab moves between the business model, the operating "
              "model and the alignment (or click their names at the top).",
    "medium": "At this width the business or the operating model (the one used last) sits beside the "
              "alignment; tab moves between them.",
    "wide": "At this width the business model, the operating model and the alignment sit side by side; "
            "tab moves between them.",
}


def help_content(sections: list[tuple[str, list[KeyHelp]]], layout: str, alignment: Alignment | None,
                 fix_key: str) -> Content:
    parts: list[Content | str] = [Content.styled("bizop keys", "bold")]
    width = max((len(k.keys) for _, keys in sections for k in keys), default=8) + 2
    for title, keys in sections:
        parts.append(Content.styled(f"\n\n{title}", "bold $accent"))
        for key in keys:
            parts += ["\n", Content.styled(f"{key.keys:<{width}}", "bold"), key.words]
    parts.append(Content.styled("\n\nMarks", "bold $accent"))
    for severity, word in ((ERROR, "an error"), (WARNING, "a warning"), (INFO, "a note")):
        parts += ["\n", Content.styled(f"{SEVERITY_MARK[severity]:<{width}}", f"bold {SEVERITY_VAR[severity]}"),
                  f"the entry's worst finding is {word}"]
    parts += ["\n", Content.styled(f"{'→':<{width}}", "bold $success"),
              "linked to the selected entry: what it names, what names it, and the chain it belongs to"]
    parts += ["\n", Content.styled(f"{'· planned':<{width}}", "italic"),
              "an entry's status when it is not active (planned, bet, retiring, external)"]
    parts.append(Content.styled("\n\nPanes", "bold $accent"))
    parts.append("\n" + LAYOUTS[layout])
    parts.append(Content.styled("\n\nThe score", "bold $accent"))
    parts.append("\nAlignment 0-100, in the title bar with its change and the counts of ✖ errors and ▲ warnings, "
                 "is the weighted mean of these sub-scores (those with nothing to check do not count):")
    for sub in alignment.subscores if alignment else ():
        parts += ["\n", Content.styled(f"  {sub.title} ({sub.weight})", "bold"), f": {sub.explains}"]
    parts.append(f"\nEach finding names its rule and, in the details, a hint that says how to settle it; where "
                 f"one link would settle it, {fix_key} opens the picker for that link. For the whole report with "
                 f"every rule explained, run: bizop review FILE")
    return Content.assemble(*parts)


class Help(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "close", id="close_help", tooltip="Close the help")]

    def __init__(self, content: Content) -> None:
        super().__init__()
        self.content = content
        self.help_text = content.plain

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(self.content)
        yield KeyBar(classes="key-bar")

    def action_close(self) -> None:
        self.dismiss(None)
