"""Stories about hostile file names and text at the command line (issue 10, item 16; done-when typescript).

A file called `\\e]0;PWNED\\a.toml` is a real thing on a shared server. Whatever bizop prints about it
(check's finding lines, new's "created" and "already exists", export's "wrote" and "is the model
itself", click's own usage errors) shows stand-ins, so no ESC, C1 or BEL byte from a name, a note, a
tag or a journal reaches the terminal.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import tomlkit

from bizop_tui.model.text import one_line

from terminal_helpers import BIZOP

HOSTILE = {
    "osc-title": "\x1b]0;PWNED\x07",
    "osc-clipboard": "\x1b]52;c;cHduZWQ=\x07",
    "clear-screen": "\x1b[2J",
    "bell": "ring\x07",
    "c1-csi": "\x9b31m",
    "right-to-left": "abc\u202etxt",
}
RAW = re.compile(rb"[\x1b\x07]|\xc2[\x80-\x9f]")  # ESC, BEL, and C1 controls as UTF-8 encodes them
OUR_COLOURS = re.compile(rb"\x1b\[[0-9;]*m")  # the review's own SGR colour codes


def hostile_model(text: str) -> str:
    doc = tomlkit.document()
    doc["model"] = {"name": f"Model {text}", "description": text}
    doc["business"] = {"value_propositions": tomlkit.aot(), "channels": tomlkit.aot()}
    doc["business"]["value_propositions"].append({"id": "vp-1", "name": f"Name {text}", "notes": f"Notes {text}",
                                                  "tags": [f"tag {text}"]})
    doc["business"]["channels"].append({"id": "ch-1", "name": "Web", "supports": [f"missing {text}"]})
    return tomlkit.dumps(doc)


@pytest.fixture
def hostile_files(tmp_path):
    """One model per hostile string, named with that string too."""
    made = {}
    for key, text in HOSTILE.items():
        path = tmp_path / f"{text}{key}.toml"
        path.write_text(hostile_model(text), encoding="utf-8")
        made[key] = path
    return made


def assert_no_raw_controls(output: bytes, where: str) -> None:
    found = RAW.search(output)
    assert found is None, f"{where}: raw control {found.group()!r} in ...{output[max(found.start() - 40, 0):found.end() + 40]!r}"


@pytest.mark.parametrize("key", list(HOSTILE))
def test_check_prints_a_hostile_file_name_with_stand_ins(run, hostile_files, key):
    result = run("check", str(hostile_files[key]), "--today", "2026-06-01")
    assert result.exit_code == 1
    assert_no_raw_controls(result.output.encode(), "check")
    assert f"{one_line(str(hostile_files[key]))}:" in result.output  # the name, with stand-ins, on each line


@pytest.mark.parametrize("key", list(HOSTILE))
def test_new_and_export_print_hostile_file_names_with_stand_ins(run, hostile_files, tmp_path, key):
    target = tmp_path / f"new {HOSTILE[key]}.toml"
    created = run("new", str(target))
    again = run("new", str(target))
    report = tmp_path / f"report {HOSTILE[key]}.json"
    wrote = run("export", str(hostile_files[key]), "-o", str(report))
    itself = run("export", str(hostile_files[key]), "-o", str(hostile_files[key]))
    assert created.exit_code == 0 and again.exit_code == 2 and wrote.exit_code == 0 and itself.exit_code == 2
    assert "already exists" in again.stderr and "wrote" in wrote.stderr and "is the model itself" in itself.stderr
    for name, result in (("new", created), ("new again", again), ("export", wrote), ("export itself", itself)):
        assert_no_raw_controls(result.output.encode(), name)


def test_a_hostile_name_in_a_click_usage_error_is_shown_with_stand_ins(run):
    result = run("review", "m.toml", "--\x1b]0;PWNED\x07")
    assert result.exit_code == 2
    assert_no_raw_controls(result.output.encode(), "usage error")
    assert "No such option" in result.output


def test_a_typescript_of_the_command_line_on_hostile_files_holds_no_escape_from_user_text(hostile_files, tmp_path):
    """The done-when check: record a terminal session with `script` running every command on every
    hostile file, then look at every byte the terminal received."""
    commands = []
    for path in hostile_files.values():
        quoted = shlex.quote(str(path))
        report = shlex.quote(str(tmp_path / f"out-{path.name}.md"))
        python = shlex.join(BIZOP)
        commands += [
            f"{python} review {quoted} --today 2026-06-01 --no-pager",
            f"{python} review {quoted} --today 2026-06-01 --no-pager --color never",
            f"{python} check {quoted} --today 2026-06-01",
            f"{python} export {quoted} --today 2026-06-01",
            f"{python} export {quoted} --format markdown --today 2026-06-01",
            f"{python} export {quoted} --format markdown -o {report}",
            f"{python} export {quoted} -o {quoted}",
            f"{python} new {quoted}",
            f"{python} {quoted} < /dev/null",  # no terminal on stdin: the refusal names nothing raw
            f"{python} review {quoted}.missing",
        ]
    typescript = tmp_path / "typescript"
    script = tmp_path / "session.sh"
    script.write_text("\n".join(commands) + "\n")
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    env.pop("NO_COLOR", None)
    subprocess.run(["script", "-q", "-f", "-c", f"sh {shlex.quote(str(script))}", str(typescript)],
                   env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, timeout=600, check=False)
    recorded = typescript.read_bytes()
    assert recorded.count(b"bizop review: Model") >= len(HOSTILE)  # every review ran and printed
    assert b"is the model itself" in recorded and b"already exists" in recorded
    without_our_colours = OUR_COLOURS.sub(b"", recorded)
    assert_no_raw_controls(without_our_colours, "typescript")


def test_a_hostile_recovery_journal_yields_no_raw_controls(tmp_path):
    """A journal is user text too: what bizop would show of it (the time, the owner, the notes on ignored
    journals) holds stand-ins only."""
    from bizop_tui.model.journal import Journal
    from bizop_tui.model.process import machine_tag

    mine = Journal.for_file(str(tmp_path / "model.toml"))
    os.makedirs(mine.folder, exist_ok=True)
    bad = "\x1b]0;PWNED\x07\x9b2J\u202e"
    owner = {"user": bad, "host": bad, "pid": 999999, "started": 1.0, "machine": machine_tag()}
    journals = [
        {"format": 2, "file": mine.key, "base_digest": None, "written_at": "2026-06-01T09:30:00", "text": bad,
         "owner": owner},
        {"format": 2, "file": mine.key, "base_digest": None, "written_at": bad, "text": "t", "owner": owner},
        {"format": 2, "file": f"/other/{bad}", "base_digest": None, "written_at": "2026-06-01", "text": "t",
         "owner": owner},
    ]
    for n, data in enumerate(journals):
        with open(mine.path.replace(".json", f"{n}.json"), "w", encoding="utf-8") as handle:
            json.dump(data, handle)
    scan = mine.scan()
    shown = "\n".join([r.describe() + r.written_at for r in scan.journals] + scan.ignored)
    assert len(scan.journals) == 1 and len(scan.ignored) == 2
    assert_no_raw_controls(shown.encode(), "journal")


def test_the_one_line_message_of_an_unexpected_error_shows_stand_ins(run, monkeypatch, model_file):
    import bizop_tui.alignment as alignment

    def boom(*args, **kwargs):
        raise RuntimeError("\x1b]0;PWNED\x07 went wrong")

    monkeypatch.setattr(alignment, "analyse", boom)
    result = run("review", model_file('[model]\nname = "x"\n'))
    assert result.exit_code == 3
    assert_no_raw_controls(result.output.encode(), "bug message")
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


def test_python_dash_m_is_the_same_program():
    completed = subprocess.run([*BIZOP, "--version"], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0 and "bizop" in completed.stdout
    assert sys.executable in BIZOP
    assert Path(BIZOP[0]).exists()
