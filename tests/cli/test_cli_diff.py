"""Stories about `bizop diff OLD NEW`: what a reviewer reads in each format, the CI gate, and input that
must end in a clear message rather than a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from bizop_tui.cli import main
from tests.cli.conftest import PLAIN_ENV

TEMPLATES = Path(__file__).parents[2] / "src" / "bizop_tui" / "templates"
TODAY = ("--today", "2026-11-27")

BAKERY = """
[model]
name = "Bakery"
currency = "EUR"

[[business.customer_segments]]
id = "seg"
name = "Locals"

[[business.value_propositions]]
id = "vp-bread"
name = "Fresh bread"
segments = ["seg"]

[[business.channels]]
id = "ch-shop"
name = "Shop"
segments = ["seg"]

[[business.revenue_streams]]
id = "rs-shop"
name = "Shop sales"
segments = ["seg"]
amount = 900000

[[operating.organisation]]
id = "org"
name = "Bakery team"

[[operating.processes]]
id = "p-bake"
name = "Night baking"
owner = "org"
supports = ["vp-bread", "ch-shop"]
cost = 200000

[[operating.processes]]
id = "p-till"
name = "Till and card payments"
owner = "org"
supports = ["rs-shop"]

[[operating.people]]
id = "ppl"
name = "Bakers"
supports = ["p-bake"]

[[operating.technology]]
id = "t-ovens"
name = "Deck ovens"
supports = ["p-bake"]
"""
BROKEN_LINK = BAKERY.replace('supports = ["vp-bread", "ch-shop"]', 'supports = ["vp-bread"]')
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def pair(model_file):
    def pair(old: str, new: str):
        return model_file(old, "old.toml"), model_file(new, "new.toml")

    return pair


def test_a_broken_link_shows_the_drop_the_new_finding_and_the_entry_in_80_columns(run, pair):
    result = run("diff", *pair(BAKERY, BROKEN_LINK), *TODAY)

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Alignment 100 -> " in out and "Promises delivered" in out
    assert "New (1)\n  + ▲ promise.undelivered  line 14" in out
    assert "channel 'Shop' is promised, but no operating entry supports it" in out
    assert "Entries: 0 added, 0 removed, 1 changed" in out
    assert "~ 'Night baking' (p-bake)\n      supports - 'Shop'" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "\x1b" not in out


def test_markdown_is_a_pull_request_comment_with_tables(run, pair):
    out = run("diff", *pair(BAKERY, BROKEN_LINK), "--format", "markdown", *TODAY).stdout

    assert out.startswith("## bizop diff: Bakery\n")
    assert re.search(r"\*\*Alignment: 100 → \d+ \(-\d+\)\*\*", out)
    assert "| warning | `promise.undelivered` | 14 | 900,000 EUR | channel 'Shop' is promised" in out
    assert "| ~ | 'Night baking' (p-bake) | Processes | supports - 'Shop' |" in out


def test_json_has_stable_documented_keys(run, pair):
    data = json.loads(run("diff", *pair(BAKERY, BROKEN_LINK), "--format", "json", *TODAY).stdout)

    assert list(data) == ["bizop", "old", "new", "same", "score", "scores", "verdict", "findings", "entries",
                          "settings", "money"]
    assert data["score"]["before"] == 100 and data["score"]["change"] == data["score"]["after"] - 100
    assert list(data["scores"]) == ["delivery", "chains", "focus", "coherence", "archetype"]
    assert [f["key"] for f in data["findings"]["new"]] == ["promise.undelivered:ch-shop"]
    (changed,) = data["entries"]["changed"]
    assert changed["id"] == "p-bake" and changed["links"] == {"supports": {"added": [], "removed": ["ch-shop"]}}
    assert set(changed) == {"id", "name", "side", "block", "status", "renamed_from", "moved_from", "status_from",
                            "links", "fields"}
    assert data["money"]["revenue"] == {"before": 900000, "after": 900000, "change": 0}


def test_renamed_moved_retired_and_repriced_entries_say_so(run, pair):
    new = (BAKERY.replace('name = "Deck ovens"', 'name = "Stone ovens"\nstatus = "retiring"')
           .replace("cost = 200000", "cost = 260000").replace('owner = "org"\nsupports = ["rs-shop"]',
                                                                'supports = ["rs-shop"]')
           .replace('[[operating.people]]\nid = "ppl"', '[[operating.organisation]]\nid = "ppl"'))
    out = run("diff", *pair(BAKERY, new), *TODAY).stdout

    assert "~ 'Stone ovens' (t-ovens, retiring)\n      renamed from 'Deck ovens'\n      status active -> retiring" in out
    assert "cost 200,000 -> 260,000 (+60,000)" in out
    assert "owner 'Bakery team' -> (none)" in out
    assert "~ 'Bakers' (ppl)\n      moved from People (operating)" in out
    assert "Operating costs" in out and "200,000           260,000  +60,000" in out


def test_the_same_model_says_there_is_no_difference(run, pair, model_file):
    assert "No differences: the two files are identical." in run("diff", *pair(BAKERY, BAKERY)).stdout
    commented = "# a comment\n" + BAKERY
    out = " ".join(run("diff", *pair(BAKERY, commented)).stdout.split())
    assert "No differences in the model: the files differ only in comments, layout, line endings or order." in out
    data = json.loads(run("diff", *pair(BAKERY, commented), "--format", "json").stdout)
    assert data["same"] is True


def test_crlf_and_lf_versions_of_one_model_are_the_same_model(run, model_file, tmp_path):
    old = tmp_path / "crlf.toml"
    old.write_bytes(BAKERY.replace("\n", "\r\n").encode())
    new = model_file(BROKEN_LINK, "lf.toml")
    out = run("diff", str(old), new, *TODAY).stdout
    assert "Entries: 0 added, 0 removed, 1 changed" in out
    same = run("diff", str(old), model_file(BAKERY, "lf2.toml")).stdout
    assert "No differences in the model" in same


@pytest.mark.parametrize(("old", "new"), [("amazon", "consulting-firm"), ("subscription-software", "online-retailer")])
def test_two_unrelated_samples_compare_in_every_format(run, old, new):
    paths = str(TEMPLATES / f"{old}.toml"), str(TEMPLATES / f"{new}.toml")
    for fmt in ("text", "markdown", "json"):
        result = run("diff", *paths, "--format", fmt, *TODAY)
        assert result.exit_code == 0
    text = run("diff", *paths, *TODAY).stdout
    assert "Model settings ([model])" in text and "the currency changed, so amounts are not compared" in text
    roadmap = run("diff", *paths, "--roadmap", *TODAY)
    assert roadmap.exit_code == 0 and "to build" in roadmap.stdout


def test_an_empty_file_against_a_sample_shows_no_score_before(run, model_file):
    empty = model_file("", "empty.toml")
    sample = str(TEMPLATES / "amazon.toml")
    score = json.loads(run("export", sample, *TODAY).stdout)["score"]
    out = run("diff", empty, sample, *TODAY).stdout
    assert f"Alignment - -> {score}" in out
    assert "old: Not enough to judge yet" in out
    back = json.loads(run("diff", sample, empty, "--format", "json", *TODAY).stdout)
    assert back["score"] == {"before": score, "after": None, "change": None}
    assert back["verdict"]["after"].startswith("not enough to judge")


def test_hostile_names_cannot_drive_the_terminal_or_break_markdown(run, pair):
    hostile = "\x1b]0;TITLE\x07[bold]x[/] \u202e\x9b2J | `code` <b>"
    escaped = hostile.encode("unicode_escape").decode().replace("\\x", "\\u00")
    # The renamed process, and a link to it from the ovens that is new: its name appears in both.
    new = BAKERY.replace('name = "Night baking"', f'name = "{escaped}"').replace(
        'name = "Deck ovens"\nsupports = ["p-bake"]', 'name = "Deck ovens"\nsupports = ["p-bake", "p-till"]')
    new = new.replace('name = "Till and card payments"', f'name = "{escaped}"')
    paths = pair(BAKERY, new)
    text = run("diff", *paths).stdout
    assert not CONTROL.search(text) and "\u202e" not in text
    assert "[bold]x[/]" in text and "␛]0;TITLE␇" in text
    markdown = run("diff", *paths, "--format", "markdown").stdout
    assert not CONTROL.search(markdown)
    assert r"\[bold\]x\[/\] \<U+202E\>\<U+009B\>2J \| \`code\` \<b\>' (p-bake) | Processes |" in markdown
    raw = run("diff", *paths, "--format", "json").stdout
    assert not CONTROL.search(raw) and "\\u001b]0;TITLE\\u0007" in raw
    assert json.loads(raw)["entries"]["changed"][0]["name"] == hostile


def test_a_version_that_is_not_toml_is_named_with_its_line(run, pair):
    old, new = pair(BAKERY, BAKERY.replace('name = "Shop"', 'name = "Shop'))
    result = run("diff", old, new)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"bizop: {new}, line 16, column 13: invalid TOML")
    assert "Traceback" not in result.output


def test_missing_files_and_wrong_arguments_exit_2_with_a_message(run, pair, tmp_path):
    old, new = pair(BAKERY, BAKERY)
    missing = run("diff", old, str(tmp_path / "nope.toml"))
    assert missing.exit_code == 2 and "nope.toml: no such file" in missing.stderr
    assert run("diff", old, new, "--rev", "HEAD").exit_code == 2
    assert run("diff", old, new, old).exit_code == 2
    assert run("diff", "-", "-").exit_code == 2
    assert "folder" in run("diff", old, str(tmp_path)).stderr


def test_one_version_can_come_from_standard_input(pair):
    old, new = pair(BAKERY, BROKEN_LINK)
    result = CliRunner().invoke(main, ["diff", "-", new, *TODAY], input=BAKERY, env=PLAIN_ENV, prog_name="bizop")
    assert result.exit_code == 0, result.output
    assert "old  standard input" in result.stdout and "supports - 'Shop'" in result.stdout


def test_fail_on_drop_exits_1_on_a_drop_beyond_the_limit_and_0_within_it(run, pair):
    paths = pair(BAKERY, BROKEN_LINK)
    data = json.loads(run("diff", *paths, "--format", "json").stdout)
    drop = -data["score"]["change"]
    assert drop > 0
    failed = run("diff", *paths, "--fail-on-drop", str(drop - 1))
    assert failed.exit_code == 1
    assert f"bizop diff: FAILED: the score drops by {drop} points" in failed.stderr
    passed = run("diff", *paths, "--fail-on-drop", str(drop), "--format", "json")
    assert passed.exit_code == 0 and json.loads(passed.stdout)["score"]["change"] == -drop
    assert "bizop diff: ok" in passed.stderr


def test_fail_on_drop_exits_1_on_a_new_error_whatever_the_score(run, pair):
    new = BAKERY.replace('supports = ["rs-shop"]', 'supports = ["rs-shop", "nowhere"]')
    result = run("diff", *pair(BAKERY, new), "--fail-on-drop", "100")
    assert result.exit_code == 1 and "1 new error finding: links.broken" in result.stderr


def test_fail_on_drop_fails_when_the_new_version_has_too_little_to_score(run, pair):
    empty_operating = BAKERY.split("[[operating.organisation]]")[0]
    result = run("diff", *pair(BAKERY, empty_operating), "--fail-on-drop", "100")
    assert result.exit_code == 1 and "the new version has none" in result.stderr
    back = run("diff", *pair(empty_operating, BAKERY), "--fail-on-drop", "0")
    assert back.exit_code == 0


def test_roadmap_groups_steps_by_operating_dimension_with_what_each_fixes(run, pair):
    target = BROKEN_LINK + ('\n[[operating.processes]]\nid = "p-counter"\nname = "Counter service"\nowner = "org"\n'
                            'supports = ["ch-shop"]\n')
    target = target.replace('name = "Deck ovens"', 'name = "Deck ovens"\nstatus = "retiring"')
    paths = pair(BROKEN_LINK, target)
    out = run("diff", *paths, "--roadmap", *TODAY).stdout
    assert "1 to build, 0 to change, 1 to retire" in out
    assert out.index("Processes (operating)") < out.index("Technology (operating)")
    assert "+ build 'Counter service' (p-counter): alignment" in out
    assert "fixes promise.undelivered: channel 'Shop' is promised" in out
    assert "- retire 'Deck ovens' (t-ovens, retiring)" in out
    data = json.loads(run("diff", *paths, "--roadmap", "--format", "json", *TODAY).stdout)
    assert [(s["kind"], s["id"]) for s in data["steps"]] == [("build", "p-counter"), ("retire", "t-ovens")]
    assert [f["key"] for f in data["steps"][0]["fixes"]] == ["promise.undelivered:ch-shop"]
    markdown = run("diff", *paths, "--roadmap", "--format", "markdown", *TODAY).stdout
    assert "### Processes" in markdown and "| build | 'Counter service' (p-counter)" in markdown
