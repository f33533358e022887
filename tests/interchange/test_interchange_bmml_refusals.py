"""Stories about BMML files bizop cannot use, and files written to hurt: every failure is a message
with the file (and the line where there is one) and what to do, exit 2, and nothing written; what
can be read is imported, and nothing makes bizop crash, hang or write a file it cannot read back.
"""

from __future__ import annotations

import os
import time
import tomllib

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bizop_tui.interchange.bmml import SECTIONS, import_bmml
from bizop_tui.interchange.imported import model_text
from bizop_tui.model import load_text
from bizop_tui.model.errors import BizopError

MINIMAL = 'version: "2.0"\nmeta:\n  name: Acme\ncustomer_segments:\n  - id: cs-a\n    name: A\n'


def refused(run, path: str, tmp_path) -> str:
    out = tmp_path / "out.toml"
    result = run("import", "bmml", path, "-o", str(out))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert not out.exists()
    return result.stderr


def test_a_file_that_is_not_yaml_is_refused_with_its_line_and_a_caret(run, bmml_file, tmp_path):
    path = bmml_file('meta:\n  name: Acme\ncustomer_segments:\n  - id: [cs-a\n    name: A\n')

    message = refused(run, path, tmp_path)

    assert message.startswith(f"bizop: {path}, line 5, column 9: is not valid BMML:")
    assert "(what is unfinished starts at line 4)" in message
    assert "    5 |     name: A" in message and "^" in message
    assert "unclosed bracket" in message


@pytest.mark.parametrize("text, says", [
    ("", "is empty"),
    ("# only a comment\n", "is empty"),
    ("- id: cs-a\n  name: A\n", "its top level is a list, not a mapping with `meta`"),
    ("just some words\n", "its top level is the value 'just some words'"),
    ("name: Acme\nport: 8080\n", "does not look like BMML"),
], ids=["empty", "comment-only", "a-list", "a-scalar", "another-format"])
def test_a_yaml_file_that_is_not_bmml_is_refused(run, bmml_file, tmp_path, text, says):
    assert says in refused(run, bmml_file(text), tmp_path)


def test_yaml_tags_that_build_objects_are_refused_not_run(run, bmml_file, tmp_path):
    marker = tmp_path / "ran"
    path = bmml_file(f'meta:\n  name: !!python/object/apply:os.system ["touch {marker}"]\n')

    message = refused(run, path, tmp_path)

    assert "line 2" in message and "remove the tag" in message
    assert not marker.exists()


def test_two_documents_in_one_file_are_refused(run, bmml_file, tmp_path):
    message = refused(run, bmml_file(MINIMAL + "---\n" + MINIMAL), tmp_path)

    assert "line 7" in message and "remove the second '---'" in message


def test_text_that_is_not_utf8_is_refused(run, bmml_file, tmp_path):
    message = refused(run, bmml_file(b"meta:\n  name: Caf\xe9\n"), tmp_path)

    assert "is not readable BMML" in message and "UTF-8" in message


def test_a_missing_file_a_folder_and_a_huge_file_are_refused(run, bmml_file, tmp_path):
    huge = tmp_path / "huge.bmml"
    with open(huge, "wb") as handle:
        handle.truncate(17 * 1024 * 1024)

    assert "cannot read the file" in refused(run, str(tmp_path / "missing.bmml"), tmp_path)
    assert "is a directory" in refused(run, str(tmp_path), tmp_path)
    assert "larger than 16 MB" in refused(run, str(huge), tmp_path)


def test_yaml_nested_beyond_reason_is_refused(run, bmml_file, tmp_path):
    assert "nested too deeply" in refused(run, bmml_file("meta: " + "[" * 20000 + "]" * 20000 + "\n"), tmp_path)


def test_a_refused_import_never_touches_an_existing_output(run, bmml_file, tmp_path):
    out = tmp_path / "out.toml"
    out.write_text("mine", "utf-8")

    result = run("import", "bmml", bmml_file("[broken"), "-o", str(out))

    assert result.exit_code == 2
    assert out.read_text("utf-8") == "mine"


@pytest.mark.parametrize("text, warning", [
    ("meta: 3\ncustomer_segments: [{id: cs-a, name: A}]\n", "`meta` should be a mapping"),
    ("meta: {name: A}\nchannels: 3\n", "`channels` should be a list of entries, not the value '3'"),
    ("meta: {name: A}\nchannels:\n  - [a, b]\n", "an entry of `channels` is a list"),
    ("meta: {name: A}\nchannels:\n  - {id: ch, name: C, for: {value_propositions: [{x: 1}]}}\n",
     "a link of `channels` is not an id"),
    ('version: "3.0"\nmeta: {name: A}\n', "version '3.0' is not one bizop knows"),
    ("customer_segments: [{id: cs-a, name: A}]\n", "meta has no name; the model is called 'model'"),
], ids=["meta-not-a-mapping", "section-not-a-list", "entry-not-a-mapping", "link-not-an-id", "unknown-version",
        "no-name"])
def test_what_cannot_be_read_is_skipped_with_a_warning_and_the_rest_imported(run, bmml_file, tmp_path, text, warning):
    out = tmp_path / "out.toml"

    result = run("import", "bmml", bmml_file(text), "-o", str(out))

    assert result.exit_code == 0, result.output
    assert warning in result.stderr
    assert result.stderr.startswith(f"bizop: {tmp_path / 'model.bmml'}")
    assert not [p for p in load_text(out.read_text("utf-8")).problems if p.severity == "error"]


HOSTILE = ['"""', "'''", "\\", 'ends with a quote"', "tab\there", "line\nbreak", "cr\rreturn", "\x1b[31mred\x1b[0m",
           "bell\x07", "del\x7f", "\u202eevil", "zero\u200bwidth", "emoji 🚲", "[TODO]", "=SUM(A1)", "# not a comment",
           "  spaces  "]


def test_hostile_text_reads_back_exactly_where_bizop_keeps_it(bmml_file, tmp_path):
    segments = [{"id": f"cs-{n}", "name": f"seg {n} {text}", "description": text} for n, text in enumerate(HOSTILE)]
    path = bmml_file(yaml.safe_dump({"meta": {"name": "Acme " + "".join(HOSTILE)}, "customer_segments": segments},
                                    allow_unicode=True))

    imported = import_bmml(path)
    text = model_text(imported)
    data = tomllib.loads(text)

    written = data["business"]["customer_segments"]
    assert [e["id"] for e in written] == [f"cs-{n}" for n in range(len(HOSTILE))]
    for entry, raw in zip(written, HOSTILE, strict=True):
        assert entry["name"] == " ".join(f"seg {HOSTILE.index(raw)} {raw}".split())  # names are one line
        assert entry.get("notes", "") in (raw.replace("\r", "\n").strip("\n"), "")
    for line in text.splitlines():
        if line.startswith("#"):
            assert not any(c in line for c in "\x1b\x07\x7f\r")


def test_a_billion_laughs_file_imports_quickly_with_short_notes(bmml_file):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    lines += ["meta: {name: Laughs}", "customer_segments:", "  - id: cs-a", "    name: A", "    laughs: *a9"]
    started = time.monotonic()

    imported = import_bmml(bmml_file("\n".join(lines) + "\n"))
    text = model_text(imported)

    assert time.monotonic() - started < 5
    assert len(text) < 20_000
    assert "BMML laughs: [[[[" in text


def test_a_value_that_contains_itself_is_noted_without_looping(bmml_file):
    imported = import_bmml(bmml_file("meta: {name: Loop}\nchannels:\n  - id: ch\n    name: C\n    loop: &x [*x]\n"))

    assert imported.entries[0].notes == ["BMML loop: [...]"]


# -- any YAML at all --------------------------------------------------------------------------------

KEYS = [*SECTIONS, "version", "meta", "fits", "id", "name", "description", "for", "from", "segments", "segment",
        "for_value", "provides", "linked_to", "jobs", "pains", "gains", "products_services", "pain_relievers",
        "mappings", "value_proposition", "customer_segment", "major_costs", "tagline", "through", "x"]
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["cs-a", "vp-a", "ch-a", "kr-a", "ka-a", "kp-a", "cost-a", "pain-a", "pr-a", "1.0", "2.0", "", " ", "~"])
VALUES = st.recursive(st.none() | TEXT | st.integers() | st.booleans(),
                      lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner,
                                                                                   max_size=5),
                      max_leaves=30)
DOCUMENTS = st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=8)


@pytest.mark.slow
@settings(max_examples=int(os.environ.get("BIZOP_FUZZ_EXAMPLES", "250")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=DOCUMENTS)
def test_any_yaml_mapping_imports_or_is_refused_plainly_and_never_crashes(tmp_path, document):
    path = tmp_path / "fuzz.bmml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), "utf-8")

    try:
        imported = import_bmml(str(path))
    except BizopError as error:
        assert str(path) in error.render()
        return
    text = model_text(imported)  # raises if bizop could not read back what it wrote
    model = load_text(text)
    assert not [p for p in model.problems if p.severity == "error"]
    assert len(model) == len(imported.entries)
    assert all(target in model.by_id for entry in model.entries() for target in entry.links)


IDS = st.sampled_from(["cs-a", "cs-b", "vp-a", "vp-b", "ch-a", "cr-a", "rs-a", "kr-a", "ka-a", "kp-a", "cost-a",
                       "pain-a", "pr-a", "gain-a", "gc-a", "job-a", "ps-a", "missing", "vp a", ""])
REFS = IDS | st.lists(IDS, max_size=3)
ENTRY = st.fixed_dictionaries(
    {"id": IDS, "name": TEXT},
    optional={"for": st.dictionaries(st.sampled_from([*SECTIONS, "markets"]), REFS, max_size=3) | REFS,
              "from": st.dictionaries(st.sampled_from([*SECTIONS, "markets"]), REFS, max_size=2),
              "description": TEXT, "segment": REFS, "for_value": REFS, "provides": REFS,
              "jobs": st.lists(st.fixed_dictionaries({"id": IDS, "description": TEXT}), max_size=2),
              "pain_relievers": st.lists(st.fixed_dictionaries({"id": IDS, "name": TEXT}), max_size=2),
              "x": VALUES})
FIT = st.fixed_dictionaries({"id": IDS}, optional={
    "for": st.fixed_dictionaries({"value_propositions": REFS, "customer_segments": REFS}),
    "value_proposition": IDS, "customer_segment": IDS,
    "mappings": st.lists(st.lists(IDS, min_size=1, max_size=3), max_size=3),
    "pain_relievers": st.lists(st.fixed_dictionaries({"pain": IDS, "through": REFS, "description": TEXT}),
                               max_size=2)})
BMML_DOCUMENTS = st.fixed_dictionaries(
    {"meta": st.fixed_dictionaries({"name": TEXT}, optional={"tagline": TEXT, "stage": TEXT})},
    optional={"version": st.sampled_from(["1.0", "2.0", "2", "9"]), "fits": st.lists(FIT, max_size=3),
              **{section: st.lists(ENTRY | TEXT, max_size=4) | st.dictionaries(IDS, ENTRY | TEXT, max_size=3)
                 for section in SECTIONS}})


@pytest.mark.slow
@settings(max_examples=int(os.environ.get("BIZOP_FUZZ_EXAMPLES", "250")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(document=BMML_DOCUMENTS)
def test_any_bmml_shaped_file_imports_with_every_written_link_resolved(tmp_path, document):
    path = tmp_path / "fuzz.bmml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), "utf-8")

    imported = import_bmml(str(path))
    model = load_text(model_text(imported))

    assert not [p for p in model.problems if p.severity == "error"]
    assert all(target in model.by_id for entry in model.entries() for target in entry.links)
    assert len({e.id for e in imported.entries}) == len(imported.entries)


def test_a_case_the_importer_does_not_handle_ends_in_a_message_not_a_traceback(run, bmml_file, monkeypatch, tmp_path):
    import bizop_tui.interchange.bmml as bmml

    def unhandled(path):
        raise TypeError("an unforeseen shape")

    monkeypatch.setattr(bmml, "import_bmml", unhandled)
    path = bmml_file(MINIMAL)

    message = refused(run, path, tmp_path)

    assert message.startswith(f"bizop: {path}: could not be imported: bizop met a case it does not handle "
                              "(TypeError: an unforeseen shape); nothing was written")
    assert "Please report this" in message
