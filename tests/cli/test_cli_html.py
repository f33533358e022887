"""Stories about `bizop export FILE --format html`: a page for people who don't use terminals."""

from __future__ import annotations

MODEL = """
[model]
name = "Acme Analytics"
description = "Self-serve analytics for small retailers"
currency = "EUR"

[[business.customer_segments]]
id = "small-retailers"
name = "Independent retailers"

[[business.value_propositions]]
id = "vp-insights"
name = "Weekly sales insights"
segments = ["small-retailers"]

[[business.revenue_streams]]
id = "rs-subscription"
name = "Monthly subscription"
segments = ["small-retailers"]
supports = ["vp-insights"]
amount = 1200000

[[operating.processes]]
id = "proc-reporting"
name = "Weekly reporting run"
supports = ["vp-insights"]
cost = 300000
"""


def test_export_html_writes_one_page_to_the_file_given(run, model_file, tmp_path):
    out = tmp_path / "review.html"

    result = run("export", model_file(MODEL), "--format", "html", "-o", str(out), "--today", "2026-11-27")

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"wrote {out}" in result.stderr
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "Acme Analytics" in page and "judged as of 2026-11-27" in page
    assert "Independent retailers" in page and "1,200,000" in page


def test_export_html_without_o_prints_the_page(run, model_file):
    result = run("export", model_file(MODEL), "--format", "html", "--today", "2026-11-27")

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")


def test_a_broken_model_exits_2_with_a_message_and_writes_no_page(run, model_file, tmp_path):
    out = tmp_path / "review.html"

    result = run("export", model_file("[model\nname = 'x'\n"), "--format", "html", "-o", str(out))

    assert result.exit_code == 2
    assert result.stderr.startswith("bizop: ")
    assert not out.exists()


def test_a_missing_model_exits_2_and_writes_no_page(run, tmp_path):
    out = tmp_path / "review.html"

    result = run("export", str(tmp_path / "nope.toml"), "--format", "html", "-o", str(out))

    assert result.exit_code == 2
    assert "nope.toml" in result.stderr
    assert not out.exists()


def test_export_html_never_writes_the_page_over_the_model(run, model_file):
    path = model_file(MODEL)

    result = run("export", path, "--format", "html", "-o", path)

    assert result.exit_code == 2
    assert "is the model itself" in result.stderr
    with open(path, encoding="utf-8") as handle:
        assert handle.read().lstrip().startswith("[model]")


def test_a_file_name_that_looks_like_markup_is_shown_as_text(run, model_file, tmp_path):
    path = model_file(MODEL, name='"><img src=x onerror=alert(1)>\x1b]0;T\x07.toml')
    out = tmp_path / "review.html"

    result = run("export", path, "--format", "html", "-o", str(out))

    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    assert "<img" not in page and "\x1b" not in page and "\x07" not in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;␛]0;T␇.toml" in page


def test_export_help_offers_html(run):
    result = run("export", "--help")

    assert result.exit_code == 0
    assert "[json|markdown|csv|html]" in result.stdout
