"""Stories about links that do not hold: broken, self, wrong kind, cycles and duplicate ids."""

from __future__ import annotations

import threading

from bizop_tui.alignment import analyse
from bizop_tui.model import ERROR, WARNING

# ---- links.broken ---------------------------------------------------------------------------------


def test_a_link_to_an_id_that_does_not_exist_is_an_error_naming_the_id(align, rule_findings):
    alignment = align(
        """
        [model]
        name = "Acme"

        [[operating.processes]]
        id = "p"
        name = "Ship orders"
        supports = ["vp-typo"]
        """
    )

    [finding] = rule_findings(alignment, "links.broken")
    assert finding.severity == ERROR
    assert finding.entries == ("p",)
    assert finding.line == 4
    assert finding.message == "'Ship orders' names 'vp-typo' in supports, but no entry has that id"


def test_broken_segments_and_owner_links_are_errors_too(align, rule_findings):
    alignment = align(
        """
        [[business.channels]]
        id = "ch"
        name = "Web shop"
        segments = ["nobody"]

        [[operating.processes]]
        id = "p"
        name = "Ship orders"
        owner = "ghost-team"
        """
    )

    messages = sorted(f.message for f in rule_findings(alignment, "links.broken"))
    assert messages == [
        "'Ship orders' names 'ghost-team' in owner, but no entry has that id",
        "'Web shop' names 'nobody' in segments, but no entry has that id",
    ]


def test_links_to_existing_entries_are_not_broken(align, rule_findings):
    alignment = align(
        """
        [[business.customer_segments]]
        id = "seg"
        name = "Shoppers"

        [[business.channels]]
        id = "ch"
        name = "Web shop"
        segments = ["seg"]

        [[operating.organisation]]
        id = "org"
        name = "E-commerce team"

        [[operating.processes]]
        id = "p"
        name = "Run the shop"
        owner = "org"
        supports = ["ch"]
        """
    )

    for rule in ("links.broken", "links.self", "links.wrong-kind", "links.cycle"):
        assert rule_findings(alignment, rule) == [], rule


# ---- links.self ----------------------------------------------------------------------------------


def test_an_entry_that_supports_itself_is_reported(align, rule_findings):
    alignment = align(
        """
        [[operating.technology]]
        id = "t"
        name = "Data platform"
        supports = ["t"]
        """
    )

    [finding] = rule_findings(alignment, "links.self")
    assert finding.severity == WARNING
    assert finding.entries == ("t",)
    assert finding.message == "'Data platform' names itself in supports"
    assert rule_findings(alignment, "links.cycle") == []  # a self-link is not also a cycle


def test_a_self_link_does_not_count_as_support(align, rule_findings):
    alignment = align(
        """
        [[business.value_propositions]]
        id = "vp"
        name = "Insights"
        supports = ["vp"]
        """
    )

    assert len(rule_findings(alignment, "links.self")) == 1
    assert len(rule_findings(alignment, "promise.undelivered")) == 1


# ---- links.wrong-kind ----------------------------------------------------------------------------


def test_segments_that_name_something_other_than_a_customer_segment_are_the_wrong_kind(align, rule_findings):
    alignment = align(
        """
        [[business.channels]]
        id = "ch-web"
        name = "Web shop"

        [[business.value_propositions]]
        id = "vp"
        name = "Insights"
        segments = ["ch-web"]
        """
    )

    [finding] = rule_findings(alignment, "links.wrong-kind")
    assert finding.entries == ("vp",)
    assert finding.message == "'Insights' names 'Web shop' in segments, but it is a channel, not a customer segment"


def test_an_owner_that_is_not_an_organisation_unit_is_the_wrong_kind(align, rule_findings):
    alignment = align(
        """
        [[operating.technology]]
        id = "t"
        name = "ERP"

        [[operating.processes]]
        id = "p"
        name = "Order to cash"
        owner = "t"
        """
    )

    [finding] = rule_findings(alignment, "links.wrong-kind")
    assert finding.entries == ("p",)
    assert "'Order to cash' names 'ERP' in owner, but it is a system, not an organisation unit" == finding.message


def test_supports_that_name_a_customer_segment_are_the_wrong_kind(align, rule_findings):
    alignment = align(
        """
        [[business.customer_segments]]
        id = "smb"
        name = "Small firms"

        [[operating.processes]]
        id = "p"
        name = "Sales"
        supports = ["smb"]
        """
    )

    [finding] = rule_findings(alignment, "links.wrong-kind")
    assert finding.message == "'Sales' names 'Small firms' in supports, but a process's supports cannot name a customer segment"


# ---- links.cycle ---------------------------------------------------------------------------------


def analyse_with_deadline(model, seconds: float = 20.0):
    """Run the analysis in a thread, failing the test instead of hanging when it never ends."""
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("alignment", analyse(model)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "the analysis did not finish: a cycle made it loop"
    return result["alignment"]


def test_entries_that_support_each_other_in_a_circle_are_reported_and_the_analysis_ends(load, rule_findings):
    model = load(
        """
        [[operating.processes]]
        id = "p-a"
        name = "Plan"
        supports = ["p-b"]

        [[operating.processes]]
        id = "p-b"
        name = "Do"
        supports = ["p-c"]

        [[operating.processes]]
        id = "p-c"
        name = "Check"
        supports = ["p-a"]
        """
    )

    alignment = analyse_with_deadline(model)

    [finding] = rule_findings(alignment, "links.cycle")
    assert finding.severity == WARNING
    assert finding.entries == ("p-a", "p-b", "p-c")
    assert "'Plan'" in finding.message and "'Do'" in finding.message and "'Check'" in finding.message
    # a circle that reaches no business element serves nothing
    assert len(rule_findings(alignment, "waste.unused")) == 3


def test_a_cycle_that_also_serves_a_promise_still_delivers_it(load, rule_findings):
    model = load(
        """
        [[business.value_propositions]]
        id = "vp"
        name = "Insights"

        [[operating.technology]]
        id = "t-a"
        name = "Warehouse"
        supports = ["t-b", "vp"]

        [[operating.technology]]
        id = "t-b"
        name = "Pipelines"
        supports = ["t-a"]
        """
    )

    alignment = analyse_with_deadline(model)

    assert [f.entries for f in rule_findings(alignment, "links.cycle")] == [("t-a", "t-b")]
    assert rule_findings(alignment, "promise.undelivered") == []
    assert rule_findings(alignment, "waste.unused") == []


def test_two_separate_cycles_are_reported_separately(load, rule_findings):
    model = load(
        """
        [[operating.people]]
        id = "a1"
        name = "A1"
        supports = ["a2"]

        [[operating.people]]
        id = "a2"
        name = "A2"
        supports = ["a1"]

        [[operating.people]]
        id = "b1"
        name = "B1"
        supports = ["b2"]

        [[operating.people]]
        id = "b2"
        name = "B2"
        supports = ["b1"]
        """
    )

    alignment = analyse_with_deadline(model)

    assert sorted(f.entries for f in rule_findings(alignment, "links.cycle")) == [("a1", "a2"), ("b1", "b2")]


def test_a_long_circle_names_its_first_ten_steps_and_counts_the_rest(load, rule_findings):
    """A circle through forty processes: its message stays readable, its entries still hold all forty."""
    model = load("\n".join(f"""
        [[operating.processes]]
        id = "p{i:02}"
        name = "Step {i:02}"
        supports = ["p{(i + 1) % 40:02}"]
        """ for i in range(40)))

    [finding] = rule_findings(analyse_with_deadline(model), "links.cycle")

    assert len(finding.entries) == 40
    assert finding.message == ("these entries support each other in a circle: "
                               + " -> ".join(f"'Step {i:02}'" for i in range(10)) + " -> … 30 more")


def test_a_chain_without_a_circle_is_not_a_cycle(align, rule_findings):
    alignment = align(
        """
        [[operating.people]]
        id = "a"
        name = "A"
        supports = ["b"]

        [[operating.people]]
        id = "b"
        name = "B"
        supports = ["c"]

        [[operating.people]]
        id = "c"
        name = "C"
        """
    )

    assert rule_findings(alignment, "links.cycle") == []


# ---- links.duplicate-id --------------------------------------------------------------------------


def test_a_duplicate_id_is_an_error_finding_of_the_analysis(align, rule_findings):
    alignment = align(
        """
        [[business.channels]]
        id = "web"
        name = "Web shop"

        [[operating.technology]]
        id = "web"
        name = "Web servers"
        """
    )

    [finding] = rule_findings(alignment, "links.duplicate-id")
    assert finding.severity == ERROR
    assert finding.entries == ("web",)
    assert finding in alignment.errors


def test_unique_ids_give_no_duplicate_id_finding(align, rule_findings):
    alignment = align(
        """
        [[business.channels]]
        id = "web"
        name = "Web shop"

        [[operating.technology]]
        id = "web-servers"
        name = "Web servers"
        supports = ["web"]
        """
    )

    assert rule_findings(alignment, "links.duplicate-id") == []
