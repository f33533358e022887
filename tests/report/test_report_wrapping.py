"""The review's own line wrapping (fast, for thousands of findings) never loses a word or overflows."""

from __future__ import annotations

import os
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from bizop_tui.report.terminal import _money_rows, wrap_plain

WORDS = st.sampled_from(["a", "bb", "supports", "=", '["vp-x"]', "", "x" * 30, "y" * 95, "decide:"])


@given(st.lists(WORDS, max_size=40).map(" ".join), st.integers(12, 100))
def test_wrapped_lines_fit_the_width_and_keep_every_character(text, width):
    lines = wrap_plain(text, width, "    ", "  ")

    assert all(len(line) <= width for line in lines)
    assert "".join("".join(line.split()) for line in lines) == "".join(text.split())


def test_words_are_not_broken_when_they_fit_on_the_next_line():
    assert wrap_plain("add supports to the process", 16, "  ", "  ") == ["  add supports", "  to the process"]


# -- the segments' money table -------------------------------------------------------------------------

NAMES = st.sampled_from(["Prime members", "SMB", "会員プライム会員プライム会員プライム会員", "x" * 70,
                         "Everyday online shoppers who buy things every week", "a b", "Ünïcødé buyers"])
AMOUNTS = st.integers(-10**12, 10**12)


def as_rich_lays_it_out(rows, width: int) -> str:
    """The table as a borderless Rich Table draws it (what the review printed before it was drawn line by
    line for speed): the reference the review's own layout must match."""
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("Segment", overflow="fold", max_width=max(width - 50, 20))
    for title in ("Revenue", "Cost to serve", "Margin"):
        table.add_column(title, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(Text(row.segment.name), Text(f"{row.revenue:,.0f}"), Text(f"{row.cost:,.0f}"),
                      Text(f"{row.margin:,.0f}"))
    return printed([table], width)


def printed(parts, width: int) -> str:
    from rich.console import Console

    console = Console(width=width, color_system=None, record=True, file=open(os.devnull, "w"))
    for part in parts:
        console.print(part)
    return console.export_text()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NAMES, AMOUNTS, AMOUNTS), min_size=1, max_size=6), st.integers(40, 140))
def test_the_segments_money_table_reads_as_a_rich_table_would_draw_it(segments, width):
    rows = [SimpleNamespace(segment=SimpleNamespace(name=name), revenue=revenue, cost=cost, margin=revenue - cost)
            for name, revenue, cost in segments]
    assert printed(_money_rows(SimpleNamespace(segments=rows), width), width) == as_rich_lays_it_out(rows, width)
