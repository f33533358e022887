"""Two versions of a model compared (alignment/diff.py), the CI gate, and the roadmap from a current to a
target version, whose steps are followed incrementally and must equal a fresh analysis of each."""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from bizop_tui.alignment.compare import compare, match_findings, model_with
from bizop_tui.alignment.diff import diff_models, diff_roadmap, gate
from bizop_tui.alignment.engine import analyse
from bizop_tui.alignment.roadmap import BUILD, CHANGE, RETIRE, roadmap
from bizop_tui.bench.synthetic import synthetic_model
from bizop_tui.model import Finding, load_model, load_text
from bizop_tui.model.vocabulary import PLANNED

TODAY = dt.date(2026, 11, 27)
TEMPLATES = Path(__file__).parents[2] / "src" / "bizop_tui" / "templates"
SAMPLES = ["amazon", "consulting-firm", "online-retailer", "subscription-software"]

BAKERY = """
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
cost = 200000

[[operating.processes]]
id = "p-till"
name = "Till and card payments"
owner = "org"
supports = ["rs-shop"]
cost = 50000

[[operating.people]]
id = "ppl"
name = "Bakers"
supports = ["p-bake"]

[[operating.technology]]
id = "t-ovens"
name = "Deck ovens"
supports = ["p-bake"]
"""


def load(text: str):
    return load_text(textwrap.dedent(text).lstrip("\n"), "model.toml")


def sample(name: str):
    return load_model(str(TEMPLATES / f"{name}.toml"))


def test_a_model_against_itself_is_the_same():
    model = load(BAKERY)
    assert diff_models(model, load(BAKERY), TODAY).same


def test_a_broken_link_shows_the_score_drop_the_new_finding_and_the_changed_entry():
    old = load(BAKERY)
    new = load(BAKERY.replace('supports = ["vp-bread", "ch-shop"]', 'supports = ["vp-bread"]'))
    diff = diff_models(old, new, TODAY)
    assert diff.comparison.score.before == analyse(old, TODAY).score
    assert diff.comparison.score.after == analyse(new, TODAY).score < diff.comparison.score.before
    assert [f.key for f in diff.comparison.new] == ["promise.undelivered:ch-shop"]
    (change,) = diff.changes.changed
    assert change.id == "p-bake" and [(l.kind, l.removed) for l in change.links] == [("supports", ("ch-shop",))]


def test_money_shows_revenue_costs_and_each_segments_cost_to_serve_in_both_versions():
    new = load(BAKERY.replace("amount = 900000", "amount = 1000000").replace("cost = 50000", "cost = 80000"))
    money = diff_models(load(BAKERY), new, TODAY).money
    assert (money.before.revenue, money.after.revenue) == (900000, 1000000)
    assert (money.before.operating_costs, money.after.operating_costs) == (250000, 280000)
    assert money.before.cost_structure is None and money.allocated == ("operating costs", "operating costs")
    (segment,) = money.segments
    assert segment.segment.id == "seg"
    assert (segment.before.cost, segment.after.cost) == (250000, 280000)
    assert (segment.before.margin, segment.after.margin) == (650000, 720000)


def test_a_finding_that_says_something_else_about_the_same_thing_is_changed_not_new():
    old = load(BAKERY.replace('[[operating.people]]\nid = "ppl"\nname = "Bakers"\nsupports = ["p-bake"]\n', "")
               .replace('[[operating.technology]]\nid = "t-ovens"\nname = "Deck ovens"\nsupports = ["p-bake"]\n', ""))
    new = load(BAKERY.replace('[[operating.technology]]\nid = "t-ovens"\nname = "Deck ovens"\nsupports = ["p-bake"]\n',
                              ""))
    comparison = diff_models(old, new, TODAY).comparison
    assert [(a.key, b.key) for a, b in comparison.changed] == [("chain.gap:vp-bread", "chain.gap:vp-bread")]
    before, after = comparison.changed[0]
    assert "people's skills" in before.message and "people's skills" not in after.message
    assert not [f for f in comparison.new if f.key == "chain.gap:vp-bread"]


def test_findings_sharing_a_key_are_matched_by_their_words_never_paired_as_changed():
    def problem(text):
        return Finding("schema.unknown-key", "info", text)

    new, resolved, changed = match_findings([problem("top-level key 'a'"), problem("top-level key 'b'")],
                                            [problem("top-level key 'b'"), problem("top-level key 'c'")])
    assert [f.message for f in new] == ["top-level key 'c'"]
    assert [f.message for f in resolved] == ["top-level key 'a'"]
    assert changed == []


@pytest.mark.parametrize(("old", "new"), [("amazon", "consulting-firm"), ("online-retailer", "starter")])
def test_two_unrelated_models_compare_without_trouble(old, new):
    diff = diff_models(sample(old), sample(new), TODAY)
    assert diff.changes.added and diff.changes.removed
    plan = diff_roadmap(diff.old, diff.new, TODAY, diff.changes, diff.comparison)
    assert {s.kind for s in plan.steps} >= {BUILD, RETIRE}


def test_an_empty_model_against_a_sample_has_no_score_on_one_side():
    empty = load("")
    diff = diff_models(empty, sample("amazon"), TODAY)
    assert diff.comparison.score.before is None and diff.comparison.score.after is not None
    assert len(diff.changes.added) == len(diff.new)
    back = diff_models(sample("amazon"), empty, TODAY)
    assert back.comparison.score.after is None and back.after.verdict


# -- the gate --------------------------------------------------------------------------------------------


def scored(score_before, score_after, errors=()):
    """A diff whose scores and new errors are set by hand, to state the gate's rules exactly."""
    diff = diff_models(load(BAKERY), load(BAKERY), TODAY)
    before = replace(diff.before, score=score_before, verdict="" if score_before is not None else "too empty")
    after = replace(diff.after, score=score_after, verdict="" if score_after is not None else "too empty",
                    findings=list(diff.after.findings) + [Finding(rule, "error", "broken") for rule in errors])
    return replace(diff, comparison=compare(before, after))


@pytest.mark.parametrize(("before", "after", "limit", "fails"), [
    (80, 78, 2, False),  # a drop of exactly the limit passes
    (80, 77, 2, True),  # one point more fails
    (80, 90, 0, False),  # a rise never fails
    (80, None, 100, True),  # a scored model emptied to "not enough to judge" fails, whatever the limit
    (None, 40, 0, False),  # nothing to drop from: only errors count
    (None, None, 0, False),
])
def test_fail_on_drop_gates_on_the_score_as_documented(before, after, limit, fails):
    assert bool(gate(scored(before, after), limit)) is fails


@pytest.mark.parametrize(("before", "after"), [(80, 90), (None, None), (None, 70)])
def test_fail_on_drop_fails_on_a_new_error_even_when_the_score_rises(before, after):
    reasons = gate(scored(before, after, errors=["links.unknown"]), 100)
    assert reasons == ["1 new error finding: links.unknown"]


# -- roadmap steps -----------------------------------------------------------------------------------


def test_the_diff_roadmap_builds_changes_and_retires_with_what_each_step_fixes():
    current = load(BAKERY.replace('supports = ["vp-bread", "ch-shop"]', 'supports = ["vp-bread"]'))
    target = load(BAKERY.replace('supports = ["vp-bread", "ch-shop"]', 'supports = ["vp-bread"]')
                  .replace('name = "Deck ovens"\n', 'name = "Deck ovens"\nstatus = "retiring"\n')
                  + '\n[[operating.processes]]\nid = "p-counter"\nname = "Counter service"\nowner = "org"\n'
                    'supports = ["ch-shop"]\n')
    plan = diff_roadmap(current, target, TODAY)
    steps = {s.entry.id: s for s in plan.steps}
    assert {i: s.kind for i, s in steps.items()} == {"p-counter": BUILD, "t-ovens": RETIRE}
    assert [f.key for f in steps["p-counter"].fixes] == ["promise.undelivered:ch-shop"]
    assert steps["p-counter"].comparison.score.delta > 0
    assert plan.target.score.before == analyse(current, TODAY).score
    assert plan.target.score.after == analyse(target, TODAY).score


def test_a_planned_entry_put_in_place_in_the_target_is_a_build_step():
    current = load(BAKERY + '\n[[operating.processes]]\nid = "p-van"\nname = "Van"\nstatus = "planned"\n'
                            'supports = ["ch-shop"]\n')
    target = load(BAKERY + '\n[[operating.processes]]\nid = "p-van"\nname = "Van"\nsupports = ["ch-shop"]\n')
    (step,) = diff_roadmap(current, target, TODAY).steps
    assert step.kind == BUILD and step.change is not None and step.change.status_changed
    changed = load(BAKERY.replace('name = "Till and card payments"', 'name = "Tills"'))
    (rename,) = diff_roadmap(load(BAKERY), changed, TODAY).steps
    assert rename.kind == CHANGE


def _fresh_steps(current, target):
    """Each step of diff_roadmap worked out from scratch with model_with and analyse."""
    coming = {e.id: replace(e, status=PLANNED) for e in target.entries() if e.id not in current.by_id}
    staged = model_with(current, coming)
    baseline = analyse(staged, TODAY)
    out = {}
    for entry in list(target.entries()) + list(current.entries()):
        if entry.id in out:
            continue
        if entry.id not in target.by_id:
            after = model_with(staged, {entry.id: None})
        else:
            after = model_with(staged, {entry.id: target.by_id[entry.id]})
        out[entry.id] = compare(baseline, analyse(after, TODAY))
    return out


def _summary(comparison):
    return ([s.after for s in comparison.scores], sorted(f.key for f in comparison.new),
            sorted(f.key for f in comparison.resolved), sorted((a.message, b.message) for a, b in comparison.changed))


@pytest.mark.parametrize(("old", "new"), [("amazon", "online-retailer"), ("subscription-software", "consulting-firm"),
                                          ("starter", "amazon")])
def test_roadmap_steps_followed_incrementally_equal_a_fresh_analysis_of_each(old, new):
    current, target = sample(old), sample(new)
    plan = diff_roadmap(current, target, TODAY)
    fresh = _fresh_steps(current, target)
    assert plan.steps
    for step in plan.steps:
        assert _summary(step.comparison) == _summary(fresh[step.entry.id]), step.entry.id


def test_bizop_roadmap_inside_one_file_still_puts_each_planned_entry_in_place():
    model = load(BAKERY + '\n[[operating.processes]]\nid = "p-van"\nname = "Van"\nstatus = "planned"\nowner = "org"\n'
                          'supports = ["ch-van"]\n\n[[business.channels]]\nid = "ch-van"\nname = "Delivery van"\n'
                          'segments = ["seg"]\n')
    result = roadmap(model, TODAY)
    (step,) = result.steps
    assert step.entry.id == "p-van" and step.entry.status == PLANNED
    assert [f.key for f in step.fixes] == ["promise.undelivered:ch-van"]


def test_a_large_diff_roadmap_judges_each_step_incrementally_not_from_scratch(monkeypatch):
    # Counted, not timed (speed is the benchmark's job): a full analysis per step would cost steps x it.
    from bizop_tui.alignment.engine import AlignmentState

    text = synthetic_model(1000)
    current = load_text(text, "a.toml")
    target = load_text(text.replace('name = "Process', 'name = "Renamed process'), "b.toml")
    full = []
    judge_everything = AlignmentState._judge_everything
    monkeypatch.setattr(AlignmentState, "_judge_everything", lambda self: full.append(1) or judge_everything(self))
    plan = diff_roadmap(current, target, TODAY)
    assert len(plan.steps) > 80
    assert len(full) <= 3
