"""Stories about archetype rules: what a kind of business model needs from its operating model."""

from __future__ import annotations

import pytest

from bizop_tui.alignment import analyse
from bizop_tui.model import WARNING

SUBSCRIPTION_MET = """
[model]
name = "Acme SaaS"
archetype = "subscription"

[[business.value_propositions]]
id = "vp"
name = "Analytics that keep improving"

[[business.revenue_streams]]
id = "rs"
name = "Monthly subscription"

[[operating.processes]]
id = "p-support"
name = "Customer support desk"
supports = ["vp"]

[[operating.processes]]
id = "p-retention"
name = "Customer success and renewals"
supports = ["rs"]

[[operating.processes]]
id = "p-release"
name = "Weekly release train"
supports = ["vp"]
"""


def archetype_findings(alignment):
    return [f for f in alignment.findings if f.rule.startswith("archetype.")]


# ---- archetype.missing ------------------------------------------------------------------------------


def test_a_subscription_model_with_nothing_it_needs_lists_each_missing_requirement(align, rule_findings):
    alignment = align('[model]\nname = "Acme"\narchetype = "subscription"\n')

    missing = rule_findings(alignment, "archetype.missing")
    assert len(missing) == 4
    assert {f.severity for f in missing} == {WARNING}
    assert any("archetype 'subscription' needs a recurring revenue stream" in f.message for f in missing)
    fit = alignment.subscore("archetype")
    assert (fit.passed, fit.total, fit.value) == (0, 4, 0)


def test_a_subscription_model_with_everything_it_needs_fits_its_archetype(align):
    alignment = align(SUBSCRIPTION_MET)

    assert archetype_findings(alignment) == []
    fit = alignment.subscore("archetype")
    assert (fit.passed, fit.total, fit.value) == (4, 4, 100)


def test_a_tag_meets_a_requirement_when_the_name_does_not(align, rule_findings):
    alignment = align(
        """
        [model]
        name = "Gym"
        archetype = "subscription"

        [[business.revenue_streams]]
        id = "rs-fee"
        name = "Monthly fee"
        tags = ["Recurring"]
        """
    )

    messages = [f.message for f in rule_findings(alignment, "archetype.missing")]
    assert len(messages) == 3
    assert not any("recurring revenue stream" in m for m in messages)


def test_a_term_only_matches_a_whole_word(align, rule_findings):
    alignment = align(
        """
        [model]
        name = "Acme"
        archetype = "subscription"

        [[business.revenue_streams]]
        id = "rs"
        name = "Subscriptionless one-off sales"

        [[operating.processes]]
        id = "p"
        name = "Supportive culture programme"
        """
    )

    messages = " ".join(f.message for f in rule_findings(alignment, "archetype.missing"))
    assert "recurring revenue stream" in messages
    assert "customer support process" in messages
    assert rule_findings(alignment, "archetype.unserved") == []


def test_a_model_without_an_archetype_has_no_archetype_findings(align):
    alignment = align('[model]\nname = "Acme"\n')

    assert archetype_findings(alignment) == []
    assert alignment.subscore("archetype").value is None


def test_a_list_of_archetypes_checks_each_of_them(align, rule_findings):
    alignment = align('[model]\nname = "Acme"\narchetype = ["subscription", "online-retail"]\n')

    messages = [f.message for f in rule_findings(alignment, "archetype.missing")]
    assert any(m.startswith("archetype 'subscription' needs") for m in messages)
    assert any("archetype 'online-retail' needs" in m for m in messages)
    assert len(messages) == 8


# ---- archetype.unserved ----------------------------------------------------------------------------


def test_a_matching_process_that_serves_no_business_element_is_unserved(align, rule_findings):
    alignment = align(SUBSCRIPTION_MET.replace('name = "Customer support desk"\nsupports = ["vp"]',
                                               'name = "Customer support desk"'))

    [finding] = rule_findings(alignment, "archetype.unserved")
    assert finding.severity == WARNING
    assert finding.entries == ("p-support",)
    assert "'Customer support desk' matches ('support' in its name) but supports no business element" in finding.message
    assert rule_findings(alignment, "archetype.missing") == []
    fit = alignment.subscore("archetype")
    assert (fit.passed, fit.total) == (3, 4)


def test_linking_the_matching_process_to_a_promise_serves_the_archetype(align, rule_findings):
    alignment = align(SUBSCRIPTION_MET)

    assert rule_findings(alignment, "archetype.unserved") == []


# ---- archetype.unknown ------------------------------------------------------------------------------


def test_an_archetype_that_is_not_defined_is_reported_with_the_known_ones(align, rule_findings):
    alignment = align('[model]\nname = "Acme"\narchetype = "spaceship"\n')

    [finding] = rule_findings(alignment, "archetype.unknown")
    assert finding.severity == WARNING
    assert finding.message == "archetype 'spaceship' is not defined"
    for known in ("consulting", "marketplace", "online-retail", "subscription"):
        assert known in finding.hint
    assert "[archetypes.spaceship]" in finding.hint


def test_a_built_in_archetype_is_not_unknown(align, rule_findings):
    alignment = align('[model]\nname = "Acme"\narchetype = "consulting"\n')

    assert rule_findings(alignment, "archetype.unknown") == []


# ---- archetypes defined in the model file ---------------------------------------------------------------

BAKERY = """
[model]
name = "Corner bakery"
archetype = "bakery"

[archetypes.bakery]
title = "Bakery"

[[archetypes.bakery.requires]]
id = "oven"
what = "an oven"
blocks = ["operating.technology", "operating.locations"]
match = ["oven", "bakehouse"]
"""


def test_a_custom_archetype_defined_in_the_file_is_checked(align, rule_findings):
    alignment = align(BAKERY)

    assert rule_findings(alignment, "archetype.unknown") == []
    [finding] = rule_findings(alignment, "archetype.missing")
    assert finding.message.startswith("archetype 'bakery' needs an oven; no entry in technology or locations mentions 'oven'")
    assert alignment.subscore("archetype").total == 1


def test_a_custom_archetype_is_met_by_a_matching_entry(align):
    alignment = align(BAKERY + '\n[[operating.technology]]\nid = "t-oven"\nname = "Stone oven"\n')

    assert archetype_findings(alignment) == []
    assert alignment.subscore("archetype").value == 100


def test_a_custom_archetype_is_offered_in_the_unknown_archetype_hint(align, rule_findings):
    alignment = align(BAKERY.replace('archetype = "bakery"', 'archetype = ["bakery", "bakrey"]'))

    [finding] = rule_findings(alignment, "archetype.unknown")
    assert "bakery" in finding.hint.split("Use one of: ")[1]


def test_a_model_can_replace_one_requirement_of_a_built_in_archetype(align, rule_findings):
    alignment = align(
        """
        [model]
        name = "Sports club"
        archetype = "subscription"

        [[archetypes.subscription.requires]]
        id = "recurring-revenue"
        what = "membership dues"
        blocks = ["business.revenue_streams"]
        match = ["dues"]

        [[business.revenue_streams]]
        id = "rs"
        name = "Annual dues"
        """
    )

    messages = [f.message for f in rule_findings(alignment, "archetype.missing")]
    assert len(messages) == 3  # the other built-in requirements still apply
    assert not any("dues" in m or "recurring revenue" in m for m in messages)


@pytest.mark.parametrize(
    "broken",
    [
        "[archetypes.bakery]\nrequires = 3\n",
        '[[archetypes.bakery.requires]]\nid = "oven"\nblocks = 3\nmatch = ["oven"]\n',
        '[[archetypes.bakery.requires]]\nid = "oven"\nblocks = ["operating.technology"]\nmatch = 3\n',
    ],
)
def test_a_malformed_custom_archetype_does_not_crash_the_analysis(load, broken):
    model = load('[model]\nname = "Corner bakery"\narchetype = "bakery"\n\n' + broken)

    alignment = analyse(model)

    assert alignment.score is None  # nothing to judge: the model has no entries
    assert any(f.rule == "schema.wrong-type" and "archetypes.bakery" in f.message for f in alignment.findings)
