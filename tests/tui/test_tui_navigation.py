"""Getting around: find, jumping from a finding to its entry, narrow and wide terminals, literal user text."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from bizop_tui.tui.screens.entry_form import EntryForm
from bizop_tui.tui.widgets.model_tree import ModelTree
from tui_helpers import NARROW, WIDE, go_to_pane, main_screen, move_cursor_to, open_app, plain_label, shown_text, title_line, type_text

PANE_IDS = ("pane-business", "pane-operating", "pane-alignment")


async def find(pilot, text: str) -> None:
    await pilot.press("slash")
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


# -- find --------------------------------------------------------------------------------------------


async def test_find_by_part_of_a_name_puts_the_cursor_on_the_first_match(amazon):
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        await find(pilot, "video")
        # vp-prime-video ("Video streaming ...") comes before cs-video-content in the file.
        assert main.current_pane == "business"
        assert isinstance(app.focused, ModelTree) and app.focused.id == "business"
        assert main.tree("business").current_entry == "vp-prime-video"
        assert main.selected_entry_id() == "vp-prime-video"


async def test_n_moves_to_the_next_match_and_wraps_around(amazon):
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        await find(pilot, "video")
        await pilot.press("n")
        await pilot.pause()
        assert main.selected_entry_id() == "cs-video-content"
        await pilot.press("n")
        await pilot.pause()
        assert main.selected_entry_id() == "vp-prime-video"


async def test_find_by_id_in_the_operating_pane_selects_that_entry(amazon):
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        await go_to_pane(pilot, "operating")
        await find(pilot, "tech-aws")
        assert main.current_pane == "operating"
        assert app.focused is main.tree("operating")
        assert main.tree("operating").current_entry == "tech-aws"


async def test_find_with_no_match_leaves_the_cursor_where_it_was(amazon):
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        before = main.tree("business").current_entry
        await find(pilot, "no such thing anywhere")
        assert main.current_pane == "business"
        assert main.tree("business").current_entry == before


async def test_escape_closes_the_find_bar_without_moving(amazon):
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        before = main.tree("business").current_entry
        await pilot.press("slash")
        await type_text(pilot, "video")
        await pilot.press("escape")
        await pilot.pause()
        assert not main.query_one("#find-bar").has_class("-open")
        assert app.focused is main.tree("business")
        assert main.tree("business").current_entry == before


async def test_find_from_the_operating_pane_moves_to_a_match_in_the_business_pane(amazon):
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        await go_to_pane(pilot, "operating")
        await find(pilot, "video")
        await pilot.pause()
        assert main.current_pane == "business"
        assert app.focused is main.tree("business")
        assert main.tree("business").current_entry == "vp-prime-video"
        # What d would delete now: the match, not the operating entry the cursor was on before.
        assert main.selected_entry_id() == "vp-prime-video"


# -- from a finding to its entry ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "entry_id", "pane"),
    [
        ("process.no-owner", "proc-returns", "operating"),
        ("segment.no-channel", "seg-business-buyers", "business"),
    ],
)
async def test_enter_on_a_finding_selects_its_entry_in_its_tree(amazon, rule, entry_id, pane):
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        await pilot.press("tab", "tab")
        assert main.current_pane == "alignment"
        findings = main.findings_list
        assert app.focused is findings
        for _ in range(len(findings.findings)):
            if findings.current.rule == rule:
                break
            await pilot.press("down")
        assert findings.current.rule == rule and findings.current.entries == (entry_id,)

        await pilot.press("enter")
        await pilot.pause()
        assert main.current_pane == pane
        assert app.focused is main.tree(pane)
        assert main.tree(pane).current_entry == entry_id
        assert f"id {entry_id}" in shown_text(main.query_one("#details", Static))


async def test_enter_on_a_finding_about_the_whole_model_stays_in_the_alignment_pane(amazon):
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        await go_to_pane(pilot, "alignment")
        findings = main.findings_list
        for _ in range(len(findings.findings)):
            if not findings.current.entries:
                break
            await pilot.press("down")
        assert findings.current.entries == ()
        await pilot.press("enter")
        await pilot.pause()
        assert main.current_pane == "alignment"


# -- narrow and wide terminals -----------------------------------------------------------------------


def shown_panes(app) -> list[str]:
    shown = []
    for pane_id in PANE_IDS:
        pane = main_screen(app).query_one(f"#{pane_id}")
        if pane.display and pane.region.width > 0:
            shown.append(pane_id.removeprefix("pane-"))
    return shown


async def test_a_narrow_terminal_shows_one_pane_at_a_time_and_tab_switches_it(amazon):
    async with open_app(amazon, watch_interval=0).run_test(size=NARROW) as pilot:
        app = pilot.app
        main = main_screen(app)
        await pilot.pause()
        assert shown_panes(app) == ["business"]
        assert main.query_one("#pane-tabs").display

        for expected in ("operating", "alignment", "business"):
            await pilot.press("tab")
            await pilot.pause()
            assert main.current_pane == expected
            assert shown_panes(app) == [expected]

        await pilot.press("shift+tab")
        await pilot.pause()
        assert shown_panes(app) == ["alignment"]


async def test_a_wide_terminal_shows_all_three_panes_side_by_side(amazon):
    async with open_app(amazon, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        await pilot.pause()
        assert shown_panes(app) == ["business", "operating", "alignment"]
        assert not main.query_one("#pane-tabs").display
        await pilot.press("tab")
        await pilot.pause()
        assert shown_panes(app) == ["business", "operating", "alignment"]
        lefts = [main.query_one(f"#{pane_id}").region.x for pane_id in PANE_IDS]
        assert lefts == sorted(lefts) and len(set(lefts)) == 3


async def test_editing_in_a_narrow_terminal_adds_to_the_pane_that_is_shown(amazon):
    async with open_app(amazon, watch_interval=0).run_test(size=NARROW) as pilot:
        app = pilot.app
        main = main_screen(app)
        await go_to_pane(pilot, "operating")
        await move_cursor_to(pilot, main.tree("operating"), "block:operating.people")
        await pilot.press("a")
        await type_text(pilot, "Drone pilots")
        await pilot.press("enter")
        await pilot.pause()
        assert amazon.model.by_id["ppl-drone-pilots"].block.path == "operating.people"
        assert shown_panes(app) == ["operating"]
        assert main.tree("operating").current_entry == "ppl-drone-pilots"


# -- user text is shown literally --------------------------------------------------------------------

MARKUP_LOOKALIKE = "[bold]x[/bold] [TODO] plan [/foo]"

LITERAL_MODEL = f"""
[model]
name = "Plans [b]2027[/b]"

[[business.value_propositions]]
id = "vp-literal"
name = "{MARKUP_LOOKALIKE}"
notes = "[link=https://example.com]not a link[/link] and [red]not red[/red]"

[[operating.processes]]
id = "proc-literal"
name = "Ship [i]it[/i]"
supports = ["vp-literal"]
"""


async def test_entry_names_that_look_like_markup_are_shown_exactly_as_written(write_model):
    document = write_model(LITERAL_MODEL)
    async with open_app(document, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        tree = main.tree("business")
        node = tree.entry_nodes["vp-literal"]
        assert plain_label(node) == MARKUP_LOOKALIKE
        assert plain_label(main.tree("operating").entry_nodes["proc-literal"]) == "Ship [i]it[/i]"

        await move_cursor_to(pilot, tree, "vp-literal")
        await pilot.pause()
        # What is drawn on the tree's line, not only what the label holds.
        drawn = tree.render_line(node.line - int(tree.scroll_offset.y)).text
        assert MARKUP_LOOKALIKE in drawn
        details = shown_text(main.query_one("#details", Static))
        assert details.startswith(MARKUP_LOOKALIKE)
        assert "supported by: Ship [i]it[/i]" in details
        assert "[link=https://example.com]not a link[/link] and [red]not red[/red]" in details
        assert "Plans [b]2027[/b]" in title_line(app)

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryForm)
        assert app.screen.query_one("#name").value == MARKUP_LOOKALIKE
        await pilot.press("escape")
        await pilot.pause()
        assert not document.dirty


async def test_a_name_typed_with_brackets_is_saved_and_shown_literally(write_model):
    document = write_model(LITERAL_MODEL)
    async with open_app(document, watch_interval=0).run_test(size=WIDE) as pilot:
        app = pilot.app
        main = main_screen(app)
        await go_to_pane(pilot, "operating")
        await move_cursor_to(pilot, main.tree("operating"), "block:operating.processes")
        await pilot.press("a")
        await type_text(pilot, "[b]Plan[/b] [x]")
        await pilot.press("enter")
        await pilot.pause()
        entry_id = main.tree("operating").current_entry
        assert document.model.by_id[entry_id].name == "[b]Plan[/b] [x]"
        assert plain_label(main.tree("operating").entry_nodes[entry_id]) == "[b]Plan[/b] [x]"


# -- find ignores accents; delete lands on an entry ---------------------------------------------------


async def test_find_ignores_accents_and_case(write_model):
    from tui_helpers import BAKERY, main_screen, open_app

    document = write_model(BAKERY)
    async with open_app(document).run_test(size=NARROW) as pilot:
        await find(pilot, "CAFE CREME")
        assert main_screen(pilot.app).selected_entry_id() == "seg-cafe"


async def test_after_a_delete_the_cursor_is_on_the_next_entry_of_the_block(amazon):
    from tui_helpers import main_screen, open_app, select_entry

    async with open_app(amazon).run_test(size=NARROW) as pilot:
        main = main_screen(pilot.app)
        await select_entry(pilot, "seg-business-buyers")  # the last segment
        await pilot.press("d")
        await pilot.pause()
        assert main.selected_entry_id() == "seg-advertisers"
        await select_entry(pilot, "seg-shoppers")  # the first segment
        await pilot.press("d")
        await pilot.pause()
        assert main.selected_entry_id() == "seg-prime-members"


def cursor_rows(app) -> list[tuple[int, bool]]:
    """The rows of the findings list that the terminal shows on the cursor's background, and whether
    each is drawn bold (the cursor's look while the list has the focus)."""
    listing = main_screen(app).findings_list
    cursor = listing.get_component_rich_style("finding-list--cursor").bgcolor
    region = listing.content_region
    rows = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        cells = [seg for seg in strip.crop(region.x, region.x + 12) if seg.text.strip() and seg.style]
        if region.y <= y < region.bottom and cells and all(seg.style.bgcolor == cursor for seg in cells):
            rows.append((y, all(seg.style.bold for seg in cells)))
    return rows


async def test_the_findings_cursor_leaves_no_trace_as_it_moves_and_the_focus_comes_and_goes(amazon):
    from bizop_tui.tui.widgets.finding_list import ROWS

    async with open_app(amazon).run_test(size=WIDE) as pilot:
        await go_to_pane(pilot, "alignment")
        listing = main_screen(pilot.app).findings_list
        top = listing.content_region.y
        for key in ("down", "down", "down", "up", "tab", "shift+tab", "up"):
            await pilot.press(key)
            await pilot.pause()
            first = top + listing.highlighted * ROWS - int(listing.scroll_offset.y)
            rows = cursor_rows(pilot.app)
            assert [y for y, _ in rows][:1] == [first], key
            assert {bold for _, bold in rows} == {listing.has_focus}, key
