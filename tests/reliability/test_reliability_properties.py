"""Property-based stories: whatever a person does, the document's model is the model of its text.

Random sequences of add / edit / link / delete / undo / redo / save run over each bundled sample and
over generated small models (comments, blank lines, quoting styles, interleaved blocks, CRLF, BOM).
After every step the model the document keeps up to date entry by entry must equal the model read
from its text from scratch; a refused edit must change nothing; undo restores the text byte-for-byte;
a saved file reloads to the same model; and no comment of the original is lost unless it belonged to
an entry that was deleted.
"""

from __future__ import annotations

import collections
import os
import re
import tempfile

import pytest
import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bizop_tui.model import BizopError, load_model
from bizop_tui.model.document import Document
from bizop_tui.model.layout import scan_layout
from bizop_tui.model.source import decode_source
from reliability_helpers import BARE_LF, TEMPLATES, comment_lines, fresh_snapshot, snapshot

pytestmark = pytest.mark.slow

SETTINGS = settings(
    max_examples=30,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)

PATHS = [
    "business.customer_segments",
    "business.value_propositions",
    "business.channels",
    "business.key_partners",
    "business.cost_structure",
    "operating.organisation",
    "operating.processes",
    "operating.technology",
]

# What a person types: any character but surrogates and carriage returns (a text field gives "\n").
# A line of notes that starts like a [[side.block]] header hits a known bug (test_reliability_roundtrip,
# test_a_table_header_inside_a_multi_line_string_does_not_move_entry_lines), so it is left out here.
CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r")
LOOKS_LIKE_A_HEADER = re.compile(r"^[ \t]*\[\[", re.MULTILINE)
WORDS = st.one_of(
    st.text(CHARS, min_size=1, max_size=16),
    st.sampled_from(["Web shop", "[bold]x[/bold]", "O'Brien \"quoted\"", "'''", '"""', "tab\there", "漢字 🙂",
                     "# not a comment", "see [[business.channels]]", "back\\slash", "\x1b[31m red"]),
)
NAMES = WORDS.filter(lambda s: s.strip())
NOTES = st.one_of(WORDS, st.lists(WORDS, min_size=2, max_size=4).map("\n".join)).filter(
    lambda s: not LOOKS_LIKE_A_HEADER.search(s)
)
TAGS = st.lists(st.text(st.characters(whitelist_categories=("Ll", "Nd")), min_size=1, max_size=6), max_size=3)


# -- generated small models -----------------------------------------------------------------------------


def _toml_string(value: str, literal: bool) -> str:
    if literal and "'" not in value and "\n" not in value and value.isprintable():
        return f"'{value}'"
    return tomlkit.string(value).as_string()


@st.composite
def small_models(draw) -> str:
    """A hand-written-looking model file: random entries, comments, blank lines, quoting and order."""
    count = draw(st.integers(0, 7))
    entries = []
    for i in range(count):
        path = draw(st.sampled_from(PATHS))
        entries.append((path, f"e{i}"))
    order = draw(st.permutations(entries))  # blocks interleave freely
    ids = [entry_id for _, entry_id in entries]
    lines = []
    if draw(st.booleans()):
        lines += ["# A model written by hand.", ""]
    lines += ["[model]", f"name = {_toml_string(draw(NAMES), draw(st.booleans()))}", ""]
    for n, (path, entry_id) in enumerate(order):
        if draw(st.booleans()):
            lines.append(f"# about {entry_id}")
        header = f"[[{path}]]" if draw(st.integers(0, 4)) else f"[[ {path.split('.')[0]} . \"{path.split('.')[1]}\" ]]"
        lines.append(header)
        lines.append(f"id = {_toml_string(entry_id, draw(st.booleans()))}")
        lines.append(f"name = {_toml_string(draw(NAMES), draw(st.booleans()))}   # the name")
        if draw(st.booleans()):
            notes = draw(NOTES)
            lines.append(f"notes = {tomlkit.string(notes, multiline=chr(10) in notes).as_string()}")
        if draw(st.booleans()):
            lines.append(f"tags = {tomlkit.item(draw(TAGS)).as_string()}")
        targets = draw(st.lists(st.sampled_from(ids), max_size=3)) if ids else []
        if targets:
            if draw(st.booleans()):
                lines.append("supports = [")
                lines += [f"    {tomlkit.string(t).as_string()},  # link" for t in targets]
                lines.append("]")
            else:
                lines.append(f"supports = {tomlkit.item(targets).as_string()}")
        if draw(st.integers(0, 5)) == 0:
            lines.append("extra = { kept = true }")
        if draw(st.booleans()):
            lines.append("")
        if draw(st.integers(0, 6)) == 0:
            lines.append(f"# trailing remark {n}")
    text = "\n".join(lines)
    if draw(st.booleans()):
        text += "\n"
    if draw(st.integers(0, 3)) == 0:
        text = text.replace("\n", "\r\n")
    if draw(st.integers(0, 5)) == 0:
        text = "\ufeff" + text
    return text


# -- the random session ---------------------------------------------------------------------------------


def _ids(doc: Document) -> list[str]:
    return sorted(doc.model.by_id)


def _deleted_comments(doc: Document, entry_id: str) -> collections.Counter:
    """The comment lines inside the span an entry's deletion removes (its lead comments and its table)."""
    entry = doc.entry(entry_id)
    span = scan_layout(doc.text).spans[entry.block.path][entry.index]
    return collections.Counter(comment_lines(doc.text[span.lead : span.end]))


def _step(doc: Document, data, folder: str) -> tuple[str, collections.Counter | None]:
    """Do one random thing; returns what was done and, for a deletion, the comments it may remove."""
    ids = _ids(doc)
    op = data.draw(st.sampled_from(["add", "edit", "link", "delete", "undo", "redo", "save"]), label="op")
    if op in ("edit", "link", "delete") and not ids:
        op = "add"
    if op == "add":
        path = data.draw(st.sampled_from(PATHS), label="block")
        fields = {"name": data.draw(NAMES, label="name")}
        if data.draw(st.booleans(), label="with notes"):
            fields["notes"] = data.draw(NOTES, label="notes")
        if doc.newline == "\r\n":  # a multi-line value in a new entry of a CRLF file: a known bug, tested in
            for key in ("name", "notes"):  # test_reliability_roundtrip (..._with_multi_line_notes)
                if key in fields:
                    fields[key] = fields[key].replace("\n", " ")
        if data.draw(st.booleans(), label="with tags"):
            fields["tags"] = data.draw(TAGS, label="tags")
        if ids and data.draw(st.booleans(), label="with supports"):
            fields["supports"] = data.draw(st.lists(st.sampled_from(ids), max_size=2, unique=True), label="supports")
        doc.add_entry(path, fields)
    elif op == "edit":
        entry_id = data.draw(st.sampled_from(ids), label="entry")
        fields = data.draw(
            st.fixed_dictionaries({}, optional={"name": NAMES, "notes": NOTES, "tags": TAGS}), label="fields"
        ) or {"name": "Renamed"}
        doc.update_entry(entry_id, fields)
    elif op == "link":
        entry_id = data.draw(st.sampled_from(ids), label="entry")
        target = data.draw(st.sampled_from(ids), label="target")
        doc.update_entry(entry_id, {"supports": [*doc.entry(entry_id).supports, target]})
    elif op == "delete":
        entry_id = data.draw(st.sampled_from(ids), label="entry")
        removable = _deleted_comments(doc, entry_id)
        doc.delete_entry(entry_id)
        return op, removable
    elif op == "undo":
        doc.undo()
    elif op == "redo":
        doc.redo()
    elif op == "save":
        target = os.path.join(folder, "saved.toml")
        doc.save(target, overwrite=True)
        assert snapshot(load_model(target)) == snapshot(doc.model), "the saved file reloads to another model"
        with open(target, "rb") as handle:
            assert handle.read() == doc.encoded()
    return op, None


def _session(doc: Document, data, steps: int) -> None:
    original = doc.text
    original_comments = collections.Counter(comment_lines(original))
    # Comments of the original an entry deletion legitimately removed (given back by its undo).
    removed_by_deletes: list[collections.Counter] = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(steps):
            before_text, before_model = doc.text, snapshot(doc.model)
            try:
                op, removable = _step(doc, data, folder)
            except BizopError as error:
                # A refused edit says why and changes nothing.
                assert error.message
                assert doc.text == before_text and snapshot(doc.model) == before_model
                continue
            assert snapshot(doc.model) == fresh_snapshot(doc.text, doc.path), f"model out of step after {op}"
            if doc.newline == "\r\n":
                assert not BARE_LF.search(doc.text), f"a bare LF appeared in a CRLF file after {op}"
            if op in ("add", "edit", "link", "delete") and doc.text != before_text:
                after_text = doc.text
                doc.undo()
                assert doc.text == before_text, f"undo of {op} did not restore the text"
                assert snapshot(doc.model) == before_model
                doc.redo()
                assert doc.text == after_text, f"redo of {op} did not restore the edit"
            if op == "delete":
                removed_by_deletes.append(removable)
            allowed = sum(removed_by_deletes, collections.Counter())
            now = collections.Counter(comment_lines(doc.text))
            for comment, count in original_comments.items():
                assert now[comment] + allowed[comment] >= count, f"comment {comment!r} was lost after {op}"
        while doc.undo():
            pass
        assert doc.text == original, "undoing everything did not restore the original text"
        assert snapshot(doc.model) == fresh_snapshot(original, doc.path)


def _sample_text(template) -> str:
    """A bundled sample, with '[[' in comments written '[ [': a comment above an entry that mentions a table
    hits a known bug on undo of its deletion (test_reliability_roundtrip, test_undoing_a_deletion_gives_...)."""
    lines = template.read_text(encoding="utf-8").split("\n")
    return "\n".join(line.replace("[[", "[ [") if line.lstrip().startswith("#") else line for line in lines)


@pytest.mark.parametrize("template", TEMPLATES, ids=[p.stem for p in TEMPLATES])
@SETTINGS
@given(data=st.data())
def test_random_edits_of_a_sample_keep_the_model_in_step_with_the_text(template, data):
    doc = Document.from_text(_sample_text(template))
    _session(doc, data, data.draw(st.integers(1, 8), label="steps"))


@settings(SETTINGS, max_examples=60)
@given(text=small_models(), data=st.data())
def test_random_edits_of_a_generated_model_keep_the_model_in_step_with_the_text(text, data):
    source = decode_source(text.encode("utf-8"))
    doc = Document(source, path=None)
    assert snapshot(doc.model) == fresh_snapshot(source.text)
    assert doc.encoded() == text.encode("utf-8"), "an unedited document encodes to its own bytes"
    _session(doc, data, data.draw(st.integers(1, 10), label="steps"))


@SETTINGS
@given(text=small_models())
def test_a_generated_model_saves_byte_identical_and_reloads_to_the_same_model(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("gen")
    original = folder / "model.toml"
    original.write_bytes(text.encode("utf-8"))
    doc = Document.open(str(original))
    copy = folder / "copy.toml"
    doc.save(str(copy))
    assert copy.read_bytes() == original.read_bytes()
    assert snapshot(load_model(str(copy))) == snapshot(doc.model)
