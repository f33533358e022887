"""New entries: readable unique ids from any name, keys in the templates' order, long lists one item a line."""

from __future__ import annotations

import tomllib

import pytest

from bizop_tui.model.document import Document, slug
from bizop_tui.model.vocabulary import BLOCKS_BY_KEY

SMALL = '''[model]
name = "Small"

[[business.customer_segments]]
id = "seg-1"
name = "Taken"

[[business.value_propositions]]
id = "vp-fresh"
name = "Fresh"
'''


@pytest.fixture
def small() -> Document:
    return Document.from_text(SMALL)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Café crème drinkers", "cafe-creme-drinkers"),
        ("Crème brûlée fans", "creme-brulee-fans"),
        ("Point-of-sale till", "point-of-sale-till"),
        ("Straße & Söhne", "strasse-sohne"),
        ("Œuvre", "oeuvre"),
        ("中文 second", "second"),
        ("中文", ""),
        ("  --  ", ""),
    ],
)
def test_slugs_keep_the_letters_of_accented_names(name, expected):
    assert slug(name) == expected


def test_a_long_name_is_cut_at_a_word_boundary():
    cut = slug("Same-day delivery for members in every large metropolitan area")
    assert len(cut) <= 40 and not cut.endswith("-")
    assert cut == "same-day-delivery-for-members-in-every"


def test_names_without_latin_letters_get_the_block_prefix_and_the_first_free_number(small):
    segments = BLOCKS_BY_KEY["customer_segments"]
    assert small.new_id(segments, "中文") == "seg-2"  # seg-1 is taken
    assert small.new_id(BLOCKS_BY_KEY["processes"], "日本語") == "proc-1"
    assert small.new_id(segments, "") == "seg-2"


def test_every_derived_id_is_non_empty_and_unique(small):
    seen = set()
    for name in ("中文", "中文", "Café", "Café", "", "!!!"):
        new = small.new_id(BLOCKS_BY_KEY["customer_segments"], name)
        small.add_entry("business.customer_segments", {"name": name or "x", "id": new})
        assert new and new not in seen
        seen.add(new)


def test_a_new_entry_is_written_with_its_keys_in_the_templates_order(small):
    small.add_entry("business.revenue_streams", {
        "name": "Bread sales", "amount": 120000, "reviewed": None, "tags": ["bakery"], "segments": ["seg-1"],
        "supports": ["vp-fresh"], "status": "planned", "notes": "Counter and online.",
    })
    block = small.text[small.text.index("[[business.revenue_streams]]"):]
    keys = [line.split(" = ")[0] for line in block.splitlines()[1:] if " = " in line]
    assert keys == ["id", "name", "status", "segments", "supports", "amount", "notes", "tags"]


def test_a_list_longer_than_the_line_is_written_one_item_a_line(small):
    targets = [f"vp-a-rather-long-proposition-id-{n}" for n in range(5)]
    small.add_entry("operating.processes", {"name": "Everything", "supports": targets})
    assert 'supports = [\n    "vp-a-rather-long-proposition-id-0",\n' in small.text
    assert max(len(line) for line in small.text.splitlines()) <= 88
    data = tomllib.loads(small.text)
    assert data["operating"]["processes"][0]["supports"] == targets


def test_an_edit_that_makes_a_list_long_wraps_it_and_a_short_list_stays_on_one_line(small):
    small.add_entry("operating.processes", {"name": "Baking", "supports": ["vp-fresh"]})
    assert 'supports = ["vp-fresh"]' in small.text
    long = ["vp-fresh"] + [f"vp-another-quite-long-identifier-{n}" for n in range(4)]
    small.update_entry("proc-baking", {"supports": long})
    assert "supports = [\n" in small.text
    assert small.model.by_id["proc-baking"].supports == tuple(long)


def test_an_entry_added_after_a_last_line_without_newline_leaves_the_problems_above_on_their_lines():
    # Found by the damaged-file fuzz test: a file cut off after a bare [[...]] header.
    doc = Document.from_text(SMALL + "\n[[business.customer_segments]]")
    assert [p.line for p in doc.model.problems] == [12]
    doc.add_entry("operating.processes", {"name": "Bake"})
    assert doc.text.endswith('[[business.customer_segments]]\n\n[[operating.processes]]\nid = "proc-bake"\nname = "Bake"\n')
    assert [p.line for p in doc.model.problems] == [12]
    assert doc.model.by_id["proc-bake"].line == 14
    assert doc.model.problems == Document.from_text(doc.text).model.problems
