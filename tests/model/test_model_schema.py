"""Stories about files that are valid TOML but not a valid bizop model: each problem is a finding with a line."""

from __future__ import annotations

import pytest

from bizop_tui.model import ERROR, INFO, WARNING


def problems(model, rule: str):
    return [p for p in model.problems if p.rule == rule]


def only(model, rule: str):
    found = problems(model, rule)
    assert len(found) == 1, f"expected one {rule}, got {model.problems}"
    return found[0]


# ---- ids and names -------------------------------------------------------------------------------


def test_an_entry_without_an_id_is_an_error_at_its_header_and_is_left_out(load_file):
    model = load_file(
        """\
        [model]
        name = "Acme"

        [[business.customer_segments]]
        name = "No id here"

        [[business.customer_segments]]
        id = "ok"
        name = "Fine"
        """
    )

    finding = only(model, "schema.missing-id")
    assert finding.severity == ERROR
    assert finding.line == 4
    assert "has no id" in finding.message
    assert "id =" in finding.hint
    assert [e.id for e in model.block_entries("customer_segments")] == ["ok"]


def test_an_id_that_is_not_a_string_is_reported(load_file):
    model = load_file('[model]\nname = "Acme"\n\n[[business.channels]]\nid = 7\nname = "Seven"\n')

    finding = only(model, "schema.missing-id")
    assert finding.line == 4
    assert "not a non-empty string" in finding.message


def test_an_entry_without_a_name_is_an_error_but_still_loads_under_its_id(load_file):
    model = load_file(
        """\
        [model]
        name = "Acme"

        [[business.channels]]
        id = "ch-web"
        """
    )

    finding = only(model, "schema.missing-name")
    assert finding.severity == ERROR
    assert finding.line == 4
    assert finding.entries == ("ch-web",)
    assert model.by_id["ch-web"].name == "ch-web"


def test_a_duplicate_id_is_an_error_that_points_at_both_lines(load_file):
    model = load_file(
        """\
        [model]
        name = "Acme"

        [[business.customer_segments]]
        id = "shared"
        name = "First"

        [[operating.processes]]
        id = "shared"
        name = "Second"
        """
    )

    finding = only(model, "links.duplicate-id")
    assert finding.severity == ERROR
    assert finding.line == 8
    assert "first at line 4" in finding.message
    assert model.by_id["shared"].name == "First"  # links go to the first one
    assert len(model) == 2  # the second one is kept, not dropped


# ---- the [model] table -----------------------------------------------------------------------------


def test_a_file_without_a_model_table_is_an_error(load_file):
    model = load_file('[[business.customer_segments]]\nid = "a"\nname = "A"\n')

    finding = only(model, "schema.missing-model")
    assert finding.severity == ERROR
    assert "[model]" in finding.hint
    assert model.name == "model"  # falls back to the file's name
    assert len(model) == 1


def test_a_model_table_without_a_name_is_an_error(load_file):
    model = load_file('[model]\ndescription = "No name"\n')

    finding = only(model, "schema.missing-name")
    assert finding.severity == ERROR
    assert "name" in finding.hint


def test_a_model_table_without_a_name_is_reported_at_the_model_line(load_file):
    model = load_file('# Acme\n\n[model]\ndescription = "No name"\n')

    assert only(model, "schema.missing-name").line == 3


def test_a_model_that_is_not_a_table_is_an_error_on_its_line(load_file):
    model = load_file('# comment\nmodel = "Acme"\n')

    finding = only(model, "schema.wrong-type")
    assert finding.line == 2
    assert "'model' must be a table" in finding.message


def test_an_unknown_key_in_the_model_table_is_kept_and_suggests_the_right_one(load_file):
    model = load_file('[model]\nname = "Acme"\ncurrancy = "EUR"\n')

    finding = only(model, "schema.unknown-key")
    assert finding.severity == INFO
    assert finding.line == 3
    assert "Did you mean 'currency'?" in finding.hint
    assert model.settings["currancy"] == "EUR"


def test_a_misspelt_model_table_is_reported_on_its_line_with_a_suggestion(load_file):
    model = load_file('# Acme\n[modle]\nname = "Acme"\n')

    finding = only(model, "schema.unknown-key")
    assert "Did you mean 'model'?" in finding.hint
    assert finding.line == 2


@pytest.mark.parametrize(
    "setting",
    [
        'description = 3',
        'currency = ["EUR"]',
        'reviewed = "yesterday"',
        'archetype = 3',
    ],
)
def test_a_model_setting_of_the_wrong_type_is_an_error(load_file, setting):
    model = load_file(f'[model]\nname = "Acme"\n{setting}\n')

    finding = only(model, "schema.wrong-type")
    assert finding.severity == ERROR
    assert setting.split(" =")[0] in finding.message


@pytest.mark.parametrize(
    "setting",
    [
        'description = 3',
        'currency = ["EUR"]',
        'reviewed = "yesterday"',
        'archetype = 3',
    ],
)
def test_a_model_setting_of_the_wrong_type_is_reported_on_its_line(load_file, setting):
    model = load_file(f'[model]\nname = "Acme"\n{setting}\n')

    assert only(model, "schema.wrong-type").line == 3


@pytest.mark.parametrize(
    "setting",
    ['disabled_rules = "stale"', 'business_review_days = "thirty"', 'operating_review_days = [90]'],
)
def test_a_documented_setting_of_the_wrong_type_is_reported_not_silently_ignored(load_file, setting):
    model = load_file(f'[model]\nname = "Acme"\n{setting}\n')

    finding = only(model, "schema.wrong-type")
    assert finding.severity == ERROR
    assert finding.line == 3
    assert setting.split(" =")[0] in finding.message


# ---- wrong types on entries --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "setting", "key"),
    [
        ("business.value_propositions", 'tags = "x"', "tags"),
        ("business.key_activities", "supports = 3", "supports"),
        ("business.revenue_streams", 'amount = "lots"', "amount"),
        ("business.cost_structure", "amount = true", "amount"),
        ("operating.processes", 'reviewed = "yesterday"', "reviewed"),
        ("operating.processes", 'cost = "lots"', "cost"),
        ("operating.processes", "owner = 5", "owner"),
        ("business.channels", 'segments = "everyone"', "segments"),
        ("business.channels", "notes = 5", "notes"),
        ("operating.people", "supports = [1, 2]", "supports"),
    ],
)
def test_an_entry_field_of_the_wrong_type_is_an_error_at_the_entry(load_file, block, setting, key):
    model = load_file(
        f"""\
        [model]
        name = "Acme"

        [[{block}]]
        id = "e1"
        name = "Entry one"
        {setting}
        """
    )

    finding = only(model, "schema.wrong-type")
    assert finding.severity == ERROR
    assert finding.line == 4
    assert finding.entries == ("e1",)
    assert key in finding.message
    assert model.by_id["e1"].name == "Entry one"  # the entry itself still loads


def test_fields_of_the_wrong_type_load_as_empty_values(load_file):
    model = load_file(
        """\
        [model]
        name = "Acme"

        [[operating.processes]]
        id = "p"
        name = "P"
        tags = "x"
        supports = 3
        cost = "lots"
        reviewed = "yesterday"
        """
    )

    process = model.by_id["p"]
    assert (process.tags, process.supports, process.cost, process.reviewed) == ((), (), None, None)
    assert len(problems(model, "schema.wrong-type")) == 4


def test_a_block_that_is_not_an_array_of_tables_is_an_error(load_file):
    model = load_file('[model]\nname = "Acme"\n\n[business]\nchannels = "web"\n')

    finding = only(model, "schema.wrong-type")
    assert finding.line == 5
    assert "business.channels" in finding.message


def test_a_side_that_is_not_a_table_is_an_error(load_file):
    model = load_file('business = 3\n[model]\nname = "Acme"\n')

    finding = only(model, "schema.wrong-type")
    assert finding.line == 1
    assert "'business'" in finding.message


# ---- unknown blocks and keys ----------------------------------------------------------------------


def test_a_misspelt_block_is_a_warning_that_suggests_the_right_block(load_file):
    model = load_file(
        """\
        [model]
        name = "Acme"

        [[business.custmer_segments]]
        id = "a"
        name = "A"
        """
    )

    finding = only(model, "schema.unknown-block")
    assert finding.severity == WARNING
    assert finding.line == 4
    assert "business.custmer_segments" in finding.message
    assert "Did you mean 'customer_segments'?" in finding.hint
    assert len(model) == 0  # not analysed


def test_an_unknown_block_without_a_close_match_lists_the_known_ones(load_file):
    model = load_file('[model]\nname = "Acme"\n\n[[operating.zzz]]\nid = "a"\nname = "A"\n')

    finding = only(model, "schema.unknown-block")
    assert "organisation" in finding.hint and "suppliers" in finding.hint


def test_an_unknown_key_on_an_entry_is_kept_as_info(load_file):
    model = load_file(
        """\
        [model]
        name = "Acme"

        [[operating.processes]]
        id = "p"
        name = "Release"
        suports = ["x"]
        jira = "REL-1"
        """
    )

    found = problems(model, "schema.unknown-key")
    assert {f.severity for f in found} == {INFO}
    assert {f.line for f in found} == {4}
    assert any("Did you mean 'supports'?" in f.hint for f in found)
    assert model.by_id["p"].extra == {"suports": ["x"], "jira": "REL-1"}


def test_a_key_that_belongs_to_another_block_is_an_unknown_key(load_file):
    model = load_file('[model]\nname = "Acme"\n\n[[business.key_activities]]\nid = "k"\nname = "K"\nowner = "x"\n')

    finding = only(model, "schema.unknown-key")
    assert "'owner'" in finding.message
    assert model.by_id["k"].owner is None


def test_an_unknown_top_level_key_is_kept_as_info_on_its_line(load_file):
    model = load_file('# Acme\nversion = 2\n\n[model]\nname = "Acme"\n')

    finding = only(model, "schema.unknown-key")
    assert finding.severity == INFO
    assert finding.line == 2
    assert "'version'" in finding.message


def test_a_clean_file_has_no_problems(load_file):
    model = load_file(
        """\
        [model]
        name = "Acme"
        disabled_rules = ["cost.summary"]
        business_review_days = 300
        operating_review_days = 90

        [archetypes.bakery]
        title = "Bakery"

        [[business.customer_segments]]
        id = "a"
        name = "A"
        reviewed = 2026-01-01T09:30:00
        """
    )

    assert model.problems == []
    assert model.by_id["a"].reviewed.isoformat() == "2026-01-01"
