"""Stories about round-trip fidelity: the file is the user's, so bizop changes only what they edited."""

from __future__ import annotations

import difflib
import re

import pytest

from bizop_tui.model import BizopError
from bizop_tui.model.document import Document
from bizop_tui.model.layout import scan_layout
from reliability_helpers import BARE_LF, TEMPLATES, comment_lines, fresh_snapshot, snapshot

# A file written by hand, with every kind of layout a person might use.
HAND_WRITTEN = """\
# Acme's model: kept by hand, and by bizop.
#   (two comment lines at the top)

[model]
name = "Acme"   # trailing comment
description = 'single quotes'
currency = "EUR"
reviewed = 2026-01-15
disabled_rules = [
    "cost.summary",   # a comment inside a multi-line array
]


# ---- segments ----

[[business.customer_segments]]
id = "seg-retail"
name = "Retailers"
notes = \"\"\"
A multi-line note.
  see [[business.channels]] and [unrelated] -- not tables: inside a string
# not a comment either
\"\"\"
extra = { owner = "sales", since = 2020 }   # an inline table, a key bizop does not know

# about the chains
[[business.customer_segments]]
id = 'seg-chains'
"name" = "Chains"
tags = ["big",
        "regional"]

[[business.channels]]
id = "ch-web"
name = "Web shop"
segments = [ "seg-retail" , "seg-chains" ]

[[operating.processes]]
id = "p-orders"
name = '''Order to cash'''
supports = ["ch-web"]
cost = 1_000

# the second channel comes after a process: blocks may be interleaved
[[business.channels]]
id = "ch-store"
name = "Stores"   # trailing
segments = ["seg-chains"]

[[business.channels]]
id = "ch-phone"
name = "Phone"
    # an indented comment at the end of an entry
[unrelated]
keep = true

[[operating.processes]]
id = "p-support"
name = "Support"
supports = ["ch-phone", "seg-retail"]
"""

INTERLEAVED = """\
[model]
name = "Interleaved"

[[business.channels]]
id = "ch-1"
name = "One"

[[operating.processes]]
id = "p-1"
name = "Process"
supports = ["ch-1"]

[[business.channels]]
id = "ch-2"
name = "Two"
"""


def _variants() -> dict[str, str]:
    plain = HAND_WRITTEN
    return {
        "hand-written": plain,
        "crlf": plain.replace("\n", "\r\n"),
        "no-final-newline": plain.rstrip("\n"),
        "crlf-no-final-newline": plain.replace("\n", "\r\n").rstrip("\r\n"),
        "bom": "\ufeff" + plain,
        "bom-crlf": "\ufeff" + plain.replace("\n", "\r\n"),
        "interleaved": INTERLEAVED,
        "tabs-and-trailing-spaces": plain.replace("name = ", "name\t=\t").replace("\n\n", "\n   \n"),
        "only-model": '[model]\nname = "Just me"',
        "empty-blocks-inline": '[model]\nname = "x"\n[business]\nchannels = []\n',
        **{f"template-{p.stem}": p.read_text(encoding="utf-8") for p in TEMPLATES},
    }


VARIANTS = _variants()


def _write(tmp_path, text: str, name: str = "model.toml"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize("name", list(VARIANTS))
def test_open_and_save_without_edits_is_byte_identical(tmp_path, name):
    original = VARIANTS[name].encode("utf-8")
    path = _write(tmp_path, VARIANTS[name])
    doc = Document.open(str(path))
    assert not doc.dirty
    doc.save(str(tmp_path / "copy.toml"))
    assert (tmp_path / "copy.toml").read_bytes() == original
    doc.save(str(path))
    assert path.read_bytes() == original


@pytest.mark.parametrize("name", list(VARIANTS))
def test_undo_of_every_kind_of_edit_restores_the_text_byte_for_byte(name):
    doc = Document.from_text(VARIANTS[name].lstrip("\ufeff"))
    original = doc.text
    entries = list(doc.model.entries())
    edits = []
    if entries:
        first, last = entries[0], entries[-1]
        edits += [
            lambda: doc.update_entry(first.id, {"name": "Renamed ✓", "notes": "line one\nline two"}),
            lambda: doc.update_entry(last.id, {"tags": ["x", "y"], "supports": [first.id]}),
            lambda: doc.update_entry(first.id, {"id": "renamed-id"}),
            lambda: doc.delete_entry(last.id),
        ]
    edits.append(lambda: doc.add_entry("business.key_partners", {"name": "Bank", "notes": "a\nb"}))
    if name == "empty-blocks-inline":  # `channels = []` cannot take a [[business.channels]] table
        with pytest.raises(BizopError, match="channels = "):
            doc.add_entry("business.channels", {"name": "Post", "tags": ["t"]})
        assert doc.text == original
    else:
        edits.append(lambda: doc.add_entry("business.channels", {"name": "Post", "tags": ["t"]}))
    for edit in edits:
        before = doc.text
        edit()
        after = doc.text
        assert after != before
        assert snapshot(doc.model) == fresh_snapshot(after)  # the edit left a readable file the model matches
        doc.undo()
        assert doc.text == before
        assert snapshot(doc.model) == fresh_snapshot(doc.text)
        doc.redo()
        assert doc.text == after
    while doc.undo():
        pass
    assert doc.text == original
    assert not doc.dirty or doc.path is None


def _entry_line_range(doc: Document, entry_id: str) -> tuple[int, int]:
    """The 0-based line range [first, last) of an entry's table (its header to its last line)."""
    entry = doc.entry(entry_id)
    span = scan_layout(doc.text).spans[entry.block.path][entry.index]
    first = doc.text.count("\n", 0, span.start)
    last = doc.text.count("\n", 0, span.end) + (0 if doc.text[:span.end].endswith("\n") else 1)
    return first, last


def _changed_old_lines(old: str, new: str) -> list[tuple[int, int]]:
    """The [i1, i2) ranges of `old`'s lines that a line diff touches (an insertion as an empty range)."""
    matcher = difflib.SequenceMatcher(a=old.splitlines(True), b=new.splitlines(True), autojunk=False)
    return [(i1, i2) for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal"]


EDITS = {
    "rename": {"name": "A new name"},
    "notes-with-newlines": {"notes": "first line\nsecond line\n\nfourth"},
    "tags": {"tags": ["alpha", "beta"]},
    "supports": {"supports": ["seg-retail", "ch-web"]},
    "remove-a-key": {"tags": None},
    "unicode": {"name": "Läden 漢字 🙂"},
}


@pytest.mark.parametrize("variant", ["hand-written", "crlf", "no-final-newline", "bom"])
@pytest.mark.parametrize("entry_id", ["seg-retail", "seg-chains", "ch-store", "ch-phone", "p-support"])
@pytest.mark.parametrize("edit", list(EDITS))
def test_an_edit_changes_only_the_lines_of_the_touched_entry(variant, entry_id, edit):
    doc = Document.from_text(VARIANTS[variant].lstrip("\ufeff"))
    old = doc.text
    first, last = _entry_line_range(doc, entry_id)
    doc.update_entry(entry_id, EDITS[edit])
    for i1, i2 in _changed_old_lines(old, doc.text):
        assert first <= i1 and i2 <= last, f"lines {i1}-{i2} changed outside the entry's lines {first}-{last}"
    assert snapshot(doc.model) == fresh_snapshot(doc.text)
    for other in doc.model.entries():
        if other.id != entry_id:
            assert other.name == next(e for e in fresh_snapshot(old)["blocks"][other.block.path]
                                      if e[0] == other.id)[1]


@pytest.mark.parametrize(
    ("variant", "path"),
    [
        (variant, path)
        for variant in ["hand-written", "crlf", "no-final-newline", "interleaved"]
        for path in ["business.channels", "business.customer_segments", "operating.processes"]
        if path in scan_layout(VARIANTS[variant]).spans
    ],
)
def test_a_new_entry_goes_after_the_last_entry_of_its_block(variant, path):
    doc = Document.from_text(VARIANTS[variant])
    old = doc.text
    last = scan_layout(old).spans[path][-1]
    new_id = doc.add_entry(path, {"name": "Newcomer"})
    new = doc.text
    # Everything up to the end of the block's last entry, and everything after it, is kept.
    assert new.startswith(old[: last.end].rstrip("\r\n"))
    assert new.endswith(old[last.end :])
    entries = doc.model.blocks[path]
    assert entries[-1].id == new_id and entries[-1].line > max(e.line for e in entries[:-1])
    assert snapshot(doc.model) == fresh_snapshot(doc.text)


def test_a_new_entry_of_an_empty_block_lands_after_the_blocks_before_it():
    doc = Document.from_text(VARIANTS["hand-written"])
    old = doc.text
    doc.add_entry("business.value_propositions", {"name": "Promise"})
    assert [line for line in comment_lines(doc.text)] == comment_lines(old)
    vp = doc.model.blocks["business.value_propositions"][0]
    last_segment = doc.model.blocks["business.customer_segments"][-1]
    assert vp.line > last_segment.line
    assert snapshot(doc.model) == fresh_snapshot(doc.text)


COMMENTED = """\
[model]
name = "Comments"

[[business.channels]]
id = "ch-a"
name = "A"

# about B: directly above B
# (two lines)
[[business.channels]]
id = "ch-b"
name = "B"
# about C: directly above C, no blank line before it
[[business.channels]]
id = "ch-c"
name = "C"

[[operating.processes]]
id = "p-x"
name = "X"

# about D, after a process
[[business.channels]]
id = "ch-d"
name = "D"
"""


def _comment_above(text: str, header_id: str) -> list[str]:
    """The comment lines directly above the table whose id is `header_id`."""
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() in (f'id = "{header_id}"',))
    header = at - 1
    assert lines[header].startswith("[[")
    above = []
    i = header - 1
    while i >= 0 and lines[i].strip().startswith("#"):
        above.insert(0, lines[i].strip())
        i -= 1
    return above


ABOVE = {
    "ch-b": ["# about B: directly above B", "# (two lines)"],
    "ch-c": ["# about C: directly above C, no blank line before it"],
    "ch-d": ["# about D, after a process"],
}


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize(
    "action",
    ["delete ch-a", "delete ch-b", "delete ch-c", "delete ch-d", "delete p-x", "add channel", "add process",
     "add partner", "edit ch-a", "edit ch-c"],
)
def test_a_comment_directly_above_an_entry_stays_with_it(crlf, action):
    text = COMMENTED.replace("\n", "\r\n") if crlf else COMMENTED
    doc = Document.from_text(text)
    verb, what = action.split(" ", 1)
    if verb == "delete":
        doc.delete_entry(what)
    elif verb == "edit":
        doc.update_entry(what, {"name": "Edited", "notes": "two\nlines"})
    else:
        path = {"channel": "business.channels", "process": "operating.processes",
                "partner": "business.key_partners"}[what]
        doc.add_entry(path, {"name": "New " + what})
    for entry_id, comments in ABOVE.items():
        if action == f"delete {entry_id}":
            for comment in comments:
                assert comment not in comment_lines(doc.text), "a deleted entry's own comments go with it"
            continue
        assert _comment_above(doc.text.replace("\r\n", "\n"), entry_id) == comments
    assert snapshot(doc.model) == fresh_snapshot(doc.text)
    if crlf:
        assert not BARE_LF.search(doc.text)


@pytest.mark.parametrize(
    "edit",
    ["add", "edit", "edit-notes", "delete", "rename-id", "add-to-empty-block"],
)
def test_a_crlf_file_stays_crlf_after_every_kind_of_edit(edit):
    doc = Document.from_text(VARIANTS["crlf"])
    assert doc.newline == "\r\n"
    if edit == "add":
        doc.add_entry("business.channels", {"name": "New", "tags": ["a"], "segments": ["seg-retail"]})
    elif edit == "edit":
        doc.update_entry("ch-web", {"name": "Renamed", "tags": ["a", "b"]})
    elif edit == "edit-notes":
        doc.update_entry("ch-web", {"notes": "line one\nline two"})
    elif edit == "delete":
        doc.delete_entry("ch-store")
    elif edit == "rename-id":
        doc.update_entry("seg-retail", {"id": "seg-shops"})
    elif edit == "add-to-empty-block":
        doc.add_entry("operating.suppliers", {"name": "Supplier"})
    assert not BARE_LF.search(doc.text), "a bare \\n appeared in a CRLF file"
    assert snapshot(doc.model) == fresh_snapshot(doc.text)


def test_a_crlf_file_stays_crlf_when_a_new_entry_has_multi_line_notes():
    doc = Document.from_text(VARIANTS["crlf"])
    doc.add_entry("business.channels", {"name": "New", "notes": "line one\nline two"})
    assert not BARE_LF.search(doc.text)


@pytest.mark.parametrize("name", ["bom", "bom-crlf"])
def test_a_byte_order_mark_stays_after_edits_and_saves(tmp_path, name):
    path = _write(tmp_path, VARIANTS[name])
    doc = Document.open(str(path))
    assert doc.bom and not doc.text.startswith("\ufeff")
    doc.update_entry("ch-web", {"name": "Renamed"})
    doc.add_entry("business.key_partners", {"name": "Bank"})
    doc.delete_entry("ch-phone")
    doc.save()
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1
    assert Document.open(str(path)).model.by_id["ch-web"].name == "Renamed"


def test_a_file_without_a_bom_gets_none():
    doc = Document.from_text(VARIANTS["hand-written"])
    doc.add_entry("business.key_partners", {"name": "Bank"})
    assert not doc.encoded().startswith(b"\xef\xbb\xbf")


def test_keys_and_tables_bizop_does_not_know_survive_edits_of_their_entry():
    doc = Document.from_text(VARIANTS["hand-written"])
    doc.update_entry("seg-retail", {"name": "Independent retailers"})
    assert 'extra = { owner = "sales", since = 2020 }   # an inline table, a key bizop does not know' in doc.text
    assert "[unrelated]\nkeep = true\n" in doc.text
    assert re.search(r"# not a comment either", doc.text)


STRING_WITH_A_HEADER = """\
[model]
name = "x"

[[business.customer_segments]]
id = "seg-a"
name = "A"
notes = \"\"\"
Paste from the old file:
[[business.channels]]
id = "ch-old"
\"\"\"

[[business.channels]]
id = "ch-web"
name = "Web"
"""


def test_text_that_looks_like_a_table_inside_a_multi_line_string_is_kept_and_edited_in_place():
    doc = Document.from_text(STRING_WITH_A_HEADER)
    assert [e.id for e in doc.model.entries()] == ["seg-a", "ch-web"]
    doc.update_entry("ch-web", {"name": "Web shop"})
    doc.delete_entry("seg-a")
    assert doc.text.endswith('[[business.channels]]\nid = "ch-web"\nname = "Web shop"\n')
    assert "ch-old" not in doc.text
    doc.undo()
    doc.undo()
    assert doc.text == STRING_WITH_A_HEADER


def test_a_table_header_inside_a_multi_line_string_does_not_move_entry_lines():
    doc = Document.from_text(STRING_WITH_A_HEADER)
    header_line = STRING_WITH_A_HEADER.splitlines().index('id = "ch-web"')  # 0-based id line = 1-based header
    assert doc.model.by_id["ch-web"].line == header_line
    doc.update_entry("seg-a", {"notes": "short"})
    assert snapshot(doc.model) == fresh_snapshot(doc.text)


def test_undoing_a_deletion_gives_the_entry_its_own_line_back_when_its_comment_mentions_a_table():
    text = (
        '[model]\nname = "x"\n\n'
        "# To fix it, add one [[operating.processes]] entry\n"
        "# that supports this one.\n"
        '[[business.value_propositions]]\nid = "vp"\nname = "V"\n'
    )
    doc = Document.from_text(text)
    assert doc.entry("vp").line == 6
    doc.delete_entry("vp")
    doc.undo()
    assert doc.text == text
    assert doc.entry("vp").line == 6
