"""An entry's lifecycle as the engine reads it: its status, or "retiring" when it says it is being phased out."""

from __future__ import annotations

import re
from functools import lru_cache

from bizop_tui.alignment.concepts import Match, concept, find_in
from bizop_tui.model.entities import Entry
from bizop_tui.model.vocabulary import ACTIVE, BET, EXTERNAL, PLANNED, RETIRING

# Statuses under which a business entry is part of the business today (operating entries serving it
# earn their place), and under which an operating entry delivers today (a bet is an experiment: it
# does not keep today's promises; a planned entry does nothing yet).
SERVES_TODAY = frozenset({ACTIVE, EXTERNAL, BET})
DELIVERS_TODAY = frozenset({ACTIVE, EXTERNAL, RETIRING})
# Promises bizop holds the operating model to: not planned (tomorrow), retiring (being let go),
# external (kept by someone else) or a bet (an experiment).
JUDGED = frozenset({ACTIVE})

_FIRST_SENTENCE = re.compile(r"^[^.!?\n]*")


def status_of(entry: Entry) -> str:
    """The entry's status; an active entry whose name, tags or first sentence of notes says it is being
    discontinued counts as retiring."""
    if entry.status != ACTIVE:
        return entry.status
    return RETIRING if described_as_discontinued(entry) else ACTIVE


def described_as_discontinued(entry: Entry) -> Match | None:
    """Where an entry marked active says it is being phased out (only the first sentence of the notes
    counts: later ones often speak of other things)."""
    if entry.status != ACTIVE:
        return None
    return _discontinued(entry.name, entry.id, entry.tags, entry.notes)


@lru_cache(maxsize=65536)  # asked several times per entry and analysis; entries rarely change
def _discontinued(name: str, entry_id: str, tags: tuple[str, ...], notes: str) -> Match | None:
    first = _FIRST_SENTENCE.match(notes)
    known = concept("discontinued")
    return find_in(known.terms, name, entry_id, tags, first.group() if first else "", known.note_terms)


__all__ = ["ACTIVE", "BET", "EXTERNAL", "PLANNED", "RETIRING", "DELIVERS_TODAY", "JUDGED", "SERVES_TODAY",
           "described_as_discontinued", "status_of"]
