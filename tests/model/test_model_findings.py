"""A finding moved to another line (an edit above its entry) is the same finding at that line."""

from __future__ import annotations

import dataclasses

import pytest

from bizop_tui.model.entities import WARNING, Finding, LinkFix


@pytest.mark.parametrize("line", [40, 1, None])
def test_a_finding_at_another_line_differs_only_in_its_line_and_sorts_there(line):
    finding = Finding("chain.gap", WARNING, "the chain stops", ("v1", "p2"), 12, "link a process", 1500.0,
                      "a subject", ("fulfil",), "promise.undelivered:v1", LinkFix("supports", None, "v1", ("processes",)))
    moved = finding.at_line(line)
    assert moved == dataclasses.replace(finding, line=line)
    for field in dataclasses.fields(Finding):  # every field, those left out of comparisons too
        expected = getattr(dataclasses.replace(finding, line=line), field.name)
        assert getattr(moved, field.name) == expected, field.name
    assert finding.line == 12  # the original stays where it was
    with pytest.raises(dataclasses.FrozenInstanceError):
        moved.line = 3
