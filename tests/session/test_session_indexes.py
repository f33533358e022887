"""What the session keeps up to date edit by edit instead of working out again on every key: who names
each entry, each entry's findings, its chain of support, and the entries found. After any series of
edits each answers as a fresh session on the same text would."""

from __future__ import annotations

import datetime as dt
import random

from bizop_tui.model.document import Document
from bizop_tui.session import Session
from bizop_tui.templates import template_text

TODAY = dt.date(2026, 11, 27)


def fresh(session: Session) -> Session:
    return Session(Document.from_text(session.document.text), today=TODAY)


def assert_same_answers(session: Session) -> None:
    other = fresh(session)
    for entry in session.model.entries():
        assert session.referrers(entry.id) == other.referrers(entry.id), entry.id
        assert session.linked(entry.id) == other.linked(entry.id), entry.id
        assert [f.key for f in session.findings_of(entry.id)] == [f.key for f in other.findings_of(entry.id)]
    for needle in ("prime", "aws", "delivery", "zzz"):
        assert session.find(needle) == other.find(needle)


def test_who_names_an_entry_follows_renames_relinks_deletes_adds_undo_and_redo():
    session = Session(Document.from_text(template_text("amazon")), today=TODAY)
    rng = random.Random(3)
    assert_same_answers(session)  # the indexes are built before the edits, then followed
    for step in range(30):
        entries = list(session.model.entries())
        entry = rng.choice(entries)
        others = [e.id for e in entries if e.id != entry.id]
        roll = step % 6
        if roll == 0:
            session.update_entry(entry.id, {"id": entry.id + "-x"})  # every link to it follows
        elif roll == 1 and entry.side == "operating":
            session.update_entry(entry.id, {"supports": rng.sample(others, 2)})
        elif roll == 2:
            session.delete_entry(entry.id)
        elif roll == 3:
            session.add_entry(entry.block.path, {"name": f"New {step}", "supports": rng.sample(others, 1)
                                                 if entry.side == "operating" else []})
        elif roll == 4:
            session.undo()
        else:
            session.redo()
        assert_same_answers(session)


def test_the_next_match_of_the_same_find_is_not_searched_again_but_an_edit_searches_anew():
    session = Session(Document.from_text(template_text("amazon")), today=TODAY)
    first = session.find("prime")
    assert session.find("Prime") is first
    target = next(i for i in first if "prime" not in i)  # found by its name, not its id
    session.update_entry(target, {"name": "Renamed"})
    assert target not in session.find("prime")


def test_tab_back_to_a_recent_selection_does_not_walk_its_chain_again_but_an_edit_does():
    """Tab between the panes selects each pane's entry in turn: on a large model each chain is a walk of
    thousands of entries, so the last few are kept, for as long as the model and its alignment are."""
    session = Session(Document.from_text(template_text("amazon")), today=TODAY)
    marks = session.linked("vp-prime-video")
    session.linked("seg-prime-members")
    assert session.linked("vp-prime-video") is marks
    for entry in list(session.model.entries())[:8]:  # more selections than are kept
        session.linked(entry.id)
    assert session.linked("vp-prime-video") is not marks
    marks = session.linked("vp-prime-video")
    session.update_entry("seg-prime-members", {"name": "Members"})
    assert session.linked("vp-prime-video") is not marks
    assert_same_answers(session)


def test_a_rename_keeps_the_chains_walked_and_a_new_link_walks_them_again():
    """What an entry reaches through supports is walked once for as long as no link changes: renaming
    an entry keeps it, and a new link makes the chains be walked anew."""
    session = Session(Document.from_text(template_text("amazon")), today=TODAY)
    start = next(e for e in session.model.entries("operating") if e.supports)
    reached = session.reached(start.id)
    session.update_entry(start.id, {"name": "Renamed"})
    assert session.reached(start.id) is reached
    target = next(e for e in session.model.entries("business") if e.id not in reached)
    session.update_entry(start.id, {"supports": [*start.supports, target.id]})
    assert target.id in session.reached(start.id)
    assert_same_answers(session)
