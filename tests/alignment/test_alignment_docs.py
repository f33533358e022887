"""docs/alignment.md follows the code: every rule is documented, and every example in "Every rule"
fires its rule, at its severity, with the hint the page quotes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bizop_tui.alignment import analyse
from bizop_tui.alignment.rules.catalogue import RULES
from bizop_tui.model import load_text

DOC = Path(__file__).resolve().parents[2] / "docs" / "alignment.md"
HEADING = re.compile(r"^#### `([a-z.-]+)` · (error|warning|info)", re.M)
TODAY = dt.date(2026, 1, 1)


def documented_examples() -> list[tuple[str, str, str, str | None]]:
    """(rule, severity, the example file, the quoted hint) for each rule in "Every rule"."""
    text = DOC.read_text("utf-8")
    section = text[text.index("## 6. Every rule"):text.index("## 7.")]
    found = []
    headings = list(HEADING.finditer(section))
    for i, heading in enumerate(headings):
        body = section[heading.end(): headings[i + 1].start() if i + 1 < len(headings) else len(section)]
        example = re.search(r"```toml\n(.*?)```", body, re.S)
        hint = re.search(r"^Hint: `(.*?)`", body, re.M)
        found.append((heading.group(1), heading.group(2), example.group(1) if example else "",
                      hint.group(1) if hint else None))
    return found


def run_example(example: str, rule: str = ""):
    if "[model]" not in example and rule != "schema.missing-model":
        example = '[model]\nname = "Acme"\ncurrency = "EUR"\n\n' + example
    return analyse(load_text(example), today=TODAY)


def test_every_rule_bizop_reports_is_documented_with_an_example():
    documented = {rule for rule, _severity, example, _hint in documented_examples() if example}
    assert {rule.id for rule in RULES} - documented == set()


@pytest.mark.parametrize("rule,severity,example,hint", [pytest.param(*e, id=e[0]) for e in documented_examples()])
def test_each_documented_example_fires_its_rule_with_the_quoted_hint(rule, severity, example, hint):
    if not example:
        pytest.skip("no example")
    findings = [f for f in run_example(example, rule).findings if f.rule == rule]

    assert findings, f"the example of {rule} does not fire it"
    assert findings[0].severity == severity
    if hint is not None:
        assert hint in [f.hint for f in findings]
