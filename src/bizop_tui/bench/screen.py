"""Key response in the app, headless: from a key's arrival to the last screen update it caused.

Pilot waits for the process to look idle in steps of 20 ms, far coarser than what is measured here, so
keys are sent as the terminal driver sends them and the screen's updates are timed as they are handed to
the terminal (each update is also encoded to the escape codes a terminal would get, and its bytes
counted, so that cost is in the figure too). The same stopwatch times a bare Textual Tree of the same
size, the floor every key of the main screen is held to.
"""

from __future__ import annotations

import asyncio
import statistics
import time
import unicodedata
from collections.abc import Awaitable, Callable

from textual import events
from textual.app import App, ComposeResult
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.widgets import Input, Tree

QUIET_S = 0.08  # no screen update for this long after a key: its response is complete
LIMIT_S = 5.0  # a key still updating the screen after this is reported as this


class Stopwatch:
    """Records when the app hands each screen update to the terminal, and its size in bytes."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.updates: list[tuple[float, int]] = []
        display = app._display

        def timed_display(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is not None and not app._batch_count:
                size = 0
                render = getattr(renderable, "render_segments", None)
                if render is not None:  # the work the terminal driver would do, done here too
                    size = len(render(app.console).encode("utf-8"))
                self.updates.append((time.perf_counter(), size))

        app._display = timed_display

    async def quiet(self, since: float) -> None:
        """Wait until the app has neither changed the screen nor held the event loop for QUIET_S (or until
        LIMIT_S has passed since `since`). A nap that overruns means the loop was busy: not quiet yet."""
        busy = since
        while True:
            asked = time.perf_counter()
            await asyncio.sleep(0.002)
            now = time.perf_counter()
            if now - asked > 0.006:
                busy = now
            last = self.updates[-1][0] if self.updates else since
            if now - max(last, busy) >= QUIET_S or now - since >= LIMIT_S:
                return

    async def time(self, act: Callable[[], object]) -> tuple[float, int]:
        """(ms from `act` to the last screen update it caused, bytes of those updates)."""
        await self.quiet(time.perf_counter())
        self.updates.clear()
        start = time.perf_counter()
        result = act()
        if isinstance(result, Awaitable):
            await result
        await self.quiet(start)
        updates = [u for u in self.updates if u[0] >= start]
        if not updates:
            return 0.0, 0
        return (updates[-1][0] - start) * 1000, sum(size for _, size in updates)

    def key(self, key: str) -> Callable[[], None]:
        """An action that delivers `key` as the terminal driver would."""
        return lambda: send_key(self.app, key)


def send_key(app: App, key: str) -> None:
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


def side_tree_items(model) -> list[tuple[str, list[tuple[str, str]]]]:
    """(block title, [(entry id, name)]) of both sides of `model`, as the bare tree shows them."""
    from bizop_tui.model.vocabulary import BUSINESS, BLOCKS_BY_SIDE, OPERATING

    return [(block.title, [(e.id, e.name) for e in model.blocks[block.path]])
            for side in (BUSINESS, OPERATING) for block in BLOCKS_BY_SIDE[side]]


class BareTree(App):
    """The floor: a bare Textual Tree holding the same blocks and entries, the first block open."""

    def __init__(self, items: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.items = items

    def compose(self) -> ComposeResult:
        tree: Tree[str] = Tree("model")
        tree.show_root = False
        for i, (title, entries) in enumerate(self.items):
            block = tree.root.add(title, expand=i == 0)
            for entry_id, name in entries:
                block.add_leaf(name, data=entry_id)
        yield tree

    def on_mount(self) -> None:
        tree = self.query_one(Tree)
        tree.cursor_line = 1
        tree.focus()


def no_blinking() -> None:
    """Text boxes stop blinking their cursor, so a blink is never timed as a key's response."""
    Input.cursor_blink = False  # type: ignore[assignment]


async def key_figures(path: str, entries: int, presses: int, size=(160, 48)) -> dict[str, list[float]]:
    """Every main-screen key, timed `presses` times each, beside a bare Tree's Down in turns.

    Returns lists of samples in ms ("<figure>") and bytes ("<figure>_bytes").
    """
    from bizop_tui.model.document import Document
    from bizop_tui.session import Session
    from bizop_tui.tui.app import BizopApp
    from bizop_tui.tui.config import Config

    no_blinking()
    document = Document.open(path)
    session = Session(document)
    app = BizopApp(session, watch_interval=0, config=Config(path=None))
    bare = BareTree(side_tree_items(document.model))
    samples: dict[str, list[float]] = {}

    def add(name: str, figure: tuple[float, int]) -> None:
        samples.setdefault(name, []).append(figure[0])
        samples.setdefault(name + "_bytes", []).append(figure[1])

    async with bare.run_test(size=size) as bare_pilot, app.run_test(size=size) as pilot:
        floor, watch = Stopwatch(bare), Stopwatch(app)
        main = app.main_screen
        while app.session.alignment is None:  # the first analysis of a large model runs off the UI thread
            await asyncio.sleep(0.01)
        await pilot.pause()
        some = next(e for e in document.model.entries() if e.side == "operating")
        main.last_find = some.name.split()[0]  # a word many entries share, so n always moves
        for n in range(presses):
            add("bare_down", await floor.time(floor.key("down")))
            add("down", await watch.time(watch.key("down")))
            add("up", await watch.time(watch.key("up")))
            add("bare_down", await floor.time(floor.key("down")))
            add("tab", await watch.time(watch.key("tab")))  # business -> operating
            add("tab_to_alignment", await watch.time(watch.key("tab")))
            add("down_findings", await watch.time(watch.key("down")))
            add("tab_to_business", await watch.time(watch.key("tab")))
            add("bare_down", await floor.time(floor.key("down")))
            add("find_next", await watch.time(watch.key("n")))
            add("open_help", await watch.time(watch.key("question_mark")))
            add("close_help", await watch.time(watch.key("escape")))
            add("open_form", await watch.time(watch.key("enter")))
            add("close_form", await watch.time(watch.key("escape")))
            add("bare_down", await floor.time(floor.key("down")))
            add("open_find", await watch.time(watch.key("slash")))
            add("close_find", await watch.time(watch.key("escape")))
            if main.current_pane != "business":
                main.focus_pane("business")
    return samples


def medians(samples: dict[str, list[float]]) -> dict[str, float]:
    return {name: statistics.median(values) for name, values in samples.items()}
