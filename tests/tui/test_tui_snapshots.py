"""What every screen and dialog looks like on the Amazon sample at 80x24, and the main screen at 160x48
(SVG snapshots).

The title shows the file's path, so the sample is opened as "amazon.toml" from inside tmp_path; the
alignment is judged as of a fixed day, so staleness findings do not move with the calendar; cursors do
not blink. Regenerate with: python3 -m pytest tests/tui --snapshot-update
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from bizop_tui.model.document import Document
from bizop_tui.model.journal import Journal
from tui_helpers import NARROW, WIDE, go_to_pane, main_screen, open_app, select_block, select_entry, type_text

EXTERNAL_ENTRY = '\n[[operating.processes]]\nid = "proc-added-elsewhere"\nname = "Added in another editor"\n'


@pytest.fixture
def amazon_here(sample_copy, tmp_path, monkeypatch) -> Document:
    """The Amazon sample copied to tmp_path and opened by the relative name "amazon.toml"."""
    sample_copy("amazon")
    monkeypatch.chdir(tmp_path)
    return Document.open("amazon.toml")


async def settle(pilot) -> None:
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, (Input, TextArea)):
            widget.cursor_blink = False
    await pilot.pause()


def keys(*presses: str):
    async def run_before(pilot) -> None:
        await pilot.press(*presses)
        await settle(pilot)

    return run_before


# -- the main screen ---------------------------------------------------------------------------------


def test_main_screen_on_a_narrow_terminal_shows_the_business_pane_with_the_pane_tabs(snap_compare, amazon_here):
    assert snap_compare(open_app(amazon_here), terminal_size=NARROW, run_before=settle)


def test_main_screen_at_80_columns_shows_the_operating_pane_after_tab(snap_compare, amazon_here):
    assert snap_compare(open_app(amazon_here), terminal_size=NARROW, run_before=keys("tab"))


def test_main_screen_at_80_columns_shows_the_alignment_pane_and_the_findings_hint(snap_compare, amazon_here):
    assert snap_compare(open_app(amazon_here), terminal_size=NARROW, run_before=keys("tab", "tab", "down", "down"))


def test_main_screen_on_a_wide_terminal_shows_all_three_panes(snap_compare, amazon_here):
    async def run_before(pilot) -> None:
        await select_entry(pilot, "vp-prime-video")
        await settle(pilot)

    assert snap_compare(open_app(amazon_here), terminal_size=WIDE, run_before=run_before)


def test_find_bar_at_80_columns(snap_compare, amazon_here):
    assert snap_compare(open_app(amazon_here), terminal_size=NARROW, run_before=keys("slash", *"video"))


# -- dialogs -----------------------------------------------------------------------------------------


def test_help_at_80_columns(snap_compare, amazon_here):
    assert snap_compare(open_app(amazon_here), terminal_size=NARROW, run_before=keys("question_mark"))


def test_new_entry_form_at_80_columns(snap_compare, amazon_here):
    async def run_before(pilot) -> None:
        await select_block(pilot, "business.revenue_streams")
        await pilot.press("a")
        await type_text(pilot, "Café subscriptions")
        await settle(pilot)

    assert snap_compare(open_app(amazon_here), terminal_size=NARROW, run_before=run_before)


def test_edit_form_at_80_columns(snap_compare, amazon_here):
    async def run_before(pilot) -> None:
        await select_entry(pilot, "proc-returns")
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(open_app(amazon_here), terminal_size=NARROW, run_before=run_before)


def test_link_picker_at_80_columns(snap_compare, amazon_here):
    async def run_before(pilot) -> None:
        await select_entry(pilot, "proc-returns")
        await pilot.press("l")
        await type_text(pilot, "prime")
        await settle(pilot)

    assert snap_compare(open_app(amazon_here), terminal_size=NARROW, run_before=run_before)


def test_fix_picker_at_80_columns(snap_compare, amazon_here):
    async def run_before(pilot) -> None:
        await select_entry(pilot, "vp-prime-video")
        await pilot.press("f")
        await settle(pilot)

    assert snap_compare(open_app(amazon_here), terminal_size=NARROW, run_before=run_before)


def test_settings_form_at_80_columns(snap_compare, amazon_here):
    assert snap_compare(open_app(amazon_here), terminal_size=NARROW, run_before=keys("m"))


def test_save_as_at_80_columns(snap_compare):
    from bizop_tui.tui.launch import open_document

    assert snap_compare(open_app(open_document(None)), terminal_size=NARROW, run_before=keys("ctrl+s"))


def test_quit_question_at_80_columns(snap_compare, amazon_here):
    async def run_before(pilot) -> None:
        await select_entry(pilot, "proc-returns")
        await pilot.press("d", "ctrl+q")
        await settle(pilot)

    assert snap_compare(open_app(amazon_here), terminal_size=NARROW, run_before=run_before)


def test_recovery_prompt_at_80_columns(snap_compare, amazon_here, tmp_path, monkeypatch):
    import time

    from tests.journal_helpers import ended_elsewhere_in_time, left_behind

    monkeypatch.setenv("TZ", "UTC")  # the prompt gives the owner's start in local time
    time.tzset()

    left_behind(str(tmp_path / "amazon.toml"), amazon_here.text + "\n# an unsaved edit\n", amazon_here.disk_digest,
                written_at="2026-11-26T18:04:00", owner=ended_elsewhere_in_time())
    journal = Journal.for_file(str(tmp_path / "amazon.toml"))
    assert snap_compare(open_app(amazon_here, journal=journal), terminal_size=NARROW, run_before=settle)


def test_changed_on_disk_when_saving_at_80_columns(snap_compare, amazon_here, tmp_path):
    async def run_before(pilot) -> None:
        await select_entry(pilot, "proc-returns")
        await pilot.press("d")
        with (tmp_path / "amazon.toml").open("a", encoding="utf-8") as handle:
            handle.write(EXTERNAL_ENTRY)
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(open_app(amazon_here), terminal_size=NARROW, run_before=run_before)


def test_changed_on_disk_under_unsaved_edits_at_80_columns(snap_compare, amazon_here, tmp_path):
    async def run_before(pilot) -> None:
        await go_to_pane(pilot, "operating")
        await select_entry(pilot, "proc-returns")
        await pilot.press("d")
        with (tmp_path / "amazon.toml").open("a", encoding="utf-8") as handle:
            handle.write(EXTERNAL_ENTRY)
        main_screen(pilot.app).check_disk_now()
        await settle(pilot)

    assert snap_compare(open_app(amazon_here), terminal_size=NARROW, run_before=run_before)
