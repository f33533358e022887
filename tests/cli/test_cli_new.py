"""Stories about `bizop new FILE`: a starter model from a bundled template, never overwriting anything."""

from __future__ import annotations

from pathlib import Path

import pytest

import bizop_tui.templates
from bizop_tui.alignment import analyse
from bizop_tui.model import load_model
from bizop_tui.model.schema import SCHEMA_DIRECTIVE
from bizop_tui.templates import DEFAULT_TEMPLATE, template_names, template_text

TEMPLATES = sorted(p.stem for p in Path(bizop_tui.templates.__file__).parent.glob("*.toml"))


def test_new_creates_a_model_from_the_default_template(run, tmp_path):
    target = tmp_path / "acme.toml"

    result = run("new", str(target))

    assert result.exit_code == 0
    assert f"created {target} from the '{DEFAULT_TEMPLATE}' template" in result.stdout
    assert target.read_text(encoding="utf-8") == f"{SCHEMA_DIRECTIVE}\n{template_text(DEFAULT_TEMPLATE)}"
    model = load_model(str(target))
    assert analyse(model).errors == []


def test_the_new_file_passes_check(run, tmp_path):
    target = tmp_path / "acme.toml"
    run("new", str(target))

    assert run("check", str(target)).exit_code == 0


@pytest.mark.parametrize("name", TEMPLATES)
def test_new_creates_a_model_from_each_named_template(run, tmp_path, name):
    target = tmp_path / f"from-{name}.toml"

    result = run("new", str(target), "--template", name)

    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == f"{SCHEMA_DIRECTIVE}\n{template_text(name)}"
    assert analyse(load_model(str(target))).errors == []


def test_new_lists_the_bundled_templates(run, tmp_path):
    result = run("new", "--list", str(tmp_path / "unused.toml"))

    assert result.exit_code == 0
    listed = result.stdout.split()
    assert listed == template_names()
    assert DEFAULT_TEMPLATE in listed
    assert not (tmp_path / "unused.toml").exists()


def test_new_refuses_to_overwrite_an_existing_file(run, tmp_path):
    target = tmp_path / "mine.toml"
    target.write_text("# my precious model\n", encoding="utf-8")

    result = run("new", str(target))

    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert target.read_text(encoding="utf-8") == "# my precious model\n"


def test_new_refuses_to_overwrite_even_with_another_template(run, tmp_path):
    target = tmp_path / "mine.toml"
    target.write_bytes(b"keep me")

    result = run("new", str(target), "-t", TEMPLATES[0])

    assert result.exit_code == 2
    assert target.read_bytes() == b"keep me"


def test_new_with_an_unknown_template_exits_2_and_creates_nothing(run, tmp_path):
    target = tmp_path / "acme.toml"

    result = run("new", str(target), "--template", "no-such-template")

    assert result.exit_code == 2
    assert "no template called 'no-such-template'" in result.stderr
    assert DEFAULT_TEMPLATE in result.stderr  # it says which templates there are
    assert not target.exists()


def test_new_in_a_folder_that_does_not_exist_exits_2(run, tmp_path):
    target = tmp_path / "no-such-folder" / "acme.toml"

    result = run("new", str(target))

    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert not target.exists()
