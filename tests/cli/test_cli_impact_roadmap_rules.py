"""Stories about `bizop impact`, `bizop roadmap` and `bizop rules`: what an entry holds up, what the
planned entries would fix, and what each rule means."""

from __future__ import annotations

import json

MODEL = """
[model]
name = "Bakery"
currency = "EUR"

[[business.customer_segments]]
id = "seg"
name = "Locals"

[[business.value_propositions]]
id = "vp-bread"
name = "Fresh bread"
segments = ["seg"]

[[business.channels]]
id = "ch-shop"
name = "Shop"
segments = ["seg"]

[[business.revenue_streams]]
id = "rs-shop"
name = "Shop sales"
segments = ["seg"]
amount = 900000

[[operating.organisation]]
id = "org"
name = "Bakery team"

[[operating.processes]]
id = "p-bake"
name = "Night baking"
owner = "org"
supports = ["vp-bread", "ch-shop"]

[[operating.processes]]
id = "p-till"
name = "Till and card payments"
owner = "org"
supports = ["rs-shop"]

[[operating.people]]
id = "ppl"
name = "Bakers"
supports = ["p-bake"]

[[operating.technology]]
id = "t-ovens"
name = "Deck ovens"
supports = ["p-bake"]

[[operating.processes]]
id = "p-delivery"
name = "Morning deliveries to cafés"
status = "planned"
owner = "org"
supports = ["ch-van"]

[[business.channels]]
id = "ch-van"
name = "Delivery van"
segments = ["seg"]
"""


def test_impact_of_a_process_lists_the_promises_it_holds_up_and_the_money_at_stake(run, model_file):
    result = run("impact", model_file(MODEL), "p-bake", "--today", "2026-11-27")

    assert result.exit_code == 0
    out = result.stdout
    assert "'Fresh bread' (value proposition)" in out and "'Shop' (channel)" in out
    assert "left with no support, 1,350,000 EUR at stake" in out  # bread 900,000 + the shop's half of the segment (the van shares it)
    assert "What delivers it:" in out and "owns: 'Bakery team' (organisation unit)" in out
    assert "supports: 'Bakers' (skill)" in out


def test_impact_as_json_gives_the_score_change_and_the_trace(run, model_file):
    result = run("impact", model_file(MODEL), "p-bake", "--format", "json", "--today", "2026-11-27")

    data = json.loads(result.stdout)
    assert data["entry"] == "p-bake"
    assert data["score"]["after"] < data["score"]["before"]
    assert set(data["undelivered"]) == {"vp-bread", "ch-shop"}
    assert {c["id"] for c in data["delivered_by"]["supported_by"]} == {"org", "ppl", "t-ovens"}


def test_impact_of_an_unknown_id_says_so_and_exits_2(run, model_file):
    result = run("impact", model_file(MODEL), "nope")

    assert result.exit_code == 2
    assert "no entry has the id 'nope'" in result.stderr


def test_roadmap_lists_the_planned_entries_with_what_each_would_fix(run, model_file):
    result = run("roadmap", model_file(MODEL), "--today", "2026-11-27")

    assert result.exit_code == 0
    assert "'Morning deliveries to cafés' (p-delivery)" in result.stdout
    assert "fixes promise.undelivered: channel 'Delivery van'" in result.stdout


def test_roadmap_as_markdown_and_json(run, model_file):
    path = model_file(MODEL)
    markdown = run("roadmap", path, "--format", "markdown").stdout
    data = json.loads(run("roadmap", path, "--format", "json").stdout)

    assert markdown.startswith("# Roadmap: Bakery")
    assert data["steps"][0]["entry"] == "p-delivery"
    assert data["target_score"] > data["score"]


def test_rules_lists_every_rule_and_explains_one(run):
    listing = run("rules").stdout
    one = run("rules", "chain.indirect")

    assert "promise.undelivered" in listing and "support.catch-all" in listing
    assert one.exit_code == 0 and "Counts in: chains sub-score." in one.stdout


def test_rules_with_an_unknown_name_suggests_close_ones(run):
    result = run("rules", "catch")

    assert result.exit_code == 2
    assert "support.catch-all" in result.stderr


def test_check_of_a_model_too_empty_to_score_passes_only_without_a_minimum(run, model_file):
    path = model_file('[model]\nname = "Empty"\n')

    assert run("check", path).exit_code == 0
    failed = run("check", path, "--min-score", "50")
    assert failed.exit_code == 1
    assert "score none" in failed.stdout and "not enough to judge yet" in failed.stdout
