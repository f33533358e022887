"""The model's own settings, the help and the command palette."""

from __future__ import annotations

from textual.widgets import Input

from tui_helpers import BAKERY, NARROW, WIDE, clear_input, main_screen, notifications, open_app, screen_text, type_text


async def test_the_models_name_and_currency_are_edited_in_the_settings_form_and_undone(write_model, tmp_path):
    document = write_model(BAKERY)
    async with open_app(document).run_test(size=NARROW) as pilot:
        await pilot.press("m")
        await pilot.pause()
        form = pilot.app.screen
        assert form.query_one("#name", Input).value == "Crumb & Co bakery"
        await clear_input(pilot)
        await type_text(pilot, "Crumb & Co")
        form.query_one("#currency", Input).focus()
        await clear_input(pilot)
        await type_text(pilot, "GBP")
        await pilot.press("enter")
        await pilot.pause()
        assert document.model.name == "Crumb & Co"
        assert document.model.currency == "GBP"
        assert "Crumb & Co" in screen_text(pilot.app).splitlines()[0]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert document.model.name == "Crumb & Co bakery"
        assert not document.dirty


async def test_settings_are_in_the_command_palette(write_model):
    document = write_model(BAKERY)
    async with open_app(document).run_test(size=NARROW) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "settings")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen.query_one("#currency", Input).value == "EUR"


async def test_the_help_explains_the_marks_and_the_panes_as_they_are_shown(amazon):
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = pilot.app.screen.help_text
        for mark in ("▲", "✖", "•", "→"):
            assert mark in help_text
        assert "left" not in help_text and "middle" not in help_text
        assert "docs/alignment.md" not in help_text
        assert "Promises delivered" in help_text  # what the score is made of, from the package itself


async def test_the_palette_lists_each_command_once_in_plain_words(amazon):
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        commands = list(pilot.app.get_system_commands(pilot.app.screen))
        titles = [c.title for c in commands]
        assert len(titles) == len(set(titles))
        assert not [c for c in commands if "as soon as possible" in c.help]
        assert sum("key" in t.lower() or "help" in t.lower() for t in titles) == 1


async def test_a_keymap_in_the_config_file_moves_add_and_the_key_bar_and_help_follow(amazon, tmp_path, monkeypatch):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text('[keymap]\nadd = "n"\nfind_next = "N"\n', "utf-8")
    monkeypatch.setenv("BIZOP_CONFIG_DIR", str(tmp_path / "config"))
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        bottom = screen_text(pilot.app).splitlines()[-1]
        assert " n add" in bottom
        await pilot.press("a")
        await pilot.pause()
        assert pilot.app.screen is main_screen(pilot.app)
        await pilot.press("n")
        await pilot.pause()
        assert pilot.app.screen.query_one("#name", Input)
        await pilot.press("escape")
        await pilot.press("question_mark")
        await pilot.pause()
        assert "\nn " in "\n" + pilot.app.screen.help_text.replace("  ", " ")


async def test_a_broken_config_file_is_a_message_not_a_crash(amazon, tmp_path, monkeypatch):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text('[keymap\nadd = ', "utf-8")
    monkeypatch.setenv("BIZOP_CONFIG_DIR", str(tmp_path / "config"))
    async with open_app(amazon).run_test(size=WIDE) as pilot:
        await pilot.pause()
        said = notifications(pilot.app)
        assert "config.toml" in said
        await pilot.press("a")
        await pilot.pause()
        assert pilot.app.screen.query_one("#name", Input), "the default keys work"


def _score_colour(app) -> str:
    title = main_screen(app).query_one("#title")
    strip = title.render_line(0)
    for segment in strip:
        if f"{main_screen(app).session.alignment.score}/100" in segment.text:
            return str(segment.style.color)
    raise AssertionError("no score in the title")


async def test_scores_are_drawn_in_the_themes_colours_and_the_chosen_theme_is_remembered(amazon, tmp_path,
                                                                                          monkeypatch):
    monkeypatch.setenv("BIZOP_CONFIG_DIR", str(tmp_path / "config"))
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        dark = _score_colour(pilot.app)
        pilot.app.theme = "nord"
        await pilot.pause()
        assert _score_colour(pilot.app) != dark
        pilot.app.theme = "gruvbox"
        await pilot.pause()
    assert 'theme = "gruvbox"' in (tmp_path / "config" / "config.toml").read_text("utf-8")
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        assert pilot.app.theme == "gruvbox"


async def test_an_unknown_theme_or_key_name_in_the_config_is_said_and_ignored(amazon, tmp_path, monkeypatch):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text(
        'theme = "no-such-theme"\n[keymap]\nadd = "n"\nno_such_key = "x"\n', "utf-8")
    monkeypatch.setenv("BIZOP_CONFIG_DIR", str(tmp_path / "config"))
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        said = notifications(pilot.app)
        assert "no-such-theme" in said and "no_such_key" in said
        assert pilot.app.keymap == {"add": "n"}
