"""Stories about `bizop diff FILE --rev REV` and `--staged` in a real git repository, the textconv diff
driver behind `git diff` and `git log -p`, and the pre-commit and CI uses docs/diff.md gives."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bizop_tui.alignment import analyse
from bizop_tui.alignment.compare import compare
from bizop_tui.model import load_model
from bizop_tui.model.document import Document

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

TEMPLATES = Path(__file__).parents[2] / "src" / "bizop_tui" / "templates"
DOCS = Path(__file__).parents[2] / "docs"
BIN = Path(sys.executable).parent
SAMPLES = ["amazon", "consulting-firm", "online-retailer", "subscription-software"]
TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def git_env(tmp_path_factory, monkeypatch):
    """An environment where git reads no user or system configuration and commits without asking."""
    home = tmp_path_factory.mktemp("home")
    (home / ".gitconfig").write_text("[user]\n\tname = Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n")
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    return os.environ


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path, git_env, monkeypatch):
    """A fresh repository, the current folder of the test."""
    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "-q")
    monkeypatch.chdir(folder)
    return folder


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def three_edits(path: Path) -> dict:
    """Fix a finding (support an undelivered promise), break a link, add a planned entry; what was done."""
    document = Document.open(str(path))
    model = document.model
    alignment = analyse(model, TODAY)
    fixed = next(f for f in alignment.findings if f.rule == "promise.undelivered")
    promise = fixed.entries[0]
    fixer = next(e for e in model.block_entries("processes") if e.status == "active")
    document.update_entry(fixer.id, {"supports": [*fixer.supports, promise]})
    breaker = next(e for e in model.block_entries("technology") if len(e.supports) > 1 and e.id != fixer.id)
    lost = breaker.supports[0]
    document.update_entry(breaker.id, {"supports": list(breaker.supports[1:])})
    proposition = model.block_entries("value_propositions")[0]
    document.add_entry("operating.processes", {"id": "p-self-service", "name": "Self-service portal",
                                               "status": "planned", "supports": [proposition.id]})
    document.save(str(path), overwrite=True)
    return {"fixed": fixed.key, "promise": promise, "fixer": fixer, "breaker": breaker, "lost": lost}


@pytest.mark.parametrize("name", SAMPLES)
def test_three_edits_to_a_sample_show_exactly_in_every_format(repo, run, name):
    path = repo / "model.bizop.toml"
    shutil.copy(TEMPLATES / f"{name}.toml", path)
    commit_all(repo, "the sample")
    before = load_model(str(path))
    edits = three_edits(path)
    commit_all(repo, "three edits")
    after = load_model(str(path))
    expected = compare(analyse(before, TODAY), analyse(after, TODAY))
    score = expected.score
    assert score.before is not None and score.after is not None
    args = ("diff", "model.bizop.toml", "--rev", "HEAD~1", "--today", "2026-11-27")
    fixer, breaker = edits["fixer"], edits["breaker"]
    promise_name = after.by_id[edits["promise"]].name
    lost_name = after.by_id[edits["lost"]].name

    data = json.loads(run(*args, "--format", "json").stdout)
    assert data["score"] == {"before": score.before, "after": score.after, "change": score.delta}
    assert {k: (v["before"], v["after"]) for k, v in data["scores"].items()} == {
        s.key: (s.before, s.after) for s in expected.scores[1:]}
    assert edits["fixed"] in [f["key"] for f in data["findings"]["resolved"]]
    assert sorted(f["key"] for f in data["findings"]["new"]) == sorted(f.key for f in expected.new)
    assert sorted(f["key"] for f in data["findings"]["resolved"]) == sorted(f.key for f in expected.resolved)
    assert [(e["id"], e["status"]) for e in data["entries"]["added"]] == [("p-self-service", "planned")]
    assert data["entries"]["removed"] == []
    assert {e["id"]: (e["links"], e["fields"], e["renamed_from"], e["moved_from"], e["status_from"])
            for e in data["entries"]["changed"]} == {
        fixer.id: ({"supports": {"added": [edits["promise"]], "removed": []}}, {}, None, None, None),
        breaker.id: ({"supports": {"added": [], "removed": [edits["lost"]]}}, {}, None, None, None)}
    assert data["settings"] == {}

    text = run(*args).stdout
    assert f"Alignment {score.before} -> {score.after} ({score.delta:+d})" in text
    assert "Entries: 1 added, 0 removed, 2 changed" in text
    assert "+ 'Self-service portal' (p-self-service, planned)" in text
    flat = " ".join(text.split())  # the lines as one, wherever they wrapped
    assert f"~ '{fixer.name}' ({fixer.id}) supports + '{promise_name}'" in flat
    assert f"~ '{breaker.name}' ({breaker.id}) supports - '{lost_name}'" in flat
    assert f"Resolved ({len(expected.resolved)})" in text
    assert max(len(line) for line in text.splitlines()) <= 80

    markdown = run(*args, "--format", "markdown").stdout
    assert f"**Alignment: {score.before} → {score.after} ({score.delta:+d})**" in markdown
    assert "### Entries (1 added, 0 removed, 2 changed)" in markdown
    assert "| + | 'Self-service portal' (p-self-service, planned) | Processes | added |" in markdown
    assert f"| ~ | '{fixer.name}' ({fixer.id}) | Processes | supports + '{promise_name}' |" in markdown


def test_without_rev_the_file_is_compared_with_head_and_staged_compares_the_index(repo, run, model_file):
    path = repo / "m.toml"
    shutil.copy(TEMPLATES / "starter.toml", path)
    commit_all(repo, "start")
    document = Document.open(str(path))
    first = next(iter(document.model.block_entries("processes")))
    document.update_entry(first.id, {"name": "Staged name"})
    document.save(str(path), overwrite=True)
    git(repo, "add", "m.toml")
    document.update_entry(first.id, {"name": "Unstaged name"})
    document.save(str(path), overwrite=True)

    worktree = run("diff", "m.toml").stdout
    assert "at HEAD (" in worktree and "renamed from 'Order to delivery'" in worktree
    assert "'Unstaged name'" in worktree
    staged = run("diff", "m.toml", "--staged").stdout
    assert "new  m.toml (staged)" in staged and "'Staged name'" in staged and "Unstaged" not in staged


def test_a_file_in_a_subfolder_works_from_any_folder(repo, run, tmp_path, monkeypatch):
    (repo / "models").mkdir()
    path = repo / "models" / "m.toml"
    shutil.copy(TEMPLATES / "starter.toml", path)
    commit_all(repo, "start")
    path.write_text(path.read_text().replace('name = "My organisation"', 'name = "Acme"'))
    monkeypatch.chdir(tmp_path)
    out = run("diff", str(path)).stdout
    assert "name 'My organisation' -> 'Acme'" in out
    monkeypatch.chdir(repo / "models")
    assert "name 'My organisation' -> 'Acme'" in run("diff", "m.toml").stdout


def test_a_renamed_file_is_followed_to_its_old_path(repo, run):
    shutil.copy(TEMPLATES / "starter.toml", repo / "old.toml")
    commit_all(repo, "start")
    git(repo, "mv", "old.toml", "new.bizop.toml")
    commit_all(repo, "rename")
    out = run("diff", "new.bizop.toml", "--rev", "HEAD~1").stdout
    assert "old  old.toml at HEAD~1 (" in out and "No differences: the two files are identical." in out


def test_a_file_absent_at_the_revision_exits_2_saying_so(repo, run):
    shutil.copy(TEMPLATES / "starter.toml", repo / "a.toml")
    commit_all(repo, "start")
    shutil.copy(TEMPLATES / "amazon.toml", repo / "b.toml")
    commit_all(repo, "second")
    result = run("diff", "b.toml", "--rev", "HEAD~1")
    assert result.exit_code == 2
    assert result.stderr.startswith("bizop: b.toml: is not in the repository at HEAD~1")
    assert "git log --follow" in result.stderr
    untracked = repo / "c.toml"
    shutil.copy(TEMPLATES / "starter.toml", untracked)
    assert "is not in the repository at HEAD" in run("diff", "c.toml").stderr
    assert "is not staged or tracked by git" in run("diff", "c.toml", "--staged").stderr


def test_an_unknown_revision_or_an_empty_repository_exits_2(repo, run):
    shutil.copy(TEMPLATES / "starter.toml", repo / "m.toml")
    empty = run("diff", "m.toml")
    assert empty.exit_code == 2 and "no commits yet" in empty.stderr
    commit_all(repo, "start")
    result = run("diff", "m.toml", "--rev", "no-such-branch")
    assert result.exit_code == 2 and "git knows no revision 'no-such-branch'" in result.stderr
    option = run("diff", "m.toml", "--rev", "--output=/tmp/pwned")
    assert option.exit_code == 2 and "is not a revision" in option.stderr
    assert not Path("/tmp/pwned").exists()


def test_outside_a_repository_or_without_git_exits_2(tmp_path, run, git_env, monkeypatch):
    path = tmp_path / "m.toml"
    shutil.copy(TEMPLATES / "starter.toml", path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    outside = run("diff", str(path))
    assert outside.exit_code == 2 and "is not in a git repository" in outside.stderr
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    missing = run("diff", str(path))
    assert missing.exit_code == 2 and "git is not installed, or not on the PATH" in missing.stderr


def test_an_old_version_that_is_not_toml_is_named_by_its_revision(repo, run):
    path = repo / "m.toml"
    path.write_text('[model]\nname = "Broken\n')
    commit_all(repo, "broken")
    shutil.copy(TEMPLATES / "starter.toml", path)
    result = run("diff", "m.toml")
    assert result.exit_code == 2
    assert re.match(r"bizop: m\.toml at HEAD \([0-9a-f]{7}\), line 2, column \d+: invalid TOML", result.stderr)


def test_a_relative_git_dir_from_a_hook_still_finds_the_file(repo, run, monkeypatch):
    (repo / "models").mkdir()
    shutil.copy(TEMPLATES / "starter.toml", repo / "models" / "m.toml")
    commit_all(repo, "start")
    monkeypatch.setenv("GIT_DIR", ".git")  # as a hook may see it, relative to the root
    assert run("diff", "models/m.toml").exit_code == 0


# -- git integration: textconv, pre-commit, CI ---------------------------------------------------------


def code_blocks(path: Path, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", path.read_text("utf-8"), re.S)


def setup_lines() -> list[str]:
    """The copy-paste lines of docs/diff.md that set up the textconv driver."""
    lines = [line for block in code_blocks(DOCS / "diff.md", "sh") for line in block.splitlines()
             if "diff.bizop.textconv" in line or "diff=bizop" in line]
    assert len(lines) == 2
    return lines


@pytest.fixture
def on_path(monkeypatch):
    """`bizop` on the PATH, as after installing it."""
    monkeypatch.setenv("PATH", f"{BIN}{os.pathsep}{os.environ['PATH']}")


def test_the_readme_gives_the_same_textconv_lines_as_the_docs():
    readme = "\n".join(code_blocks(DOCS.parent / "README.md", "sh"))
    for line in setup_lines():
        assert line in readme


def test_the_documented_textconv_driver_makes_git_diff_and_log_show_the_alignment_change(repo, on_path):
    for line in setup_lines():
        subprocess.run(line, shell=True, cwd=repo, check=True)
    path = repo / "model.bizop.toml"
    shutil.copy(TEMPLATES / "online-retailer.toml", path)
    commit_all(repo, "start")
    before = analyse(load_model(str(path)))
    three_edits(path)
    after = analyse(load_model(str(path)))
    assert before.score != after.score

    diff = git(repo, "diff")
    assert f"\n-alignment: {before.score}\n" in diff and f"\n+alignment: {after.score}\n" in diff
    assert "\n-  warning promise.undelivered:" in diff
    assert '\n+status = "planned"\n' in diff  # the file's own lines follow
    commit_all(repo, "three edits")
    log = git(repo, "log", "-p", "-1")
    assert f"\n+alignment: {after.score}\n" in log
    raw = git(repo, "diff", "--no-textconv", "HEAD~1")
    assert "alignment:" not in raw


def test_textconv_shows_a_version_it_cannot_read_and_never_stops_git(repo, run):
    path = repo / "model.bizop.toml"
    path.write_text('[model]\nname = "Broken\n')
    result = run("textconv", str(path))
    assert result.exit_code == 0
    assert result.stdout.startswith("# bizop: this version cannot be read\n# line 2, column")
    assert '[model]\nname = "Broken\n' in result.stdout
    path.write_bytes(b"\xff\xfe not utf-8")
    assert "not valid UTF-8" in run("textconv", str(path)).stdout
    assert run("textconv", str(repo / "missing.toml")).exit_code == 2


def test_textconv_is_stable_line_oriented_and_safe_for_a_terminal(run, model_file):
    path = model_file('[model]\nname = "Acme \\u001b[2J"\n\n[[operating.processes]]\nid = "p"\nname = "P\\u0007"\n')
    first = run("textconv", path, "--today", "2026-11-27").stdout
    assert first == run("textconv", path, "--today", "2026-11-27").stdout
    assert "\x1b" not in first and "\x07" not in first
    assert first.startswith("# bizop: Acme ␛[2J\nalignment: none (not enough to judge yet")
    assert "line " not in first.split("# ---- the file")[0]  # no line numbers: an edit above moves none


def _starter_commit(repo: Path) -> tuple[Path, str]:
    path = repo / "model.bizop.toml"
    shutil.copy(TEMPLATES / "starter.toml", path)
    git(repo, "add", "-A")
    subprocess.run(["git", "commit", "-q", "--no-verify", "-m", "start"], cwd=repo, check=True)
    return path, path.read_text()


DROP_8 = ('supports = ["vp-main", "ka-deliver", "rs-sales"]', 'supports = ["ka-deliver"]')  # a drop of more than 5
DROP_0 = ('name = "My organisation"', 'name = "Acme"')


def commit(repo: Path) -> subprocess.CompletedProcess:
    git(repo, "add", "-A")
    return subprocess.run(["git", "commit", "-q", "-m", "edit"], cwd=repo, capture_output=True, text=True)


def test_the_documented_pre_commit_hook_stops_a_commit_that_drops_alignment(repo, on_path):
    (script,) = [b for b in code_blocks(DOCS / "diff.md", "sh") if b.startswith("#!/bin/sh")]
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(script)
    hook.chmod(0o755)
    path, text = _starter_commit(repo)
    path.write_text(text.replace(*DROP_8))
    refused = commit(repo)
    assert refused.returncode != 0
    assert re.search(r"bizop diff: FAILED: the score drops by \d+ points \(\d+ -> \d+\), more than 5", refused.stderr)
    path.write_text(text.replace(*DROP_0))
    accepted = commit(repo)
    assert accepted.returncode == 0, accepted.stderr
    shutil.copy(TEMPLATES / "amazon.toml", repo / "new.bizop.toml")  # a new model has no old version
    assert commit(repo).returncode == 0


def test_the_documented_pre_commit_framework_hook_runs_as_pre_commit_runs_it(repo, on_path):
    (block,) = [b for b in code_blocks(DOCS / "diff.md", "yaml") if "id: bizop-diff" in b]
    import yaml

    (hook,) = yaml.safe_load(block)["repos"][0]["hooks"]
    assert re.search(hook["files"], "models/acme.bizop.toml")
    path, text = _starter_commit(repo)
    shutil.copy(TEMPLATES / "amazon.toml", repo / "added.bizop.toml")
    path.write_text(text.replace(*DROP_8))
    # pre-commit runs `entry`, then the staged files that match `files`, in one command line
    argv = [*shlex.split(hook["entry"]), "model.bizop.toml", "added.bizop.toml"]
    failed = subprocess.run(argv, cwd=repo, capture_output=True, text=True)
    assert failed.returncode == 1 and re.search(r"the score drops by \d+ points", failed.stderr)
    path.write_text(text.replace(*DROP_0))
    passed = subprocess.run(argv, cwd=repo, capture_output=True, text=True)
    assert passed.returncode == 0, passed.stderr


def test_the_ci_step_compares_with_the_target_branch(tmp_path, git_env, run, monkeypatch):
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    git(upstream, "init", "-q")
    (upstream / "models").mkdir()
    shutil.copy(TEMPLATES / "starter.toml", upstream / "models" / "acme.bizop.toml")
    commit_all(upstream, "start")
    git(tmp_path, "clone", "-q", str(upstream), "work")
    work = tmp_path / "work"
    git(work, "checkout", "-q", "-b", "feature")
    model = work / "models" / "acme.bizop.toml"
    model.write_text(model.read_text().replace('name = "My organisation"', 'name = "Acme"'))
    commit_all(work, "rename")
    monkeypatch.chdir(work)
    result = run("diff", "models/acme.bizop.toml", "--rev", "origin/main")
    assert result.exit_code == 0 and "at origin/main (" in result.stdout
    assert "name 'My organisation' -> 'Acme'" in result.stdout


def test_a_version_too_large_at_the_revision_is_refused_before_it_is_read(repo, run, monkeypatch):
    shutil.copy(TEMPLATES / "starter.toml", repo / "m.toml")
    commit_all(repo, "start")
    monkeypatch.setattr("bizop_tui.model.revisions.MAX_FILE_BYTES", 1000)
    result = run("diff", "m.toml")
    assert result.exit_code == 2 and "MB at that revision; bizop reads models of up to 0 MB" in result.stderr
