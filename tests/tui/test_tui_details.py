"""What the screen says about the selection and the score: link marks, reverse links, hints, the
score in the title at every size, and words a person reads."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tui_helpers import (
    BAKERY,
    NARROW,
    WIDE,
    go_to_pane,
    main_screen,
    open_app,
    screen_text,
    select_entry,
    shown_text,
)


def tree_marks(tree) -> dict[str, bool]:
    """For every entry line on screen, whether it is drawn with the link arrow."""
    marked = {}
    top = int(tree.scroll_offset.y)
    for entry_id, node in tree.entry_nodes.items():
        y = node.line - top
        if 0 <= y < tree.size.height:
            marked[entry_id] = "→" in tree.render_line(y).text
    return marked


# -- link marks --------------------------------------------------------------------------------------


async def test_the_link_arrows_follow_the_selection_as_it_moves(amazon):
    async with open_app(amazon).run_test(size=WIDE) as pilot:
        main = main_screen(pilot.app)
        operating = main.tree("operating")
        for entry_id in ("vp-prime-video", "vp-fast-delivery", "seg-prime-members", "vp-prime-video"):
            await select_entry(pilot, entry_id)
            await pilot.pause()
            direct = {e.id for e in amazon.model.entries("operating") if entry_id in e.links}
            assert direct <= operating.linked, "what names the selection is marked"
            marks = tree_marks(operating)
            drawn = {i for i, on in marks.items() if on}
            assert drawn == operating.linked & set(marks), amazon.model.by_id[entry_id].name


# -- reverse links -----------------------------------------------------------------------------------


async def test_a_segment_lists_the_propositions_and_channels_that_name_it(write_model):
    document = write_model(BAKERY)
    async with open_app(document).run_test(size=WIDE) as pilot:
        await select_entry(pilot, "seg-online")
        details = shown_text(pilot.app.screen.query_one("#details", Static))
        assert "Fresh bread every morning" in details
        assert "Online shop" in details
        assert "nothing" not in details


async def test_a_team_lists_what_it_owns(write_model):
    document = write_model(BAKERY)
    async with open_app(document).run_test(size=WIDE) as pilot:
        await select_entry(pilot, "org-bakehouse")
        details = shown_text(pilot.app.screen.query_one("#details", Static))
        assert "owns: Overnight baking" in details


async def test_the_status_of_an_entry_is_shown_in_the_tree_and_the_details_in_words(write_model):
    document = write_model(BAKERY.replace('name = "Order fulfilment"', 'name = "Order fulfilment"\nstatus = "planned"'))
    async with open_app(document).run_test(size=WIDE) as pilot:
        main = main_screen(pilot.app)
        await select_entry(pilot, "proc-fulfil")
        tree = main.tree("operating")
        line = tree.render_line(tree.entry_nodes["proc-fulfil"].line - int(tree.scroll_offset.y)).text
        assert "planned" in line
        assert "planned" in shown_text(pilot.app.screen.query_one("#details", Static))


# -- findings ----------------------------------------------------------------------------------------


async def test_the_selected_findings_hint_is_shown_in_the_details(amazon):
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        main = main_screen(pilot.app)
        await go_to_pane(pilot, "alignment")
        finding = main.findings_list.current
        assert finding.hint
        details = shown_text(pilot.app.screen.query_one("#details", Static))
        assert finding.hint.split()[0] in details and "hint" in details


# -- the score in sight ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(60, 20), NARROW, (120, 30), WIDE], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_score_and_the_counts_are_in_the_title_bar_at_every_size(amazon, size):
    async with open_app(amazon).run_test(size=size) as pilot:
        top = screen_text(pilot.app).splitlines()[0]
        alignment = main_screen(pilot.app).session.alignment
        warnings = sum(f.severity == "warning" for f in alignment.findings)
        assert f"{alignment.score}/100" in top
        assert f"▲{warnings}" in top


async def test_the_title_bar_shows_the_change_after_an_edit(amazon):
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        before = main_screen(pilot.app).session.alignment.score
        await select_entry(pilot, "proc-order-fulfilment")
        await pilot.press("d")
        await pilot.pause()
        top = screen_text(pilot.app).splitlines()[0]
        score = main_screen(pilot.app).session.alignment.score
        assert f"{score}/100" in top and score != before and f"({score - before:+d})" in top


async def test_one_warning_is_one_warning(write_model):
    document = write_model('''
[model]
name = "One"

[[operating.organisation]]
id = "org-lonely"
name = "A team serving nothing yet"
''')
    async with open_app(document).run_test(size=WIDE) as pilot:
        shown = screen_text(pilot.app)
        assert "1 warnings" not in shown and "1 errors" not in shown
        counts = main_screen(pilot.app).session.alignment.counts()
        assert counts["warning"] == 1 and "1 warning" in shown


def test_a_promise_names_its_nearest_indirect_supporters_first_and_counts_the_rest(write_model):
    """A chain of nine processes ends at a promise: the details name who supports it directly, then the
    six nearest through them, and how many more there are."""
    from bizop_tui.session import Session
    from bizop_tui.tui.widgets.details import Details, Selection

    chain = "\n".join(f"""
        [[operating.processes]]
        id = "p{i}"
        name = "Step {i}"
        supports = ["{'vp' if i == 1 else f'p{i - 1}'}"]
        """ for i in range(1, 10))
    document = write_model('[[business.value_propositions]]\nid = "vp"\nname = "Insights"\n' + chain)
    session = Session(document)

    details = Details.content_for(Selection(session, "vp")).plain

    assert "supported by: Step 1" in details
    assert "and through them: Step 2, Step 3, Step 4, Step 5, Step 6, Step 7, … 2 more" in details
