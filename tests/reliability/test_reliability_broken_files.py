"""Stories about broken and hostile files: each one gives a BizopError with a message or a finding,
never another exception or a hang, and opening a file never changes its bytes.
"""

from __future__ import annotations

import os
import threading

import pytest

from bizop_tui.alignment import analyse
from bizop_tui.model import BizopError, load_model
from bizop_tui.model import source as source_module
from bizop_tui.model.document import Document
from bizop_tui.model.source import MAX_FILE_BYTES, read_source
from reliability_helpers import render_all, time_limit

HEAD = '[model]\nname = "Acme"\n\n'


def _open_everything(path) -> object:
    """Open the file every way bizop does; returns the model or the BizopError, and checks the bytes stay."""
    before = path.read_bytes() if path.is_file() else None
    outcome = None
    with time_limit(20, f"opening {path.name}"):
        try:
            model = load_model(str(path))
            render_all(model)  # the review, markdown and json of whatever loaded
            doc = Document.open(str(path))
            assert doc.model is not None
            outcome = model
        except BizopError as error:
            assert error.message.strip(), "a BizopError without a message"
            assert error.render().strip()
            outcome = error
    if before is not None:
        assert path.read_bytes() == before, "opening the file changed its bytes"
    return outcome


def _write(tmp_path, data, name="model.toml"):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


# -- bytes that are not a model -------------------------------------------------------------------------


def test_a_file_that_is_not_utf8_is_refused_with_its_line_and_column(tmp_path):
    path = _write(tmp_path, HEAD.encode() + b'[[business.channels]]\nid = "ch"\nname = "caf\xe9 cr\xe8me"\n')
    error = _open_everything(path)
    assert isinstance(error, BizopError)
    assert "UTF-8" in error.message and error.line == 6 and error.column == 12
    assert "caf" in error.render() and "^" in error.render()


@pytest.mark.parametrize(
    "data",
    [
        "\ufeff".encode("utf-16-le") + HEAD.encode("utf-16-le"),
        b"\xff\xfe\x00\x00garbage",
        bytes(range(256)),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
    ],
    ids=["utf-16", "utf-32-ish", "all-bytes", "a-png", "a-zip"],
)
def test_binary_and_other_encodings_are_refused_with_a_message(tmp_path, data):
    assert isinstance(_open_everything(_write(tmp_path, data)), BizopError)


def test_a_utf8_byte_order_mark_is_accepted_and_kept(tmp_path):
    path = _write(tmp_path, "\ufeff" + HEAD + '[[business.channels]]\nid = "ch"\nname = "Web"\n')
    model = _open_everything(path)
    assert model.name == "Acme" and model.by_id["ch"].name == "Web"
    assert read_source(str(path)).bom


@pytest.mark.parametrize("data", ["", " ", "\n\n\n", "# only a comment\n", "\ufeff", "\r\n"],
                         ids=["empty", "a-space", "newlines", "a-comment", "only-a-bom", "crlf"])
def test_an_empty_file_is_a_model_with_findings(tmp_path, data):
    model = _open_everything(_write(tmp_path, data))
    assert not isinstance(model, BizopError)
    assert "schema.missing-model" in {p.rule for p in model.problems}


def test_a_folder_is_refused_with_a_message(tmp_path):
    error = _open_everything(tmp_path)
    assert isinstance(error, BizopError) and "folder" in error.message


def test_a_missing_file_is_refused_with_a_message(tmp_path):
    error = _open_everything(tmp_path / "nope.toml")
    assert isinstance(error, BizopError) and "no such file" in error.message


# -- too big, too deep ----------------------------------------------------------------------------------


def test_the_documented_limit_is_32_mb():
    assert MAX_FILE_BYTES == 32 * 1024 * 1024


def test_a_file_over_the_limit_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.toml"
    with open(path, "wb") as handle:  # a sparse file: no disk used
        handle.truncate(MAX_FILE_BYTES + 1)
    with time_limit(5, "refusing a huge file"):
        error = _open_everything(path)
    assert isinstance(error, BizopError)
    assert "32 MB" in error.message and error.hint


def test_the_limit_applies_to_document_open_too(tmp_path, monkeypatch):
    monkeypatch.setattr(source_module, "MAX_FILE_BYTES", 100)
    path = _write(tmp_path, HEAD + "# " + "x" * 200 + "\n")
    with pytest.raises(BizopError) as caught:
        Document.open(str(path))
    assert "MB" in caught.value.message
    small = _write(tmp_path, HEAD, "small.toml")
    assert Document.open(str(small)).model.name == "Acme"


def test_a_stream_longer_than_the_limit_is_refused_by_size(tmp_path):
    read_end, write_end = os.pipe()

    def feed():
        chunk = b"\x00" * (1024 * 1024)
        try:
            for _ in range(MAX_FILE_BYTES // len(chunk) + 2):
                os.write(write_end, chunk)
        except OSError:
            pass
        finally:
            os.close(write_end)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        with time_limit(20, "reading a pipe"):
            with pytest.raises(BizopError) as caught:
                read_source(f"/proc/self/fd/{read_end}")
    finally:
        os.close(read_end)
        writer.join(5)
    assert "MB" in caught.value.message


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 10_000 + "]" * 10_000,
        "a = " + "{b = " * 10_000 + "1" + "}" * 10_000,
        HEAD + "[[business.channels]]\nid = 'ch'\nname = 'x'\nextra = " + "[" * 10_000 + "]" * 10_000,
        HEAD + "archetype = " + "[" * 5_000 + "]" * 5_000,
    ],
    ids=["array", "inline-table", "inside-an-entry", "model-setting"],
)
def test_nesting_10000_deep_is_refused_with_a_message_not_a_recursion_error(tmp_path, text):
    error = _open_everything(_write(tmp_path, text))
    assert isinstance(error, BizopError)
    assert "nested too deeply" in error.message


# tomllib's time grows with the square of a dotted key's length (a 10,000-part key, 20 KB, takes ~8 s a
# parse on the 2-core CI machine), so these use 2,000 parts: enough to pass any recursion limit.
@pytest.mark.parametrize(
    "text",
    [
        ".".join(["a"] * 2_000) + " = 1\n" + HEAD,
        HEAD + "[" + ".".join(["a"] * 2_000) + "]\nx = 1\n",
        HEAD + "[[business.channels." + ".".join(["a"] * 2_000) + "]]\nx = 1\n",
    ],
    ids=["dotted-key", "table-header", "sub-table-of-a-block"],
)
def test_very_long_dotted_keys_open_or_are_refused_plainly(tmp_path, text):
    _open_everything(_write(tmp_path, text))


def test_editing_an_entry_with_a_deeply_nested_value_is_refused_plainly():
    text = HEAD + "[[business.channels]]\nid = 'ch'\nname = 'x'\nextra = " + "[" * 150 + "]" * 150 + "\n"
    doc = Document.from_text(text)
    try:
        doc.update_entry("ch", {"name": "y"})
    except BizopError as error:
        assert error.message
    assert doc.text in (text, text.replace("name = 'x'", 'name = "y"'))


def test_a_10000_digit_integer_is_refused_with_a_message(tmp_path):
    error = _open_everything(_write(tmp_path, HEAD + "[[business.revenue_streams]]\nid = 'r'\nname = 'R'\namount = "
                                    + "9" * 10_000 + "\n"))
    assert isinstance(error, BizopError) and error.message and error.hint


def test_a_10000_digit_float_loads(tmp_path):
    model = _open_everything(_write(tmp_path, HEAD + "[[business.revenue_streams]]\nid = 'r'\nname = 'R'\n"
                                    "amount = 0." + "9" * 10_000 + "\n"))
    assert not isinstance(model, BizopError)


def test_a_model_with_thousands_of_entries_opens_quickly(tmp_path):
    parts = [HEAD]
    for i in range(2_000):
        parts.append(f'[[operating.processes]]\nid = "p{i}"\nname = "P{i}"\nsupports = ["p{(i + 1) % 2_000}"]\n')
    with time_limit(30, "a 2,000-entry model"):
        model = _open_everything(_write(tmp_path, "\n".join(parts)))
    assert len(model) == 2_000


# -- wrong shapes -------------------------------------------------------------------------------------


WRONG_SHAPES = {
    "business-is-a-number": "business = 3\n" + HEAD,
    "model-is-a-string": 'model = "x"\n',
    "model-is-a-list": "model = [1, 2]\n",
    "operating-is-a-list": HEAD.replace("[model]", "operating = [1]\n[model]"),
    "archetypes-is-a-number": "archetypes = 1\n" + HEAD,
    "archetype-is-a-number": HEAD.replace('name = "Acme"', 'name = "Acme"\narchetype = 5'),
    "archetype-table-is-odd": HEAD.replace('name = "Acme"', 'name = "Acme"\narchetype = "mine"')
    + "[archetypes.mine]\nrequire = 3\nrules = 'x'\n",
    "archetype-table-list": HEAD.replace('name = "Acme"', 'name = "Acme"\narchetype = "mine"')
    + "[[archetypes.mine]]\nx = 1\n",
    "review-days-wrong": HEAD.replace('name = "Acme"', 'name = "Acme"\nbusiness_review_days = -3\n'
                                      'operating_review_days = "soon"'),
    "disabled-rules-wrong": HEAD.replace('name = "Acme"', 'name = "Acme"\ndisabled_rules = [1, true]'),
    "reviewed-wrong": HEAD.replace('name = "Acme"', 'name = "Acme"\nreviewed = "last week"'),
    "block-is-a-string": HEAD + '[business]\nchannels = "web"\n',
    "block-is-a-list-of-numbers": HEAD + "[business]\nchannels = [1, 2]\n",
    "block-is-a-table": HEAD + "[business.channels]\nid = 'x'\n",
    "unknown-block": HEAD + "[[business.chanels]]\nid = 'x'\nname = 'y'\n",
    "unknown-side": HEAD + "[[finance.budget]]\nid = 'x'\n",
    "entry-fields-wrong": HEAD + "[[operating.processes]]\nid = 'p'\nname = 4\nnotes = []\ntags = 'x'\n"
    "supports = 'y'\nowner = 7\ncost = 'cheap'\nreviewed = 3\n",
    "entry-id-wrong": HEAD + "[[business.channels]]\nid = []\nname = 'x'\n[[business.channels]]\nid = ''\n",
    "entry-amount-huge": HEAD + "[[business.revenue_streams]]\nid = 'r'\nname = 'R'\namount = 1e308\n"
    "[[business.revenue_streams]]\nid = 'r2'\nname = 'R2'\namount = 1e308\n",
    "entry-amount-nan": HEAD + "[[business.cost_structure]]\nid = 'c'\nname = 'C'\namount = nan\n"
    "[[business.cost_structure]]\nid = 'c2'\nname = 'C2'\namount = -inf\n",
    "datetime-everywhere": HEAD.replace('name = "Acme"', 'name = "Acme"\nreviewed = 1979-05-27T07:32:00Z')
    + "[[business.channels]]\nid = 'c'\nname = 'C'\nreviewed = 07:32:00\n",
    "inline-entries": HEAD + "[business]\nchannels = [{id = 'a', name = 'A'}, {id = 'b', name = 'B'}]\n",
    "sub-tables-in-entry": HEAD + "[[business.channels]]\nid = 'a'\nname = 'A'\n[business.channels.meta]\nx = 1\n"
    "[[business.channels.history]]\nwhen = 2020-01-01\n",
}


@pytest.mark.parametrize(
    "name",
    list(WRONG_SHAPES),
)
def test_wrong_shapes_give_findings_not_crashes(tmp_path, name):
    model = _open_everything(_write(tmp_path, WRONG_SHAPES[name]))
    assert not isinstance(model, BizopError), str(model)
    alignment = analyse(model)
    assert alignment.score is None or 0 <= alignment.score <= 100
    if name not in ("inline-entries", "sub-tables-in-entry", "datetime-everywhere"):
        assert model.problems or alignment.findings, "a wrongly shaped file passed without a finding"


@pytest.mark.parametrize("name", ["inline-entries", "block-is-a-table", "sub-tables-in-entry", "entry-id-wrong"])
def test_edits_of_unusual_layouts_are_done_in_place_or_refused_plainly(name):
    doc = Document.from_text(WRONG_SHAPES[name])
    before = doc.text
    for action in (
        lambda: doc.add_entry("business.channels", {"name": "New"}),
        lambda: [doc.update_entry(e.id, {"name": "Edited"}) for e in list(doc.model.entries())],
        lambda: [doc.delete_entry(e.id) for e in list(doc.model.entries())],
    ):
        try:
            action()
        except BizopError as error:
            assert error.message
    while doc.undo():
        pass
    assert doc.text == before


# -- links that go round ----------------------------------------------------------------------------------

LINKS = {
    "self-reference": HEAD + "[[operating.processes]]\nid = 'p'\nname = 'P'\nsupports = ['p']\nowner = 'p'\n",
    "two-cycle": HEAD + "[[operating.processes]]\nid = 'a'\nname = 'A'\nsupports = ['b']\n"
    "[[operating.processes]]\nid = 'b'\nname = 'B'\nsupports = ['a']\n",
    "business-cycle": HEAD + "[[business.value_propositions]]\nid = 'v'\nname = 'V'\nsegments = ['v']\n"
    "[[business.key_activities]]\nid = 'k'\nname = 'K'\nsupports = ['k', 'v']\n"
    "[[business.key_resources]]\nid = 'r'\nname = 'R'\nsupports = ['k', 'r']\n",
    "duplicate-ids": HEAD + "[[business.channels]]\nid = 'x'\nname = 'One'\n[[operating.processes]]\nid = 'x'\n"
    "name = 'Two'\nsupports = ['x']\n[[business.channels]]\nid = 'x'\nname = 'Three'\n",
    "broken-links": HEAD + "[[operating.processes]]\nid = 'p'\nname = 'P'\nsupports = ['nowhere', '', ' ']\n"
    "owner = 'nobody'\n",
}


def _long_cycle(n: int) -> str:
    parts = [HEAD]
    for i in range(n):
        parts.append(f"[[operating.processes]]\nid = 'p{i}'\nname = 'P{i}'\nsupports = ['p{(i + 1) % n}']\n")
    parts.append("[[business.value_propositions]]\nid = 'v'\nname = 'V'\n")
    parts.append("[[business.key_activities]]\nid = 'k'\nname = 'K'\nsupports = ['v']\n")
    parts.append("[[operating.people]]\nid = 's'\nname = 'S'\nsupports = ['p0', 'k']\n")
    return "\n".join(parts)


LINKS["cycle-of-2000"] = _long_cycle(2_000)


@pytest.mark.parametrize("name", list(LINKS))
def test_self_references_cycles_and_duplicate_ids_give_findings_and_terminate(tmp_path, name):
    model = _open_everything(_write(tmp_path, LINKS[name]))
    assert not isinstance(model, BizopError), str(model)
    with time_limit(20, "analysing"):
        alignment = analyse(model)
    rules = {f.rule for f in alignment.findings}
    if name == "duplicate-ids":
        assert "links.duplicate-id" in rules
    if name == "broken-links":
        assert "links.broken" in rules


def test_a_duplicate_id_can_still_be_edited_and_deleted_in_place():
    doc = Document.from_text(LINKS["duplicate-ids"])
    before = doc.text
    doc.update_entry("x", {"name": "First, renamed"})
    assert doc.model.blocks["business.channels"][0].name == "First, renamed"
    assert doc.model.blocks["business.channels"][1].name == "Three"
    doc.delete_entry("x")
    assert [e.name for e in doc.model.entries()] == ["Three", "Two"] or len(list(doc.model.entries())) == 2
    doc.undo()
    doc.undo()
    assert doc.text == before
