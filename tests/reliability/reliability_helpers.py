"""Shared helpers of the reliability stories: sample files, model snapshots, renderers, time limits."""

from __future__ import annotations

import contextlib
import io
import re
import signal
from pathlib import Path

from rich.console import Console

from bizop_tui.model import load_text
from bizop_tui.model.entities import Model
from bizop_tui.model.vocabulary import ALL_BLOCKS

PROJECT = Path(__file__).resolve().parents[2]
TEMPLATES_DIR = PROJECT / "src" / "bizop_tui" / "templates"
TEMPLATES = sorted(TEMPLATES_DIR.glob("*.toml"))
# Next to the project (../shared), or next to the worktrees' folder (../../shared) in a git worktree.
CORPUS = next((p for p in ((PROJECT / up / "shared" / "corpus" / "toml-test-1.0").resolve() for up in ("..", "../.."))
               if p.is_dir()), (PROJECT / ".." / "shared" / "corpus" / "toml-test-1.0").resolve())

BARE_LF = re.compile(r"(?<!\r)\n")


def snapshot(model: Model) -> dict:
    """What a person sees of a model: per block the entries' fields, and every schema problem."""
    blocks = {
        block.path: [
            (e.id, e.name, e.index, e.line, e.supports, e.segments, e.owner, e.tags, e.notes)
            for e in model.blocks[block.path]
        ]
        for block in ALL_BLOCKS
    }
    return {"blocks": blocks, "sizes": {k: v for k, v in model.sizes.items() if v}, "problems": model.problems}


def fresh_snapshot(text: str, path: str | None = None) -> dict:
    """The snapshot of the model read from `text` from scratch."""
    return snapshot(load_text(text, path))


def comment_lines(text: str) -> list[str]:
    """Whole-line comments (stripped) of a TOML text, in order; lines inside strings do not count.

    A small lexer of its own (strings, multi-line strings, comments), independent of bizop's layout scanner.
    """
    found = []
    i, n = 0, len(text)
    line_start = 0
    while i < n:
        c = text[i]
        if c == "\n":
            i += 1
            line_start = i
        elif c == "#":
            end = text.find("\n", i)
            end = n if end == -1 else end
            if not text[line_start:i].strip():
                found.append(text[i:end].strip())
            i = end
        elif text.startswith('"""', i) or text.startswith("'''", i):
            quote = text[i : i + 3]
            j = i + 3
            while True:
                k = text.find(quote, j)
                if k == -1:
                    return found  # an unterminated string: nothing after it is a comment
                if quote == '"""' and _escaped(text, k):
                    j = k + 1
                    continue
                break
            while k + 3 < n and text[k + 3] == quote[0]:  # up to two quotes may close the string
                k += 1
            i = k + 3
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if (c == '"' and text[j] == "\\") else 1
            i = j + 1 if j < n and text[j] == c else j
        else:
            i += 1
    return found


def _escaped(text: str, index: int) -> bool:
    slashes = 0
    j = index - 1
    while j >= 0 and text[j] == "\\":
        slashes += 1
        j -= 1
    return slashes % 2 == 1


def render_all(model) -> dict[str, str]:
    """The terminal review (as text), the markdown and the json export of `model`."""
    from bizop_tui.alignment import analyse
    from bizop_tui.report.json_export import render_json
    from bizop_tui.report.markdown import render_markdown
    from bizop_tui.report.summary import make_review
    from bizop_tui.report.terminal import render_review

    review = make_review(model, analyse(model))
    out = io.StringIO()
    console = Console(record=True, width=80, file=out, force_terminal=False, color_system=None)
    console.print(render_review(review))
    return {
        "terminal": console.export_text(),
        "terminal-raw": out.getvalue(),
        "markdown": render_markdown(review),
        "json": render_json(review),
    }


@contextlib.contextmanager
def time_limit(seconds: float, what: str = "the operation"):
    """Fail (instead of hanging the run) when the block takes longer than `seconds`."""

    def expired(signum, frame):
        raise TimeoutError(f"{what} took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
