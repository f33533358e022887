"""What the main screen looks like on the Amazon sample, narrow and wide (SVG snapshots).

The title shows the file's path, so the sample is opened as "amazon.toml" from inside tmp_path; the
alignment is judged as of a fixed day (conftest.py), so staleness findings do not move with the calendar.
Regenerate with: python3 -m pytest tests/tui --snapshot-update
"""

from __future__ import annotations

import pytest

from bizop_tui.model.document import Document
from tui_helpers import NARROW, WIDE, open_app


@pytest.fixture
def amazon_here(sample_copy, tmp_path, monkeypatch) -> Document:
    """The Amazon sample copied to tmp_path and opened by the relative name "amazon.toml"."""
    sample_copy("amazon")
    monkeypatch.chdir(tmp_path)
    return Document.open("amazon.toml")


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause()


def test_main_screen_on_a_narrow_terminal_shows_the_business_pane_with_the_pane_tabs(snap_compare, amazon_here):
    app = open_app(amazon_here, watch_interval=0)
    assert snap_compare(app, terminal_size=NARROW, run_before=settle)


def test_main_screen_on_a_wide_terminal_shows_all_three_panes(snap_compare, amazon_here):
    app = open_app(amazon_here, watch_interval=0)
    assert snap_compare(app, terminal_size=WIDE, run_before=settle)
