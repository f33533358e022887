"""Measurements for one model size, each beside a baseline taken in the same run on the same file."""

from __future__ import annotations

import asyncio
import gc
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable

from bizop_tui.bench.synthetic import edited_model, synthetic_model


RESPONSE_FROM = 5000  # entries: the key, byte, edit, save and GC figures are taken from this size on


def response_figures(path: str, repeat: int) -> dict[str, float]:
    """The app as a person feels it, each figure beside its floor taken in the same run: keys against a
    bare Textual Tree's Down, bytes written to a pty against a minimal Tree app, edits (what the screen
    adds to the engine), a save in the background, garbage collection, and the first frame in tmux."""
    from bizop_tui.bench import screen, terminal

    figures: dict[str, float] = {}
    keys = asyncio.run(screen.key_figures(path, max(repeat, 5)))
    figures.update(screen.medians(keys))
    edits = asyncio.run(screen.edit_figures(path, max(repeat, 3)))
    figures.update(screen.medians(edits))
    figures.update(asyncio.run(screen.save_figures(path)))
    figures.update(asyncio.run(screen.gc_figures(path, 2, freeze=False)))
    figures.update(asyncio.run(screen.gc_figures(path, 2, freeze=True)))
    bytes_runs = []
    for _ in range(max(repeat // 2, 2)):  # in turns: the floor, then bizop
        floor = terminal.byte_figures(path, terminal.tree_argv(path))
        ours = terminal.byte_figures(path, terminal.bizop_argv(path))
        bytes_runs.append({**{f"bytes_{k}": v for k, v in ours.items()},
                           **{f"bytes_floor_{k}": v for k, v in floor.items()}})
    for key in bytes_runs[0]:
        figures[key] = statistics.median(run[key] for run in bytes_runs)
    figures.update(first_frames(path, repeat))
    return figures


def first_frames(path: str, repeat: int) -> dict[str, float]:
    """bizop's first frame in a real terminal (tmux 160x48) on this model and on the bundled Amazon
    sample, each beside a bare Textual app that reads the same file and shows one label, in turns."""
    import shutil

    from bizop_tui.bench.terminal import Tmux, bizop_argv, label_argv
    from bizop_tui.model import load_text
    from bizop_tui.templates import template_text

    if shutil.which("tmux") is None:
        return {}
    amazon = os.path.join(os.path.dirname(path), "amazon.toml")
    with open(amazon, "w", encoding="utf-8") as handle:
        handle.write(template_text("amazon"))
    tmux = Tmux()
    figures: dict[str, list[float]] = {}
    try:
        for name, file in (("amazon", amazon), ("model", path)):
            with open(file, encoding="utf-8") as handle:
                marker = load_text(handle.read(), file).name
            for _ in range(max(repeat, 3)):
                figures.setdefault(f"tmux_{name}_floor", []).append(tmux.first_frame(label_argv(file), marker))
                figures.setdefault(f"tmux_{name}", []).append(tmux.first_frame(bizop_argv(file), marker))
    finally:
        tmux.close()
    return {key: statistics.median(values) for key, values in figures.items()}


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def paired_ms(action: Callable[[], object], baseline: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Medians of `action` and `baseline` run in turns, so a machine that speeds up or slows down
    during the run moves both alike and their ratio holds."""
    ours, theirs = [], []
    for _ in range(repeat):
        theirs.append(median_ms(baseline, 1))
        ours.append(median_ms(action, 1))
    return statistics.median(ours), statistics.median(theirs)


def command(argv: list[str]) -> Callable[[], None]:
    return lambda: subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def measure_size(entries: int, repeat: int = 3, tui: bool = True) -> dict[str, float]:
    """Every figure for a synthetic model of `entries` entries, in milliseconds (memory in MB)."""
    from bizop_tui.alignment import analyse
    from bizop_tui.alignment.engine import AlignmentState
    from bizop_tui.model import load_text
    from bizop_tui.model.document import Document
    from bizop_tui.model.source import read_source

    folder = tempfile.mkdtemp(prefix="bizop-bench-")
    path = os.path.join(folder, "model.toml")
    text = synthetic_model(entries)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    r: dict[str, float] = {"entries": entries, "kilobytes": len(text.encode()) / 1024}

    r["load"], r["tomllib_parse"] = paired_ms(lambda: load_text(read_source(path).text, path),
                                              lambda: tomllib.loads(text), repeat)

    py = sys.executable
    baseline = f"import tomllib, rich.console; tomllib.load(open({path!r}, 'rb'))"
    r["review"], r["review_baseline"] = paired_ms(command([py, "-m", "bizop_tui", "review", path]),
                                                  command([py, "-c", baseline]), repeat)
    # The parse floor of one-shot commands (issue 13): a new process that parses the file, nothing more.
    parse_only = f"import tomllib; tomllib.load(open({path!r}, 'rb'))"
    r["check"], r["parse_floor"] = paired_ms(command([py, "-m", "bizop_tui", "check", path]),
                                             command([py, "-c", parse_only]), repeat)

    # bizop diff of the model and an edited copy (2 % renamed, relinked or retiring, 1 % removed, 1 %
    # new), beside the two reviews of the same files: the budget is 2x their sum.
    edited = os.path.join(folder, "edited.toml")
    with open(edited, "w", encoding="utf-8") as handle:
        handle.write(edited_model(text))
    review = [py, "-m", "bizop_tui", "review"]

    def two_reviews() -> None:
        command([*review, path])()
        command([*review, edited])()

    r["diff"], r["diff_baseline"] = paired_ms(command([py, "-m", "bizop_tui", "diff", path, edited]), two_reviews,
                                              repeat)
    # Each step of the roadmap judged alone: minutes at 20,000 entries, and not a budget: fewer runs.
    r["diff_roadmap"] = median_ms(command([py, "-m", "bizop_tui", "diff", path, edited, "--roadmap"]),
                                  max(1, repeat // 3))

    model = load_text(text, path)
    r["analyse"] = median_ms(lambda: analyse(model), repeat)

    document = Document.open(path)
    target = next(e for e in document.model.entries() if e.block.key == "processes")
    document.update_entry(target.id, {"name": "warm-up"})  # the first edit also lays out the file
    document.undo()
    names = iter(range(10**6))
    r["edit"] = median_ms(lambda: document.update_entry(target.id, {"name": f"Renamed {next(names)}"}), repeat)
    state = AlignmentState(document.model)
    business = [e.id for e in document.model.entries() if e.side == "business"]
    follow: list[float] = []
    for n in range(max(repeat, 3)):  # a rename, then a change of what the entry supports
        for fields in ({"name": f"Followed {n}"}, {"supports": business[n : n + 2 + n % 2]}):
            document.update_entry(target.id, fields)
            started = time.perf_counter()
            state.update(document.last_changed)
            follow.append((time.perf_counter() - started) * 1000)
    r["recompute_after_edit"] = statistics.median(follow)
    r["recompute_after_edit_worst"] = max(follow)
    r["undo"] = median_ms(document.undo, 1)
    r["redo"] = median_ms(document.redo, 1)
    copy = os.path.join(folder, "saved.toml")
    r["save_after_edit"] = median_ms(lambda: document.save(copy, overwrite=True), repeat)

    if tui:
        runs = [asyncio.run(_tui_figures(path, entries)) for _ in range(repeat)]
        for key in runs[0]:
            r[key] = statistics.median(run[key] for run in runs)
        if entries >= RESPONSE_FROM:
            r.update(response_figures(path, repeat))
    r["peak_memory_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return r


async def _tui_figures(path: str, entries: int) -> dict[str, float]:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    from bizop_tui.model.document import Document
    from bizop_tui.session import Session
    from bizop_tui.tui.app import BizopApp
    from bizop_tui.tui.config import Config
    from bizop_tui.tui.widgets.alignment_panel import AlignmentPanel

    class BareTable(App):
        """The baseline: a bare Textual app showing the same number of rows in a DataTable."""

        def compose(self) -> ComposeResult:
            yield DataTable()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("id", "name")
            table.add_rows((f"e{i}", f"Entry {i}") for i in range(entries))

    figures: dict[str, float] = {}
    gc.collect()  # the garbage of an earlier run must not be collected during this one
    start = time.perf_counter()
    async with BareTable().run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        figures["tui_baseline_first_frame"] = (time.perf_counter() - start) * 1000

    gc.collect()
    start = time.perf_counter()
    document = Document.open(path)
    app = BizopApp(Session(document), watch_interval=0, config=Config(path=None))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        figures["tui_first_frame"] = (time.perf_counter() - start) * 1000
        while app.session.alignment is None:  # large models: the alignment panel fills in after the first frame
            await asyncio.sleep(0.001)
        await pilot.pause()
        figures["tui_alignment_shown"] = (time.perf_counter() - start) * 1000
        await pilot.press("tab")  # the operating pane, cursor on its first entry
        await pilot.pause()
        panel = app.query_one(AlignmentPanel)
        before = app.session.alignment
        start = time.perf_counter()
        await pilot.press("d")  # delete the selected entry: an edit, then the new score is shown
        while app.session.alignment is before:
            await asyncio.sleep(0.001)
        await pilot.pause()
        figures["tui_key_to_score"] = (time.perf_counter() - start) * 1000
        assert panel.query_one("#scores") is not None
    return figures
