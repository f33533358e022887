"""Pickers over entries: type to filter by name or id (case and accents ignored), Enter chooses.

`LinkPicker` edits the links of one entry, kind by kind (Tab switches): only the entries the schema
lets that kind name, linked ones first, in an order that stays put while the person toggles.
`SourcePicker` answers a finding's "which entry should name this one?": Enter links the chosen entry.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from bizop_tui.model.entities import Entry, LinkFix
from bizop_tui.model.vocabulary import BLOCKS_BY_KEY, LINKS_BY_KEY, LinkKind, link_kinds
from bizop_tui.session import Session, fold
from bizop_tui.tui.screens.dialogs import Dialog
from bizop_tui.tui.text import line
from bizop_tui.tui.widgets.key_bar import KeyBar
from bizop_tui.tui.widgets.safe_input import SafeInput

MAX_SHOWN = 300


class FilterInput(SafeInput):
    BINDINGS = [Binding("enter", "submit", "choose", id="choose", tooltip="Link or unlink the highlighted entry")]


class _EntryPicker(Dialog):
    """A filter box over a list of entries; subclasses give the entries and what choosing one does."""

    BINDINGS = [
        Binding("down", "move(1)", "down", show=False),
        Binding("up", "move(-1)", "up", show=False),
        Binding("pagedown", "move(10)", show=False),
        Binding("pageup", "move(-10)", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.shown: list[Entry] = []
        self._candidates: list[tuple[Entry, str]] = []  # (entry, folded name and id), in the order shown

    def compose(self) -> ComposeResult:
        with Vertical(classes="picker"):
            yield Static(classes="picker-title")
            yield FilterInput(placeholder="type to filter by name or id", id="picker-filter")
            yield OptionList(id="picker-list")
        yield KeyBar(classes="key-bar")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(FilterInput))

    def set_candidates(self, entries: list[Entry]) -> None:
        self._candidates = [(e, fold(e.name) + "\n" + fold(e.id)) for e in entries]

    def heading(self) -> Content:
        raise NotImplementedError

    def is_chosen(self, entry: Entry) -> bool:
        return False

    def nothing_to_show(self) -> str:
        return "nothing to choose from"

    def refresh_list(self, keep: str | None = None) -> None:
        """Show the candidates matching the filter; the highlight stays on `keep` when it is shown."""
        self.query_one(".picker-title", Static).update(self.heading())
        needle = fold(self.query_one(FilterInput).value.strip())
        matches = [e for e, folded in self._candidates if not needle or needle in folded]
        self.shown = matches[:MAX_SHOWN]
        options = [Option(self.prompt(e)) for e in self.shown]
        if len(matches) > MAX_SHOWN:
            options.append(Option(Content.styled(f"… {len(matches) - MAX_SHOWN} more: type to narrow",
                                                 "$text-muted"), disabled=True))
        if not matches:
            empty = "no matches" if needle else self.nothing_to_show()
            options.append(Option(Content.styled(empty, "italic $text-muted"), disabled=True))
        option_list = self.query_one(OptionList)
        option_list.set_options(options)
        ids = [e.id for e in self.shown]
        option_list.highlighted = ids.index(keep) if keep in ids else (0 if self.shown else None)

    def prompt(self, entry: Entry) -> Content:
        chosen = self.is_chosen(entry)
        return Content.assemble(
            Content.styled("☑ " if chosen else "☐ ", "bold $success" if chosen else ""),
            line(entry.name, limit=60),
            Content.styled(f"  {entry.block.noun} · ", "$text-muted"),
            line(entry.id, "$text-muted"),
        )

    @property
    def highlighted_entry(self) -> Entry | None:
        index = self.query_one(OptionList).highlighted
        return self.shown[index] if index is not None and index < len(self.shown) else None

    @on(Input.Changed, "#picker-filter")
    def _filter_changed(self) -> None:
        self.refresh_list()

    @on(Input.Submitted, "#picker-filter")
    def _enter(self) -> None:
        entry = self.highlighted_entry
        if entry is not None:
            self.choose(entry)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.shown):
            self.choose(self.shown[event.option_index])

    def choose(self, entry: Entry) -> None:
        raise NotImplementedError

    def action_move(self, step: int) -> None:
        if self.shown:
            option_list = self.query_one(OptionList)
            current = option_list.highlighted or 0
            option_list.highlighted = max(0, min(len(self.shown) - 1, current + step))

    def clear_filter(self) -> None:
        box = self.query_one(FilterInput)
        with box.prevent(Input.Changed):
            box.value = ""


class LinkPicker(_EntryPicker):
    """Returns the links that changed ({"supports": [...], "owner": "id" or None}), or None."""

    BINDINGS = [
        Binding("escape", "close", "done", id="done", tooltip="Close the picker, keeping the links as they are"),
        Binding("tab", "kind(1)", "next kind", id="next_kind", priority=True, tooltip="The next kind of link"),
        Binding("shift+tab", "kind(-1)", "previous kind", show=False, id="previous_kind", priority=True,
                tooltip="The previous kind of link"),
    ]

    def __init__(self, session: Session, entry_id: str, kind: str = "supports") -> None:
        super().__init__(session)
        entry = session.model.by_id[entry_id]
        self.entry_id = entry_id
        self.entry = entry
        self.kinds: tuple[LinkKind, ...] = link_kinds(entry.block)
        self.kind: LinkKind = LINKS_BY_KEY[kind] if LINKS_BY_KEY.get(kind) in self.kinds else self.kinds[0]
        self.values: dict[str, list[str]] = {k.key: list(entry.linked(k.key)) for k in self.kinds}

    def on_mount(self) -> None:
        super().on_mount()
        self.show_kind()

    def show_kind(self) -> None:
        """Offer what this kind of link may name: linked entries first, then the rest in file order."""
        allowed = set(self.kind.allowed(self.entry.block))
        linked = set(self.values[self.kind.key])
        entries = [e for e in self.session.model.entries()
                   if e.block.key in allowed and e.id != self.entry_id and self.session.model.by_id.get(e.id) is e]
        by_id = {e.id: e for e in entries}
        first = [by_id[i] for i in self.values[self.kind.key] if i in by_id]
        self.set_candidates(first + [e for e in entries if e.id not in linked])
        self.refresh_list()

    def heading(self) -> Content:
        parts: list[Content | str] = [Content.styled("Links of ", "bold"), line(self.entry.name, "bold", limit=40),
                                      ":  "]
        for kind in self.kinds:
            parts.append(Content.styled(f" {kind.key} ", "reverse bold" if kind is self.kind else "$text-muted"))
        parts.append(Content.styled(f"\n{self.kind.summary}", "$text-muted"))
        return Content.assemble(*parts)

    def nothing_to_show(self) -> str:
        blocks = ", ".join(BLOCKS_BY_KEY[k].title.lower() for k in self.kind.allowed(self.entry.block))
        return f"nothing to link yet: add one of these first ({blocks})"

    def is_chosen(self, entry: Entry) -> bool:
        return entry.id in self.values[self.kind.key]

    def choose(self, entry: Entry) -> None:
        values = self.values[self.kind.key]
        name = line(entry.name, limit=50).plain
        if entry.id in values:
            values.remove(entry.id)
            self.notify(f"Unlinked '{name}' ({self.kind.key}).", markup=False)
        else:
            if not self.kind.many:
                values.clear()
            values.append(entry.id)
            self.notify(f"Linked '{name}' ({self.kind.key}).", markup=False)
        self.refresh_list(keep=entry.id)

    def action_kind(self, step: int) -> None:
        self.kind = self.kinds[(self.kinds.index(self.kind) + step) % len(self.kinds)]
        self.clear_filter()
        self.show_kind()

    def changes(self) -> dict[str, object]:
        changed: dict[str, object] = {}
        for kind in self.kinds:
            now = self.values[kind.key]
            if now != list(self.entry.linked(kind.key)):
                changed[kind.key] = now if kind.many else (now[0] if now else None)
        return changed

    def action_close(self) -> None:
        self.close(self.changes() or None)


class SourcePicker(_EntryPicker):
    """For a finding's fix with no source: pick the entry that should name the target. Returns its id."""

    BINDINGS = [Binding("escape", "close", "cancel", id="cancel", tooltip="Close without linking anything")]

    def __init__(self, session: Session, fix: LinkFix) -> None:
        super().__init__(session)
        self.fix = fix
        self.entry_id = fix.target  # the entry this picker is about: it closes if a reload removes it
        self.target = session.model.by_id[fix.target]
        self.kind = LINKS_BY_KEY[fix.kind]

    def on_mount(self) -> None:
        super().on_mount()
        model, kind, target = self.session.model, self.kind, self.target
        among = set(self.fix.among) or {b for b in BLOCKS_BY_KEY if target.block.key in kind.allowed(BLOCKS_BY_KEY[b])}
        self.set_candidates([e for e in model.entries() if e.block.key in among and e.id != target.id
                             and model.by_id.get(e.id) is e and target.id not in e.linked(kind.key)])
        self.refresh_list()

    def heading(self) -> Content:
        return Content.assemble(Content.styled("Which entry should have '", "bold"),
                                line(self.target.name, "bold", limit=40),
                                Content.styled(f"' in its {self.kind.key}?", "bold"),
                                Content.styled(f"\n{self.kind.summary}", "$text-muted"))

    def choose(self, entry: Entry) -> None:
        self.close(entry.id)

    def action_close(self) -> None:
        self.close(None)
