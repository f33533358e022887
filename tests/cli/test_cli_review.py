"""Stories about `bizop review FILE`: a report a person reads in a terminal or a pipe."""

from __future__ import annotations

ACME = """
[model]
name = "Acme Analytics"
description = "Self-serve analytics"

[[business.customer_segments]]
id = "seg"
name = "Small retailers"

[[business.value_propositions]]
id = "vp"
name = "Weekly sales insights"
segments = ["seg"]

[[business.channels]]
id = "ch"
name = "Web sign-up"
segments = ["seg"]

[[operating.processes]]
id = "p"
name = "Insight reporting"
supports = ["vp"]

[[operating.technology]]
id = "t-old"
name = "Legacy reporting server"
"""

MARKUP = """
[model]
name = "[bold]Acme[/bold] and [/foo] friends"
description = "[red]not red[/red]"

[[business.customer_segments]]
id = "seg"
name = "Seg [/foo] [link=x]y[/link]"

[[business.value_propositions]]
id = "vp"
name = "[bold]x[/bold] promise"
segments = ["seg"]
"""


def test_review_prints_the_model_name_the_score_and_the_findings(run, model_file):
    path = model_file(ACME)

    result = run("review", path)

    assert result.exit_code == 0
    out = result.stdout
    assert "bizop review: Acme Analytics" in out
    assert "Alignment " in out and "/100" not in out
    for rule in ("promise.undelivered", "waste.unused", "process.no-owner", "chain.gap"):
        assert rule in out
    assert "'Legacy reporting server'" in out
    assert "waste.unused  line 24" in out  # where the unused server is in the file
    assert "decide: " in out


def test_review_shows_the_same_score_as_check(run, model_file):
    path = model_file(ACME)

    review = run("review", path).stdout
    check = run("check", path).stdout

    score = check.rsplit("score ", 1)[1].split(" ")[0]
    assert f"Alignment {score} " in review


def test_review_shows_the_sub_scores_and_the_coverage_matrix(run, model_file):
    out = run("review", model_file(ACME)).stdout

    for title in ("Promises delivered", "Delivery chains", "Operating focus", "Canvas coherence", "Archetype fit"):
        assert title in out
    assert "Coverage" in out
    assert "Value propositions" in out


def test_review_fits_80_columns_when_not_writing_to_a_terminal(run, model_file):
    long_name = "A value proposition with a long, long name " * 4
    long_word = "Supercalifragilistic" * 8
    path = model_file(
        ACME
        + f'\n[[business.value_propositions]]\nid = "vp-long"\nname = "{long_name}"\n'
        + f'\n[[operating.people]]\nid = "{long_word.lower()}"\nname = "{long_word}"\n'
    )

    result = run("review", path)

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, [line for line in lines if len(line) > 80]
    assert "\x1b[" not in result.stdout  # no colour codes in a pipe


def test_user_text_with_rich_markup_is_shown_literally(run, model_file):
    result = run("review", model_file(MARKUP))

    assert result.exit_code == 0
    out = result.stdout
    assert "[bold]Acme[/bold] and [/foo] friends" in out
    assert "'Seg [/foo] [link=x]y[/link]'" in out
    assert "'[bold]x[/bold] promise'" in out


def test_control_characters_in_user_text_cannot_drive_the_terminal(run, model_file):
    result = run("review", model_file('[model]\nname = "Evil \\u001b[2J name"\n'))

    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "Evil ␛[2J name" in result.stdout


def test_review_of_an_empty_model_gives_no_score_and_says_why(run, model_file):
    result = run("review", model_file('[model]\nname = "Empty"\n'))

    assert result.exit_code == 0
    assert "Alignment - " in result.stdout
    assert "Not enough to judge yet: the model has no operating entries" in result.stdout
    assert "No findings" not in result.stdout


def test_review_of_a_model_without_findings_says_so(run, model_file):
    result = run("review", model_file(
        '[model]\nname = "Tiny"\n\n[[business.value_propositions]]\nid = "vp"\nname = "Fresh bread"\n\n'
        '[[operating.organisation]]\nid = "o"\nname = "Bakery"\n\n'
        '[[operating.processes]]\nid = "p"\nname = "Baking"\nowner = "o"\nsupports = ["vp"]\n\n'
        '[[operating.people]]\nid = "s"\nname = "Bakers"\nsupports = ["p"]\n\n'
        '[[operating.technology]]\nid = "t"\nname = "Ovens"\nsupports = ["p"]\n'))

    assert result.exit_code == 0
    assert "Alignment 100 " in result.stdout
    assert "No findings" in result.stdout


def test_review_with_a_fixed_today_judges_staleness_as_of_that_day(run, model_file):
    path = model_file('[model]\nname = "Acme"\nreviewed = 2020-01-01\n')

    old = run("review", path, "--today", "2020-06-01").stdout
    new = run("review", path, "--today", "2026-06-01").stdout

    assert "stale.model" not in old
    assert "stale.model" in new


def test_review_of_a_file_that_is_not_toml_exits_2_with_the_line(run, model_file):
    result = run("review", model_file('[model]\nname = "Acme\n'))

    assert result.exit_code == 2
    assert "line 2" in result.stderr
    assert "Traceback" not in result.output


def test_review_into_an_ascii_only_output_prints_ascii_marks_and_never_fails(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "sample_models" / "amazon.toml"
    env = dict(os.environ, PYTHONIOENCODING="ascii", NO_COLOR="1")
    result = subprocess.run([sys.executable, "-m", "bizop_tui", "review", str(sample), "--no-pager"],
                            capture_output=True, env=env, timeout=120)

    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("ascii")
    assert "Promises delivered" in out and "#" in out
    assert "! Warnings" in out
