"""Comparing with another version in the app: c asks for a git revision (HEAD by default) or a file, reads
it off the UI thread, and marks + ~ in the trees, the removed entries and the score then and now in the
Alignment pane and a line above the keys; u does the same against the last save; v shows the report of
bizop diff; escape leaves the comparison. Errors are said in the dialog, never a traceback or a hang."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading

import pytest
from textual.widgets import Input, Static

from bizop_tui.model.document import Document
from bizop_tui.templates import template_text
from tui_helpers import (
    NARROW,
    WIDE,
    clear_input,
    go_to_pane,
    main_screen,
    notifications,
    open_app,
    screen_text,
    select_entry,
    shown_text,
    type_text,
    wait_for,
)

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_AUTHOR_DATE": "2026-11-01T10:00:00Z",
           "GIT_COMMITTER_DATE": "2026-11-01T10:00:00Z"}
COURIER = '\n[[operating.processes]]\nid = "proc-courier"\nname = "Same-day courier pilot"\nsupports = ["vp-fast-delivery"]\n'


def revised(text: str) -> str:
    """The Amazon sample with one process renamed, one removed and one added."""
    text = text.replace('name = "Last mile delivery"', 'name = "Last mile delivery by drone"')
    start = text.index('[[operating.processes]]\nid = "proc-returns"')
    end = text.index("[[", start + 2)
    return text[:start] + text[end:] + COURIER


@pytest.fixture
def revised_in_git(tmp_path, monkeypatch) -> Document:
    """amazon.toml committed as the sample, then revised on disk (not committed); opened from its folder."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    path = tmp_path / "amazon.toml"
    path.write_text(template_text("amazon"), "utf-8")
    env = {**os.environ, **GIT_ENV}
    for args in (["init", "-q"], ["add", "amazon.toml"], ["commit", "-qm", "the sample"]):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)
    path.write_text(revised(template_text("amazon")), "utf-8")
    monkeypatch.chdir(tmp_path)
    return Document.open("amazon.toml")


def tree_line(main, entry_id: str) -> str:
    """The entry's label in its tree as drawn, with its marks (whichever pane is in view)."""
    from rich.style import Style

    tree = main.tree(main.session.model.by_id[entry_id].side)
    tree.select_entry(entry_id)
    return tree.render_label(tree.entry_nodes[entry_id], Style(), Style()).plain


def bar_text(app) -> str:
    bar = app.screen.query_one("#compare-bar", Static)
    return shown_text(bar) if bar.display and bar.has_class("-open") else ""


def scores_text(app) -> str:
    return shown_text(app.main_screen.query_one("#scores", Static))


async def compare_with(pilot, spec: str | None = None) -> None:
    """Press c, type `spec` over the suggestion (or keep HEAD), Enter, and wait until the comparison is on."""
    await pilot.press("c")
    await pilot.pause()
    if spec is not None:
        await clear_input(pilot)
        await type_text(pilot, spec)
    await pilot.press("enter")
    main = main_screen(pilot.app)
    assert await wait_for(pilot, lambda: pilot.app.screen is main and main.comparing is not None, 20)
    await pilot.pause()


# -- comparing with a git revision -------------------------------------------------------------------


async def test_c_and_enter_compare_with_head_and_mark_what_changed(revised_in_git):
    async with open_app(revised_in_git).run_test(size=NARROW) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert pilot.app.screen.query_one(Input).value == "HEAD"
        await pilot.press("enter")
        main = main_screen(pilot.app)
        assert await wait_for(pilot, lambda: main.comparing is not None, 20)
        await pilot.pause()
        assert tree_line(main, "proc-last-mile").startswith("~ Last mile delivery by drone")
        assert tree_line(main, "proc-courier").startswith("+ Same-day courier pilot")
        assert tree_line(main, "proc-order-fulfilment").startswith("Order fulfilment")
        score = main.session.alignment.score
        assert f"vs HEAD: +1 ~1 -1  score 93 -> {score} ({score - 93:+d})" in bar_text(pilot.app)
        assert "- removed (1): Customer returns and refunds" in scores_text(pilot.app)
        assert f"vs HEAD: 93 -> {score}" in scores_text(pilot.app)


async def test_the_details_say_what_changed_in_the_words_of_bizop_diff(revised_in_git):
    async with open_app(revised_in_git).run_test(size=WIDE) as pilot:
        await compare_with(pilot)
        await select_entry(pilot, "proc-last-mile")
        details = shown_text(pilot.app.screen.query_one("#details", Static))
        assert "~ differs from HEAD: renamed from 'Last mile delivery'" in details
        await select_entry(pilot, "proc-courier")
        assert "+ not in HEAD" in shown_text(pilot.app.screen.query_one("#details", Static))


async def test_the_sub_scores_then_are_beside_those_now(revised_in_git):
    async with open_app(revised_in_git).run_test(size=WIDE) as pilot:
        await compare_with(pilot)
        compared = main_screen(pilot.app).comparing
        now = {s.key: s.value for s in main_screen(pilot.app).session.alignment.subscores}
        moved = [key for key, value in now.items() if compared.subscores[key] != value]
        assert moved, "removing a process moves a sub-score"
        assert scores_text(pilot.app).count(" was ") == len(moved)


async def test_escape_leaves_the_comparison_and_the_marks_go(revised_in_git):
    async with open_app(revised_in_git).run_test(size=NARROW) as pilot:
        await compare_with(pilot)
        await pilot.press("escape")
        await pilot.pause()
        main = main_screen(pilot.app)
        assert main.comparing is None and main.session.baseline is None
        assert tree_line(main, "proc-last-mile").startswith("Last mile delivery by drone")
        assert bar_text(pilot.app) == "" and "removed" not in scores_text(pilot.app)
        assert "Stopped comparing" in notifications(pilot.app)


async def test_the_marks_follow_edits_while_comparing(revised_in_git):
    async with open_app(revised_in_git).run_test(size=NARROW) as pilot:
        await compare_with(pilot)
        await select_entry(pilot, "proc-courier")
        await pilot.press("d")
        await pilot.pause()
        assert "vs HEAD: +0 ~1 -1" in bar_text(pilot.app)
        await select_entry(pilot, "proc-order-fulfilment")
        await pilot.press("d")
        await pilot.pause()
        assert "vs HEAD: +0 ~1 -2" in bar_text(pilot.app)
        assert "removed (2): Order fulfilment: pick, pack and ship, Customer returns and refunds" in scores_text(
            pilot.app) or "removed (2): Customer returns and refunds, Order fulfilment" in scores_text(pilot.app)
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert "vs HEAD: +1 ~1 -1" in bar_text(pilot.app)


async def test_v_shows_the_report_of_bizop_diff_and_escape_closes_it(revised_in_git):
    async with open_app(revised_in_git).run_test(size=NARROW) as pilot:
        await compare_with(pilot)
        await pilot.press("v")
        report = pilot.app.screen
        assert type(report).__name__ == "Report"
        assert await wait_for(pilot, lambda: report.done, 20)
        await pilot.pause()
        text = " ".join(report.text.split())
        assert "Entries: 1 added, 1 removed, 1 changed" in text
        assert "+ 'Same-day courier pilot' (proc-courier)" in text
        assert "- 'Customer returns and refunds' (proc-returns)" in text
        assert "renamed from 'Last mile delivery'" in text
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is main_screen(pilot.app) and main_screen(pilot.app).comparing is not None


async def test_v_without_a_comparison_says_how_to_start_one(amazon):
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert pilot.app.screen is main_screen(pilot.app)
        assert "Not comparing with anything: c compares" in notifications(pilot.app)


# -- what cannot be compared -------------------------------------------------------------------------


async def test_a_revision_git_does_not_know_is_said_in_the_dialog_which_stays_open(revised_in_git):
    async with open_app(revised_in_git).run_test(size=NARROW) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await clear_input(pilot)
        await type_text(pilot, "v9.9")
        await pilot.press("enter")
        dialog = pilot.app.screen
        message = dialog.query_one("#compare-message", Static)
        assert await wait_for(pilot, lambda: "git knows no revision" in shown_text(message), 20)
        assert "'v9.9'" in shown_text(message)
        await clear_input(pilot)
        await type_text(pilot, "HEAD")
        await pilot.press("enter")
        main = main_screen(pilot.app)
        assert await wait_for(pilot, lambda: main.comparing is not None, 20)


async def test_a_file_outside_git_says_so_and_a_path_compares_instead(amazon, tmp_path):
    other = tmp_path / "target.toml"
    other.write_text(revised(template_text("amazon")), "utf-8")
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        await pilot.press("c", "enter")
        message = pilot.app.screen.query_one("#compare-message", Static)
        assert await wait_for(pilot, lambda: "not in a git repository" in shown_text(message), 20)
        assert "give the path of a model file" in shown_text(message)
        await clear_input(pilot)
        await type_text(pilot, str(other))
        await pilot.press("enter")
        main = main_screen(pilot.app)
        assert await wait_for(pilot, lambda: main.comparing is not None, 20)
        # the sample against its revision: the other way round
        assert main.changes == {"proc-last-mile": "~", "proc-returns": "+", "proc-courier": "-"}


async def test_escape_while_a_version_is_read_closes_at_once_and_compares_nothing(revised_in_git):
    app = open_app(revised_in_git)
    release = threading.Event()
    start_read = app.session.read_job

    def slow_read(spec):
        job = start_read(spec)
        return lambda: release.wait(30) and job()

    app.session.read_job = slow_read
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("c", "enter")
        await pilot.pause()
        assert "Reading" in shown_text(pilot.app.screen.query_one("#compare-message", Static))
        await pilot.press("escape")
        await pilot.pause()
        main = main_screen(pilot.app)
        assert pilot.app.screen is main
        release.set()
        await pilot.pause(0.5)
        assert main.comparing is None and main.session.baseline is None


async def test_two_unrelated_models_compare_without_a_fuss(amazon, tmp_path):
    other = tmp_path / "consulting.toml"
    other.write_text(template_text("consulting-firm"), "utf-8")
    async with open_app(amazon).run_test(size=WIDE) as pilot:
        await compare_with(pilot, str(other))
        main = main_screen(pilot.app)
        assert tree_line(main, "proc-last-mile").startswith("+ ")
        assert set(main.changes.values()) == {"+", "-"}  # every entry of one added, of the other removed
        assert "removed (" in scores_text(pilot.app)


# -- changes since the last save ---------------------------------------------------------------------


async def test_u_marks_what_changed_since_the_last_save_and_saving_clears_it(amazon):
    async with open_app(amazon).run_test(size=NARROW) as pilot:
        main = main_screen(pilot.app)
        await select_entry(pilot, "proc-returns")
        await pilot.press("d")
        await pilot.press("u")
        assert await wait_for(pilot, lambda: main.comparing is not None, 20)
        await pilot.pause()
        assert "since the last save: +0 ~0 -1" in bar_text(pilot.app)
        assert "removed (1): Customer returns and refunds" in scores_text(pilot.app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "since the last save: +0 ~0 -0" in bar_text(pilot.app)
        await select_entry(pilot, "proc-last-mile")
        await pilot.press("d")
        await pilot.pause()
        assert "since the last save: +0 ~0 -1" in bar_text(pilot.app)
        await pilot.press("u")
        await pilot.pause()
        assert main.comparing is None and bar_text(pilot.app) == ""


async def test_the_compare_keys_are_in_the_help_and_the_palette(revised_in_git):
    async with open_app(revised_in_git).run_test(size=WIDE) as pilot:
        main = main_screen(pilot.app)
        titles = [c.title for c in pilot.app.get_system_commands(main)]
        assert any(t.startswith("Compare with a file or a git revision") for t in titles)
        assert any(t.startswith("Mark what changed since the last save") for t in titles)
        assert "Stop comparing" not in titles
        await compare_with(pilot)
        assert "Stop comparing" in [c.title for c in pilot.app.get_system_commands(main)]
        await pilot.press("question_mark")
        await pilot.pause()
        assert "+ ~  added or changed against the version compared with" in pilot.app.screen.help_text


# -- what it looks like ------------------------------------------------------------------------------


async def settled_comparison(pilot, entry_id: str) -> None:
    await compare_with(pilot)
    await select_entry(pilot, entry_id)
    pilot.app.clear_notifications()
    await pilot.pause()


def test_the_comparison_at_80_columns(snap_compare, revised_in_git):
    async def run_before(pilot) -> None:
        await settled_comparison(pilot, "proc-last-mile")

    assert snap_compare(open_app(revised_in_git), terminal_size=NARROW, run_before=run_before)


def test_the_comparison_at_160_columns(snap_compare, revised_in_git):
    async def run_before(pilot) -> None:
        await settled_comparison(pilot, "proc-last-mile")

    assert snap_compare(open_app(revised_in_git), terminal_size=WIDE, run_before=run_before)


def test_the_compare_dialog_with_a_revision_git_does_not_know_at_80_columns(snap_compare, revised_in_git):
    async def run_before(pilot) -> None:
        await pilot.press("c")
        await pilot.pause()
        await clear_input(pilot)
        await type_text(pilot, "v9.9")
        await pilot.press("enter")
        message = pilot.app.screen.query_one("#compare-message", Static)
        assert await wait_for(pilot, lambda: "git knows" in shown_text(message), 20)
        pilot.app.screen.query_one(Input).cursor_blink = False
        await pilot.pause()

    assert snap_compare(open_app(revised_in_git), terminal_size=NARROW, run_before=run_before)


async def test_names_that_look_like_markup_or_hold_control_characters_are_shown_literally(write_model, tmp_path):
    document = write_model('''
[model]
name = "Hostile"

[[business.value_propositions]]
id = "vp"
name = "Next-day delivery"

[[operating.processes]]
id = "p"
name = "[/bold] [red]Ops[/red] \\u001b[2J"
supports = ["vp"]
''')
    other = tmp_path / "before.toml"
    other.write_text(document.text.replace('supports = ["vp"]', ""), "utf-8")
    async with open_app(document).run_test(size=WIDE) as pilot:
        await compare_with(pilot, str(other))
        await select_entry(pilot, "p")
        details = shown_text(pilot.app.screen.query_one("#details", Static))
        assert "~ differs from" in details and "supports + 'Next-day delivery'" in details
        assert "[/bold] [red]Ops[/red] ␛[2J" in details and "\x1b" not in details
        await pilot.press("v")
        report = pilot.app.screen
        assert await wait_for(pilot, lambda: report.done, 20)
        assert "[/bold] [red]Ops[/red] ␛[2J" in report.text and "\x1b" not in report.text
        await pilot.press("escape", "i")
        report = pilot.app.screen
        assert await wait_for(pilot, lambda: getattr(report, "done", False), 20)
        assert "[/bold] [red]Ops[/red] ␛[2J" in report.text and "\x1b" not in report.text
