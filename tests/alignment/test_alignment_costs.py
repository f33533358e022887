"""Stories about the cost picture: cost.summary, cost.exceeds-revenue, cost.operating-exceeds-structure, cost.untraced."""

from __future__ import annotations

from bizop_tui.model import INFO, WARNING


def money_model(revenue: int, structure: int, operating: int) -> str:
    return f"""
    [model]
    name = "Acme"
    currency = "EUR"

    [[business.value_propositions]]
    id = "vp"
    name = "Insights"

    [[business.revenue_streams]]
    id = "rs"
    name = "Subscriptions"
    amount = {revenue}

    [[business.cost_structure]]
    id = "cs"
    name = "Salaries"
    amount = {structure}

    [[operating.processes]]
    id = "p"
    name = "Delivery"
    supports = ["vp", "rs"]
    cost = {operating}
    """


# ---- cost.summary -------------------------------------------------------------------------------


def test_amounts_are_summed_up_in_one_info_finding(align, rule_findings):
    alignment = align(money_model(revenue=1_200_000, structure=700_000, operating=40_000))

    [finding] = rule_findings(alignment, "cost.summary")
    assert finding.severity == INFO
    assert finding.message == (
        "revenue 1,200,000 EUR (1 stream); cost structure 700,000 EUR (1 item); "
        "operating costs 40,000 EUR (1 entry)"
    )


def test_a_model_without_any_amount_has_no_cost_summary(align, rule_findings):
    alignment = align('[[business.revenue_streams]]\nid = "rs"\nname = "Sales"\n')

    assert [f for f in alignment.findings if f.rule.startswith("cost.")] == []


def test_the_summary_counts_several_streams_and_leaves_out_entries_without_amounts(align, rule_findings):
    alignment = align(
        """
        [[business.revenue_streams]]
        id = "rs-1"
        name = "Sales"
        amount = 100

        [[business.revenue_streams]]
        id = "rs-2"
        name = "Services"
        amount = 50.0

        [[business.revenue_streams]]
        id = "rs-3"
        name = "Donations"
        """
    )

    [finding] = rule_findings(alignment, "cost.summary")
    assert finding.message.startswith("revenue 150 (2 streams); cost structure 0 (0 items)")


# ---- cost.exceeds-revenue --------------------------------------------------------------------------


def test_a_cost_structure_above_revenue_is_a_warning(align, rule_findings):
    alignment = align(money_model(revenue=500_000, structure=700_000, operating=40_000))

    [finding] = rule_findings(alignment, "cost.exceeds-revenue")
    assert finding.severity == WARNING
    assert finding.message == "the cost structure (700,000 EUR) exceeds revenue (500,000 EUR)"


def test_a_cost_structure_within_revenue_is_fine(align, rule_findings):
    alignment = align(money_model(revenue=700_000, structure=700_000, operating=40_000))

    assert rule_findings(alignment, "cost.exceeds-revenue") == []


# ---- cost.operating-exceeds-structure ---------------------------------------------------------------


def test_operating_costs_above_the_cost_structure_are_a_warning(align, rule_findings):
    alignment = align(money_model(revenue=2_000_000, structure=100_000, operating=250_000))

    [finding] = rule_findings(alignment, "cost.operating-exceeds-structure")
    assert finding.severity == WARNING
    assert "operating costs (250,000 EUR) exceed the business model's cost structure (100,000 EUR)" in finding.message


def test_operating_costs_within_the_cost_structure_are_fine(align, rule_findings):
    alignment = align(money_model(revenue=2_000_000, structure=300_000, operating=250_000))

    assert rule_findings(alignment, "cost.operating-exceeds-structure") == []


# ---- cost.untraced ---------------------------------------------------------------------------------


def test_an_operating_cost_that_traces_to_no_business_element_is_a_warning(align, rule_findings):
    alignment = align(
        """
        [model]
        name = "Acme"
        currency = "GBP"

        [[operating.technology]]
        id = "t-qlik"
        name = "Legacy reporting server"
        cost = 38000
        """
    )

    [finding] = rule_findings(alignment, "cost.untraced")
    assert finding.severity == WARNING
    assert finding.entries == ("t-qlik",)
    assert finding.message == "'Legacy reporting server' costs 38,000 GBP a year and traces to no business element"


def test_an_operating_cost_that_serves_the_business_is_traced(align, rule_findings):
    alignment = align(money_model(revenue=1_000_000, structure=500_000, operating=40_000))

    assert rule_findings(alignment, "cost.untraced") == []


def test_an_entry_that_costs_nothing_is_not_untraced_even_when_it_serves_nothing(align, rule_findings):
    alignment = align('[[operating.technology]]\nid = "t"\nname = "Free tool"\ncost = 0\n')

    assert rule_findings(alignment, "cost.untraced") == []
