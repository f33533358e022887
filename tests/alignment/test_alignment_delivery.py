"""Stories about promises and their delivery: promise.undelivered and chain.gap."""

from __future__ import annotations

import pytest

from bizop_tui.model import WARNING

FULL_CHAIN = """
[[business.value_propositions]]
id = "vp"
name = "Next-day delivery"

[[operating.organisation]]
id = "org-ops"
name = "Operations team"

[[operating.processes]]
id = "p-ship"
name = "Pick, pack and ship"
owner = "org-ops"
supports = ["vp"]

[[operating.people]]
id = "skills"
name = "Warehouse skills"
supports = ["p-ship"]

[[operating.technology]]
id = "wms"
name = "Warehouse management system"
supports = ["p-ship"]
"""


# ---- promise.undelivered -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "kind"),
    [
        ("value_propositions", "value proposition"),
        ("channels", "channel"),
        ("customer_relationships", "customer relationship"),
        ("revenue_streams", "revenue stream"),
    ],
)
def test_a_promise_nothing_in_the_operating_model_supports_is_undelivered(align, rule_findings, block, kind):
    alignment = align(
        f"""
        [model]
        name = "Acme"

        [[business.{block}]]
        id = "promise"
        name = "Our promise"
        """
    )

    [finding] = rule_findings(alignment, "promise.undelivered")
    assert finding.severity == WARNING
    assert finding.entries == ("promise",)
    assert finding.line == 4
    assert finding.message == f"{kind} 'Our promise' is promised, but no operating entry supports it"
    assert 'supports = ["promise"]' in finding.hint


def test_a_process_that_supports_a_proposition_directly_delivers_it(align, rule_findings):
    alignment = align(
        """
        [[business.value_propositions]]
        id = "vp"
        name = "Next-day delivery"

        [[operating.processes]]
        id = "p-ship"
        name = "Ship orders"
        supports = ["vp"]
        """
    )

    assert rule_findings(alignment, "promise.undelivered") == []


def test_a_process_that_supports_a_key_activity_that_supports_the_proposition_delivers_it(align, rule_findings):
    alignment = align(
        """
        [[business.value_propositions]]
        id = "vp"
        name = "Next-day delivery"

        [[business.key_activities]]
        id = "ka-logistics"
        name = "Logistics"
        supports = ["vp"]

        [[operating.processes]]
        id = "p-ship"
        name = "Ship orders"
        supports = ["ka-logistics"]
        """
    )

    assert rule_findings(alignment, "promise.undelivered") == []
    delivery = alignment.subscore("delivery")
    assert (delivery.passed, delivery.total) == (1, 1)


def test_a_business_only_chain_does_not_deliver_a_promise(align, rule_findings):
    alignment = align(
        """
        [[business.value_propositions]]
        id = "vp"
        name = "Next-day delivery"

        [[business.key_activities]]
        id = "ka-logistics"
        name = "Logistics"
        supports = ["vp"]
        """
    )

    assert [f.entries for f in rule_findings(alignment, "promise.undelivered")] == [("vp",)]


def test_an_operating_entry_linked_to_the_promise_with_a_long_chain_delivers_it(align, rule_findings):
    alignment = align(
        """
        [[business.channels]]
        id = "ch-web"
        name = "Web shop"

        [[operating.technology]]
        id = "t-site"
        name = "Shop platform"
        supports = ["ch-web"]

        [[operating.people]]
        id = "skills-web"
        name = "Web engineering"
        supports = ["t-site"]

        [[operating.locations]]
        id = "loc"
        name = "Office"
        supports = ["skills-web"]
        """
    )

    assert rule_findings(alignment, "promise.undelivered") == []


# ---- chain.gap -------------------------------------------------------------------------------------


def test_a_proposition_with_a_full_delivery_chain_has_no_chain_gap(align, rule_findings):
    alignment = align(FULL_CHAIN)

    assert rule_findings(alignment, "chain.gap") == []
    chains = alignment.subscore("chains")
    assert (chains.passed, chains.total, chains.value) == (4, 4, 100)


def test_a_proposition_delivered_by_a_lone_process_lacks_the_rest_of_its_chain(align, rule_findings):
    alignment = align(
        """
        [[business.value_propositions]]
        id = "vp"
        name = "Next-day delivery"

        [[operating.processes]]
        id = "p-ship"
        name = "Ship orders"
        supports = ["vp"]
        """
    )

    [finding] = rule_findings(alignment, "chain.gap")
    assert finding.severity == WARNING
    assert finding.entries == ("vp",)
    assert finding.message == (
        "the delivery chain of 'Next-day delivery' lacks an owning organisation unit, people's skills and technology"
    )
    chains = alignment.subscore("chains")
    assert (chains.passed, chains.total) == (1, 4)


def test_a_chain_missing_only_technology_names_just_that(align, rule_findings):
    technology_serves_nothing = FULL_CHAIN.replace(
        'name = "Warehouse management system"\nsupports = ["p-ship"]', 'name = "Warehouse management system"'
    )
    assert technology_serves_nothing != FULL_CHAIN
    alignment = align(technology_serves_nothing)

    [finding] = rule_findings(alignment, "chain.gap")
    assert finding.message.endswith("lacks technology")


def test_the_process_owner_counts_as_the_owning_unit_of_the_chain(align, rule_findings):
    without_owner = align(FULL_CHAIN.replace('owner = "org-ops"\n', ""))
    with_owner = align(FULL_CHAIN)

    [finding] = rule_findings(without_owner, "chain.gap")
    assert finding.message.endswith("lacks an owning organisation unit")
    assert rule_findings(with_owner, "chain.gap") == []


def test_a_proposition_with_no_support_at_all_is_reported_once_as_undelivered_not_as_a_chain_gap(
    align, rule_findings
):
    alignment = align('[[business.value_propositions]]\nid = "vp"\nname = "Next-day delivery"\n')

    assert rule_findings(alignment, "chain.gap") == []
    assert len(rule_findings(alignment, "promise.undelivered")) == 1
    assert alignment.subscore("chains").passed == 0
