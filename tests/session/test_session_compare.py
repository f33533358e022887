"""Comparing a session with another version, without a screen: a git revision, another file or the last
save is read and judged by a function for a background thread; the marks (+ ~ -) follow every edit
and equal a fresh comparison; errors are plain outcomes."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import subprocess

import pytest

from bizop_tui.bench.synthetic import synthetic_model
from bizop_tui.model.changes import model_changes
from bizop_tui.model.document import Document
from bizop_tui.session import Session
from bizop_tui.templates import template_text

TODAY = dt.date(2026, 11, 27)
GIT = shutil.which("git")


def git(folder, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=folder, check=True,
                   capture_output=True)


def compare(session: Session, spec: str | None):
    return session.compare_with(session.read_job(spec)())


def fresh_marks(session: Session) -> dict[str, str]:
    return model_changes(session.baseline.old, session.model).marks()


@pytest.fixture
def amazon(tmp_path) -> Session:
    path = tmp_path / "amazon.toml"
    path.write_text(template_text("amazon"), "utf-8")
    return Session(Document.open(str(path)), today=TODAY)


@pytest.fixture
def in_git(amazon, tmp_path) -> Session:
    if GIT is None:
        pytest.skip("git is not installed")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "amazon.toml")
    git(tmp_path, "commit", "-qm", "the sample")
    return amazon


# -- reading the other version ----------------------------------------------------------------------


def test_comparing_with_head_after_edits_marks_them_and_gives_the_score_then_and_now(in_git):
    session = in_git
    before = session.alignment.score
    session.delete_entry("proc-returns")
    session.update_entry("proc-last-mile", {"name": "Last mile by drone"})
    session.add_entry("operating.processes", {"name": "Same-day courier pilot", "supports": ["vp-fast-delivery"]})
    outcome = compare(session, "HEAD")
    assert outcome.ok and "HEAD" in outcome.message
    marks = session.change_marks
    assert marks["proc-returns"] == "-" and marks["proc-last-mile"] == "~"
    assert [i for i, m in marks.items() if m == "+"] == ["proc-same-day-courier-pilot"]
    assert session.baseline.change_of("proc-last-mile").renamed
    compared = session.compared()
    assert (compared.before, compared.after) == (before, session.alignment.score)
    assert (compared.added, compared.changed, compared.removed) == (1, 1, ("Customer returns and refunds",))
    assert compared.new_findings and compared.short == "HEAD"


def test_comparing_with_another_file_needs_no_git(amazon, tmp_path):
    other = tmp_path / "target.toml"
    other.write_text(template_text("amazon").replace('name = "Last mile delivery"', 'name = "Drones"'), "utf-8")
    assert compare(amazon, str(other)).ok
    assert amazon.change_marks == {"proc-last-mile": "~"}
    assert amazon.compared().label == str(other)


def test_two_unrelated_models_compare_without_a_fuss(amazon, tmp_path):
    other = tmp_path / "consulting.toml"
    other.write_text(template_text("consulting-firm"), "utf-8")
    assert compare(amazon, str(other)).ok
    marks = amazon.change_marks
    assert set(marks.values()) == {"+", "-"} and marks == fresh_marks(amazon)


@pytest.mark.parametrize("spec, said", [
    ("no-such-revision", "git knows no revision 'no-such-revision'"),
    ("missing.toml", "no such file"),
    ("--output", "is not a revision"),
])
def test_a_version_that_cannot_be_read_is_a_clear_refusal_and_the_comparison_stays_as_it_was(in_git, spec, said):
    assert compare(in_git, "HEAD").ok
    outcome = compare(in_git, spec)
    assert not outcome.ok and said in outcome.message
    assert in_git.baseline.spec == "HEAD"


def test_a_file_outside_git_says_so_and_what_to_type_instead(amazon):
    outcome = compare(amazon, "HEAD")
    assert not outcome.ok and "is not in a git repository" in outcome.message
    assert "give the path of a model file" in outcome.hint and "bizop diff" not in outcome.hint


def test_a_named_pipe_is_refused_at_once(amazon, tmp_path):
    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)
    outcome = compare(amazon, str(pipe))
    assert not outcome.ok and "named pipe" in outcome.message


def test_a_read_overtaken_by_a_newer_one_or_by_stopping_is_dropped(amazon, tmp_path):
    other = tmp_path / "other.toml"
    other.write_text(template_text("amazon"), "utf-8")
    late = amazon.read_job(str(other))
    amazon.stop_comparing()
    assert not amazon.compare_with(late()).ok and amazon.baseline is None


# -- following edits ----------------------------------------------------------------------------------


def test_the_marks_kept_edit_by_edit_equal_a_fresh_comparison(amazon):
    assert compare(amazon, None).ok and amazon.change_marks == {}
    rng = random.Random(5)
    for step in range(40):
        ids = [e.id for e in amazon.model.entries()]
        roll = rng.random()
        if roll < 0.3:
            amazon.delete_entry(rng.choice(ids))
        elif roll < 0.6:
            amazon.update_entry(rng.choice(ids), {"name": f"Renamed {step}"})
        elif roll < 0.8:
            amazon.add_entry("operating.processes", {"name": f"New process {step}", "supports": [rng.choice(ids)]})
        else:
            amazon.undo()
        assert amazon.change_marks == fresh_marks(amazon), step


def test_a_whole_text_change_compares_everything_again(amazon):
    assert compare(amazon, None).ok
    amazon.delete_entry("proc-returns")
    amazon.edit_settings({"name": "Amazon, renamed"})  # rewrites the whole text
    assert amazon.change_marks == {"proc-returns": "-"} == fresh_marks(amazon)


def test_saving_makes_the_saved_text_the_version_compared_with(amazon):
    assert compare(amazon, None).ok
    amazon.delete_entry("proc-returns")
    assert amazon.change_marks == {"proc-returns": "-"}
    assert amazon.save().ok
    assert amazon.change_marks == {} and amazon.compared().before == amazon.alignment.score
    amazon.update_entry("proc-last-mile", {"name": "Drones"})
    assert amazon.change_marks == {"proc-last-mile": "~"}
    amazon.undo()
    assert amazon.change_marks == {}


def test_comparing_with_a_revision_keeps_it_across_a_save(in_git):
    assert compare(in_git, "HEAD").ok
    in_git.delete_entry("proc-returns")
    assert in_git.save().ok
    assert in_git.change_marks == {"proc-returns": "-"}


def test_the_full_report_is_that_of_bizop_diff(in_git):
    from bizop_tui.alignment.diff import diff_models

    in_git.delete_entry("proc-returns")
    assert compare(in_git, "HEAD").ok
    diff = in_git.diff_job()()
    fresh = diff_models(in_git.baseline.old, in_git.model, TODAY)
    assert [e.id for e in diff.changes.removed] == [e.id for e in fresh.changes.removed] == ["proc-returns"]
    assert diff.comparison.score == fresh.comparison.score


def test_a_large_model_follows_an_edit_with_only_that_entry_marked(tmp_path):
    path = tmp_path / "large.toml"
    path.write_text(synthetic_model(20000), "utf-8")
    session = Session(Document.open(str(path)), today=TODAY, background_from=10**9)
    assert compare(session, None).ok
    entry = next(session.model.entries("operating"))
    for i in range(20):
        session.update_entry(entry.id, {"name": f"Renamed {i}"})
    assert session.change_marks == {entry.id: "~"}


def test_a_model_not_saved_yet_has_no_history_but_compares_with_a_file(tmp_path):
    session = Session(Document.from_text(template_text("amazon")), today=TODAY)
    outcome = compare(session, "HEAD")
    assert not outcome.ok and "no git history" in outcome.message and "save this model first" in outcome.hint
    other = tmp_path / "other.toml"
    other.write_text(template_text("amazon"), "utf-8")
    assert compare(session, str(other)).ok and session.change_marks == {}
