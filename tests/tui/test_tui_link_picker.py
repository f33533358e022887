"""The link picker: only the targets the format allows, a stable list, clear feedback, and the one
link a finding asks for, one key away."""

from __future__ import annotations

from bizop_tui.tui.screens.link_picker import LinkPicker, SourcePicker
from tui_helpers import BAKERY, NARROW, WIDE, go_to_pane, main_screen, notifications, open_app, screen_text, select_entry, type_text


def said(app) -> str:
    return notifications(app).lower()


async def open_picker(pilot, entry_id: str) -> LinkPicker:
    await select_entry(pilot, entry_id)
    await pilot.press("l")
    await pilot.pause()
    assert isinstance(pilot.app.screen, LinkPicker)
    return pilot.app.screen


def shown_ids(picker: LinkPicker) -> list[str]:
    return [entry.id for entry in picker.shown]


async def test_a_process_supports_only_what_the_format_allows_and_never_a_customer_segment(write_model):
    document = write_model(BAKERY)
    async with open_app(document).run_test(size=NARROW) as pilot:
        picker = await open_picker(pilot, "proc-fulfil")
        assert "seg-online" not in shown_ids(picker) and "seg-cafe" not in shown_ids(picker)
        await type_text(pilot, "online shop")
        await pilot.press("enter")
        await pilot.press("escape")
        await pilot.pause()
    assert document.model.by_id["proc-fulfil"].supports == ("ch-online-shop",)


async def test_enter_twice_keeps_the_highlight_on_the_same_entry_and_says_linked_then_unlinked(write_model):
    document = write_model(BAKERY)
    async with open_app(document).run_test(size=NARROW) as pilot:
        picker = await open_picker(pilot, "proc-fulfil")
        await pilot.press("down", "down")
        target = picker.shown[picker.query_one("#picker-list").highlighted].id
        await pilot.press("enter")
        await pilot.pause()
        assert picker.shown[picker.query_one("#picker-list").highlighted].id == target
        assert said(pilot.app).startswith("linked '")
        await pilot.press("enter")
        await pilot.pause()
        assert picker.shown[picker.query_one("#picker-list").highlighted].id == target
        assert "unlinked" in said(pilot.app)
        await pilot.press("escape")
        await pilot.pause()
    assert not document.dirty


async def test_linked_entries_come_first_in_a_stable_order(write_model):
    document = write_model(BAKERY)
    async with open_app(document).run_test(size=NARROW) as pilot:
        picker = await open_picker(pilot, "proc-baking")
        assert shown_ids(picker)[0] == "vp-fresh"
        order = shown_ids(picker)
        await pilot.press("down", "enter", "down", "enter")
        await pilot.pause()
        assert shown_ids(picker) == order, "toggling never re-sorts the list under the cursor"


async def test_switching_the_kind_of_link_clears_the_filter_and_an_empty_list_says_so(write_model):
    document = write_model(BAKERY)
    async with open_app(document).run_test(size=NARROW) as pilot:
        picker = await open_picker(pilot, "proc-fulfil")
        await type_text(pilot, "fresh")
        await pilot.press("tab")  # supports -> owner
        await pilot.pause()
        assert picker.kind.key == "owner"
        assert picker.query_one("#picker-filter").value == ""
        assert shown_ids(picker) == ["org-bakehouse"]
        await type_text(pilot, "nothing like this")
        await pilot.pause()
        assert "no matches" in screen_text(pilot.app).lower()


async def test_conflicts_are_offered_among_the_kinds_of_link(write_model):
    document = write_model(BAKERY)
    async with open_app(document).run_test(size=NARROW) as pilot:
        picker = await open_picker(pilot, "vp-fresh")
        kinds = [kind.key for kind in picker.kinds]
        assert kinds == ["supports", "segments", "conflicts"]


async def test_f_on_a_finding_opens_the_picker_for_the_link_that_would_settle_it(amazon):
    async with open_app(amazon).run_test(size=WIDE) as pilot:
        main = main_screen(pilot.app)
        await go_to_pane(pilot, "alignment")
        findings = main.findings_list
        for _ in range(len(findings.findings)):
            if findings.current.rule == "process.no-owner":
                break
            await pilot.press("down")
        assert findings.current.entries == ("proc-returns",)
        assert "Name the organisation unit" in screen_text(pilot.app), "the hint is shown"
        await pilot.press("f")
        await pilot.pause()
        picker = pilot.app.screen
        assert isinstance(picker, LinkPicker)
        assert picker.kind.key == "owner"
        await type_text(pilot, "org-operations")
        await pilot.press("enter", "escape")
        await pilot.pause()
    assert amazon.model.by_id["proc-returns"].owner == "org-operations"


async def test_f_on_a_promise_nobody_delivers_picks_the_entry_that_should_deliver_it(amazon):
    async with open_app(amazon).run_test(size=WIDE) as pilot:
        main = main_screen(pilot.app)
        await select_entry(pilot, "vp-multichannel")
        await pilot.press("f")
        await pilot.pause()
        picker = pilot.app.screen
        assert isinstance(picker, SourcePicker)
        assert {amazon.model.by_id[i].side for i in shown_ids(picker)} == {"operating"}
        await type_text(pilot, "proc-order-fulfilment")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, SourcePicker)
        assert "vp-multichannel" in amazon.model.by_id["proc-order-fulfilment"].supports
        assert not [f for f in main.session.alignment.findings
                    if f.rule == "promise.undelivered" and f.entries == ("vp-multichannel",)]
