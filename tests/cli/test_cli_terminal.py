"""Stories about using bizop over SSH: no terminal means a clear refusal (not a spinning orphan), and a long
review is paged like git pages, with colour kept, only at a terminal (issue 10 item 14, issue 14 items 1-2)."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from bizop_tui.pager import DEFAULT_PAGER, pager_command
from terminal_helpers import BIZOP, run_in_terminal

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "bizop_tui" / "templates"
AMAZON = str(SAMPLES / "amazon.toml")
SGR = re.compile(rb"\x1b\[[0-9;]*m")


# -- no terminal ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("missing", ["stdin", "stdout"])
def test_opening_the_app_without_a_terminal_says_so_and_exits_at_once(missing):
    """`ssh host bizop model.toml` (no -t): a message and exit 2, not a drawing that ignores every key."""
    run = run_in_terminal([*BIZOP, AMAZON], stdin_terminal=missing != "stdin",
                          stdout_terminal=missing != "stdout", timeout=20)
    assert run.returncode == 2, run.output
    text = run.output.decode()
    assert f"the app needs a terminal, but {missing} is not one" in text
    assert "ssh -t" in text and "bizop review" in text
    assert "\x1b[?1049h" not in text  # the app never switched to its screen
    assert run.seconds < 15


def test_with_a_terminal_the_app_starts_and_quits_on_ctrl_q(tmp_path):
    model = tmp_path / "amazon.toml"
    model.write_bytes(Path(AMAZON).read_bytes())
    run = run_in_terminal([*BIZOP, str(model)], keys=b"\x11", keys_after=b"Alignment", timeout=30)
    assert b"\x1b[?1049h" in run.output  # the alternate screen: the app drew
    assert run.returncode == 0, run.output[-500:]


# -- the pager --------------------------------------------------------------------------------------------


@pytest.fixture
def fake_pager(tmp_path):
    """A pager that keeps what it was given (and the LESS it saw), and shows one line."""
    script = tmp_path / "fake-pager"
    script.write_text('#!/bin/sh\ncat > "$0.got"\nprintf "%s" "$LESS" > "$0.less"\necho PAGED\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def got(pager: Path) -> bytes | None:
    kept = Path(f"{pager}.got")
    return kept.read_bytes() if kept.exists() else None


def test_a_review_taller_than_the_terminal_goes_to_the_pager_with_its_colour(fake_pager):
    run = run_in_terminal([*BIZOP, "review", AMAZON], rows=24, env={"BIZOP_PAGER": str(fake_pager)})
    assert run.returncode == 0, run.output
    paged = got(fake_pager)
    assert paged is not None and b"bizop review: " in paged and b"Alignment" in paged
    assert SGR.search(paged)  # colour kept for less -R
    assert b"PAGED" in run.output and b"Alignment" not in run.output
    assert Path(f"{fake_pager}.less").read_text() == "FRX"  # as git sets it, unless LESS is set


def test_PAGER_is_used_when_BIZOP_PAGER_is_not_set(fake_pager):
    run = run_in_terminal([*BIZOP, "review", AMAZON], env={"PAGER": str(fake_pager), "BIZOP_PAGER": None})
    assert run.returncode == 0 and got(fake_pager) is not None


def test_the_users_LESS_is_kept(fake_pager):
    run_in_terminal([*BIZOP, "review", AMAZON], env={"BIZOP_PAGER": str(fake_pager), "LESS": "-S"})
    assert Path(f"{fake_pager}.less").read_text() == "-S"


@pytest.mark.parametrize("setting", [["--no-pager"], ["BIZOP_PAGER=cat"], ["BIZOP_PAGER="]],
                         ids=["no-pager-option", "cat", "empty"])
def test_paging_can_be_turned_off(fake_pager, setting):
    env = {"PAGER": str(fake_pager)}
    args = [*BIZOP, "review", AMAZON]
    if setting[0].startswith("BIZOP_PAGER="):
        env["BIZOP_PAGER"] = setting[0].split("=", 1)[1]
    else:
        args += setting
    run = run_in_terminal(args, env=env)
    assert run.returncode == 0 and got(fake_pager) is None
    assert b"Alignment" in run.output


def test_a_review_into_a_pipe_is_never_paged(fake_pager):
    run = run_in_terminal([*BIZOP, "review", AMAZON], stdout_terminal=False, env={"BIZOP_PAGER": str(fake_pager)})
    assert run.returncode == 0 and got(fake_pager) is None
    assert b"Alignment" in run.output and b"\x1b" not in run.output.split(b"bizop review: ", 1)[1]


def test_a_review_that_fits_the_terminal_is_not_paged(fake_pager):
    run = run_in_terminal([*BIZOP, "review", AMAZON], rows=400, env={"BIZOP_PAGER": str(fake_pager)})
    assert run.returncode == 0 and got(fake_pager) is None and b"Alignment" in run.output


def test_a_pager_that_cannot_be_run_is_named_and_the_review_printed():
    run = run_in_terminal([*BIZOP, "review", AMAZON], env={"BIZOP_PAGER": "no-such-pager-anywhere"})
    assert run.returncode == 0
    assert b"the pager 'no-such-pager-anywhere' could not be run" in run.output
    assert b"Alignment" in run.output


def test_without_settings_the_pager_is_less_R_where_less_is_installed(monkeypatch):
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/less")
    assert pager_command({}) == DEFAULT_PAGER == "less -R"
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert pager_command({}) is None
    assert pager_command({"PAGER": "more"}) == "more"
    assert pager_command({"BIZOP_PAGER": "most", "PAGER": "more"}) == "most"


# -- colour -----------------------------------------------------------------------------------------------


def test_color_never_writes_no_escape_sequence_at_a_terminal():
    run = run_in_terminal([*BIZOP, "review", AMAZON, "--no-pager", "--color", "never"])
    assert run.returncode == 0 and b"Alignment" in run.output and b"\x1b" not in run.output


def test_NO_COLOR_leaves_out_colours_at_a_terminal():
    run = run_in_terminal([*BIZOP, "review", AMAZON, "--no-pager"], env={"NO_COLOR": "1"})
    codes = {m.group() for m in SGR.finditer(run.output)}
    assert run.returncode == 0 and not any(re.search(rb"\[(?:.*;)?(?:3\d|9\d|38;)", c) for c in codes), codes


def test_color_always_colours_a_pipe_for_less_R_even_under_NO_COLOR():
    run = run_in_terminal([*BIZOP, "review", AMAZON, "--color", "always"], stdout_terminal=False,
                          env={"NO_COLOR": "1"})
    assert run.returncode == 0 and SGR.search(run.output)


def test_color_auto_colours_a_terminal():
    run = run_in_terminal([*BIZOP, "review", AMAZON, "--no-pager"])
    assert run.returncode == 0 and SGR.search(run.output)


def test_the_review_help_documents_color_and_the_pager(run):
    out = " ".join(run("review", "--help").stdout.split())
    assert "--color, --colour [auto|always|never]" in out and "NO_COLOR" in out
    assert "--no-pager" in out and "BIZOP_PAGER" in out and "less -R" in out


def test_a_browser_session_through_bizop_serve_is_not_refused_for_lack_of_a_terminal():
    import io

    import pytest

    from bizop_tui.model.errors import BizopError
    from bizop_tui.tui.launch import require_terminal

    pipes = {"stdin": io.StringIO(), "stdout": io.StringIO()}
    require_terminal(pipes, {"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"})
    with pytest.raises(BizopError):
        require_terminal(pipes, {})
