"""`python -m bizop_tui.bench`: time bizop on synthetic models and print one table per size.

Each size runs in its own process, so its peak memory is its own. Figures are medians of --repeat
runs, in milliseconds, beside a baseline measured in the same run on the same file.
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
    ("diff", "diff_baseline", 2.0, "bizop diff ≤ 2 × two bizop review runs at 5,000"),
)
ROWS = (
    ("load (file to model)", "load", "tomllib_parse", "tomllib parse"),
    ("bizop review (wall)", "review", "review_baseline", "python + tomllib + rich"),
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
    for column, justify in (("step", "left"), ("ms", "right"), ("baseline", "left"), ("base ms", "right"),
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
