"""Stories about hostile user text: whatever a person (or a file from someone else) puts in a name, a
note or a key, bizop shows it literally and never lets it drive the terminal.

Markup-looking text keeps its brackets; control and format characters become visible stand-ins
(␛ for ESC, ␇ for BEL, <U+202E> for a right-to-left override); nothing from user text reaches the
output as a raw ESC or BEL.
"""

from __future__ import annotations

import io
import json
import unicodedata

import pytest
import tomlkit
from click.testing import CliRunner
from rich.cells import cell_len
from rich.console import Console

from bizop_tui.model import BizopError, load_text
from bizop_tui.model.document import Document
from bizop_tui.model.text import one_line, visible_text
from bizop_tui.report.markdown import cell
from bizop_tui.tui.text import block_text, finding_prompt, plain
from reliability_helpers import render_all

MARKUP = {
    "bold": "[bold]x[/bold]",
    "closing-tag": "[/foo]",
    "todo": "[TODO] plan",
    "click-action": "[@click=app.quit]x[/]",
    "link": "[link=http://x]y[/link]",
    "escaped-bracket": "\\[not markup]",
}
CONTROL = {
    "ansi-red": "\x1b[31mred\x1b[0m",
    "bell": "ring\x07ring",
    "right-to-left-override": "abc\u202edef",
    "zero-width-space": "zero\u200bwidth",
    "osc-hyperlink": "\x1b]8;;http://evil.example\x07click\x1b]8;;\x07",
    "nul": "nul\x00byte",
    "delete": "del\x7fete",
    "c1-csi": "c1\x9b31mcsi",
    "backspace-overwrite": "safe\x08\x08\x08\x08evil",
    "carriage-return-overwrite": "shown\rhidden",
}
OTHER = {
    "tab-and-newlines": "first\tcolumn\nsecond line\n\nfourth",
    "wide": "漢字テスト 한국어",
    "emoji": "🙂 👍🏽 🚀",
    "quotes": "O'Brien \"the\" '''triple''' \"\"\"",
    "backslashes": "C:\\path\\to\\x",
}
HOSTILE = {**MARKUP, **CONTROL, **OTHER}
LONG_NAME = "long " * 1000  # 5,000 characters

RAW_DANGER = ("\x1b", "\x07", "\x9b", "\x08", "\x00")


def _is_raw_control(char: str) -> bool:
    """A control or format character other than newline and tab (which the renderers lay out)."""
    return char not in "\n\t" and unicodedata.category(char) in ("Cc", "Cf")


def _model_text(value: str) -> str:
    """A model whose name, an entry's name, notes and tags, an unknown key and a broken link all carry `value`."""
    doc = tomlkit.document()
    doc["model"] = {"name": value, "description": value}
    doc["business"] = {
        "value_propositions": tomlkit.aot(),
        "channels": tomlkit.aot(),
    }
    doc["business"]["value_propositions"].append(
        {"id": "vp-1", "name": value, "notes": value, "tags": [value], value: 1}
    )
    doc["business"]["channels"].append({"id": "ch-1", "name": "Web", "supports": [value]})
    doc["operating"] = {"processes": tomlkit.aot()}
    doc["operating"]["processes"].append({"id": "p-1", "name": value, "supports": ["vp-1", value]})
    return tomlkit.dumps(doc)


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(params=list(HOSTILE), ids=list(HOSTILE))
def hostile(request):
    return HOSTILE[request.param]


def test_hostile_text_is_read_back_exactly(hostile):
    model = load_text(_model_text(hostile))
    vp = model.by_id["vp-1"]
    assert model.name == hostile and vp.name == hostile and vp.notes == hostile and vp.tags == (hostile,)


def test_the_terminal_review_shows_user_text_literally(hostile):
    model = load_text(_model_text(hostile))
    out = render_all(model)
    for name in ("terminal", "terminal-raw"):
        text = out[name]
        for danger in RAW_DANGER:
            assert danger not in text, f"{danger!r} reached the {name} output"
        assert not [c for c in text if _is_raw_control(c)], f"a raw control/format character in the {name} output"
    shown = _squash(out["terminal"])
    assert _squash(one_line(hostile)) in shown  # the title: brackets kept, stand-ins for controls
    if hostile in MARKUP.values():
        assert hostile in out["terminal"]


def test_the_markdown_export_shows_user_text_literally(hostile):
    text = render_all(load_text(_model_text(hostile)))["markdown"]
    for danger in RAW_DANGER:
        assert danger not in text
    assert not [c for c in text if _is_raw_control(c)]
    assert cell(hostile) in text
    if hostile in MARKUP.values():
        assert "\\[" in cell(hostile) and "[" not in cell(hostile).replace("\\[", "")


def test_the_json_export_keeps_user_text_exactly_and_never_emits_raw_esc_or_bel(hostile):
    text = render_all(load_text(_model_text(hostile)))["json"]
    assert "\x1b" not in text and "\x07" not in text and "\x00" not in text and "\x08" not in text
    data = json.loads(text)
    assert data["model"]["name"] == hostile
    messages = " ".join(f["message"] for f in data["findings"])
    assert hostile in messages  # a program gets the exact string back


@pytest.mark.parametrize("name", ["right-to-left-override", "c1-csi", "delete", "zero-width-space"])
def test_the_json_export_escapes_every_control_and_format_character(name):
    text = render_all(load_text(_model_text(CONTROL[name])))["json"]
    assert not [c for c in text if _is_raw_control(c)]
    assert json.loads(text)["model"]["name"] == CONTROL[name]


def test_the_tui_text_helpers_show_user_text_literally(hostile):
    console = Console(file=io.StringIO(), width=80, force_terminal=True, color_system=None, record=True)
    for text in (plain(hostile), plain(hostile, limit=10), block_text(hostile)):
        console.print(text)
        assert not [c for c in text.plain if _is_raw_control(c)]
    shown = console.export_text()
    for danger in RAW_DANGER:
        assert danger not in shown
    assert "\n" not in plain(hostile).plain
    assert plain(hostile).plain == one_line(hostile)
    if hostile in MARKUP.values():
        assert hostile in shown and plain(hostile).plain == hostile
        assert not plain(hostile).spans  # no style came from the brackets


def test_control_characters_get_visible_stand_ins():
    assert visible_text("\x1b[31m") == "␛[31m"
    assert visible_text("\x07") == "␇"
    assert visible_text("\x00") == "␀"
    assert visible_text("\x7f") == "␡"
    assert visible_text("a\u202eb") == "a<U+202E>b"
    assert visible_text("a\u200bb") == "a<U+200B>b"
    assert visible_text("\x9b") == "<U+009B>"
    assert visible_text("a\tb\nc") == "a\tb\nc"
    assert "\t" not in one_line("a\tb") and "\n" not in one_line("a\nb")
    assert plain("\x1b[31mred").plain == "␛[31mred"


def test_a_newline_in_a_one_line_place_is_shown_as_a_space():
    assert one_line("a\tb\nc") == "a b c"


@pytest.mark.parametrize("text", ["👨\u200d👩\u200d👧", "می\u200cخواهم"], ids=["emoji-family", "persian-zwnj"])
def test_joiners_are_shown_as_stand_ins_as_every_format_character_is(text):
    """The issue's rule: Cf characters are made visible, so an id with a hidden joiner cannot pass for
    another. The price: an emoji family or a Persian word shows its joiners as <U+200D> / <U+200C>."""
    shown = plain(text).plain
    assert "\u200d" not in shown and "\u200c" not in shown
    assert "<U+200D>" in shown or "<U+200C>" in shown


def test_a_5000_character_name_renders_within_80_columns():
    model = load_text(_model_text(LONG_NAME))
    out = render_all(model)
    for line in out["terminal"].splitlines():
        assert cell_len(line) <= 80
    assert _squash(LONG_NAME) in _squash(out["terminal"])
    assert len(plain(LONG_NAME, limit=40).plain) == 40 and plain(LONG_NAME, limit=40).plain.endswith("…")
    assert json.loads(out["json"])["model"]["name"] == LONG_NAME


def test_wide_characters_and_emoji_keep_the_review_within_80_columns():
    model = load_text(_model_text("漢字🙂" * 60))
    for line in render_all(model)["terminal"].splitlines():
        assert cell_len(line) <= 80


@pytest.mark.parametrize("name", list(HOSTILE) + ["long"])
def test_hostile_names_survive_an_edit_a_save_and_a_reload(tmp_path, name):
    value = LONG_NAME if name == "long" else HOSTILE[name]
    doc = Document.from_text('[model]\nname = "M"\n\n[[business.channels]]\nid = "ch-1"\nname = "Web"\n')
    new_id = doc.add_entry("business.channels", {"name": value, "notes": value, "tags": [value]})
    doc.update_entry("ch-1", {"name": value, "notes": value})
    path = tmp_path / "model.toml"
    doc.save(str(path))
    again = Document.open(str(path))
    for entry_id in (new_id, "ch-1"):
        assert again.model.by_id[entry_id].name == value
        assert again.model.by_id[entry_id].notes == value
    assert again.model.by_id[new_id].tags == (value,)


def test_an_error_shows_the_offending_line_with_stand_ins():
    with pytest.raises(BizopError) as caught:
        load_text('[model]\nname = "x"\nbad = \x1b[31m oops\x07\n')
    rendered = caught.value.render()
    assert "\x1b" not in rendered and "\x07" not in rendered
    assert "␛" in rendered and caught.value.line == 3


def test_an_error_about_a_file_whose_name_holds_control_characters_shows_stand_ins(tmp_path):
    path = tmp_path / "evil\x1b[2J\x07.toml"
    path.write_bytes(b"not = [valid")
    with pytest.raises(BizopError) as caught:
        Document.open(str(path))
    rendered = caught.value.render()
    assert "\x1b" not in rendered and "\x07" not in rendered


def test_the_command_line_review_and_check_show_user_text_literally(tmp_path):
    value = CONTROL["ansi-red"] + " " + MARKUP["click-action"] + " " + CONTROL["right-to-left-override"]
    path = tmp_path / "model.toml"
    path.write_text(_model_text(value), encoding="utf-8")
    from bizop_tui.cli import main

    runner = CliRunner()
    env = {"FORCE_COLOR": None, "TTY_COMPATIBLE": None, "TTY_INTERACTIVE": None, "COLUMNS": None, "NO_COLOR": "1"}
    for args in (["review", str(path)], ["check", str(path)], ["export", "--format", "markdown", str(path)],
                 ["export", "--format", "json", str(path)]):
        result = runner.invoke(main, args, env=env, catch_exceptions=False, prog_name="bizop")
        assert result.exit_code in (0, 1), result.output
        for danger in RAW_DANGER:
            assert danger not in result.output, f"{danger!r} in the output of {args[0]}"
        if args[0] in ("review", "check"):
            assert "[@click=app.quit]x[/]" in result.output


def test_a_finding_prompt_in_the_app_shows_user_text_literally():
    model = load_text(_model_text(CONTROL["osc-hyperlink"] + MARKUP["link"]))
    from bizop_tui.alignment import analyse

    for finding in analyse(model).findings:
        text = finding_prompt(finding)
        assert not [c for c in text.plain if _is_raw_control(c)]
        assert "\n" not in text.plain
