"""Stories about the pre-commit hook: .pre-commit-hooks.yaml at the repository root, run as pre-commit runs it.

pre-commit starts the hook's `entry`, then its `args` (the user's own `args` replace them), then every
staged file that matches `files`, all in one command line. These tests run exactly that command.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

GOOD = """
[model]
name = "Acme"

[[business.customer_segments]]
id = "seg"
name = "Small retailers"

[[business.value_propositions]]
id = "vp"
name = "Weekly insights"
segments = ["seg"]

[[operating.organisation]]
id = "org"
name = "Product team"

[[operating.processes]]
id = "p"
name = "Insight reporting"
owner = "org"
supports = ["vp"]
"""

BAD = GOOD + """
[[operating.technology]]
id = "tech"
name = "Data warehouse"
supports = ["no-such-entry"]
"""


@pytest.fixture
def hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    return next(h for h in hooks if h["id"] == "bizop-check")


def run_hook(hook: dict, *files: Path, args: list[str] | None = None) -> subprocess.CompletedProcess:
    command = [*shlex.split(hook["entry"]), *(hook.get("args", []) if args is None else args), *map(str, files)]
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def test_the_hook_is_declared_for_pre_commit(hook):
    assert hook["name"] and hook["description"]
    assert hook["language"] == "python"  # pre-commit installs this repository and runs its `bizop`
    assert shlex.split(hook["entry"])[:2] == ["bizop", "check"]
    assert hook.get("pass_filenames", True)


@pytest.mark.parametrize("path, matched", [("acme.bizop.toml", True), ("models/retail.bizop.toml", True),
                                           ("pyproject.toml", False), ("acme.toml", False),
                                           ("acme.bizop.toml.bak", False)])
def test_the_default_files_pattern_picks_bizop_models(hook, path, matched):
    assert bool(re.search(hook["files"], path)) is matched


@pytest.mark.skipif(not (BIN / "bizop").exists(), reason="bizop is not installed as a command")
class TestRunningTheHookEntry:
    def test_a_good_model_passes(self, hook, tmp_path):
        good = tmp_path / "good.bizop.toml"
        good.write_text(GOOD, "utf-8")

        result = run_hook(hook, good)

        assert result.returncode == 0, result.stdout + result.stderr
        assert "bizop check: ok" in result.stdout

    def test_a_model_with_an_error_finding_fails_and_names_the_line(self, hook, tmp_path):
        bad = tmp_path / "bad.bizop.toml"
        bad.write_text(BAD, "utf-8")

        result = run_hook(hook, bad)

        assert result.returncode == 1
        assert f"{bad}:{BAD.splitlines().index('[[operating.technology]]') + 1}: error: links.broken" in result.stdout
        assert "bizop check: FAILED" in result.stdout

    def test_every_staged_model_is_checked_in_one_run(self, hook, tmp_path):
        good, bad = tmp_path / "good.bizop.toml", tmp_path / "bad.bizop.toml"
        good.write_text(GOOD, "utf-8")
        bad.write_text(BAD, "utf-8")

        result = run_hook(hook, good, bad)

        assert result.returncode == 1
        assert result.stdout.splitlines()[0] == f"{good}:"
        assert f"{bad}:" in result.stdout.splitlines()
        assert result.stdout.count("bizop check: ") == 2

    def test_the_users_args_set_the_minimum_score(self, hook, tmp_path):
        good = tmp_path / "good.bizop.toml"
        good.write_text(GOOD, "utf-8")

        lenient = run_hook(hook, good, args=["--min-score", "10"])
        strict = run_hook(hook, good, args=["--min-score", "100"])

        assert lenient.returncode == 0
        assert strict.returncode == 1 and "(minimum 100)" in strict.stdout

    def test_a_file_that_is_not_toml_stops_the_commit_with_exit_2(self, hook, tmp_path):
        broken = tmp_path / "broken.bizop.toml"
        broken.write_text("[model\n", "utf-8")

        result = run_hook(hook, broken)

        assert result.returncode == 2
        assert "line 1" in result.stderr and "Traceback" not in result.stderr


def test_the_documented_pre_commit_configs_use_the_hook_as_declared(hook):
    doc = (ROOT / "docs" / "integrations.md").read_text("utf-8")
    configs = [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", doc, re.S) if "repos:" in block]

    hooks = [h for config in configs for repo in config["repos"] for h in repo["hooks"]]
    assert [h["id"] for h in hooks] == ["bizop-check", "bizop-check"]
    remote, local = hooks
    assert remote["args"][0] == "--min-score"
    assert shlex.split(local["entry"])[:2] == shlex.split(hook["entry"])
    assert local["files"] == hook["files"]
