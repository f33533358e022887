"""User-like moves shared by the app stories (imported by the test modules of this folder)."""

from __future__ import annotations

import datetime as dt

TODAY = dt.date(2026, 11, 27)
WIDE = (160, 48)
NARROW = (80, 24)


def tree_nodes(tree):
    """Every node of `tree` below the root, in display order."""
    stack = list(tree.root.children)
    while stack:
        node = stack.pop(0)
        yield node
        stack[0:0] = list(node.children)


async def move_cursor_to(pilot, tree, target_data: str, limit: int = 400) -> None:
    """Press down (or up) in the focused `tree` until the cursor is on the node holding `target_data`."""
    for _ in range(limit):
        node = tree.cursor_node
        if node is not None and node.data == target_data:
            return
        target = next((n for n in tree_nodes(tree) if n.data == target_data), None)
        assert target is not None, f"{target_data} is not in the tree"
        await pilot.press("down" if target.line > tree.cursor_line else "up")
    raise AssertionError(f"could not reach {target_data}")


async def type_text(pilot, text: str) -> None:
    """Type `text` key by key, the way a user would."""
    await pilot.press(*text)


def plain_label(node) -> str:
    label = node.label
    return label.plain if hasattr(label, "plain") else str(label)


async def go_to_pane(pilot, pane: str) -> None:
    """Press tab until `pane` ("business", "operating" or "alignment") is the current pane."""
    app = pilot.app
    for _ in range(3):
        if app.current_pane == pane:
            await pilot.pause()
            return
        await pilot.press("tab")
    assert app.current_pane == pane, f"tab never reached the {pane} pane"


async def select_entry(pilot, entry_id: str) -> None:
    """Go to the entry's pane with tab, then move the cursor onto it with the arrow keys."""
    app = pilot.app
    entry = app.document.model.by_id[entry_id]
    await go_to_pane(pilot, entry.side)
    await move_cursor_to(pilot, app.tree(entry.side), entry_id)


async def select_block(pilot, path: str) -> None:
    """Go to the block's pane with tab, then move the cursor onto the block's own line."""
    app = pilot.app
    side = path.split(".")[0]
    await go_to_pane(pilot, side)
    await move_cursor_to(pilot, app.tree(side), "block:" + path)


async def clear_input(pilot) -> None:
    """Empty the focused text box the way a user would: end, then delete everything left of the cursor."""
    await pilot.press("end", "ctrl+u")


def shown_text(widget) -> str:
    """The plain text a Static (title bar, scores, details, form messages) currently shows."""
    content = widget.content
    return content.plain if hasattr(content, "plain") else str(content)
