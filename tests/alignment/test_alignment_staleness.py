"""Stories about entries nobody has reviewed for too long, and about switching rules off."""

from __future__ import annotations

import datetime as dt

from bizop_tui.model import INFO

TODAY = dt.date(2026, 6, 1)


def days_ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def reviewed_model(business_age: int, operating_age: int, model_age: int, settings: str = "") -> str:
    return f"""
    [model]
    name = "Acme"
    reviewed = {days_ago(model_age)}
    {settings}

    [[business.value_propositions]]
    id = "vp"
    name = "Insights"
    reviewed = {days_ago(business_age)}

    [[operating.processes]]
    id = "p"
    name = "Delivery"
    supports = ["vp"]
    reviewed = {days_ago(operating_age)}
    """


def stale_rules(alignment) -> dict[str, tuple]:
    return {f.rule: f.entries for f in alignment.findings if f.rule.startswith("stale.")}


# ---- stale.business / stale.operating / stale.model ---------------------------------------------------


def test_a_business_entry_unreviewed_for_over_a_year_is_stale(align, rule_findings):
    alignment = align(reviewed_model(business_age=400, operating_age=10, model_age=10), today=TODAY)

    [finding] = rule_findings(alignment, "stale.business")
    assert finding.severity == INFO
    assert finding.entries == ("vp",)
    assert f"'Insights' was last reviewed 400 days ago ({days_ago(400)})" in finding.message
    assert "every 365 days" in finding.message
    assert f"reviewed = {TODAY}" in finding.hint
    assert set(stale_rules(alignment)) == {"stale.business"}


def test_a_business_entry_reviewed_within_a_year_is_not_stale(align):
    alignment = align(reviewed_model(business_age=365, operating_age=10, model_age=10), today=TODAY)

    assert stale_rules(alignment) == {}


def test_an_operating_entry_goes_stale_after_180_days(align, rule_findings):
    fresh = align(reviewed_model(business_age=10, operating_age=180, model_age=10), today=TODAY)
    stale = align(reviewed_model(business_age=10, operating_age=200, model_age=10), today=TODAY)

    assert stale_rules(fresh) == {}
    assert stale_rules(stale) == {"stale.operating": ("p",)}
    assert "every 180 days" in rule_findings(stale, "stale.operating")[0].message


def test_a_model_unreviewed_for_over_a_year_is_stale(align, rule_findings):
    alignment = align(reviewed_model(business_age=10, operating_age=10, model_age=500), today=TODAY)

    [finding] = rule_findings(alignment, "stale.model")
    assert finding.message == f"the model was last reviewed on {days_ago(500)}, over 365 days ago"
    assert finding.entries == ()


def test_business_review_days_shortens_the_cadence_of_business_entries_and_the_model(align):
    settings = "business_review_days = 100"

    alignment = align(reviewed_model(business_age=150, operating_age=10, model_age=150, settings=settings),
                      today=TODAY)

    assert set(stale_rules(alignment)) == {"stale.business", "stale.model"}


def test_operating_review_days_changes_the_cadence_of_operating_entries(align):
    longer = "operating_review_days = 365"
    shorter = "operating_review_days = 30"

    assert stale_rules(align(reviewed_model(10, 200, 10, settings=longer), today=TODAY)) == {}
    assert set(stale_rules(align(reviewed_model(10, 60, 10, settings=shorter), today=TODAY))) == {"stale.operating"}


def test_entries_without_a_reviewed_date_are_never_stale(align):
    alignment = align('[[business.value_propositions]]\nid = "vp"\nname = "Insights"\n', today=dt.date(2099, 1, 1))

    assert stale_rules(alignment) == {}


def test_the_same_model_is_stale_or_not_depending_on_the_day_it_is_judged(align):
    text = reviewed_model(business_age=10, operating_age=10, model_age=10)

    assert stale_rules(align(text, today=TODAY)) == {}
    later = align(text, today=TODAY + dt.timedelta(days=400))
    assert set(stale_rules(later)) == {"stale.business", "stale.operating", "stale.model"}


# ---- disabled_rules ---------------------------------------------------------------------------------


def test_disabling_a_rule_by_id_removes_its_findings_and_its_checks(align, rule_findings):
    text = '[[operating.processes]]\nid = "p"\nname = "Order to cash"\n'
    on = align(text)
    off = align('[model]\nname = "Acme"\ndisabled_rules = ["process.no-owner"]\n\n' + text)

    assert len(rule_findings(on, "process.no-owner")) == 1
    assert rule_findings(off, "process.no-owner") == []
    assert on.subscore("coherence").total == 1
    assert off.subscore("coherence").total == 0
    assert len(rule_findings(off, "waste.unused")) == 1  # other rules still run


def test_disabling_a_prefix_switches_off_the_whole_family(align):
    settings = 'disabled_rules = ["stale"]'

    alignment = align(reviewed_model(400, 400, 400, settings=settings), today=TODAY)

    assert stale_rules(alignment) == {}


def test_a_prefix_must_end_at_a_dot_to_switch_rules_off(align):
    settings = 'disabled_rules = ["stale.bus"]'

    alignment = align(reviewed_model(400, 400, 400, settings=settings), today=TODAY)

    assert set(stale_rules(alignment)) == {"stale.business", "stale.operating", "stale.model"}


def test_disabling_one_stale_rule_keeps_the_others(align):
    settings = 'disabled_rules = ["stale.business"]'

    alignment = align(reviewed_model(400, 400, 400, settings=settings), today=TODAY)

    assert set(stale_rules(alignment)) == {"stale.operating", "stale.model"}


def test_schema_findings_can_be_switched_off_too(align, rule_findings):
    text = '[[operating.processes]]\nid = "p"\nname = "P"\njira = "X-1"\n'

    on = align(text)
    off = align('[model]\nname = "Acme"\ndisabled_rules = ["schema.unknown-key"]\n\n' + text)

    assert len(rule_findings(on, "schema.unknown-key")) == 1
    assert rule_findings(off, "schema.unknown-key") == []


def test_disabling_a_rule_that_fails_raises_the_score(align):
    text = ('[[business.value_propositions]]\nid = "vp"\nname = "Invoices paid on time"\n\n'
            '[[operating.processes]]\nid = "p"\nname = "Order to cash"\nsupports = ["vp"]\n')

    on = align(text)
    off = align('[model]\nname = "Acme"\ndisabled_rules = ["chain", "process.no-owner"]\n\n' + text)

    assert on.score < 100
    assert off.score == 100


def test_a_typo_in_disabled_rules_is_reported_and_switches_nothing_off(align, rule_findings):
    alignment = align('[model]\nname = "Acme"\ndisabled_rules = ["proces.no-owner"]\n\n'
                      '[[operating.processes]]\nid = "p"\nname = "Order to cash"\n')

    assert len(rule_findings(alignment, "process.no-owner")) == 1
    [finding] = rule_findings(alignment, "schema.unknown-rule")
    assert "'proces.no-owner'" in finding.message


def test_known_rule_ids_and_families_in_disabled_rules_are_not_reported(align, rule_findings):
    alignment = align('[model]\nname = "Acme"\ndisabled_rules = ["stale", "cost.summary", "links"]\n')

    assert rule_findings(alignment, "schema.unknown-rule") == []
