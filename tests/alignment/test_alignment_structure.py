"""Stories about the shape of the two models: waste, duplication, segments, canvas bridges, owners."""

from __future__ import annotations

from bizop_tui.model import INFO, WARNING

# ---- waste.unused ---------------------------------------------------------------------------------


def test_an_operating_entry_that_supports_nothing_is_possible_waste(align, rule_findings):
    alignment = align(
        """
        [[operating.technology]]
        id = "t-old"
        name = "Legacy reporting server"
        """
    )

    [finding] = rule_findings(alignment, "waste.unused")
    assert finding.severity == WARNING
    assert finding.entries == ("t-old",)
    assert "'Legacy reporting server' supports nothing" in finding.message
    assert alignment.subscore("focus").value == 0


def test_an_operating_entry_whose_links_never_reach_the_business_model_is_possible_waste(align, rule_findings):
    alignment = align(
        """
        [[operating.people]]
        id = "skills"
        name = "Report writing"
        supports = ["t-old"]

        [[operating.technology]]
        id = "t-old"
        name = "Legacy reporting server"
        """
    )

    found = {f.entries: f.message for f in rule_findings(alignment, "waste.unused")}
    assert set(found) == {("skills",), ("t-old",)}
    assert "supports nothing that reaches the business model" in found[("skills",)]


def test_an_organisation_unit_that_only_owns_a_serving_process_is_not_waste(align, rule_findings):
    alignment = align(
        """
        [[business.value_propositions]]
        id = "vp"
        name = "Next-day delivery"

        [[operating.organisation]]
        id = "org-ops"
        name = "Operations team"

        [[operating.processes]]
        id = "p-ship"
        name = "Ship orders"
        owner = "org-ops"
        supports = ["vp"]
        """
    )

    assert rule_findings(alignment, "waste.unused") == []
    focus = alignment.subscore("focus")
    assert (focus.passed, focus.total) == (2, 2)


def test_an_organisation_unit_that_owns_a_process_serving_nothing_is_waste_too(align, rule_findings):
    alignment = align(
        """
        [[operating.organisation]]
        id = "org-ops"
        name = "Operations team"

        [[operating.processes]]
        id = "p-ship"
        name = "Ship orders"
        owner = "org-ops"
        """
    )

    assert {f.entries for f in rule_findings(alignment, "waste.unused")} == {("org-ops",), ("p-ship",)}


# ---- duplicate.same-support / duplicate.same-name ----------------------------------------------------


def test_two_processes_that_support_exactly_the_same_things_may_be_duplicates(align, rule_findings):
    alignment = align(
        """
        [[business.value_propositions]]
        id = "vp"
        name = "Next-day delivery"

        [[business.channels]]
        id = "ch"
        name = "Web shop"

        [[operating.processes]]
        id = "p-a"
        name = "Ship orders"
        supports = ["vp", "ch"]

        [[operating.processes]]
        id = "p-b"
        name = "Dispatch parcels"
        supports = ["ch", "vp"]
        """
    )

    [finding] = rule_findings(alignment, "duplicate.same-support")
    assert finding.severity == INFO
    assert finding.entries == ("p-a", "p-b")
    assert "'Ship orders', 'Dispatch parcels'" in finding.message


def test_processes_that_support_different_things_are_not_duplicates(align, rule_findings):
    alignment = align(
        """
        [[business.value_propositions]]
        id = "vp"
        name = "Next-day delivery"

        [[business.channels]]
        id = "ch"
        name = "Web shop"

        [[operating.processes]]
        id = "p-a"
        name = "Ship orders"
        supports = ["vp", "ch"]

        [[operating.processes]]
        id = "p-b"
        name = "Run the shop"
        supports = ["ch"]

        [[operating.technology]]
        id = "t"
        name = "Shop platform"
        supports = ["vp", "ch"]
        """
    )

    assert rule_findings(alignment, "duplicate.same-support") == []


def test_two_entries_of_one_block_with_the_same_name_are_reported(align, rule_findings):
    alignment = align(
        """
        [[business.channels]]
        id = "ch-1"
        name = "Web shop"

        [[business.channels]]
        id = "ch-2"
        name = "web   SHOP"
        """
    )

    [finding] = rule_findings(alignment, "duplicate.same-name")
    assert finding.severity == WARNING
    assert finding.entries == ("ch-1", "ch-2")
    assert finding.message.startswith("2 ")
    assert "named 'Web shop'" in finding.message


def test_the_same_name_in_different_blocks_is_not_a_duplicate(align, rule_findings):
    alignment = align(
        """
        [[business.key_resources]]
        id = "kr-shop"
        name = "Web shop"

        [[business.channels]]
        id = "ch-shop"
        name = "Web shop"
        """
    )

    assert rule_findings(alignment, "duplicate.same-name") == []


# ---- segment.no-proposition / segment.no-channel ----------------------------------------------------


def test_a_segment_without_a_proposition_or_a_channel_is_reported_twice(align, rule_findings):
    alignment = align(
        """
        [[business.customer_segments]]
        id = "seg"
        name = "Small retailers"
        """
    )

    [no_vp] = rule_findings(alignment, "segment.no-proposition")
    [no_channel] = rule_findings(alignment, "segment.no-channel")
    assert no_vp.entries == no_channel.entries == ("seg",)
    assert no_vp.message == "customer segment 'Small retailers' has no value proposition"
    assert no_channel.message == "customer segment 'Small retailers' has no channel that reaches it"
    assert 'segments = ["seg"]' in no_vp.hint


def test_a_segment_named_by_a_proposition_and_a_channel_is_served(align, rule_findings):
    alignment = align(
        """
        [[business.customer_segments]]
        id = "seg"
        name = "Small retailers"

        [[business.value_propositions]]
        id = "vp"
        name = "Insights"
        segments = ["seg"]

        [[business.channels]]
        id = "ch"
        name = "Web sign-up"
        segments = ["seg"]
        """
    )

    assert rule_findings(alignment, "segment.no-proposition") == []
    assert rule_findings(alignment, "segment.no-channel") == []


def test_a_segment_reached_only_by_a_channel_still_lacks_a_proposition(align, rule_findings):
    alignment = align(
        """
        [[business.customer_segments]]
        id = "seg"
        name = "Small retailers"

        [[business.channels]]
        id = "ch"
        name = "Web sign-up"
        segments = ["seg"]
        """
    )

    assert len(rule_findings(alignment, "segment.no-proposition")) == 1
    assert rule_findings(alignment, "segment.no-channel") == []


# ---- the three canvas bridges -------------------------------------------------------------------------


def test_a_key_activity_carried_out_by_no_process_is_reported(align, rule_findings):
    alignment = align(
        """
        [[business.key_activities]]
        id = "ka"
        name = "Product development"

        [[operating.technology]]
        id = "t"
        name = "Build servers"
        supports = ["ka"]
        """
    )

    [finding] = rule_findings(alignment, "bridge.activity-without-process")
    assert finding.entries == ("ka",)
    assert finding.message == "key activity 'Product development' is carried out by no process"


def test_a_key_activity_with_a_process_is_bridged(align, rule_findings):
    alignment = align(
        """
        [[business.key_activities]]
        id = "ka"
        name = "Product development"

        [[operating.processes]]
        id = "p"
        name = "Sprint cycle"
        supports = ["ka"]
        """
    )

    assert rule_findings(alignment, "bridge.activity-without-process") == []


def test_a_key_resource_nothing_provides_is_reported(align, rule_findings):
    alignment = align(
        """
        [[business.key_resources]]
        id = "kr"
        name = "Analytics platform"
        """
    )

    [finding] = rule_findings(alignment, "bridge.resource-without-operating")
    assert finding.entries == ("kr",)
    assert "is provided by nothing in the operating model" in finding.message


def test_a_key_resource_provided_by_any_operating_entry_is_bridged(align, rule_findings):
    alignment = align(
        """
        [[business.key_resources]]
        id = "kr"
        name = "Analytics platform"

        [[operating.locations]]
        id = "dc"
        name = "Data centre"
        supports = ["kr"]
        """
    )

    assert rule_findings(alignment, "bridge.resource-without-operating") == []


def test_a_key_partner_without_a_supplier_entry_is_reported(align, rule_findings):
    alignment = align(
        """
        [[business.key_partners]]
        id = "kp"
        name = "Cloud provider"

        [[operating.processes]]
        id = "p"
        name = "Vendor management"
        supports = ["kp"]
        """
    )

    [finding] = rule_findings(alignment, "bridge.partner-without-supplier")
    assert finding.entries == ("kp",)
    assert finding.message == "key partner 'Cloud provider' has no supplier entry in the operating model"


def test_a_key_partner_with_a_supplier_entry_is_bridged(align, rule_findings):
    alignment = align(
        """
        [[business.key_partners]]
        id = "kp"
        name = "Cloud provider"

        [[operating.suppliers]]
        id = "sup"
        name = "Cloud hosting contract"
        supports = ["kp"]
        """
    )

    assert rule_findings(alignment, "bridge.partner-without-supplier") == []


# ---- process.no-owner ------------------------------------------------------------------------------


def test_a_process_without_an_owner_is_reported(align, rule_findings):
    alignment = align(
        """
        [[operating.processes]]
        id = "p"
        name = "Order to cash"
        """
    )

    [finding] = rule_findings(alignment, "process.no-owner")
    assert finding.severity == WARNING
    assert finding.entries == ("p",)
    assert finding.message == "process 'Order to cash' has no owner"


def test_a_process_owned_by_an_organisation_unit_has_an_owner(align, rule_findings):
    alignment = align(
        """
        [[operating.organisation]]
        id = "org"
        name = "Finance"

        [[operating.processes]]
        id = "p"
        name = "Order to cash"
        owner = "org"
        """
    )

    assert rule_findings(alignment, "process.no-owner") == []
    checks = [c for c in alignment.subscore("coherence").checks if c.entry == "p"]
    assert [c.passed for c in checks] == [True]
