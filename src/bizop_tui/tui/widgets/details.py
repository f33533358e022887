"""The details area: the selected finding (its hint, and the link that would settle it), then the selected
entry: how it differs from the version compared with, its findings, why it counts as delivered (who
earned its checks), its fields, each kind of link it has, the entries that name it, and for a segment
its revenue against its cost to serve, all as plain text."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from bizop_tui.alignment.result import FULL
from bizop_tui.alignment.rules.costs import money
from bizop_tui.model.changes import ADDED, CHANGED
from bizop_tui.model.entities import Entry, Finding, LinkFix
from bizop_tui.model.text import one_line
from bizop_tui.model.vocabulary import (ACTIVE, BLOCKS_BY_KEY, LINK_KINDS, LINKS_BY_KEY, PROMISE_BLOCKS, STATUSES,
                                        link_kinds)
from bizop_tui.session import Session
from bizop_tui.tui.text import SEVERITY_MARK, SEVERITY_VAR, line, lines

# How the entries that name the selection by each kind of link are introduced.
NAMED_BY = {"supports": "supported by", "segments": "served by", "owner": "owns", "conflicts": "in conflict with"}
NAMES_SHOWN = 8
# Who earned a check: the nearest few are looked for (a walk up the chain that stops there), and how many
# more is said exactly below this many.
BY_LOOKED_AT = 9
# From this many entries, a segment's cost to serve (an allocation over every link, once an alignment:
# a tenth of a second at 20,000 entries) is shown once the cursor rests there, not on every key.
LATER_FROM = 2000
LATER_DELAY = 0.15  # seconds


@dataclass(frozen=True, eq=False)
class Selection:
    """What the details show: an entry, a finding, or both (a finding in the Alignment pane)."""

    session: Session
    entry_id: str | None = None
    finding: Finding | None = None
    fix_key: str = "f"  # the key that makes a finding's link, as the keymap has it


def _names(session: Session, ids, limit: int = NAMES_SHOWN, name_limit: int | None = None,
           at_least: bool = False, total: int | None = None) -> Content:
    """Up to `limit` names of `ids`, then how many more: of `total` when given (`ids` are the first of
    them), else of `ids` (`at_least`: `ids` stops short of them all)."""
    ids = list(ids)
    if not ids:
        return Content.styled("nothing", "$text-muted")
    parts: list[Content | str] = []
    for i, entry_id in enumerate(ids[:limit]):
        if i:
            parts.append(", ")  # in the names' colour: a change of colour per name is 13 bytes over SSH
        entry = session.entry(entry_id)
        parts.append(line(entry.name, limit=name_limit) if entry else line(f"{entry_id} (unknown id)", "$error"))
    total = len(ids) if total is None else total
    if total > limit:
        more = f"at least {total - limit}" if at_least else str(total - limit)
        parts.append(Content.styled(f", … {more} more", "$text-muted"))
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
    if finding.at_stake:
        parts.append(Content.styled(f"\n  at stake {money(finding.at_stake, session.model.currency)}", "bold"))
    if finding.hint:
        parts.append(Content.styled("\n  hint: ", "$text-muted"))
        parts.append(lines(finding.hint))
    if finding.fix is not None:
        parts.append(Content.styled(f"\n  {fix_key}: ", "bold $accent"))
        parts.append(fix_wording(finding.fix, session))
    return Content.assemble(*parts)


def entry_content(session: Session, entry: Entry, fix_key: str, skip: Finding | None = None, costly: bool = True
                  ) -> Content:
    parts: list[Content | str] = [line(entry.name, "bold"), Content.styled(f"  {entry.block.title}", "$text-muted")]
    if entry.status != ACTIVE:
        parts.append(Content.styled(f" · {entry.status}", "italic"))
    parts += [Content.styled("  id ", "$text-muted"), line(entry.id)]
    if entry.line:
        parts.append(Content.styled(f"  line {entry.line}", "$text-muted"))
    parts += change_content(session, entry)
    for finding in session.findings_of(entry.id):  # first: what to fix is what the person came for
        if finding is not skip:
            parts += ["\n", finding_content(finding, session, fix_key)]
    if entry.status != ACTIVE:
        parts.append(_field("status", Content(f"{entry.status}: {STATUSES[entry.status]}")))
    if costly:
        parts += why_content(session, entry)
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
            indirect = len(session.reaching(entry.id) - named - {entry.id})
            if indirect:
                nearest = session.supporters(entry.id, 6, skip=named)
                parts.append(_field("  and through them", _names(session, nearest, 6, total=indirect)))
    if costly and entry.block.key == "customer_segments":
        parts += money_content(session, entry)
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


def change_content(session: Session, entry: Entry) -> list[Content | str]:
    """'~ changed since the last save: supports + 'A'', as bizop diff words it; nothing when it is the same."""
    baseline = session.baseline
    mark = baseline.marks.get(entry.id) if baseline is not None else None
    if mark not in (ADDED, CHANGED):
        return []
    saved = baseline.since_save
    if mark == ADDED:
        said = f"added since {baseline.short}" if saved else f"not in {baseline.short}"
        return ["\n", Content.styled(f"{ADDED} ", "bold $success"), line(said)]
    said = f"changed since {baseline.short}" if saved else f"differs from {baseline.short}"
    change = baseline.change_of(entry.id)
    if change is not None:
        from bizop_tui.report.diff import change_details  # with the comparison (main_compare.py)

        def name(entry_id: str) -> str:
            named = session.entry(entry_id) or baseline.old.by_id.get(entry_id)
            return f"'{one_line(named.name)}'" if named else f"{one_line(entry_id)} (no entry has this id)"

        said += ": " + "; ".join(change_details(change, name, one_line))
    return ["\n", Content.styled(f"{CHANGED} ", "bold $accent"), line(said)]


CREDIT_MARKS = ((FULL, "✓", "$success"), (1, "◐", "$warning"), (0, "✗", "$error"))


def why_content(session: Session, entry: Entry) -> list[Content | str]:
    """For a promise (a value proposition, channel, relationship or revenue stream): each check it was
    judged by, and the entry that earned a pass (the rest of the chain: the impact key)."""
    judged = session.checks_of(entry.id) if entry.block.key in PROMISE_BLOCKS else []
    checks = [check for _, check in judged]
    passed = sum(check.passed for check in checks)
    if not passed:
        return []  # undelivered: its finding says so, and what it lacks
    delivered = any(key == "delivery" and c.passed for key, c in judged)
    heading = "why delivered" if delivered else "its checks"
    parts: list[Content | str] = [_field(heading, Content.styled(f"{passed} of {len(checks)} checks pass",
                                                                  "$text-muted"))]
    for check in checks:
        mark, style = next((m, s) for least, m, s in CREDIT_MARKS if check.credit >= least)
        parts += ["\n  ", Content.styled(mark + " ", style), line(_check_words(check.reason))]
        by, beyond = check.first_by(BY_LOOKED_AT) if check.credit else ([], False)
        if by:
            parts += [Content.styled(": ", "$text-muted"), _names(session, by, 1, name_limit=34, at_least=beyond)]
    return parts


def money_content(session: Session, entry: Entry) -> list[Content | str]:
    """A segment's revenue against its cost to serve, as the review's table has them; nothing without amounts."""
    found = session.segment_money(entry.id)
    if found is None:
        return []
    row, source = found
    currency = session.model.currency
    return [_field("revenue", line(money(row.revenue, currency))),
            Content.styled(f" a year, cost to serve {money(row.cost, currency)}, margin ", "$text-muted"),
            line(money(row.margin, currency), "$error" if row.margin < 0 else ""),
            Content.styled(f" ({source} allocated along the links)", "$text-muted")]


def _check_words(reason: str) -> str:
    """A check's reason, shortened where the names that follow say it: 'a process: direct' -> 'a process'."""
    reason = reason.replace("has operating support", "operating support")
    for said_by_the_names in (" (direct)", ": direct", ": present"):
        reason = reason.removesuffix(said_by_the_names)
    what, _, state = reason.rpartition(": ")
    return f"{what} ({state})" if what else reason


# Blocks whose entries others name in `supports`: for them "supported by: nothing" is worth saying.
_SUPPORTABLE = {key for kind in LINK_KINDS if kind.key == "supports" for targets in kind.targets.values()
                for key in targets}


class Details(Static):
    """Bound to the main screen's `selection`; never markup. The area has a fixed height: what does not
    fit is scrolled to with scroll(), and its last row says how much lies below (the why-delivered
    lines of a promise with findings fall below the fold at 80x24)."""

    selection: var[Selection | None] = var(None)
    more_key: str = "J"  # the key that scrolls the details, as the keymap has it (set by the screen)
    _top = 0  # the first line shown of the wrapped content
    _wrapped: tuple[object, int, list[Content]] | None = None  # (content, width, its lines at that width)

    def watch_selection(self, selection: Selection | None) -> None:
        # The area has a fixed height (app.tcss), so a new selection never moves anything else: no layout
        # of the screen, which costs more than the rest of a move.
        entry = selection.session.entry(selection.entry_id) if selection is not None else None
        later = (entry is not None and entry.block.key == "customer_segments"
                 and len(selection.session.model) >= LATER_FROM and not selection.session.segment_money_known())
        self._top = 0
        self.update(self.content_for(selection, costly=not later), layout=False)
        if later:
            self.set_timer(LATER_DELAY, lambda: self._show_in_full(selection))

    def _show_in_full(self, selection: Selection) -> None:
        if self.selection is selection:  # the cursor rested there
            self.update(self.content_for(selection), layout=False)

    def scroll(self, step: int) -> bool:
        """Scroll the text `step` lines (down when positive); False when it cannot go that way."""
        lines, height = self._lines(), self.content_size.height
        top = max(0, min(self._top + step, max(len(lines) - height + 1, 0)))
        if len(lines) <= height or top == self._top:
            return False
        self._top = top
        self.refresh()
        return True

    def _lines(self) -> list[Content]:
        content, width = self.content, self.content_size.width
        if not isinstance(content, Content) or width <= 0:
            return []
        if self._wrapped is None or self._wrapped[0] is not content or self._wrapped[1] != width:
            self._wrapped = (content, width, [line for part in content.split("\n") for line in
                                              (part.wrap(width) or [Content("")])])
        return self._wrapped[2]

    def render(self):
        # The lines come wrapped from _lines() and are drawn as they are (app.tcss: text-wrap: nowrap), so
        # the text is wrapped once per selection, not twice.
        lines, height = self._lines(), self.content_size.height
        if not lines:
            return self.visual
        if len(lines) <= height or height < 2:
            return Content("\n").join(lines)
        top = min(self._top, len(lines) - height + 1)
        shown = lines[top : top + height - (top > 0)]
        below = len(lines) - top - len(shown)
        if below > 0:
            below += 1
            shown = shown[:-1] + [Content.styled(f"↓ {below} more line{'s' if below > 1 else ''}: "
                                                 f"{self.more_key} scrolls", "$text-muted")]
        if top > 0:
            shown = [Content.styled(f"↑ {top} line{'s' if top > 1 else ''} above", "$text-muted")] + shown
        return Content("\n").join(shown)

    @staticmethod
    def content_for(selection: Selection | None, costly: bool = True) -> Content:
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
            parts.append(entry_content(selection.session, entry, selection.fix_key, skip=finding, costly=costly))
        return Content.assemble(*parts)
