"""Stories about opening a model file: what loads, and how bizop says what it cannot read."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from bizop_tui.model import ERROR, BizopError, load_model, load_text

GOOD = textwrap.dedent(
    """\
    # Acme's model, as a person would write it.
    [model]
    name = "Acme Analytics"
    description = "Self-serve analytics for small retailers"
    archetype = ["subscription", "online-retail"]
    currency = "EUR"
    reviewed = 2026-01-15

    [[business.customer_segments]]
    id = "small-retailers"
    name = "Independent retailers"
    notes = "1-20 stores"

    [[business.customer_segments]]
    id = "chains"
    name = "Regional chains"

    [[business.value_propositions]]
    id = "vp-insights"
    name = "Weekly sales insights"
    segments = ["small-retailers", "chains"]
    tags = ["core"]

    [[business.revenue_streams]]
    id = "rs-subscription"
    name = "Monthly subscription"
    segments = ["small-retailers"]
    amount = 1200000

    [[operating.organisation]]
    id = "org-product"
    name = "Product team"

    [[operating.processes]]
    id = "p-release"
    name = "Continuous delivery"
    owner = "org-product"
    supports = ["vp-insights"]
    cost = 40000
    reviewed = 2025-12-01
    """
)


def header_lines(text: str) -> list[int]:
    """The 1-based line numbers of the [[...]] entry headers, in file order."""
    return [number for number, line in enumerate(text.splitlines(), 1) if line.startswith("[[")]


# ---- a good file -------------------------------------------------------------------------------


def test_a_good_file_loads_every_entry_into_its_block(load_file):
    model = load_file(GOOD)

    assert len(model) == 6
    assert [e.id for e in model.block_entries("customer_segments")] == ["small-retailers", "chains"]
    assert [e.id for e in model.block_entries("value_propositions")] == ["vp-insights"]
    assert [e.id for e in model.block_entries("revenue_streams")] == ["rs-subscription"]
    assert [e.id for e in model.block_entries("organisation")] == ["org-product"]
    assert [e.id for e in model.block_entries("processes")] == ["p-release"]
    assert model.block_entries("channels") == []
    assert model.problems == []


def test_a_good_file_keeps_the_model_settings(load_file):
    model = load_file(GOOD)

    assert model.name == "Acme Analytics"
    assert model.description == "Self-serve analytics for small retailers"
    assert model.archetypes == ("subscription", "online-retail")
    assert model.currency == "EUR"
    assert model.reviewed == dt.date(2026, 1, 15)
    assert model.path.endswith("model.toml")


def test_a_good_file_keeps_names_links_and_numbers_of_each_entry(load_file):
    model = load_file(GOOD)

    segment = model.by_id["small-retailers"]
    assert segment.name == "Independent retailers"
    assert segment.notes == "1-20 stores"
    proposition = model.by_id["vp-insights"]
    assert proposition.segments == ("small-retailers", "chains")
    assert proposition.tags == ("core",)
    assert model.by_id["rs-subscription"].amount == 1200000
    process = model.by_id["p-release"]
    assert process.owner == "org-product"
    assert process.supports == ("vp-insights",)
    assert process.cost == 40000
    assert process.reviewed == dt.date(2025, 12, 1)
    assert process.side == "operating"
    assert segment.side == "business"


def test_each_entry_knows_the_line_of_its_double_bracket_header(load_file):
    model = load_file(GOOD)

    assert [e.line for e in model.entries()] == header_lines(GOOD)


def test_entries_written_inline_get_the_line_of_their_id(load_file):
    model = load_file(
        """\
        [model]
        name = "Inline"

        [business]
        customer_segments = [
          { id = "a", name = "A" },
          { id = "b", name = "B" },
        ]
        """
    )

    assert [e.id for e in model.block_entries("customer_segments")] == ["a", "b"]
    assert model.by_id["a"].line == 6
    assert model.by_id["b"].line == 7


def test_load_text_loads_the_same_model_without_a_file():
    model = load_text(GOOD)

    assert model.name == "Acme Analytics"
    assert len(model) == 6
    assert model.path is None


# ---- file encodings and line endings -------------------------------------------------------------


def test_a_file_with_a_utf8_byte_order_mark_loads(load_file):
    model = load_file(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))

    assert model.name == "Acme Analytics"
    assert len(model) == 6
    assert [e.line for e in model.entries()] == header_lines(GOOD)


def test_a_file_with_windows_line_endings_loads_with_the_same_lines(load_file):
    model = load_file(GOOD.replace("\n", "\r\n").encode("utf-8"))

    assert model.name == "Acme Analytics"
    assert model.by_id["small-retailers"].notes == "1-20 stores"
    assert [e.line for e in model.entries()] == header_lines(GOOD)
    assert model.problems == []


def test_non_ascii_names_load_unchanged(load_file):
    model = load_file('[model]\nname = "Café Zürich 東京"\n')

    assert model.name == "Café Zürich 東京"


# ---- files bizop cannot read ---------------------------------------------------------------------


def test_invalid_toml_names_file_line_and_column(write_file):
    path = write_file('[model]\nname = "Acme"\nfoo = = 3\n')

    with pytest.raises(BizopError) as caught:
        load_model(path)

    error = caught.value
    assert (error.path, error.line, error.column) == (path, 3, 7)
    shown = error.render()
    assert shown.startswith(f"{path}, line 3, column 7: invalid TOML")
    assert "foo = = 3" in shown  # the offending line itself
    assert "      ^" in shown.splitlines()[2]  # a caret under column 7
    assert shown.splitlines()[2].index("^") == shown.splitlines()[1].index("foo") + 6


def test_an_unterminated_string_is_reported_on_its_line(write_file):
    path = write_file('[model]\nname = "Acme\n')

    with pytest.raises(BizopError) as caught:
        load_model(path)

    assert caught.value.line == 2
    assert "invalid TOML" in caught.value.render()
    assert 'name = "Acme' in caught.value.render()


def test_invalid_toml_in_a_windows_file_shows_the_line_without_a_carriage_return(write_file):
    path = write_file(b'[model]\r\nname = "x"\r\nfoo = = 1\r\n')

    with pytest.raises(BizopError) as caught:
        load_model(path)

    assert caught.value.line == 3
    assert "\r" not in caught.value.render()


def test_a_missing_file_says_there_is_no_such_file(tmp_path):
    path = str(tmp_path / "nowhere.toml")

    with pytest.raises(BizopError) as caught:
        load_model(path)

    assert caught.value.render().startswith(f"{path}: no such file")
    assert "bizop new" in caught.value.render()


def test_a_folder_is_not_a_model_file(tmp_path):
    with pytest.raises(BizopError) as caught:
        load_model(str(tmp_path))

    assert str(tmp_path) in caught.value.render()
    assert "folder" in caught.value.render()


def test_a_file_that_is_not_utf8_names_the_line_and_the_byte(write_file):
    path = write_file(b'[model]\nname = "caf\xe9"\n')

    with pytest.raises(BizopError) as caught:
        load_model(path)

    error = caught.value
    assert error.line == 2
    assert error.column == 12
    shown = error.render()
    assert path in shown
    assert "not valid UTF-8" in shown
    assert "0xe9" in shown
    assert "UTF-8" in error.hint


def test_the_caret_points_at_the_undecodable_byte_after_accented_letters(write_file):
    path = write_file(b'[model]\nname = "\xc3\xa9\xff"\n')  # "é" then a stray 0xff byte

    with pytest.raises(BizopError) as caught:
        load_model(path)

    shown = caught.value.render().splitlines()
    source, caret = shown[1], shown[2]
    assert source[caret.index("^")] == "\ufffd"  # the replacement character stands for the bad byte


def test_very_deep_nesting_is_refused_with_a_message_not_a_crash(write_file):
    path = write_file("a = " + "[" * 5000 + "]" * 5000 + "\n")

    with pytest.raises(BizopError) as caught:  # and not RecursionError
        load_model(path)

    assert path in caught.value.render()
    assert "nested too deeply" in caught.value.render()


def test_an_integer_too_long_to_convert_is_refused_with_a_message(write_file):
    path = write_file("[model]\nname = \"x\"\nbig = 1" + "0" * 5000 + "\n")

    with pytest.raises(BizopError) as caught:
        load_model(path)

    assert "cannot be read" in caught.value.render()


def test_an_empty_file_loads_as_an_empty_model_that_says_what_is_missing(load_file):
    model = load_file("")

    assert len(model) == 0
    assert "schema.missing-model" in {p.rule for p in model.problems}
    assert all(p.severity == ERROR for p in model.problems)


def test_entry_lines_are_found_for_headers_written_with_spaces_quotes_and_comments(load_file):
    model = load_file(
        """\
        [model]
        name = "Acme"

        [[ business.customer_segments ]]  # spaced out
        id = "a"
        name = "A"

        [["business"."customer_segments"]]
        id = "b"
        name = "B"

          [[business . customer_segments]]
          id = "c"
          name = "C"
        """
    )

    assert [(e.id, e.line) for e in model.entries()] == [("a", 4), ("b", 8), ("c", 12)]


def test_the_caret_points_at_the_error_on_a_tab_indented_line(write_file):
    path = write_file(b'[model]\nname = "x"\n\tfoo = = 1\n')

    with pytest.raises(BizopError) as caught:
        load_model(path)

    shown = caught.value.render().expandtabs(8).splitlines()  # as a terminal shows it
    source, caret = shown[1], shown[2]
    assert source[caret.index("^")] == "="
    assert source[caret.index("^") - 2] == "="  # the second '=' of 'foo = = 1'


def test_a_non_utf8_byte_in_a_windows_file_shows_the_line_without_a_carriage_return(write_file):
    path = write_file(b'[model]\r\nname = "caf\xe9"\r\n')

    with pytest.raises(BizopError) as caught:
        load_model(path)

    assert caught.value.line == 2
    assert "\r" not in caught.value.render()
    assert "\u240d" not in caught.value.render()  # the stand-in for a carriage return


def test_a_file_over_32_mb_is_refused_with_its_size(tmp_path):
    path = tmp_path / "huge.toml"
    with open(path, "wb") as handle:
        handle.truncate(33 * 1024 * 1024)  # sparse: no need to write 33 MB

    with pytest.raises(BizopError) as caught:
        load_model(str(path))

    assert "33.0 MB" in caught.value.render()
    assert "32 MB" in caught.value.render()


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"])
def test_a_string_holding_a_unicode_line_separator_does_not_shift_the_lines_after_it(separator):
    # Found by the faithful-edits property test: lines were counted with str.splitlines.
    text = f'[[business.customer_segments]]\nid = "seg-a"\nname = "a{separator}b"\n\n[[business.channels]]\nid = "ch-1"\nname = "c"\n'
    model = load_text(text)
    assert model.by_id["ch-1"].line == 5


@pytest.mark.parametrize("sample", ["amazon", "consulting-firm"])
def test_the_parse_a_background_save_checks_with_reads_as_the_fast_one(sample):
    """A save off the UI thread parses with the interpreted tomllib (it lets keys through while it
    runs): it must read every file as the compiled parser does, and word its errors alike."""
    from bizop_tui.model.source import parse_toml
    from bizop_tui.templates import template_text

    text = template_text(sample)
    assert parse_toml(text, yielding=True) == parse_toml(text)
    broken = text.replace('name = "', 'name = ', 1)
    errors = []
    for yielding in (False, True):
        with pytest.raises(BizopError) as raised:
            parse_toml(broken, "m.toml", yielding=yielding)
        errors.append((raised.value.message, raised.value.line, raised.value.column))
    assert errors[0] == errors[1]
