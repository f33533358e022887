"""Garbage collection for large models: no pause a person can feel while editing.

A model of 20,000 entries keeps a few million objects alive (entries, the alignment's graph and
findings, the trees' nodes). Python's cyclic collector walks all of them on each full collection:
13 full collections and a longest pause of 142 ms in a 20,000-entry editing session. Most of those
objects live as long as the session, so after the model is loaded and after each full analysis they
are moved out of the collector's sight (`gc.freeze`); each later collection walks only what the edits
made since. Acyclic garbage, most of it, is still freed at once by reference counting; what a frozen
cycle holds stays until the app closes, when everything is handed back to the collector.
"""

from __future__ import annotations

import gc

FREEZE_FROM = 1500  # entries: below this a full collection takes a few milliseconds
# Long-lived objects made since the last freeze that call for another: the file's layout, built on the
# first edit (20,000 spans at 20,000 entries), not the few hundred each later edit leaves. A freeze
# also keeps what is garbage-to-be at that moment (a notification on screen) until the app closes,
# so it is done rarely, never edit by edit.
REFREEZE_FROM = 10_000


FULL_EVERY = 100  # young collections between full ones (Python's default: 10)


def settle(entries: int) -> None:
    """The objects alive now will mostly live as long as the session: keep the collector off them, and
    collect the rest in full ten times less often (what it walks then is what edits made since)."""
    if entries >= FREEZE_FROM:
        gc.freeze()
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, FULL_EVERY)


def settle_if_grown(entries: int) -> None:
    """After edits, once they pause: freeze again when the long-lived heap has grown a lot since."""
    if entries >= FREEZE_FROM and len(gc.get_objects(2)) >= REFREEZE_FROM:
        gc.collect(1)  # the young garbage first: what the edits threw away
        gc.freeze()


def release() -> None:
    """The session ends: everything frozen is the collector's again, on the usual schedule."""
    gc.unfreeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, DEFAULT_FULL_EVERY)


DEFAULT_FULL_EVERY = gc.get_threshold()[2]
