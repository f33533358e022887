"""Stories about shell completion: click writes the scripts, and `bizop <TAB>` offers commands and files.

The scripts are produced by running bizop with _BIZOP_COMPLETE=bash_source (zsh_source, fish_source);
the completions themselves by the protocol those scripts speak (bash_complete, ...). The bash script
is also sourced into a real bash and its completion function run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent  # the environment's bin folder, where `bizop` is installed


def bizop_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **extra}


def completion_script(shell: str) -> str:
    done = subprocess.run(["bizop"], env=bizop_env(_BIZOP_COMPLETE=f"{shell}_source"),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def complete(words: str, cwd: Path) -> list[tuple[str, str]]:
    """What bizop answers the bash script for the command line `words` (the last word is being typed)."""
    parts = words.split(" ")
    done = subprocess.run(["bizop"], cwd=cwd, capture_output=True, text=True, timeout=60,
                          env=bizop_env(_BIZOP_COMPLETE="bash_complete", COMP_WORDS=words,
                                        COMP_CWORD=str(len(parts) - 1)))
    assert done.returncode == 0, done.stderr
    return [tuple(line.split(",", 1)) for line in done.stdout.splitlines()]


needs_bizop_on_disk = pytest.mark.skipif(not (BIN / "bizop").exists(), reason="bizop is not installed as a command")


@needs_bizop_on_disk
@pytest.mark.parametrize("shell, marker", [("bash", "complete -o nosort -F _bizop_completion bizop"),
                                           ("zsh", "compdef _bizop_completion bizop"),
                                           ("fish", "complete --no-files --command bizop")])
def test_bizop_writes_a_completion_script_for_each_shell(shell, marker):
    assert marker in completion_script(shell)


@needs_bizop_on_disk
def test_a_command_name_completes(tmp_path):
    assert ("plain", "review") in complete("bizop re", tmp_path)
    assert ("plain", "export") in complete("bizop ", tmp_path)


@needs_bizop_on_disk
def test_a_model_file_completes_as_a_file_after_a_command_and_as_the_first_word(tmp_path):
    assert complete("bizop review mod", tmp_path) == [("file", "mod")]
    assert ("file", "mod") in complete("bizop mod", tmp_path)  # `bizop FILE` opens it


@needs_bizop_on_disk
def test_option_values_complete_from_their_choices(tmp_path):
    assert {("plain", "json"), ("plain", "markdown")} <= set(complete("bizop export m.toml --format ", tmp_path))


@needs_bizop_on_disk
@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_bash_script_completes_in_bash(tmp_path):
    script = tmp_path / "bizop.bash"
    script.write_text(completion_script("bash"), "utf-8")
    (tmp_path / "models").mkdir()
    probe = (f"source {script}\n"
             "COMP_WORDS=(bizop re); COMP_CWORD=1; _bizop_completion bizop; echo \"commands: ${COMPREPLY[*]}\"\n"
             "COMP_WORDS=(bizop review mod); COMP_CWORD=2; COMPREPLY=(); _bizop_completion bizop 2>/dev/null\n"
             "echo \"left to bash's file completion: ${#COMPREPLY[@]} candidates\"\n")

    done = subprocess.run(["bash", "-c", probe], cwd=tmp_path, env=bizop_env(), capture_output=True, text=True,
                          timeout=60)

    assert done.stdout.splitlines() == ["commands: review", "left to bash's file completion: 0 candidates"], done.stderr
