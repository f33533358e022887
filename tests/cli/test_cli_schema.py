"""Stories about editors: `bizop schema` prints the JSON Schema, and `bizop new` wires a new model to it.

A new model starts with Taplo's `#:schema ./bizop-v1.schema.json` header line and gets the schema file
beside it, so completion and validation work offline and for everyone who clones the repository.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bizop_tui.model import load_model
from bizop_tui.model.schema import SCHEMA_DIRECTIVE, SCHEMA_FILE, schema_text


def test_bizop_schema_prints_the_json_schema_of_the_format(run):
    result = run("schema")

    assert result.exit_code == 0
    assert result.stdout == schema_text()
    assert json.loads(result.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_new_starts_the_model_with_a_schema_line_and_writes_the_schema_beside_it(run, tmp_path):
    result = run("new", str(tmp_path / "acme.toml"))

    assert result.exit_code == 0
    first_line = (tmp_path / "acme.toml").read_text("utf-8").splitlines()[0]
    assert first_line == SCHEMA_DIRECTIVE == "#:schema ./" + SCHEMA_FILE
    assert (tmp_path / SCHEMA_FILE).read_text("utf-8") == schema_text()
    assert f"wrote {tmp_path / SCHEMA_FILE}" in result.stdout
    assert not [p for p in load_model(str(tmp_path / "acme.toml")).problems if p.severity == "error"]


def test_a_second_model_in_the_folder_shares_the_schema_file(run, tmp_path):
    run("new", str(tmp_path / "a.toml"))

    result = run("new", str(tmp_path / "b.toml"), "-t", "amazon")

    assert result.exit_code == 0
    assert "already there" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml", "b.toml", SCHEMA_FILE]


def test_new_never_overwrites_a_schema_file_that_differs(run, tmp_path):
    (tmp_path / SCHEMA_FILE).write_text('{"mine": true}', "utf-8")

    result = run("new", str(tmp_path / "acme.toml"))

    assert result.exit_code == 0
    assert (tmp_path / SCHEMA_FILE).read_text("utf-8") == '{"mine": true}'
    assert f"bizop schema > {tmp_path / SCHEMA_FILE}" in result.stdout


def test_new_with_no_schema_writes_the_template_alone(run, tmp_path):
    from bizop_tui.templates import DEFAULT_TEMPLATE, template_text

    result = run("new", str(tmp_path / "acme.toml"), "--no-schema")

    assert result.exit_code == 0
    assert (tmp_path / "acme.toml").read_text("utf-8") == template_text(DEFAULT_TEMPLATE)
    assert not (tmp_path / SCHEMA_FILE).exists()


def test_new_that_refuses_to_overwrite_writes_no_schema_either(run, tmp_path):
    (tmp_path / "acme.toml").write_text("mine", "utf-8")

    assert run("new", str(tmp_path / "acme.toml")).exit_code == 2
    assert not (tmp_path / SCHEMA_FILE).exists()


def _taplo() -> str | None:
    here = Path(sys.executable).with_name("taplo")  # installed in the same virtual environment
    return str(here) if here.exists() else shutil.which("taplo")


@pytest.mark.skipif(_taplo() is None, reason="the taplo CLI is not installed (pip install taplo)")
def test_taplo_follows_the_schema_line_of_a_new_model(run, tmp_path):
    run("new", str(tmp_path / "acme.toml"))
    model = tmp_path / "acme.toml"

    def taplo_check():
        return subprocess.run([_taplo(), "check", "acme.toml"], cwd=tmp_path, capture_output=True, text=True,
                              timeout=120, env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"})

    good = taplo_check()
    model.write_text(model.read_text("utf-8").replace('name = "My organisation"', "name = 7"), "utf-8")
    bad = taplo_check()

    assert good.returncode == 0, good.stderr
    assert bad.returncode == 1 and '7 is not of type "string"' in bad.stderr
