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
from textual.screen import ModalScreen
from textual.widgets import Input, Static, Tree

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
    """Queue `key` as the terminal driver delivers it (the tests' key bursts send keys this way too)."""
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


class BareDialog(ModalScreen):
    """A one-line dialog over the bare Tree: what any Textual app pays to open and close a screen."""

    DEFAULT_CSS = "BareDialog { align: center middle; } BareDialog Static { width: 60; height: 5; border: thick $accent; }"
    BINDINGS = [("escape", "close")]

    def compose(self) -> ComposeResult:
        yield Static("A dialog")

    def action_close(self) -> None:
        self.dismiss()


class BareTree(App):
    """The floor: a bare Textual Tree holding the same blocks and entries, the first block open; ? opens a
    one-line dialog (the floor of a key that opens or closes a screen, which a Tree's Down is not)."""

    BINDINGS = [("question_mark", "dialog")]

    def action_dialog(self) -> None:
        self.push_screen(BareDialog())

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


async def key_figures(path: str, presses: int, size=(160, 48)) -> dict[str, list[float]]:
    """Every main-screen key, timed `presses` times each, beside a bare Tree's Down in turns (samples in
    ms). The bytes counted here are Textual's own; what reaches a terminal is measured in terminal.py."""
    document, session, app = _open(path)
    bare = BareTree(side_tree_items(document.model))
    samples: dict[str, list[float]] = {}

    def add(name: str, figure: tuple[float, int]) -> None:
        samples.setdefault(name, []).append(figure[0])

    async with bare.run_test(size=size), app.run_test(size=size):
        floor, watch = Stopwatch(bare), Stopwatch(app)
        main = app.main_screen
        await _ready(app)
        some = next(e for e in document.model.entries() if e.side == "operating")
        main.last_find = some.name.split()[0]  # a word many entries share, so n always moves
        for _ in range(presses):
            add("key_floor_down", await floor.time(floor.key("down")))
            add("key_down", await watch.time(watch.key("down")))
            add("key_up", await watch.time(watch.key("up")))
            add("key_floor_down", await floor.time(floor.key("down")))
            add("key_tab", await watch.time(watch.key("tab")))  # business -> operating
            add("key_tab_to_alignment", await watch.time(watch.key("tab")))
            add("key_down_findings", await watch.time(watch.key("down")))
            add("key_tab_to_business", await watch.time(watch.key("tab")))
            add("key_floor_down", await floor.time(floor.key("down")))
            add("key_find_next", await watch.time(watch.key("n")))
            app.clear_notifications()  # a toast leaving later must not land in another key's time
            add("key_open_help", await watch.time(watch.key("question_mark")))
            add("key_close_help", await watch.time(watch.key("escape")))
            add("key_open_form", await watch.time(watch.key("enter")))
            add("key_close_form", await watch.time(watch.key("escape")))
            add("key_floor_down", await floor.time(floor.key("down")))
            add("key_floor_open_dialog", await floor.time(floor.key("question_mark")))
            add("key_floor_close_dialog", await floor.time(floor.key("escape")))
            add("key_open_find", await watch.time(watch.key("slash")))
            add("key_close_find", await watch.time(watch.key("escape")))
            if main.current_pane != "business":
                main.focus_pane("business")
                await watch.time(lambda: None)
    return samples


def medians(samples: dict[str, list[float]]) -> dict[str, float]:
    return {name: statistics.median(values) for name, values in samples.items()}


class Spent:
    """Time spent in some methods of some objects (the engine and the document: not the screen's)."""

    def __init__(self, *targets: tuple[object, str]) -> None:
        self.ms = 0.0
        self._originals = [(owner, name, owner.__dict__.get(name)) for owner, name in targets]
        for owner, name in targets:
            self._wrap(owner, name)

    def _wrap(self, owner: object, name: str) -> None:
        method = getattr(owner, name)

        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                self.ms += (time.perf_counter() - start) * 1000

        setattr(owner, name, timed)

    def restore(self) -> None:
        for owner, name, original in self._originals:
            if original is None:
                delattr(owner, name)
            else:
                setattr(owner, name, original)


def _open(path: str):
    from bizop_tui.model.document import Document
    from bizop_tui.session import Session
    from bizop_tui.tui.app import BizopApp
    from bizop_tui.tui.config import Config

    no_blinking()
    document = Document.open(path)
    session = Session(document)
    return document, session, BizopApp(session, watch_interval=0, config=Config(path=None))


async def _ready(app) -> None:
    while app.session.alignment is None:  # a large model's first analysis runs off the UI thread
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.2)


async def edit_figures(path: str, presses: int, size=(160, 48)) -> dict[str, list[float]]:
    """An edit, undo and redo in the operating pane, each from its key to the last screen update (new
    tree, details, score), and the part of that spent outside the engine and the document ("_ui")."""
    from bizop_tui.alignment.engine import AlignmentState

    document, session, app = _open(path)
    samples: dict[str, list[float]] = {}
    core = Spent(*((document, name) for name in ("delete_entry", "update_entry", "undo", "redo")),
                 (AlignmentState, "update"))

    def add(name: str, figure: tuple[float, int], before: float) -> None:
        samples.setdefault(name, []).append(figure[0])
        samples.setdefault(name + "_ui", []).append(figure[0] - (core.ms - before))

    async with app.run_test(size=size):
        watch = Stopwatch(app)
        await _ready(app)
        await watch.time(watch.key("tab"))  # the operating pane
        await watch.time(watch.key("down"))
        for n in range(presses):
            before = core.ms
            add("edit_delete", await watch.time(watch.key("d")), before)
            before = core.ms
            add("edit_undo", await watch.time(watch.key("ctrl+z")), before)
            before = core.ms
            add("edit_redo", await watch.time(watch.key("ctrl+y")), before)
            await watch.time(watch.key("enter"))  # the entry's form
            app.screen.query_one("#name", Input).value = f"Renamed in the benchmark {n}"
            await watch.time(lambda: None)
            before = core.ms
            add("edit_rename", await watch.time(watch.key("enter")), before)
    core.restore()
    return samples


async def save_figures(path: str, size=(160, 48)) -> dict[str, float]:
    """A save after an edit: how long it takes (in the background), the longest the event loop was held
    while it ran (keys wait that long at most), and a Down pressed during the save."""
    document, session, app = _open(path)
    figures: dict[str, float] = {}
    async with app.run_test(size=size):
        watch = Stopwatch(app)
        await _ready(app)
        await watch.time(watch.key("tab"))
        await watch.time(watch.key("down"))
        await watch.time(watch.key("d"))
        await asyncio.sleep(0.5)  # the journal is written once the edits pause
        stalls: list[float] = []
        start = time.perf_counter()
        send_key(app, "ctrl+s")
        await asyncio.sleep(0)
        down_sent = False
        while session.saving or document.dirty:
            asked = time.perf_counter()
            await asyncio.sleep(0.001)
            stalls.append((time.perf_counter() - asked) * 1000 - 1)
            if not down_sent and session.saving:
                down_sent = True
                down = asyncio.ensure_future(watch.time(watch.key("down")))
            if time.perf_counter() - start > 60:
                break
        figures["save_background_total"] = (time.perf_counter() - start) * 1000
        figures["save_longest_stall"] = max(stalls, default=0.0)
        if down_sent:
            figures["save_down_during"] = (await down)[0]
    return figures


async def gc_figures(path: str, presses: int, size=(160, 48), freeze: bool = True) -> dict[str, float]:
    """Garbage collections during an editing session (moves, a pane switch, edits, undo): how many full
    ones, the longest pause of any, and the time spent in all; with or without heap.settle's freeze."""
    import gc

    from bizop_tui.tui import heap

    document, session, app = _open(path)
    settle, settle_if_grown = heap.settle, heap.settle_if_grown
    if not freeze:
        heap.settle = heap.settle_if_grown = lambda entries: None
    pauses: list[tuple[int, float, float]] = []  # generation, wall ms, CPU ms of this thread
    started: list[tuple[float, float]] = []

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            started.append((time.perf_counter(), time.thread_time()))
        elif started:
            wall, cpu = started.pop()
            pauses.append((info["generation"], (time.perf_counter() - wall) * 1000,
                           (time.thread_time() - cpu) * 1000))

    try:
        async with app.run_test(size=size):
            watch = Stopwatch(app)
            await _ready(app)
            gc.callbacks.append(on_gc)
            for _ in range(presses):
                for key in ("down", "down", "tab", "down", "d", "ctrl+z", "shift+tab", "up"):
                    await watch.time(watch.key(key))
            gc.callbacks.remove(on_gc)
    finally:
        heap.settle, heap.settle_if_grown = settle, settle_if_grown
        if on_gc in gc.callbacks:
            gc.callbacks.remove(on_gc)
        gc.unfreeze()
    suffix = "" if freeze else "_unfrozen"
    return {f"gc_full{suffix}": float(sum(1 for g, _, _ in pauses if g == 2)),
            f"gc_longest{suffix}": max((ms for _, ms, _ in pauses), default=0.0),
            f"gc_longest_cpu{suffix}": max((cpu for _, _, cpu in pauses), default=0.0),
            f"gc_total{suffix}": sum(ms for _, ms, _ in pauses)}
