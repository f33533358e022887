"""Judgement on screen: why a promise counts as delivered (who earned each check), an entry's status and
declared conflicts, the money at stake on each finding, and the impact of an entry (key i) in the
words of `bizop impact`."""

from __future__ import annotations

import re

from textual.widgets import Static

from bizop_tui.alignment.impact import impact
from bizop_tui.report.impact import render_impact_text
from tui_helpers import (
    NARROW,
    TODAY,
    WIDE,
    go_to_pane,
    main_screen,
    notifications,
    open_app,
    screen_text,
    select_block,
    select_entry,
    shown_text,
    wait_for,
)

SHOP = """
[model]
name = "Corner shop"
currency = "EUR"

[[business.customer_segments]]
id = "seg-locals"
name = "Neighbours"

[[business.value_propositions]]
id = "vp-fresh"
name = "Fresh bread every morning"
segments = ["seg-locals"]
conflicts = ["proc-cheap"]

[[business.revenue_streams]]
id = "rs-bread"
name = "Bread sales"
amount = 250000
segments = ["seg-locals"]

[[operating.organisation]]
id = "org-bakers"
name = "Bakehouse team"
supports = ["vp-fresh"]

[[operating.processes]]
id = "proc-baking"
name = "Overnight baking"
owner = "org-bakers"
supports = ["vp-fresh", "rs-bread"]

[[operating.processes]]
id = "proc-cheap"
name = "Day-old bread at half price"
owner = "org-bakers"
status = "bet"
supports = ["rs-bread"]

[[operating.people]]
id = "ppl-bakers"
name = "Master bakers"
supports = ["proc-baking"]

[[operating.technology]]
id = "tech-ovens"
name = "Deck ovens"
supports = ["proc-baking"]
"""


def details_text(app) -> str:
    return shown_text(app.screen.query_one("#details", Static))


async def report_done(pilot):
    """The report dialog on top, once its work is done."""
    report = pilot.app.screen
    assert type(report).__name__ == "Report", "the report opened"
    assert await wait_for(pilot, lambda: report.done, 20), "the report was worked out"
    await pilot.pause()
    return report


def words(text: str) -> list[str]:
    """The words of a text, wherever it was wrapped."""
    return re.sub(r"[│├└]", " ", text).split()


# -- why it counts as delivered ----------------------------------------------------------------------


async def test_a_delivered_promise_says_which_entries_earned_each_check(write_model):
    async with open_app(write_model(SHOP)).run_test(size=WIDE) as pilot:
        await select_entry(pilot, "vp-fresh")
        details = details_text(pilot.app)
        assert "why delivered: 5 of 6 checks pass" in details
        assert "✓ a process: Overnight baking" in details
        assert "✓ an owning organisation unit: Bakehouse team" in details
        assert "✓ people's skills: Master bakers" in details
        assert "✓ technology: Deck ovens" in details
        assert "✗ in conflict with 'Day-old bread at half price'" in details


async def test_a_missing_part_of_the_chain_is_crossed_out_and_names_nobody(write_model):
    document = write_model(SHOP.replace('id = "tech-ovens"\nname = "Deck ovens"\nsupports = ["proc-baking"]',
                                        'id = "tech-ovens"\nname = "Deck ovens"'))
    async with open_app(document).run_test(size=WIDE) as pilot:
        await select_entry(pilot, "vp-fresh")
        details = details_text(pilot.app)
        assert "why delivered: 4 of 6 checks pass" in details
        assert "✗ technology (missing)" in details
        assert "Deck ovens" not in details.split("why delivered")[1]


async def test_why_fits_the_details_of_an_80_column_terminal_one_line_a_check(write_model):
    async with open_app(write_model(SHOP.replace('conflicts = ["proc-cheap"]\n', ""))).run_test(size=NARROW) as pilot:
        await select_entry(pilot, "vp-fresh")
        shown = screen_text(pilot.app)
        assert "why delivered: 5 of 5 checks pass" in shown
        assert "✓ operating support: Bakehouse team, … 3 more" in shown


async def test_at_80_columns_the_details_say_what_lies_below_and_scroll_to_it(write_model):
    # With its conflict the proposition has a finding first, so why it counts as delivered falls below
    # the six rows of details an 80x24 terminal has.
    async with open_app(write_model(SHOP)).run_test(size=NARROW) as pilot:
        await select_entry(pilot, "vp-fresh")
        shown = screen_text(pilot.app)
        assert "why delivered" not in shown
        assert re.search(r"↓ \d+ more lines: J scrolls", shown), shown
        for _ in range(20):  # a line at a time, as a person reads down
            await pilot.press("J")
            shown = screen_text(pilot.app)
            if "why delivered: " in shown:
                break
        assert "why delivered: " in shown and re.search(r"↑ \d+ lines? above", shown), shown
        for _ in range(20):
            await pilot.press("K")
        assert "above" not in screen_text(pilot.app), "back at the top"
        await pilot.press("down", "up")  # another entry and back: the details start from the top again
        assert "why delivered" not in screen_text(pilot.app)


# -- status and conflicts ----------------------------------------------------------------------------


async def test_the_details_show_a_status_in_words_and_the_declared_conflict_on_both_sides(write_model):
    async with open_app(write_model(SHOP)).run_test(size=WIDE) as pilot:
        await select_entry(pilot, "proc-cheap")
        details = details_text(pilot.app)
        assert "· bet" in details and "status: bet: a deliberate exploration" in details
        assert "in conflict with: Fresh bread every morning" in details
        await select_entry(pilot, "vp-fresh")
        assert "conflicts: Day-old bread at half price" in details_text(pilot.app)


# -- money -------------------------------------------------------------------------------------------


async def test_a_segment_shows_its_revenue_against_its_cost_to_serve_as_the_review_does(amazon):
    async with open_app(amazon).run_test(size=WIDE) as pilot:
        await select_entry(pilot, "seg-prime-members")
        cost = main_screen(pilot.app).session.alignment.cost_to_serve()
        row = next(r for r in cost.segments if r.segment.id == "seg-prime-members")
        assert (f"revenue: {row.revenue:,.0f} USD a year, cost to serve {row.cost:,.0f} USD, margin "
                f"{row.margin:,.0f} USD (operating costs allocated along the links)") in details_text(pilot.app)


async def test_a_segment_of_a_model_without_amounts_says_nothing_about_money(write_model):
    async with open_app(write_model(SHOP.replace("amount = 250000\n", ""))).run_test(size=WIDE) as pilot:
        await select_entry(pilot, "seg-locals")
        assert "cost to serve" not in details_text(pilot.app)



async def test_each_finding_shows_the_money_at_stake_as_the_review_does(amazon):
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        await go_to_pane(pilot, "alignment")
        main = main_screen(pilot.app)
        first = main.findings_list.current
        assert first.at_stake == max(f.at_stake or 0 for f in main.session.alignment.findings)
        assert "▲ at stake 111bn USD: process 'Ad serving" in screen_text(pilot.app)
        assert "at stake 111,111,111,111 USD" in details_text(pilot.app)


# -- impact ------------------------------------------------------------------------------------------


async def test_i_shows_the_impact_of_the_selected_entry_in_the_words_of_bizop_impact(amazon):
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        await select_entry(pilot, "proc-order-fulfilment")
        await pilot.press("i")
        report = await report_done(pilot)
        expected = render_impact_text(impact(amazon.model, "proc-order-fulfilment", TODAY), "USD")
        assert words(report.text) == words(expected)
        assert "If it went:" in screen_text(pilot.app)
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is main_screen(pilot.app)


async def test_a_long_impact_scrolls_with_the_keys(amazon):
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        await select_entry(pilot, "vp-fast-delivery")
        await pilot.press("i")
        report = await report_done(pilot)
        body = report.query_one("#report-body")
        assert body.max_scroll_y > 0
        await pilot.press("pagedown", "down")
        await pilot.pause()
        assert body.scroll_y > 0
        assert "What it serves" not in screen_text(pilot.app) or body.scroll_y == body.max_scroll_y


async def test_the_impact_of_a_promise_in_the_alignment_pane_is_that_of_the_findings_entry(amazon):
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        await go_to_pane(pilot, "alignment")
        entry_id = main_screen(pilot.app).findings_list.current.entries[0]
        await pilot.press("i")
        report = await report_done(pilot)
        assert f"id {entry_id} If it went:" in " ".join(words(report.text))


async def test_i_on_a_block_says_to_select_an_entry_and_opens_nothing(amazon):
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        await select_block(pilot, "business.channels")
        await pilot.press("i")
        await pilot.pause()
        assert pilot.app.screen is main_screen(pilot.app)
        assert "Select an entry first" in notifications(pilot.app)


async def test_the_impact_key_is_in_the_help_and_the_palette(amazon):
    async with open_app(amazon).run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Impact of the selected entry" in pilot.app.screen.help_text
        commands = [c.title for c in pilot.app.get_system_commands(main_screen(pilot.app))]
        assert any(title.startswith("Impact of the selected entry") for title in commands)


# -- what it looks like ------------------------------------------------------------------------------


def test_the_impact_of_a_process_at_80_columns(snap_compare, sample_copy, tmp_path, monkeypatch):
    from bizop_tui.model.document import Document

    sample_copy("amazon")
    monkeypatch.chdir(tmp_path)

    async def run_before(pilot) -> None:
        await select_entry(pilot, "proc-order-fulfilment")
        await pilot.press("i")
        await report_done(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(open_app(Document.open("amazon.toml")), terminal_size=NARROW, run_before=run_before)
