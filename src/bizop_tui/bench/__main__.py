"""`python -m bizop_tui.bench`: time bizop on synthetic models and print one table per size.

Each size runs in its own process, so its peak memory is its own. Figures are medians of --repeat
runs, in milliseconds (bytes where a row says B, counts where it says n), beside a baseline measured in
the same run on the same file. From 5,000 entries on, the app is measured as a person feels it: each
key against a bare Textual Tree, bytes written to a pty against a minimal Tree app, edits, a save, the
garbage collector and the first frame in tmux (measure.response_figures).
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys

from rich.console import Console
from rich.table import Table

FRAME_MS = 16.0
BUDGETS = (
    # (figure, baseline figure or None, limit, what the limit is)
    ("recompute_after_edit", None, FRAME_MS, "one frame (16 ms) at 5,000 entries"),
    ("tui_first_frame", "tui_baseline_first_frame", 1.5, "≤ 1.5 × bare Textual DataTable at 5,000"),
    ("review", "review_baseline", 2.0, "≤ 2 × Python + tomllib + Rich at 5,000"),
    ("review", "parse_floor", 1.5, "bizop review ≤ 1.5 × a process parsing the file (tomllib) at 5,000"),
    ("check", "parse_floor", 1.5, "bizop check ≤ 1.5 × a process parsing the file (tomllib) at 5,000"),
    ("diff", "diff_baseline", 2.0, "bizop diff ≤ 2 × two bizop review runs at 5,000"),
)
ROWS = (
    ("load (file to model)", "load", "tomllib_parse", "tomllib parse"),
    ("bizop review (wall)", "review", "review_baseline", "python + tomllib + rich"),
    ("bizop review (wall)", "review", "parse_floor", "python + tomllib.load"),
    ("bizop check (wall)", "check", "parse_floor", "python + tomllib.load"),
    ("bizop diff (wall)", "diff", "diff_baseline", "two bizop review runs"),
    ("bizop diff --roadmap", "diff_roadmap", "diff_baseline", "two bizop review runs"),
    ("full alignment", "analyse", None, ""),
    ("edit one entry", "edit", None, ""),
    ("recompute after edit", "recompute_after_edit", None, ""),
    ("  (slowest of those)", "recompute_after_edit_worst", None, ""),
    ("undo / redo", "undo", "edit", "the edit itself"),
    ("save after edit", "save_after_edit", None, ""),
    ("TUI first frame", "tui_first_frame", "tui_baseline_first_frame", "bare DataTable app"),
    ("TUI alignment shown", "tui_alignment_shown", "tui_baseline_first_frame", "bare DataTable app"),
    ("TUI key to new score", "tui_key_to_score", None, ""),
    # The app as a person feels it (measure.response_figures, from 5,000 entries on): headless, from a
    # key's arrival to the last screen update it caused, beside a bare Textual Tree's Down in turns.
    *((f"key: {label}", f"key_{key}", "key_floor_down", "bare Tree: Down") for label, key in (
        ("Down (details, arrows)", "down"), ("Up", "up"), ("Tab to operating", "tab"),
        ("Tab to alignment", "tab_to_alignment"), ("Down in the findings", "down_findings"),
        ("Tab to business", "tab_to_business"), ("n (find next)", "find_next"), ("/ (open find)", "open_find"),
        ("Escape (close find)", "close_find"))),
    # A key that opens or closes a screen, beside the same in a bare Textual app (a one-line dialog).
    *((f"key: {label}", f"key_{key}", f"key_floor_{floor}_dialog", f"bare app: {floor} a dialog")
      for label, key, floor in (("? (open help)", "open_help", "open"), ("Escape (close help)", "close_help", "close"),
                                ("Enter (open form)", "open_form", "open"),
                                ("Escape (close form)", "close_form", "close"))),
    ("bare app: open a dialog", "key_floor_open_dialog", "key_floor_down", "bare Tree: Down"),
    *((f"{label} to screen", f"edit_{key}", None, "") for label, key in (
        ("edit: d (delete)", "delete"), ("edit: ctrl+z (undo)", "undo"), ("edit: ctrl+y (redo)", "redo"),
        ("edit: Enter in the form (rename)", "rename"))),
    *((f"  {label}: the screen's part", f"edit_{key}_ui", None, "") for label, key in (
        ("delete", "delete"), ("undo", "undo"), ("redo", "redo"), ("rename", "rename"))),
    ("save in the background (whole)", "save_background_total", "save_after_edit", "synchronous save"),
    ("  longest hold of the event loop", "save_longest_stall", "save_after_edit", "synchronous save"),
    ("  a Down during the save", "save_down_during", "key_floor_down", "bare Tree: Down"),
    ("GC: longest pause, frozen heap", "gc_longest", "gc_longest_unfrozen", "without freeze"),
    ("  (its CPU time)", "gc_longest_cpu", "gc_longest_cpu_unfrozen", "without freeze"),
    ("GC: full collections (n)", "gc_full", "gc_full_unfrozen", "without freeze"),
    ("GC: all pauses together", "gc_total", "gc_total_unfrozen", "without freeze"),
    ("pty bytes: one Down (B)", "bytes_one_down", "bytes_floor_one_down", "minimal Tree app"),
    ("pty bytes: 20 Downs (B)", "bytes_twenty_downs", "bytes_floor_twenty_downs", "minimal Tree app"),
    ("pty bytes: 16 motions on a line (B)", "bytes_mouse_motions", "bytes_floor_mouse_motions", "minimal Tree app"),
    ("pty bytes: 16 motions over lines (B)", "bytes_mouse_over_lines", "bytes_floor_mouse_over_lines",
     "minimal Tree app"),
    ("pty bytes: one Tab (B)", "bytes_one_tab", None, ""),
    ("tmux first frame: Amazon sample", "tmux_amazon", "tmux_amazon_floor", "bare Textual label app"),
    ("tmux first frame: this model", "tmux_model", "tmux_model_floor", "bare Textual label app"),
)
KEYS = ("down", "up", "tab", "tab_to_alignment", "down_findings", "tab_to_business", "find_next", "open_help",
        "close_help", "open_form", "close_form", "open_find", "close_find")
# The app's budgets, at each size they are measured at: (figure, floor or None, limit, what the limit is).
RESPONSE_BUDGETS = (
    *((f"key_{key}", "key_floor_down", 1.5, f"key {key}: ≤ 1.5 × bare Tree Down") for key in KEYS),
    ("bytes_one_down", "bytes_floor_one_down", 1.5, "pty bytes, one Down: ≤ 1.5 × minimal Tree app"),
    ("bytes_twenty_downs", "bytes_floor_twenty_downs", 1.5, "pty bytes, 20 Downs: ≤ 1.5 × minimal Tree app"),
    ("bytes_mouse_motions", None, 64, "pty bytes, 16 motions changing nothing: ≤ 64 B"),
    *((f"edit_{key}_ui", None, 50.0, f"{key}: the screen's part ≤ 50 ms") for key in ("delete", "undo", "redo",
                                                                                    "rename")),
    ("save_longest_stall", None, 50.0, "save: event loop never held > 50 ms"),
    ("gc_longest", None, 20.0, "GC: no pause > 20 ms"),
    ("tmux_amazon", "tmux_amazon_floor", 1.8, "first frame (Amazon, tmux) ≤ 1.8 × bare label app"),
    # Not the budget, for scale: a key that opens or closes a screen beside the same in a bare app.
    *((f"key_{key}", f"key_floor_{floor}_dialog", 1.5, f"(scale) {key} ≤ 1.5 × bare app: {floor} a dialog")
      for key, floor in (("open_help", "open"), ("close_help", "close"), ("open_form", "open"),
                         ("close_form", "close"))),
)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bizop_tui.bench", description=__doc__)
    parser.add_argument("--sizes", default="100,1000,5000,20000", help="comma-separated entry counts")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--no-tui", action="store_true", help="skip the headless TUI figures")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process measuring one size
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON too")
    args = parser.parse_args()
    if args.one:
        from bizop_tui.bench.measure import measure_size

        print(json.dumps(measure_size(args.one, args.repeat, tui=not args.no_tui)))
        return
    console = Console(highlight=False)
    console.print(f"bizop benchmark · Python {platform.python_version()} · {platform.machine()} · "
                  f"{platform.system()} · medians of {args.repeat} runs, in ms")
    results = {}
    for size in (int(s) for s in args.sizes.split(",")):
        argv = [sys.executable, "-m", "bizop_tui.bench", "--one", str(size), "--repeat", str(args.repeat)]
        if args.no_tui:
            argv.append("--no-tui")
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            console.print(f"[red]size {size} failed[/red]\n{done.stderr[-2000:]}", markup=True)
            continue
        results[size] = json.loads(done.stdout.strip().splitlines()[-1])
        console.print(size_table(results[size]))
    console.print(budget_table(results))
    if args.json:
        print(json.dumps(results, indent=2))


def size_table(r: dict) -> Table:
    table = Table(title=f"{int(r['entries']):,} entries · {r['kilobytes']:.0f} KB · peak memory "
                        f"{r['peak_memory_mb']:.0f} MB", title_justify="left")
    for column, justify in (("step", "left"), ("ms", "right"), ("baseline", "left"), ("base", "right"),
                            ("ratio", "right")):
        table.add_column(column, justify=justify)
    for label, key, base, base_label in ROWS:
        if key not in r:
            continue
        row = [label, f"{r[key]:.1f}", base_label, "", ""]
        if base and base in r:
            row[3] = f"{r[base]:.1f}"
            row[4] = f"{r[key] / r[base]:.2f}×" if r[base] else "-"
        elif key == "undo":
            pass
        table.add_row(*row)
    if "redo" in r:
        table.add_row("  (redo)", f"{r['redo']:.1f}", "the edit itself", f"{r['edit']:.1f}",
                      f"{r['redo'] / r['edit']:.2f}×" if r["edit"] else "-")
    return table


def budget_table(results: dict) -> Table:
    table = Table(title="Budgets", title_justify="left")
    for column in ("budget", "measured", "met"):
        table.add_column(column)
    at5k = results.get(5000)
    if at5k:
        for key, base, limit, what in BUDGETS:
            if key not in at5k:
                continue
            value = at5k[key] / at5k[base] if base else at5k[key]
            shown = f"{value:.2f}×" if base else f"{value:.1f} ms"
            table.add_row(what, shown, "yes" if value <= limit else "NO")
    for size, r in sorted(results.items()):
        for key, base, limit, what in RESPONSE_BUDGETS:
            if key not in r or (base and not r.get(base)):
                continue
            value = r[key] / r[base] if base else r[key]
            shown = f"{value:.2f}×" if base else f"{value:.1f}"
            table.add_row(f"{size:,}: {what}", shown, "yes" if value <= limit else "NO")
    if 5000 in results and 20000 in results:
        if results[5000].get("tomllib_parse"):  # the machine's own noise across the two runs, for scale
            growth = results[20000]["tomllib_parse"] / results[5000]["tomllib_parse"]
            table.add_row("(reference) tomllib parse: 5,000 → 20,000", f"{growth:.2f}×", "")
        for key in ("load", "analyse", "edit", "save_after_edit", "review", "diff", "tui_first_frame"):
            if key in results[5000] and key in results[20000] and results[5000][key]:
                growth = results[20000][key] / results[5000][key]
                table.add_row(f"{key}: 5,000 → 20,000 costs ≤ 4.5×", f"{growth:.2f}×", "yes" if growth <= 4.5 else "NO")
    return table


if __name__ == "__main__":
    main()
