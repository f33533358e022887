"""The floors, as programs of their own: `python -m bizop_tui.bench.bare tree FILE` shows a bare Textual
Tree of FILE's blocks and entries; `python -m bizop_tui.bench.bare label FILE` reads FILE with tomllib
and shows one Label. Both quit on ctrl+q, as bizop does."""

from __future__ import annotations

import sys


def main() -> None:
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "tree":
        from bizop_tui.bench.screen import BareTree, side_tree_items
        from bizop_tui.model.document import Document

        BareTree(side_tree_items(Document.open(path).model)).run()
    elif kind == "label":
        import tomllib

        from textual.app import App, ComposeResult
        from textual.widgets import Label

        with open(path, "rb") as handle:
            data = tomllib.load(handle)

        class BareLabel(App):
            def compose(self) -> ComposeResult:
                yield Label(str(data.get("model", {}).get("name", "model")))

        BareLabel().run()
    else:
        raise SystemExit(f"unknown floor {kind!r}: tree or label")


if __name__ == "__main__":
    main()
