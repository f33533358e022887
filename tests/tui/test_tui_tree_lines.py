"""An entry's line in a tree is drawn by bizop itself (Textual's Tree draws a line through Rich Text, slowly);
what a user sees and clicks must be exactly what Textual's own Tree would draw: guides, arrows, change
marks, status words, finding marks, the cursor with and without the focus, the hovered line, and the
click targets (each cell's line and node)."""

from __future__ import annotations

import pytest
from rich.segment import Segment
from textual.widgets import Tree

from tui_helpers import NARROW, WIDE, go_to_pane, main_screen, move_cursor_to, open_app, select_entry


def _drawn(tree, y: int, own: bool) -> list[tuple[str, object]]:
    tree._line_cache.clear()
    width = tree.size.width
    draw = tree._render_line if own else lambda *a: Tree._render_line(tree, *a)
    strip = draw(y, 0, width, tree.rich_style)
    tree._line_cache.clear()
    return [(segment.text, segment.style) for segment in Segment.simplify(list(strip))]


def assert_every_line_as_textual_draws_it(tree) -> int:
    """Every line of `tree` drawn by bizop equals Textual's Tree drawing of it, style and click target
    included; returns how many entry lines were compared."""
    entries = 0
    for y, line in enumerate(tree._tree_lines):
        ours, textuals = _drawn(tree, y, own=True), _drawn(tree, y, own=False)
        assert ours == textuals, f"line {y} ({line.node.data}) is drawn differently"
        assert any(style is not None and style.meta.get("node") == line.node._id for _, style in ours)
        entries += not line.node.allow_expand
    return entries


async def test_entry_lines_are_drawn_as_textuals_tree_draws_them_in_every_state(amazon):
    app = open_app(amazon)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        business, operating = main.tree("business"), main.tree("operating")
        for tree in (business, operating):  # every block open: lines last and not last in their block
            for node in tree.block_nodes.values():
                node.expand()
        await pilot.pause()
        # linked arrows in both trees, the finding marks and status words the sample has, the cursor
        # with the focus
        await select_entry(pilot, "vp-fast-delivery")
        assert business.linked or operating.linked
        assert any(node.data in business._status for node in business.entry_nodes.values())
        assert business.marks or operating.marks
        # change marks as a comparison gives them (the screen passes them on to its trees)
        entry_ids = list(business.entry_nodes)
        business.changes = {entry_ids[0]: "+", entry_ids[1]: "~", entry_ids[2]: "+"}
        await pilot.pause()
        assert assert_every_line_as_textual_draws_it(business) > 20
        assert assert_every_line_as_textual_draws_it(operating) > 20

        # the cursor without the focus, and an entry hovered by the mouse
        await go_to_pane(pilot, "operating")
        business.hover_line = business.cursor_line + 1
        await pilot.pause()
        assert_every_line_as_textual_draws_it(business)
        assert_every_line_as_textual_draws_it(operating)

        # the cursor on a block: its entries' guides are drawn in the selected look
        await move_cursor_to(pilot, operating, next(iter(operating.block_nodes.values())).data)
        operating.hover_line = operating.cursor_line
        await pilot.pause()
        assert_every_line_as_textual_draws_it(operating)

        # a light theme: other guide and cursor colours
        app.theme = "textual-light"
        await pilot.pause()
        assert_every_line_as_textual_draws_it(business)
        assert_every_line_as_textual_draws_it(operating)


async def test_a_click_on_an_entry_line_selects_that_entry(amazon):
    app = open_app(amazon)
    async with app.run_test(size=WIDE) as pilot:
        tree = main_screen(app).tree("business")
        target = next(line for line in tree._tree_lines[1:] if not line.node.allow_expand)
        y = tree._tree_lines.index(target)
        await pilot.click(tree, offset=(6, y - int(tree.scroll_offset.y)))
        await pilot.pause()
        assert tree.cursor_node is target.node
        assert main_screen(app).selection.entry_id == target.node.data


UNUSUAL_NAMES = r"""
[model]
name = "Names"

[[business.value_propositions]]
id = "vp-wide"
name = "漢字の約束 with a combining e\u0301 and an emoji 📦"
status = "planned"

[[business.value_propositions]]
id = "vp-markup"
name = "[b]not bold[/b] and \u001b[31m not red"

[[operating.processes]]
id = "proc-long"
name = "A process whose name is far longer than the pane is wide, so that the line is cut at the pane's edge"
supports = ["vp-wide", "vp-markup"]
"""


async def test_wide_characters_markup_escapes_and_long_names_are_drawn_as_textuals_tree_draws_them(write_model):
    app = open_app(write_model(UNUSUAL_NAMES))
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await select_entry(pilot, "proc-long")
        business, operating = main.tree("business"), main.tree("operating")
        assert business.linked >= {"vp-wide", "vp-markup"}
        assert operating.size.width < len(operating.entry_nodes["proc-long"].label)
        assert assert_every_line_as_textual_draws_it(business) == 2
        assert assert_every_line_as_textual_draws_it(operating) == 1
        drawn = business.render_line(business.entry_nodes["vp-markup"].line - int(business.scroll_offset.y)).text
        assert "[b]not bold[/b]" in drawn and "\x1b" not in drawn


# -- the screen updated row by row ---------------------------------------------------------------------


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["wide", "narrow"])
async def test_the_screen_updated_by_its_changed_rows_equals_the_screen_drawn_whole(amazon, size):
    """The main screen composites an update from its changed rows only (compositing.py): after every key,
    the terminal as the updates left it shows what a full drawing of the screen shows, cell for cell."""
    import io

    from rich.console import Console
    from textual._compositor import LayoutUpdate

    from bizop_tui.tui.compositing import ChangedRowsCompositor
    from bizop_tui.tui.screen_copy import ScreenCopy

    console = Console(color_system="truecolor", force_terminal=True, file=io.StringIO())
    terminal = ScreenCopy()
    app = open_app(amazon)
    async with app.run_test(size=size) as pilot:
        main = main_screen(app)
        compositor = main._compositor
        assert isinstance(compositor, ChangedRowsCompositor)
        drawn = compositor.render_update

        def render_update(*args, **kwargs):
            update = drawn(*args, **kwargs)
            if update is not None and app.screen is main:
                terminal.changes(update, app.size, console)
            return update

        def drawn_whole():
            whole = ScreenCopy()
            whole.changes(LayoutUpdate([[strip] for strip in compositor.render_strips()], app.size.region),
                          app.size, console)
            return whole.rows

        compositor.render_update = render_update
        main.refresh()
        await pilot.pause()
        for keys in (["down"], ["down", "down"], ["up"], ["tab"], ["down"], ["tab"], ["down", "down"], ["shift+tab"],
                     ["J"], ["K"], ["slash", "r", "e"], ["escape"], ["shift+tab"], ["end"], ["home"], ["pagedown"]):
            await pilot.press(*keys)
            await pilot.pause()
            assert terminal.rows == drawn_whole(), f"after {keys}"
        await pilot.hover(main.tree("business"), offset=(8, 3))
        await pilot.pause()
        assert terminal.rows == drawn_whole(), "after the mouse moved over the tree"
