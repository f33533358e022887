"""The review's own line wrapping (fast, for thousands of findings) never loses a word or overflows."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bizop_tui.report.terminal import wrap_plain

WORDS = st.sampled_from(["a", "bb", "supports", "=", '["vp-x"]', "", "x" * 30, "y" * 95, "decide:"])


@given(st.lists(WORDS, max_size=40).map(" ".join), st.integers(12, 100))
def test_wrapped_lines_fit_the_width_and_keep_every_character(text, width):
    lines = wrap_plain(text, width, "    ", "  ")

    assert all(len(line) <= width for line in lines)
    assert "".join("".join(line.split()) for line in lines) == "".join(text.split())


def test_words_are_not_broken_when_they_fit_on_the_next_line():
    assert wrap_plain("add supports to the process", 16, "  ", "  ") == ["  add supports", "  to the process"]
