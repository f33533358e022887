"""Stories about taking the model itself elsewhere: `export --format csv` for spreadsheets and
`export --format json --model` for programs. Columns and keys are a documented contract
(docs/integrations.md); user text is data, never a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import json

from bizop_tui.report.csv_export import COLUMNS

MODEL = """
[model]
name = "Acme"
currency = "EUR"
reviewed = 2026-01-31

[[business.customer_segments]]
id = "seg"
name = "=HYPERLINK(\\"http://evil.example\\",\\"click\\")"

[[business.value_propositions]]
id = "vp"
name = "Insights, alerts and \\"more\\"\\non two lines"
segments = ["seg"]

[[business.revenue_streams]]
id = "rs"
name = "+plus and -minus"
segments = ["seg"]
supports = ["vp"]
amount = 1200000

[[business.cost_structure]]
id = "cs-refunds"
name = "@refunds"
amount = -500.5
supports = ["vp"]

[[operating.organisation]]
id = "org"
name = "\\tTabbed team"

[[operating.processes]]
id = "p"
name = "Reporting"
owner = "org"
supports = ["vp", "ka-missing"]
conflicts = ["rs"]
cost = 40000
status = "planned"
colour = "blue"
since = 2024-05-01
"""


def export(run, path: str, *args: str) -> str:
    result = run("export", path, "--today", "2026-06-01", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_the_documented_columns_and_one_row_per_entry(run, model_file):
    text = export(run, model_file(MODEL), "--format", "csv")
    rows = csv_rows(text)

    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert COLUMNS == ("side", "block", "id", "name", "status", "segments", "supports", "owner", "conflicts",
                       "amount", "cost", "findings", "line")
    assert [r["id"] for r in rows] == ["seg", "vp", "rs", "cs-refunds", "org", "p"]
    process = rows[-1]
    assert process["side"] == "operating" and process["block"] == "processes"
    assert process["status"] == "planned"
    assert process["supports"] == "vp; ka-missing"
    assert process["owner"] == "org" and process["conflicts"] == "rs"
    assert process["cost"] == "40000" and process["amount"] == ""
    assert process["line"] == str(MODEL.lstrip("\n").splitlines().index("[[operating.processes]]") + 1)


def test_csv_lines_end_in_crlf_as_rfc_4180_says(run, model_file, tmp_path):
    run("export", model_file(MODEL), "--format", "csv", "-o", str(tmp_path / "out.csv"))
    data = (tmp_path / "out.csv").read_bytes()

    assert data.endswith(b"\r\n")
    assert data.count(b"\r\n") == 7  # the header and six rows
    assert b"\non two lines" in data  # a line break inside a name stays inside its quoted cell


def test_csv_guards_cells_that_a_spreadsheet_would_run_as_formulas(run, model_file):
    rows = {r["id"]: r for r in csv_rows(export(run, model_file(MODEL), "--format", "csv"))}

    assert rows["seg"]["name"] == "'=HYPERLINK(\"http://evil.example\",\"click\")"
    assert rows["rs"]["name"] == "'+plus and -minus"
    assert rows["cs-refunds"]["name"] == "'@refunds"
    assert rows["org"]["name"] == "'\tTabbed team"
    for row in rows.values():
        for column in ("id", "name", "segments", "supports", "owner", "conflicts"):
            assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), (column, row[column])


def test_csv_keeps_numbers_as_numbers_even_when_negative(run, model_file):
    rows = {r["id"]: r for r in csv_rows(export(run, model_file(MODEL), "--format", "csv"))}

    assert rows["cs-refunds"]["amount"] == "-500.5"
    assert rows["rs"]["amount"] == "1200000"


def test_csv_quotes_commas_quotes_and_line_breaks_so_they_read_back(run, model_file):
    rows = {r["id"]: r for r in csv_rows(export(run, model_file(MODEL), "--format", "csv"))}

    assert rows["vp"]["name"] == 'Insights, alerts and "more"\non two lines'


def test_csv_counts_the_findings_about_each_entry_as_the_review_lists_them(run, model_file):
    path = model_file(MODEL)
    rows = {r["id"]: r for r in csv_rows(export(run, path, "--format", "csv"))}
    review = json.loads(export(run, path, "--format", "json"))

    for entry_id, row in rows.items():
        assert int(row["findings"]) == sum(entry_id in f["entries"] for f in review["findings"]), entry_id
    assert int(rows["p"]["findings"]) >= 1  # it names an entry that does not exist


def test_csv_is_written_to_a_file_with_output(run, model_file, tmp_path):
    out = tmp_path / "entries.csv"

    result = run("export", model_file(MODEL), "--format", "csv", "-o", str(out))

    assert result.exit_code == 0 and result.stdout == ""
    assert [r["id"] for r in csv_rows(out.read_text("utf-8"))][0] == "seg"


def test_the_json_model_export_has_the_model_its_entries_and_its_links(run, model_file):
    data = json.loads(export(run, model_file(MODEL), "--format", "json", "--model"))

    assert list(data) == ["bizop", "format", "model", "entries", "links"]
    assert data["format"] == 1
    assert data["model"] == {"name": "Acme", "description": "", "archetypes": [], "currency": "EUR",
                             "reviewed": "2026-01-31"}
    process = data["entries"][-1]
    assert list(process) == ["side", "block", "id", "name", "status", "segments", "supports", "owner", "conflicts",
                             "amount", "cost", "notes", "tags", "reviewed", "line", "extra"]
    assert process["supports"] == ["vp", "ka-missing"] and process["owner"] == "org"
    assert process["cost"] == 40000 and isinstance(process["cost"], int)
    assert process["extra"] == {"colour": "blue", "since": "2024-05-01"}
    assert {"kind": "supports", "from": "p", "to": "ka-missing", "resolved": False} in data["links"]
    assert {"kind": "owner", "from": "p", "to": "org", "resolved": True} in data["links"]
    assert {"kind": "segments", "from": "vp", "to": "seg", "resolved": True} in data["links"]
    assert {"kind": "conflicts", "from": "p", "to": "rs", "resolved": True} in data["links"]
    assert len(data["links"]) == sum(len(e["segments"]) + len(e["supports"]) + len(e["conflicts"])
                                     + (e["owner"] is not None) for e in data["entries"])


def test_the_json_model_export_escapes_characters_that_hide_or_act_on_a_terminal(run, model_file):
    path = model_file('[model]\nname = "Acme"\n[[business.channels]]\nid = "c"\nname = "web\\u202eevil\\u0007"\n')

    text = export(run, path, "--format", "json", "--model")

    assert "\u202e" not in text and "\x07" not in text
    assert "\\u202e" in text and "\\u0007" in text
    assert json.loads(text)["entries"][0]["name"] == "web\u202eevil\u0007"


def test_the_json_model_export_is_the_same_twice(run, model_file):
    path = model_file(MODEL)

    assert export(run, path, "--format", "json", "--model") == export(run, path, "--format", "json", "--model")


def test_model_goes_with_json_only(run, model_file):
    result = run("export", model_file(MODEL), "--format", "markdown", "--model")

    assert result.exit_code == 2
    assert "--model goes with --format json" in result.stderr
    assert result.stdout == ""


def test_the_documented_csv_columns_and_json_keys_are_the_exported_ones(run, model_file):
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "integrations.md").read_text("utf-8")
    csv_section = doc.split("### `bizop export FILE --format csv`")[1].split("###")[0]
    documented = [line.split("|")[1].strip().strip("`") for line in csv_section.splitlines()
                  if line.startswith("| `")]
    json_example = json.loads(doc.split("### `bizop export FILE --format json --model`")[1]
                              .split("```json\n")[1].split("```")[0])
    data = json.loads(export(run, model_file(MODEL), "--format", "json", "--model"))

    assert documented == list(COLUMNS)
    assert list(json_example) == list(data)
    assert list(json_example["model"]) == list(data["model"])
    assert list(json_example["entries"][0]) == list(data["entries"][0])
    assert list(json_example["links"][0]) == list(data["links"][0])
