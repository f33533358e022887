"""Stories about the score: it moves the way a user expects, and every point is explained."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import bizop_tui.templates
from bizop_tui.alignment import analyse
from bizop_tui.alignment.rules import RULE_IDS
from bizop_tui.model import load_model, load_text

BEFORE = """
[[business.customer_segments]]
id = "seg"
name = "Small retailers"

[[business.value_propositions]]
id = "vp-insights"
name = "Weekly insights"
segments = ["seg"]

[[business.value_propositions]]
id = "vp-alerts"
name = "Stock alerts"
segments = ["seg"]

[[business.channels]]
id = "ch"
name = "Web sign-up"
segments = ["seg"]

[[operating.organisation]]
id = "org"
name = "Product team"

[[operating.processes]]
id = "p-insights"
name = "Insight reporting"
owner = "org"
supports = ["vp-insights", "ch"]

[[operating.people]]
id = "skills"
name = "Analysts"
supports = ["p-insights"]

[[operating.technology]]
id = "tech"
name = "Data warehouse"
supports = ["p-insights"]
"""

ALERTS_PROCESS = """
[[operating.processes]]
id = "p-alerts"
name = "Stock alerting"
owner = "org"
supports = ["vp-alerts"]
"""

TEMPLATES = sorted(Path(bizop_tui.templates.__file__).parent.glob("*.toml"))


def test_adding_a_process_that_supports_an_unsupported_proposition_raises_the_score(align, rule_findings):
    before = align(BEFORE)
    after = align(BEFORE + ALERTS_PROCESS)

    assert [f.entries for f in rule_findings(before, "promise.undelivered")] == [("vp-alerts",)]
    assert rule_findings(after, "promise.undelivered") == []
    assert after.score > before.score
    assert after.subscore("delivery").value == 100
    assert before.subscore("delivery").value < 100


def test_a_fully_aligned_model_scores_100_with_no_warnings(align):
    alignment = align(
        """
        [[business.customer_segments]]
        id = "seg"
        name = "Small retailers"

        [[business.value_propositions]]
        id = "vp"
        name = "Weekly insights"
        segments = ["seg"]

        [[business.channels]]
        id = "ch"
        name = "Web sign-up"
        segments = ["seg"]

        [[operating.organisation]]
        id = "org"
        name = "Product team"

        [[operating.processes]]
        id = "p"
        name = "Insight reporting"
        owner = "org"
        supports = ["vp", "ch"]

        [[operating.people]]
        id = "skills"
        name = "Analysts"
        supports = ["p"]

        [[operating.technology]]
        id = "tech"
        name = "Data warehouse"
        supports = ["p"]
        """
    )

    assert alignment.score == 100
    assert alignment.findings == []


def test_the_score_is_the_weighted_mean_of_the_sub_scores_that_checked_something(align):
    alignment = align(BEFORE)

    counted = [s for s in alignment.subscores if s.value is not None]
    expected = round(sum(s.value * s.weight for s in counted) / sum(s.weight for s in counted))
    assert alignment.score == expected
    assert sum(s.weight for s in alignment.subscores) == 100


def test_without_amounts_every_sub_score_is_100_times_its_passed_checks_over_its_checks(align):
    alignment = align(BEFORE + '\n[[operating.technology]]\nid = "t-old"\nname = "Old server"\n')

    for sub in alignment.subscores:
        if sub.total:
            assert sub.value == round(100 * sub.passed / sub.total), sub.key
            assert sub.passed == sum(1 for c in sub.checks if c.passed)
        else:
            assert sub.value is None


def explained(sub) -> float:
    """A sub-score worked out from its listed checks alone: credit weighted by each check's stake."""
    checks = sub.checks
    n, stakes = len(checks), sum(c.stake for c in checks)
    if not stakes:
        return 100 * sum(c.credit for c in checks) / (10 * n)
    weights = [0.25 + 0.75 * n * c.stake / stakes for c in checks]
    return 100 * sum(w * c.credit / 10 for w, c in zip(weights, checks)) / sum(weights)


@pytest.mark.parametrize("path", TEMPLATES, ids=[p.stem for p in TEMPLATES])
def test_every_sub_score_of_a_bundled_template_is_explained_by_its_checks(path):
    alignment = analyse(load_model(str(path)), today=dt.date(2026, 6, 1))

    for sub in alignment.subscores:
        if sub.total:
            assert sub.value == round(explained(sub)), sub.key
            assert sub.total == len(sub.checks) and sub.passed == sum(c.passed for c in sub.checks)
            assert all(c.reason for c in sub.checks)


def test_every_failed_check_has_a_finding_for_its_entry(align):
    alignment = align(BEFORE + '\n[[operating.technology]]\nid = "t-old"\nname = "Old server"\n')

    flagged = {entry for f in alignment.findings for entry in f.entries}
    for sub in alignment.subscores:
        for check in sub.checks:
            if not check.passed and check.entry:
                assert check.entry in flagged, (sub.key, check)


def test_every_finding_uses_a_documented_rule_id(align):
    alignment = align(BEFORE + '\n[[operating.technology]]\nid = "t-old"\nname = "Old server"\nsupports = ["nope"]\n')

    assert alignment.findings
    assert {f.rule for f in alignment.findings} <= set(RULE_IDS)


def test_findings_come_errors_first_then_warnings_then_info(align):
    alignment = align(
        BEFORE + '\n[[operating.technology]]\nid = "t-old"\nname = "Old server"\nsupports = ["nope"]\njira = 1\n'
    )

    order = {"error": 0, "warning": 1, "info": 2}
    severities = [order[f.severity] for f in alignment.findings]
    assert severities == sorted(severities)
    assert set(severities) == {0, 1, 2}


def test_an_empty_model_has_no_score_and_says_why():
    alignment = analyse(load_text('[model]\nname = "Empty"\n'))

    assert alignment.score is None
    assert alignment.verdict.startswith("not enough to judge yet")
    assert alignment.findings == []
    assert all(s.value is None for s in alignment.subscores)


def test_an_empty_file_does_not_crash():
    alignment = analyse(load_text(""))

    assert alignment.score is None
    assert {f.rule for f in alignment.errors} >= {"schema.missing-model"}


def test_analysing_twice_gives_the_same_result(load):
    model = load(BEFORE)

    first, second = analyse(model, today=dt.date(2026, 6, 1)), analyse(model, today=dt.date(2026, 6, 1))

    assert first.score == second.score
    assert first.findings == second.findings
