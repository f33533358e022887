"""A screen's size classes (the app's breakpoints: -narrow, -medium, -wide; -short, -tall), set for the real
terminal size before the screen first draws.

Textual 8 sets them when a Resize reaches the screen, which is after its first frame: at 80x24 the first
frame sent was the three-pane layout (11.8 KB), redrawn at once as one pane (a flash on a slow link); and a
dialog opened without a resize since never had them at all.
"""

from __future__ import annotations

from textual.app import App
from textual.geometry import Size
from textual.screen import Screen


def size_classes(horizontal: list[tuple[int, str]], vertical: list[tuple[int, str]], size: Size) -> dict[str, bool]:
    """Each breakpoint class, on or off for `size`, as Textual's Screen chooses them (the largest reached)."""
    classes = {name: False for _, name in (*horizontal, *vertical)}
    for breakpoints, dimension in ((horizontal, size.width), (vertical, size.height)):
        reached = [(at, name) for at, name in breakpoints if dimension >= at]
        if reached:
            classes[max(reached)[1]] = True
    return classes


def set_size_classes(screen: Screen, app: App) -> Screen:
    """Give `screen` the classes of the app's size now (later resizes are Textual's); returns the screen."""
    horizontal = (app.HORIZONTAL_BREAKPOINTS if screen.HORIZONTAL_BREAKPOINTS is None
                  else screen.HORIZONTAL_BREAKPOINTS) or []
    vertical = (app.VERTICAL_BREAKPOINTS if screen.VERTICAL_BREAKPOINTS is None else screen.VERTICAL_BREAKPOINTS) or []
    screen.update_classes(size_classes(horizontal, vertical, app.size))
    return screen
