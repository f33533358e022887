"""The README's key table and docs/keys.md follow the bindings, which are the one place keys are defined."""

from __future__ import annotations

import re
from pathlib import Path

from bizop_tui.model.document import Document
from bizop_tui.session import Session
from bizop_tui.templates import template_text
from bizop_tui.tui.app import BizopApp, keyed_classes
from bizop_tui.tui.config import Config, load_config
from bizop_tui.tui.keys import binding_ids

ROOT = Path(__file__).resolve().parents[2]


def app() -> BizopApp:
    return BizopApp(Session(Document.from_text(template_text("starter"))), config=Config("none"))


def test_every_key_id_is_documented_in_docs_keys_and_no_other():
    documented = set(re.findall(r"^\| `(\w+)` \|", (ROOT / "docs" / "keys.md").read_text("utf-8"), re.M))
    assert documented == binding_ids(BizopApp, *keyed_classes())


def test_the_readme_key_table_says_what_each_main_key_does():
    readme = (ROOT / "README.md").read_text("utf-8")
    table = readme.split("## The app", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    for _title, keys in app().key_sections():
        for key in keys:
            assert any(key.words in row and key.keys.split()[0] in row for row in rows), key


def test_the_example_in_docs_keys_is_a_config_bizop_takes_without_a_word(tmp_path):
    text = (ROOT / "docs" / "keys.md").read_text("utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "config.toml").write_text(example, "utf-8")
    config = load_config(str(tmp_path / "config.toml"))
    assert config.problems == []
    assert set(config.keymap) <= binding_ids(BizopApp, *keyed_classes())
    assert config.theme == "nord"
