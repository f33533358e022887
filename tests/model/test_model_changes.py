"""What changed between two versions of a model, entry by entry (model/changes.py): matched by id, a
rename is a rename, a move is a move, links and status apart from other fields."""

from __future__ import annotations

import textwrap

from bizop_tui.model import load_text
from bizop_tui.model.changes import ADDED, CHANGED, REMOVED, model_changes

BASE = """
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

[[business.key_activities]]
id = "ka-bake"
name = "Baking"

[[operating.organisation]]
id = "org"
name = "Bakery team"

[[operating.processes]]
id = "p-bake"
name = "Night baking"
owner = "org"
supports = ["vp-bread"]
cost = 1000
tags = ["core"]
"""


def load(text: str):
    return load_text(textwrap.dedent(text).lstrip("\n"), "model.toml")


def changes_between(old: str, new: str):
    return model_changes(load(old), load(new))


def test_the_same_model_has_no_changes_even_when_comments_and_order_differ():
    moved = BASE.replace('[[operating.organisation]]\nid = "org"\nname = "Bakery team"\n', "")
    moved += '\n# the team, now at the end\n[[operating.organisation]]\nid = "org"\nname = "Bakery team"\n'
    assert not changes_between(BASE, moved)


def test_a_new_name_under_the_same_id_is_a_rename_not_an_addition():
    changes = changes_between(BASE, BASE.replace('name = "Night baking"', 'name = "Baking at night"'))
    assert not changes.added and not changes.removed
    (change,) = changes.changed
    assert change.id == "p-bake" and change.renamed and not change.moved
    assert change.before.name == "Night baking" and change.after.name == "Baking at night"


def test_an_entry_under_another_block_with_the_same_id_is_moved():
    new = BASE.replace('[[business.key_activities]]\nid = "ka-bake"', '[[business.key_resources]]\nid = "ka-bake"')
    (change,) = changes_between(BASE, new).changed
    assert change.moved and change.before.block.key == "key_activities" and change.after.block.key == "key_resources"


def test_links_gained_and_lost_are_listed_by_kind_with_owner_and_status_apart():
    new = BASE.replace('owner = "org"\nsupports = ["vp-bread"]', 'supports = ["ka-bake"]\nstatus = "retiring"')
    (change,) = changes_between(BASE, new).changed
    links = {link.kind: (link.added, link.removed) for link in change.links}
    assert links == {"supports": (("ka-bake",), ("vp-bread",)), "owner": ((), ("org",))}
    assert change.status_changed and change.retired
    assert change.fields == []


def test_amounts_notes_tags_dates_and_unknown_keys_are_field_changes():
    new = BASE.replace("cost = 1000", 'cost = 1500\nnotes = "Two ovens"\nreviewed = 2026-01-31\ncolour = "blue"')
    new = new.replace('tags = ["core"]', 'tags = ["core", "night"]')
    (change,) = changes_between(BASE, new).changed
    fields = {f.key: (f.before, f.after) for f in change.fields}
    assert fields["cost"] == (1000, 1500)
    assert fields["notes"] == (None, "Two ovens")
    assert fields["tags"] == (("core",), ("core", "night"))
    assert str(fields["reviewed"][1]) == "2026-01-31"
    assert fields["colour"] == (None, "blue")


def test_an_integer_and_the_same_float_are_the_same_amount_but_nan_to_a_number_is_a_change():
    assert not changes_between(BASE, BASE.replace("cost = 1000", "cost = 1000.0"))
    old = BASE.replace("cost = 1000", "weight = nan")
    assert not changes_between(old, old)
    assert changes_between(old, old.replace("weight = nan", "weight = 1.0")).changed


def test_added_and_removed_entries_and_the_marks_for_both_trees():
    new = BASE.replace('[[business.key_activities]]\nid = "ka-bake"\nname = "Baking"\n', "")
    new += '\n[[operating.technology]]\nid = "t-ovens"\nname = "Deck ovens"\nsupports = ["p-bake"]\n'
    new = new.replace('name = "Night baking"', 'name = "Baking"')
    changes = changes_between(BASE, new)
    assert [e.id for e in changes.added] == ["t-ovens"]
    assert [e.id for e in changes.removed] == ["ka-bake"]
    assert changes.marks() == {"t-ovens": ADDED, "ka-bake": REMOVED, "p-bake": CHANGED}
    blocks = [(block.key, [e.id for e in a], [c.id for c in c_], [e.id for e in r])
              for block, a, c_, r in changes.by_block()]
    assert blocks == [("key_activities", [], [], ["ka-bake"]), ("processes", [], ["p-bake"], []),
                      ("technology", ["t-ovens"], [], [])]


def test_a_duplicated_id_is_matched_occurrence_by_occurrence():
    twice = BASE + '\n[[operating.processes]]\nid = "p-bake"\nname = "Second with the same id"\n'
    changes = changes_between(BASE, twice)
    assert [(e.id, e.name) for e in changes.added] == [("p-bake", "Second with the same id")]
    assert not changes.changed


def test_model_settings_that_differ_are_listed_in_the_format_order():
    new = BASE.replace('currency = "EUR"', 'currency = "GBP"\narchetype = "subscription"\nowner_team = "x"')
    changes = changes_between(BASE, new)
    assert [(f.key, f.before, f.after) for f in changes.settings] == [
        ("archetype", None, "subscription"), ("currency", "EUR", "GBP"), ("owner_team", None, "x")]
    assert not changes.added and not changes.changed
