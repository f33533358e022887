"""Stories about the JSON Schema of format v1: what an editor validates a model file against.

The schema is generated from model/vocabulary.py; the file shipped in the package must be that same
text. Validation here uses the `jsonschema` library on the TOML data as Taplo converts it for its own
validator (dates become ISO strings, nan and inf become null); where the `taplo` CLI is installed,
Taplo itself checks the same files.
"""

from __future__ import annotations

import datetime as dt
import math
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import jsonschema
import pytest

import bizop_tui.model.schema
import bizop_tui.templates
from bizop_tui.model import load_text
from bizop_tui.model.schema import SCHEMA_FILE, json_schema, schema_text, shipped_schema_text
from bizop_tui.model.vocabulary import ALL_BLOCKS, BLOCKS_BY_SIDE, STATUSES, fields_of

SAMPLES = sorted(Path(bizop_tui.templates.__file__).parent.glob("*.toml"))
SHIPPED = Path(bizop_tui.model.schema.__file__).with_name(SCHEMA_FILE)


def as_json(value):
    """TOML data as a JSON validator sees it (Taplo's conversion): dates as ISO text, nan and inf as null."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def problems(text: str) -> list[str]:
    """What the schema says about a model file's text, one message per problem."""
    validator = jsonschema.Draft202012Validator(
        json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    data = as_json(tomllib.loads(textwrap.dedent(text)))
    return sorted(error.message for error in validator.iter_errors(data))


GOOD = """
    [model]
    name = "Acme"
    reviewed = 2026-01-31
    archetype = "subscription"

    [[business.customer_segments]]
    id = "seg"
    name = "Retailers"
    colour = "blue"          # a key bizop does not know: kept, and reported as info

    [[business.revenue_streams]]
    id = "rs"
    name = "Subscriptions"
    segments = ["seg"]
    amount = 1200
    status = "planned"

    [[operating.processes]]
    id = "p"
    name = "Billing"
    cost = 10.5
    supports = ["rs"]
"""


def test_the_schema_is_a_valid_draft_2020_12_schema():
    schema = json_schema()

    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_shipped_schema_file_is_the_generated_one():
    assert SHIPPED.read_text("utf-8") == schema_text() == shipped_schema_text()


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_every_bundled_sample_validates(sample):
    assert problems(sample.read_text("utf-8")) == []


def test_a_model_with_an_unknown_key_validates_as_bizop_loads_it():
    assert problems(GOOD) == []
    assert not [p for p in load_text(textwrap.dedent(GOOD)).problems if p.severity != "info"]


def test_every_block_and_every_field_has_a_description_for_hover_text():
    schema = json_schema()
    for side, blocks in BLOCKS_BY_SIDE.items():
        for block in blocks:
            node = schema["properties"][side]["properties"][block.key]
            assert block.title in node["description"]
            entry = node["items"]
            assert set(entry["properties"]) == {f.key for f in fields_of(block)}
            assert all(prop["description"] for prop in entry["properties"].values())
    assert all(p["description"] for p in schema["properties"]["model"]["properties"].values())


def test_link_descriptions_name_the_blocks_they_may_point_to():
    channels = json_schema()["properties"]["business"]["properties"]["channels"]["items"]["properties"]

    assert "value propositions" in channels["supports"]["description"]
    assert "customer segments" in channels["segments"]["description"]


def test_status_values_come_with_their_meaning():
    status = json_schema()["properties"]["operating"]["properties"]["processes"]["items"]["properties"]["status"]

    assert status["enum"] == list(STATUSES)
    assert status["x-taplo"]["docs"]["enumValues"] == list(STATUSES.values())


def test_tables_say_out_loud_that_unknown_keys_are_allowed():
    # Tombi treats a table without additionalProperties as closed; bizop keeps unknown keys.
    schema = json_schema()
    assert schema["additionalProperties"] is True
    assert schema["properties"]["model"]["additionalProperties"] is True
    for block in ALL_BLOCKS:
        assert schema["properties"][block.side]["properties"][block.key]["items"]["additionalProperties"] is True


@pytest.mark.parametrize("broken, expected", [
    ('[model]\nname = 42\n', "42 is not of type 'string'"),
    ('[model]\nname = "A"\nreviewed = "last week"\n', "'last week' is not a 'date'"),
    ('[model]\nname = "A"\nbusiness_review_days = 0\n', "0 is less than the minimum of 1"),
    ('[model]\nname = "A"\n[[business.partners]]\nid = "p"\nname = "P"\n', "'partners' was unexpected"),
    ('[model]\nname = "A"\n[[operating.dreams]]\nid = "d"\nname = "D"\n', "'dreams' was unexpected"),
    ('[model]\nname = "A"\n[[business.channels]]\nid = "c"\nname = "C"\nstatus = "maybe"\n', "'maybe' is not one of"),
    ('[model]\nname = "A"\n[[business.cost_structure]]\nid = "c"\nname = "C"\namount = nan\n',
     "None is not of type 'number'"),
    ('[model]\nname = "A"\n[[business.cost_structure]]\nid = "c"\nname = "C"\namount = -inf\n',
     "None is not of type 'number'"),
    ('[model]\nname = "A"\n[[operating.processes]]\nid = "p"\nname = "P"\ncost = "a lot"\n',
     "'a lot' is not of type 'number'"),
    ('[model]\nname = "A"\n[[operating.processes]]\nid = "p"\nname = "P"\nsupports = "vp"\n',
     "'vp' is not of type 'array'"),
    ('[model]\nname = "A"\n[[business.channels]]\nname = "No id"\n', "'id' is a required property"),
    ('[model]\nname = "A"\n[[business.channels]]\nid = "c"\nname = "  "\n', "'  ' does not match"),
    ('business = 3\n[model]\nname = "A"\n', "3 is not of type 'object'"),
    ('[model]\nname = "A"\n[business]\nchannels = 3\n', "3 is not of type 'array'"),
    ('[project]\nname = "A"\n', "'model' is a required property"),
], ids=["name-type", "date", "review-days", "unknown-block", "unknown-dimension", "status", "nan-amount",
        "inf-amount", "text-cost", "supports-not-a-list", "missing-id", "blank-name", "business-not-a-table",
        "block-not-an-array", "no-model-table"])
def test_broken_files_fail_the_schema(broken, expected):
    found = problems(broken)

    assert any(expected in message for message in found), found


def test_what_the_schema_refuses_bizop_reports_too():
    for broken in ('[model]\nname = "A"\n[[business.channels]]\nid = "c"\nname = "C"\nstatus = "maybe"\n',
                   '[model]\nname = "A"\n[[business.partners]]\nid = "p"\nname = "P"\n',
                   '[model]\nname = "A"\n[[business.cost_structure]]\nid = "c"\nname = "C"\namount = nan\n'):
        assert problems(broken)
        assert [p for p in load_text(broken).problems if p.severity in ("error", "warning")]


# -- Taplo, the engine of Even Better TOML -------------------------------------------------------

def _taplo() -> str | None:
    here = Path(sys.executable).with_name("taplo")  # installed in the same virtual environment
    return str(here) if here.exists() else shutil.which("taplo")


needs_taplo = pytest.mark.skipif(_taplo() is None, reason="the taplo CLI is not installed (pip install taplo)")


def taplo_check(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([_taplo(), "check", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "RUST_LOG": "error"})


@needs_taplo
def test_taplo_accepts_every_bundled_sample_with_the_schema(tmp_path):
    result = taplo_check("--schema", SHIPPED.as_uri(), *map(str, SAMPLES), cwd=tmp_path)

    assert result.returncode == 0, result.stderr


@needs_taplo
def test_taplo_reports_a_broken_model_at_its_lines(tmp_path):
    (tmp_path / "broken.toml").write_text(
        '[model]\nname = "A"\n\n[[business.channels]]\nid = "c"\nname = "C"\nstatus = "maybe"\n', "utf-8")

    result = taplo_check("--schema", SHIPPED.as_uri(), "broken.toml", cwd=tmp_path)

    assert result.returncode == 1
    assert '"maybe" is not one of' in result.stderr
    assert "broken.toml:7:" in result.stderr


@needs_taplo
def test_a_taplo_config_rule_checks_every_bizop_toml_file_in_a_folder(tmp_path):
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / SCHEMA_FILE).write_text(schema_text(), "utf-8")
    (tmp_path / ".taplo.toml").write_text(
        '[[rule]]\ninclude = ["**/*.bizop.toml"]\n[rule.schema]\npath = "./schemas/bizop-v1.schema.json"\n', "utf-8")
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "acme.bizop.toml").write_text('[model]\nname = "Acme"\nreviewed = "soon"\n', "utf-8")
    (tmp_path / "other.toml").write_text('reviewed = "soon"\n', "utf-8")

    result = taplo_check(cwd=tmp_path)

    assert result.returncode == 1
    assert "acme.bizop.toml" in result.stderr and '"soon" is not a "date"' in result.stderr
    assert "other.toml:" not in result.stderr
