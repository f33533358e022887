"""Marks and judgement on large models: a comparison that marks all 20,000 entries starts, stops and is
moved through without a slow repaint, and who earned a promise's checks (a walk up its chain) is
worked out once the cursor rests, not on every key."""

from __future__ import annotations

from bizop_tui.bench.synthetic import synthetic_model
from bizop_tui.model.document import Document
from bizop_tui.model.vocabulary import PROMISE_BLOCKS
from tui_helpers import WIDE, main_screen, open_app, shown_text, wait_for


async def test_every_entry_of_a_20000_entry_model_is_marked_and_unmarked_and_keys_still_move(tmp_path):
    path = tmp_path / "large.toml"
    path.write_text(synthetic_model(20000), "utf-8")
    empty = tmp_path / "empty.toml"
    empty.write_text('[model]\nname = "Nothing yet"\n', "utf-8")
    async with open_app(Document.open(str(path))).run_test(size=WIDE) as pilot:
        main = main_screen(pilot.app)
        session = main.session
        assert await wait_for(pilot, lambda: session.alignment is not None and session.state is not None, 120)
        tree = main.tree("business")
        tree.focus()
        await pilot.pause()
        await pilot.press(*["down"] * 30)
        await pilot.pause()

        outcome = session.compare_with(session.read_job(str(empty))())
        assert outcome.ok and len(session.change_marks) == len(session.model)
        main.show_session()
        await pilot.pause()
        assert tree.render_label(tree.cursor_node, tree.rich_style, tree.rich_style).plain.startswith("+ ")
        line = tree.cursor_line
        await pilot.press(*["up"] * 30)
        await pilot.pause()
        assert tree.cursor_line == line - 30
        main.stop_comparing()
        await pilot.pause()
        assert not tree.render_label(tree.cursor_node, tree.rich_style, tree.rich_style).plain.startswith("+ ")


async def test_who_earned_a_promises_checks_is_shown_with_the_move_on_a_large_model(tmp_path):
    """On thousands of entries the details name the nearest who earned each check, in the same update as
    the cursor (no wait for the cursor to rest), and say there are more without walking to count them."""
    path = tmp_path / "large.toml"
    path.write_text(synthetic_model(3000), "utf-8")
    async with open_app(Document.open(str(path))).run_test(size=WIDE) as pilot:
        main = main_screen(pilot.app)
        session = main.session
        assert await wait_for(pilot, lambda: session.alignment is not None and session.state is not None, 60)
        tree = main.tree("business")
        block = next(b for b in tree.block_nodes if b.split(".")[1] in PROMISE_BLOCKS)
        promises = [e.id for e in session.model.blocks[block]][:12]
        tree.select_entry(promises[0])
        tree.focus()
        await pilot.pause()
        await pilot.press("down")
        shown = shown_text(main.query_one("#details"))
        assert session.entry(promises[1]).name in shown
        assert "why delivered" in shown
        assert "more" in shown.split("why delivered", 1)[1]


async def test_the_arrows_on_screen_follow_a_move_that_changes_thousands_of_marks(tmp_path):
    """On a model where one entry's chain reaches thousands of others, the lines on screen show the
    arrow exactly for what is linked to the selection, after moves there and back and a scroll away
    and back (no line keeps the arrow of an earlier selection)."""
    from test_tui_details import tree_marks

    path = tmp_path / "large.toml"
    path.write_text(synthetic_model(3000), "utf-8")
    async with open_app(Document.open(str(path))).run_test(size=WIDE) as pilot:
        main = main_screen(pilot.app)
        session = main.session
        assert await wait_for(pilot, lambda: session.alignment is not None, 120)
        operating = main.tree("operating")
        business = main.tree("business")
        business.focus()
        await pilot.pause()
        seen_many = False
        for keys in (["down"] * 3, ["down"] * 5, ["up"] * 4, ["down"] * 9):
            await pilot.press(*keys)
            await pilot.pause()
            before = operating.linked
            for tree in (business, operating):
                marks = tree_marks(tree)
                assert {i for i, on in marks.items() if on} == tree.linked & set(marks)
            operating.scroll_to(y=40, animate=False)
            await pilot.pause()
            operating.scroll_home(animate=False)
            await pilot.pause()
            marks = tree_marks(operating)
            assert {i for i, on in marks.items() if on} == operating.linked & set(marks)
            seen_many = seen_many or len(before) > 200
        assert seen_many, "some move changed more marks than are repainted one by one"
