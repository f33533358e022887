"""Stories about `bizop export`: JSON for programs and Markdown for review documents."""

from __future__ import annotations

import json

MODEL = """
[model]
name = "Pipes | and [brackets]"
description = "A model | with pipes"
currency = "EUR"
reviewed = 2020-01-01

[[business.customer_segments]]
id = "seg"
name = "Retail | wholesale"

[[business.value_propositions]]
id = "vp"
name = "Insights | alerts"
segments = ["seg"]

[[business.revenue_streams]]
id = "rs"
name = "Subscriptions"
amount = 1000

[[operating.processes]]
id = "p-a"
name = "Reporting"
supports = ["vp", "nope"]

[[operating.processes]]
id = "p-b"
name = "Reporting"
supports = ["vp", "nope"]
"""


def export_json(run, path: str, *extra: str) -> dict:
    result = run("export", path, "--format", "json", "--today", "2026-06-01", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_export_has_the_model_the_score_the_sub_scores_and_the_findings(run, model_file):
    data = export_json(run, model_file(MODEL))

    assert {"model", "score", "scores", "findings"} <= set(data)
    assert data["model"]["name"] == "Pipes | and [brackets]"
    assert data["model"]["currency"] == "EUR"
    assert data["model"]["entries"] == 5
    assert isinstance(data["score"], int) and 0 <= data["score"] <= 100
    assert set(data["scores"]) == {"delivery", "chains", "focus", "coherence", "archetype"}
    for sub in data["scores"].values():
        assert {"title", "value", "weight", "passed", "total", "checks"} <= set(sub)
        assert sub["total"] == len(sub["checks"])


def test_each_exported_finding_has_rule_severity_message_and_entries(run, model_file):
    data = export_json(run, model_file(MODEL))

    assert data["findings"]
    for finding in data["findings"]:
        assert {"rule", "severity", "message", "entries"} <= set(finding)
        assert finding["severity"] in ("error", "warning", "info")
        assert isinstance(finding["entries"], list)
    broken = [f for f in data["findings"] if f["rule"] == "links.broken"]
    assert [f["entries"] for f in broken] == [["p-a"], ["p-b"]]
    assert broken[0]["line"] == 21


def test_json_export_agrees_with_check(run, model_file):
    path = model_file(MODEL)

    data = export_json(run, path)
    check = run("check", path, "--today", "2026-06-01").stdout

    assert f"score {data['score']} " in check
    rules = [line.split(": ")[2] for line in check.splitlines()[:-1]]
    assert rules == [f["rule"] for f in data["findings"]]


def test_json_export_is_the_same_twice(run, model_file):
    path = model_file(MODEL)

    first = run("export", path, "--format", "json", "--today", "2026-06-01").stdout
    second = run("export", path, "--format", "json", "--today", "2026-06-01").stdout

    assert first == second


def test_json_export_is_the_default_format(run, model_file):
    path = model_file(MODEL)

    assert json.loads(run("export", path, "--today", "2026-06-01").stdout) == export_json(run, path)


def test_export_writes_to_a_file_with_output(run, model_file, tmp_path):
    out = tmp_path / "review.json"

    result = run("export", model_file(MODEL), "--format", "json", "-o", str(out))

    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["model"]["name"] == "Pipes | and [brackets]"


def test_markdown_export_has_a_title_and_a_findings_table(run, model_file):
    result = run("export", model_file(MODEL), "--format", "markdown", "--today", "2026-06-01")

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("# Alignment review: ")
    assert "| Rule | Line | At stake | Finding | Decide |" in lines
    assert "## Errors (2)" in lines
    assert any(line.startswith("| `links.broken` | 21 |") for line in lines)
    assert "| Sub-score | Value | Weight | Detail |" in lines


def test_markdown_export_escapes_pipes_in_user_text(run, model_file):
    out = run("export", model_file(MODEL), "--format", "markdown").stdout
    lines = out.splitlines()

    assert lines[0] == "# Alignment review: Pipes \\| and \\[brackets\\]"
    assert "A model \\| with pipes" in lines
    segment_rows = [line for line in lines if "Retail" in line]
    assert segment_rows and all("Retail \\| wholesale" in line for line in segment_rows)
    # every row of a table keeps its number of columns
    for line in lines:
        if line.startswith("| `"):
            assert line.replace("\\|", "").count("|") == 6, line


def test_markdown_export_is_the_same_twice(run, model_file):
    path = model_file(MODEL)

    first = run("export", path, "--format", "markdown", "--today", "2026-06-01").stdout
    second = run("export", path, "--format", "markdown", "--today", "2026-06-01").stdout

    assert first == second


def test_export_of_an_unknown_format_is_refused(run, model_file):
    result = run("export", model_file(MODEL), "--format", "yaml")

    assert result.exit_code == 2


def test_export_of_invalid_toml_exits_2_without_a_traceback(run, model_file):
    result = run("export", model_file("[model\n"), "--format", "json")

    assert result.exit_code == 2
    assert "line 1" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_json_export_is_identical_across_processes(model_file):
    import os
    import subprocess
    import sys

    path = model_file(MODEL + '\n[[operating.people]]\nid = "x"\nname = "X"\nsuports = ["vp"]\nownr = "y"\n')
    outputs = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        completed = subprocess.run(
            [sys.executable, "-m", "bizop_tui", "export", path, "--format", "json", "--today", "2026-06-01"],
            capture_output=True, text=True, env=env, timeout=120,
        )
        assert completed.returncode == 0, completed.stderr
        outputs.append(completed.stdout)

    assert outputs[0] == outputs[1] == outputs[2]


def test_export_never_writes_the_report_over_the_model_itself(run, model_file):
    path = model_file('[model]\nname = "Acme"\n')
    before = open(path, "rb").read()

    result = run("export", path, "--format", "markdown", "-o", path)

    assert result.exit_code == 2
    assert "is the model itself" in result.output
    assert open(path, "rb").read() == before
