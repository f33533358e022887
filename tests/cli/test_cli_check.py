"""Stories about `bizop check FILE`: the exit code a CI job or a pre-commit hook relies on."""

from __future__ import annotations


ALIGNED = """
[model]
name = "Acme"

[[business.customer_segments]]
id = "seg"
name = "Small retailers"

[[business.value_propositions]]
id = "vp"
name = "Weekly insights"
segments = ["seg"]

[[business.channels]]
id = "ch"
name = "Web sign-up"
segments = ["seg"]

[[operating.organisation]]
id = "org"
name = "Product team"

[[operating.processes]]
id = "p"
name = "Insight reporting"
owner = "org"
supports = ["vp", "ch"]

[[operating.people]]
id = "skills"
name = "Analysts"
supports = ["p"]

[[operating.technology]]
id = "tech"
name = "Data warehouse"
supports = ["p"]
"""

HALF_ALIGNED = """
[model]
name = "Acme"

[[business.value_propositions]]
id = "vp"
name = "Weekly insights"

[[operating.technology]]
id = "tech"
name = "Data warehouse"
"""


def test_check_passes_an_aligned_model_with_exit_0(run, model_file):
    result = run("check", model_file(ALIGNED))

    assert result.exit_code == 0
    assert result.stdout.strip().splitlines()[-1] == (
        "bizop check: ok: score 100 (minimum 0), 0 errors, 0 warnings, 0 info"
    )


def test_check_passes_when_the_score_reaches_the_minimum(run, model_file):
    result = run("check", model_file(ALIGNED), "--min-score", "100")

    assert result.exit_code == 0


def test_check_fails_with_exit_1_when_the_score_is_below_the_minimum(run, model_file):
    path = model_file(HALF_ALIGNED)

    lenient = run("check", path, "--min-score", "0")
    strict = run("check", path, "--min-score", "90")

    assert lenient.exit_code == 0
    assert strict.exit_code == 1
    assert "bizop check: FAILED: score" in strict.stdout
    assert "(minimum 90)" in strict.stdout


def test_check_fails_with_exit_1_on_an_error_finding_whatever_the_score(run, model_file):
    path = model_file(ALIGNED.replace('supports = ["vp", "ch"]', 'supports = ["vp", "ch", "vp-typo"]'))

    result = run("check", path, "--min-score", "0")

    assert result.exit_code == 1
    assert "1 error," in result.stdout and "1 errors" not in result.stdout
    assert "FAILED" in result.stdout


def test_check_lists_each_finding_as_file_line_severity_rule_message(run, model_file):
    path = model_file(HALF_ALIGNED)

    result = run("check", path)

    lines = result.stdout.splitlines()
    assert f"{path}:4: warning: promise.undelivered: value proposition 'Weekly insights' is promised, " \
           "but no operating entry supports it" in lines
    assert any(line.startswith(f"{path}:8: warning: waste.unused: ") for line in lines)


def test_check_of_invalid_toml_exits_2_with_the_line_and_no_traceback(run, model_file):
    path = model_file('[model]\nname = "Acme"\nfoo = = 1\n')

    result = run("check", path)

    assert result.exit_code == 2
    assert f"{path}, line 3, column 7: invalid TOML" in result.stderr
    assert "foo = = 1" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_check_of_a_missing_file_exits_2(run, tmp_path):
    path = str(tmp_path / "missing.toml")

    result = run("check", path)

    assert result.exit_code == 2
    assert f"{path}: no such file" in result.stderr
    assert "Traceback" not in result.output


def test_check_of_a_folder_exits_2(run, tmp_path):
    result = run("check", str(tmp_path))

    assert result.exit_code == 2
    assert "folder" in result.stderr


def test_check_of_a_file_that_is_not_utf8_exits_2_with_the_line(run, tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'[model]\nname = "caf\xe9"\n')

    result = run("check", str(path))

    assert result.exit_code == 2
    assert "line 2" in result.stderr
    assert "UTF-8" in result.stderr


def test_check_of_a_deeply_nested_file_exits_2_not_a_crash(run, tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")

    result = run("check", str(path))

    assert result.exit_code == 2
    assert "nested too deeply" in result.stderr


def test_check_rejects_a_minimum_above_100(run, model_file):
    result = run("check", model_file(ALIGNED), "--min-score", "101")

    assert result.exit_code == 2
    assert "--min-score" in result.output


def test_schema_errors_fail_the_check(run, model_file):
    result = run("check", model_file('[[business.channels]]\nid = "ch"\nname = "Web"\n'))

    assert result.exit_code == 1
    assert "error: schema.missing-model" in result.stdout


def test_check_of_a_model_with_a_malformed_custom_archetype_reports_instead_of_crashing(run, model_file):
    path = model_file('[model]\nname = "Bakery"\narchetype = "bakery"\n\n[archetypes.bakery]\nrequires = 3\n')

    result = run("check", path)

    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "schema.wrong-type" in result.output
