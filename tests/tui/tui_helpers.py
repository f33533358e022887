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
    main = pilot.app.main_screen
    for _ in range(3):
        if main.current_pane == pane:
            await pilot.pause()
            return
        await pilot.press("tab")
    assert main.current_pane == pane, f"tab never reached the {pane} pane"


async def select_entry(pilot, entry_id: str) -> None:
    """Go to the entry's pane with tab, then move the cursor onto it with the arrow keys."""
    main = pilot.app.main_screen
    entry = main.session.model.by_id[entry_id]
    await go_to_pane(pilot, entry.side)
    await move_cursor_to(pilot, main.tree(entry.side), entry_id)


async def select_block(pilot, path: str) -> None:
    """Go to the block's pane with tab, then move the cursor onto the block's own line."""
    side = path.split(".")[0]
    await go_to_pane(pilot, side)
    await move_cursor_to(pilot, pilot.app.main_screen.tree(side), "block:" + path)


async def clear_input(pilot) -> None:
    """Empty the focused text box the way a user would: end, then delete everything left of the cursor."""
    await pilot.press("end", "ctrl+u")


def shown_text(widget) -> str:
    """The plain text a Static (title bar, scores, details, form messages) currently shows."""
    content = widget.content
    return content.plain if hasattr(content, "plain") else str(content)


# -- the app under test ------------------------------------------------------------------------------


def open_app(document, **kwargs):
    """The app on `document`, judged as of TODAY, with no disk watcher unless one is asked for."""
    from bizop_tui.tui.app import BizopApp

    from bizop_tui.session import Session

    kwargs.setdefault("watch_interval", 0)
    today = kwargs.pop("today", TODAY)
    journal = kwargs.pop("journal", None)
    return BizopApp(Session(document, journal=journal, today=today), **kwargs)


def main_screen(app):
    """The main screen: panes, selection, find and the session."""
    return app.main_screen


async def burst(pilot, *keys: str) -> None:
    """Deliver `keys` in one read, as over SSH or from key repeat: all are queued before the first is
    handled. Single characters may be given as they are typed ("S", " ", "-")."""
    from bizop_tui.bench.screen import send_key

    for key in keys:
        send_key(pilot.app, key)
    await pilot.pause()


async def wait_for(pilot, condition, seconds: float = 5.0) -> bool:
    """Let the app work until `condition()` holds (keys of a burst may wait for a screen to open)."""
    for _ in range(int(seconds * 20)):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


def cpu_seconds() -> float:
    """CPU time used by this process so far (user + system), from /proc/self/stat."""
    import os

    fields = open("/proc/self/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def idle_cpu(pilot, seconds: float = 1.0) -> float:
    """CPU seconds the app burns while nobody touches it for `seconds`."""
    import asyncio

    await pilot.pause()
    start = cpu_seconds()
    await asyncio.sleep(seconds)
    return cpu_seconds() - start


def screen_text(app) -> str:
    """What the terminal shows now, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def notifications(app) -> str:
    """Every notification shown so far, as one line of plain text."""
    return " | ".join(str(n.message) for n in app._notifications)


def title_line(app) -> str:
    """The title bar as drawn: name, file, unsaved mark, score."""
    return screen_text(app).splitlines()[0]


BAKERY = """
[model]
name = "Crumb & Co bakery"
currency = "EUR"

[[business.customer_segments]]
id = "seg-online"
name = "Online shop customers"

[[business.customer_segments]]
id = "seg-cafe"
name = "Café crème drinkers"

[[business.value_propositions]]
id = "vp-fresh"
name = "Fresh bread every morning"
segments = ["seg-online", "seg-cafe"]

[[business.channels]]
id = "ch-online-shop"
name = "Online shop"
segments = ["seg-online"]
supports = ["vp-fresh"]

[[operating.organisation]]
id = "org-bakehouse"
name = "Bakehouse team"

[[operating.processes]]
id = "proc-baking"
name = "Overnight baking"
owner = "org-bakehouse"
supports = ["vp-fresh"]

[[operating.processes]]
id = "proc-fulfil"
name = "Order fulfilment"
"""
