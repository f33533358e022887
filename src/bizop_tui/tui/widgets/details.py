"""The details area: the selected finding (its hint, and the link that would settle it), then the selected
entry: its fields, each kind of link it has, and the entries that name it, all as plain text."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from bizop_tui.alignment.rules.costs import money
from bizop_tui.model.entities import Entry, Finding, LinkFix
from bizop_tui.model.vocabulary import ACTIVE, BLOCKS_BY_KEY, LINK_KINDS, LINKS_BY_KEY, STATUSES, link_kinds
from bizop_tui.session import Session
from bizop_tui.tui.text import SEVERITY_MARK, SEVERITY_VAR, line, lines

# How the entries that name the selection by each kind of link are introduced.
NAMED_BY = {"supports": "supported by", "segments": "served by", "owner": "owns", "conflicts": "in conflict with"}
NAMES_SHOWN = 8


@dataclass(frozen=True, eq=False)
class Selection:
    """What the details show: an entry, a finding, or both (a finding in the Alignment pane)."""

    session: Session
    entry_id: str | None = None
    finding: Finding | None = None
    fix_key: str = "f"  # the key that makes a finding's link, as the keymap has it


def _names(session: Session, ids, limit: int = NAMES_SHOWN) -> Content:
    ids = list(ids)
    if not ids:
        return Content.styled("nothing", "$text-muted")
    parts: list[Content | str] = []
    for i, entry_id in enumerate(ids[:limit]):
        if i:
            parts.append(Content.styled(", ", "$text-muted"))
        entry = session.entry(entry_id)
        parts.append(line(entry.name) if entry else line(f"{entry_id} (unknown id)", "$error"))
    if len(ids) > limit:
        parts.append(Content.styled(f", … {len(ids) - limit} more", "$text-muted"))
    return Content.assemble(*parts)


def _field(label: str, value: Content) -> Content:
    return Content.assemble(Content.styled(f"\n{label}: ", "$text-muted"), value)


def fix_wording(fix: LinkFix, session: Session) -> str:
    """What the fix key does, in words: 'pick the owner of this entry', 'pick what should support it'."""
    kind = LINKS_BY_KEY.get(fix.kind)
    among = ", ".join(BLOCKS_BY_KEY[k].noun for k in fix.among if k in BLOCKS_BY_KEY)
    if fix.target is None:
        what = f"pick the {fix.kind}" if kind is not None and not kind.many else f"pick what it names in {fix.kind}"
    else:
        what = f"pick the entry that should name it in {fix.kind}"
    return what + (f" ({among})" if among else "")


def finding_content(finding: Finding, session: Session, fix_key: str) -> Content:
    parts: list[Content | str] = [
        Content.styled(SEVERITY_MARK[finding.severity] + " ", SEVERITY_VAR[finding.severity]),
        lines(finding.message),
    ]
    if finding.hint:
        parts.append(Content.styled("\n  hint: ", "$text-muted"))
        parts.append(lines(finding.hint))
    if finding.fix is not None:
        parts.append(Content.styled(f"\n  {fix_key}: ", "bold $accent"))
        parts.append(fix_wording(finding.fix, session))
    return Content.assemble(*parts)


def entry_content(session: Session, entry: Entry, fix_key: str, skip: Finding | None = None) -> Content:
    parts: list[Content | str] = [line(entry.name, "bold"), Content.styled(f"  {entry.block.title}", "$text-muted")]
    if entry.status != ACTIVE:
        parts.append(Content.styled(f" · {entry.status}", "italic"))
    parts += [Content.styled("  id ", "$text-muted"), line(entry.id)]
    if entry.line:
        parts.append(Content.styled(f"  line {entry.line}", "$text-muted"))
    for finding in session.findings_of(entry.id):  # first: what to fix is what the person came for
        if finding is not skip:
            parts += ["\n", finding_content(finding, session, fix_key)]
    if entry.status != ACTIVE:
        parts.append(_field("status", Content(f"{entry.status}: {STATUSES[entry.status]}")))
    for kind in link_kinds(entry.block):
        named = entry.linked(kind.key)
        if named or kind.key == "supports":
            parts.append(_field(kind.key, _names(session, named)))
    referrers = session.referrers(entry.id)
    graph = session.alignment.graph if session.alignment else None
    for kind in LINK_KINDS:
        ids = referrers.get(kind.key, [])
        if ids or (kind.key == "supports" and entry.block.key in _SUPPORTABLE):
            parts.append(_field(NAMED_BY[kind.key], _names(session, ids)))
        if kind.key == "supports" and graph is not None:
            named = set(ids)
            indirect = [i for i in session.supporters(entry.id) if i not in named and i != entry.id]
            if indirect:
                parts.append(_field("  and through them", _names(session, indirect, 6)))
    if entry.tags:
        parts.append(_field("tags", line(", ".join(entry.tags))))
    for key in ("amount", "cost"):
        value = getattr(entry, key)
        if value is not None:
            parts.append(_field(key, line(money(value, session.model.currency))))
    if entry.reviewed:
        parts.append(_field("reviewed", Content(str(entry.reviewed))))
    if entry.notes:
        parts.append(_field("notes", lines(entry.notes)))
    return Content.assemble(*parts)


# Blocks whose entries others name in `supports`: for them "supported by: nothing" is worth saying.
_SUPPORTABLE = {key for kind in LINK_KINDS if kind.key == "supports" for targets in kind.targets.values()
                for key in targets}


class Details(Static):
    """Bound to the main screen's `selection`; never markup."""

    selection: var[Selection | None] = var(None)

    def watch_selection(self, selection: Selection | None) -> None:
        # The area has a fixed height (app.tcss), so a new selection never moves anything else: no layout
        # of the screen, which costs more than the rest of a move (a Static does not scroll its own text).
        self.update(self.content_for(selection), layout=False)

    @staticmethod
    def content_for(selection: Selection | None) -> Content:
        entry = selection.session.entry(selection.entry_id) if selection else None
        finding = selection.finding if selection else None
        if selection is None or (entry is None and finding is None):
            return Content.styled("Select an entry to see its links: Enter edits it, a adds one, l links it.",
                                  "$text-muted")
        parts: list[Content | str] = []
        if finding is not None:
            parts.append(finding_content(finding, selection.session, selection.fix_key))
        if entry is not None:
            if parts:
                parts.append("\n")
            parts.append(entry_content(selection.session, entry, selection.fix_key, skip=finding))
        return Content.assemble(*parts)
