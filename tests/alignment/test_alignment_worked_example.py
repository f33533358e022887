"""The worked example of docs/alignment.md, section 4: a corner bakery whose invoiced wholesale orders
nobody invoices. The numbers on that page are the numbers this test checks."""

from __future__ import annotations

EXAMPLE = """
[model]
name = "Corner Bakery"
currency = "EUR"

[[business.customer_segments]]
id = "seg-locals"
name = "Local households"

[[business.customer_segments]]
id = "seg-cafes"
name = "Cafés nearby"

[[business.value_propositions]]
id = "vp-bread"
name = "Fresh bread every morning"
segments = ["seg-locals"]

[[business.value_propositions]]
id = "vp-pastries"
name = "Wholesale pastries for cafés"
segments = ["seg-cafes"]

[[business.channels]]
id = "ch-shop"
name = "The shop on the corner"
segments = ["seg-locals"]

[[business.channels]]
id = "ch-van"
name = "Morning delivery van"
segments = ["seg-cafes"]

[[business.revenue_streams]]
id = "rs-shop"
name = "Shop sales"
segments = ["seg-locals"]
amount = 900000

[[business.revenue_streams]]
id = "rs-wholesale"
name = "Wholesale orders"
segments = ["seg-cafes"]
amount = 100000
notes = "Invoiced monthly on 30-day terms."

[[operating.organisation]]
id = "org-bakery"
name = "Bakery team"

[[operating.processes]]
id = "p-bake"
name = "Night baking"
owner = "org-bakery"
supports = ["vp-bread", "vp-pastries", "ch-shop", "ch-van"]

[[operating.processes]]
id = "p-till"
name = "Shop till and card payments"
owner = "org-bakery"
supports = ["rs-shop", "rs-wholesale"]

[[operating.people]]
id = "ppl-bakers"
name = "Bakers"
supports = ["p-bake"]

[[operating.technology]]
id = "t-ovens"
name = "Deck ovens"
supports = ["p-bake"]
"""


def test_the_bakery_scores_99_with_one_warning_about_the_uninvoiced_wholesale_orders(align):
    alignment = align(EXAMPLE)

    assert {s.key: s.value for s in alignment.subscores} == {
        "delivery": 100, "chains": 96, "focus": 100, "coherence": 100, "archetype": None}
    assert alignment.score == 99
    warnings = alignment.by_severity("warning")
    assert [(f.rule, f.entries, f.at_stake) for f in warnings] == [
        ("revenue.no-collection", ("rs-wholesale",), 100000.0)]


def test_the_same_gap_in_the_larger_business_costs_more(align):
    moved = EXAMPLE.replace('amount = 100000\nnotes = "Invoiced monthly on 30-day terms."', "amount = 100000")
    moved = moved.replace('amount = 900000', 'amount = 900000\nnotes = "Invoiced monthly on 30-day terms."')

    alignment = align(moved)

    assert alignment.subscore("chains").value == 84
    assert alignment.score == 96


def test_counting_checks_alone_the_chains_would_read_90(align):
    alignment = align(EXAMPLE)
    chains = alignment.subscore("chains")

    assert (chains.passed, chains.total) == (9, 10)
    assert chains.weighted
