"""The help: every key (from the bindings, as the keymap binds them), what the marks mean, how the panes
are laid out at this width, and what the score is made of (from the alignment itself)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from bizop_tui.alignment import Alignment
from bizop_tui.model.entities import ERROR, INFO, WARNING
from bizop_tui.tui.keys import KeyHelp
from bizop_tui.tui.screens.dialogs import Dialog
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

Row = tuple[Content, Content]  # what is pressed or seen, and what it means
Section = tuple[str, list[Row] | Content]


def help_sections(keys: list[tuple[str, list[KeyHelp]]], layout: str, alignment: Alignment | None,
                  fix_key: str) -> list[Section]:
    sections: list[Section] = [
        (title, [(Content.styled(k.keys, "bold"), Content(k.words)) for k in found]) for title, found in keys
    ]
    marks: list[Row] = [
        (Content.styled(SEVERITY_MARK[severity], f"bold {SEVERITY_VAR[severity]}"),
         Content(f"the entry's worst finding is {word}"))
        for severity, word in ((ERROR, "an error"), (WARNING, "a warning"), (INFO, "a note"))
    ]
    marks.append((Content.styled("→", "bold $success"),
                  Content("linked to the selected entry: what it names, what names it, the chain it is in")))
    marks.append((Content.styled("· planned", "italic"),
                  Content("an entry's status when it is not active (planned, bet, retiring, external)")))
    marks.append((Content.styled("+ ~", "bold"),
                  Content("added or changed against the version compared with (another file, a git revision, or "
                          "the last save); the Alignment pane lists the entries removed, escape stops comparing")))
    sections += [("Marks", marks), ("Panes", Content(LAYOUTS[layout]))]
    score: list[Row] = [(Content.styled(f"{sub.title} ({sub.weight})", "bold"), Content(sub.explains))
                        for sub in (alignment.subscores if alignment else ())]
    sections.append(("The score: Alignment 0-100, the weighted mean of", score))
    sections.append(("Findings", Content(
        "The title bar shows the score, its last change and the counts of ✖ errors and ▲ warnings. Each finding's "
        f"hint, in the details, says how to settle it; where one link would, {fix_key} opens the picker for it. "
        "For the whole report, with every rule explained, run:  bizop review FILE")))
    return sections


def plain_help(sections: list[Section]) -> str:
    """The help as plain text, one line a row."""
    out = ["bizop keys"]
    for title, body in sections:
        out += ["", title]
        if isinstance(body, Content):
            out.append(body.plain)
        else:
            out += [f"{key.plain}  {words.plain}" for key, words in body]
    return "\n".join(out)


class Rows(Widget):
    """Rows of (what is pressed or seen, what it means) as two columns, the meaning wrapped beside its key:
    one widget for a whole section (a widget a cell made the help take half a second to open)."""

    DEFAULT_CSS = "Rows { height: auto; }"

    def __init__(self, rows: list[Row], **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows = rows
        self.key_width = min(max((key.cell_length for key, _ in rows), default=8) + 2, 28)
        self._laid_out: tuple[int, Content] | None = None

    def lay_out(self, width: int) -> Content:
        if self._laid_out is None or self._laid_out[0] != width:
            words_width = max(width - self.key_width, 10)
            out: list[Content] = []
            for key, words in self.rows:
                wrapped = words.wrap(words_width) or [Content("")]
                keys = key.wrap(self.key_width - 1) or [Content("")]
                for i in range(max(len(wrapped), len(keys))):
                    left = keys[i] if i < len(keys) else Content("")
                    right = wrapped[i] if i < len(wrapped) else Content("")
                    out.append(Content.assemble(left.pad_right(self.key_width - left.cell_length), right))
            self._laid_out = (width, Content("\n").join(out))
        return self._laid_out[1]

    def render(self) -> Content:
        return self.lay_out(self.size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lay_out(width).plain.split("\n"))


class Help(Dialog):
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "close", id="close_help", tooltip="Close the help")]

    def __init__(self, sections: list[Section]) -> None:
        super().__init__()
        self.sections = sections
        self.help_text = plain_help(sections)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(Content.styled("bizop keys", "bold"))
            for title, body in self.sections:
                yield Static(Content.styled(title, "bold $accent"), classes="help-title")
                yield Static(body) if isinstance(body, Content) else Rows(body, classes="help-rows")
        yield KeyBar(classes="key-bar")

    def action_close(self) -> None:
        self.close(None)
