"""Stories about values at the ends of what a file or an option can hold (issue 10, item 10): a review
cadence of 999999 days (a natural "never") or 2^63-1, dates at the ends of the calendar, `--today
0001-12-31`, amounts of hundreds of digits. Every command answers; `check` exits 0 or 1 for a judged
model and 2 for bad input, and a crash of bizop itself is one line and exit 3, never exit 1."""

from __future__ import annotations

import pytest

MODEL = """
[model]
name = "Acme"
reviewed = {reviewed}
{settings}

[[business.value_propositions]]
id = "vp"
name = "Insights"
reviewed = {reviewed}

[[business.revenue_streams]]
id = "rs"
name = "Fees"
{amount}

[[operating.processes]]
id = "p"
name = "Delivery"
supports = ["vp"]
reviewed = {reviewed}
"""

CASES = {
    "cadence-999999": ("2020-01-01", "business_review_days = 999999\noperating_review_days = 999999", "", None),
    "cadence-2^63-1": ("2020-01-01", "business_review_days = 9223372036854775807", "", None),
    "today-year-1": ("2020-01-01", "", "", "0001-12-31"),
    "today-first-day": ("0001-01-01", "", "", "0001-01-01"),
    "today-last-day": ("0001-01-01", "", "", "9999-12-31"),
    "reviewed-last-day": ("9999-12-31", "", "", "0001-01-01"),
    "huge-cadence-and-year-1": ("0001-01-01", "business_review_days = 9223372036854775807", "", "0001-12-31"),
}


def model_text(reviewed: str, settings: str, amount: str) -> str:
    return MODEL.format(reviewed=reviewed, settings=settings, amount=amount)


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("command", ["review", "check", "export"])
def test_extreme_dates_and_cadences_are_judged_without_a_crash(run, model_file, case, command):
    reviewed, settings, amount, today = CASES[case]
    path = model_file(model_text(reviewed, settings, amount))
    args = [command, path] + (["--today", today] if today else [])
    result = run(*args)
    assert "Traceback" not in result.output and "unexpected error" not in result.output
    assert result.exit_code in ((0, 1) if command == "check" else (0,)), result.output


def test_a_cadence_of_999999_days_means_never_stale(run, model_file):
    path = model_file(model_text("1900-01-01", "business_review_days = 999999\noperating_review_days = 999999", ""))
    result = run("export", path, "--today", "2026-06-01")
    assert result.exit_code == 0 and "stale." not in result.stdout


def test_an_entry_reviewed_before_year_1s_cadence_is_stale_as_of_year_2(run, model_file):
    path = model_file(model_text("0001-01-01", "", ""))
    result = run("export", path, "--today", "0002-06-01")
    assert result.exit_code == 0 and "stale.business" in result.stdout


@pytest.mark.parametrize("amount", ["9" * 320, "-" + "9" * 320, "9223372036854775808", "1e400", "nan", "inf"])
def test_amounts_beyond_what_toml_holds_are_findings_not_crashes(run, model_file, amount):
    path = model_file(model_text("2026-01-01", "", f"amount = {amount}"))
    result = run("check", path, "--today", "2026-06-01")
    assert "Traceback" not in result.output
    if amount.lstrip("-").isdigit() and len(amount) > 4300:
        assert result.exit_code == 2
    else:
        assert result.exit_code == 1 and "schema.wrong-type" in result.stdout


def test_a_today_that_is_not_a_date_is_bad_input(run, model_file):
    result = run("check", model_file(model_text("2026-01-01", "", "")), "--today", "10000-01-01")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_check_never_exits_1_for_a_crash_of_bizop_itself(run, model_file, monkeypatch):
    """1 means 'the score is too low': a CI job must not read a crash that way."""
    import bizop_tui.alignment as alignment

    monkeypatch.setattr(alignment, "analyse", lambda *a, **k: 1 / 0)
    result = run("check", model_file(model_text("2026-01-01", "", "")))
    assert result.exit_code == 3
    assert result.stderr.startswith("bizop: unexpected error (ZeroDivisionError")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_an_unexpected_error_in_the_installed_command_is_one_line_and_nonzero(tmp_path):
    """The same, through the real entry point and interpreter (no click test runner in between)."""
    import subprocess
    import sys


    path = tmp_path / "m.toml"
    path.write_text(model_text("2026-01-01", "", ""))
    code = ("import sys, bizop_tui.alignment as a; a.analyse = lambda *x, **k: [][1]; "
            "from bizop_tui.cli import main; sys.argv = ['bizop', 'review', sys.argv[1]]; main()")
    completed = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 3
    assert completed.stderr.count("\n") == 1 and "IndexError" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_a_reader_that_goes_away_ends_check_quietly_and_never_as_a_pass(run, model_file, monkeypatch):
    """`bizop check m.toml | head -1`: no traceback, and not 0, which under pipefail would read as a pass."""
    import bizop_tui.cli as cli

    def reader_gone(*args, **kwargs):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(cli.click, "echo", reader_gone)
    result = run("check", model_file(model_text("2026-01-01", "", "")))
    assert result.exit_code == 141
    assert result.output == ""
