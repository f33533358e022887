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


def settle(entries: int) -> None:
    """The objects alive now will mostly live as long as the session: keep the collector off them."""
    if entries >= FREEZE_FROM:
        gc.freeze()


def release() -> None:
    """The session ends: everything frozen is the collector's again."""
    gc.unfreeze()
