"""Stories about `bizop import bmml`: a BMML model becomes the business side of a new bizop model.

The BMML files in tests/interchange/bmml/ were written for these tests from the format's published
specification, in the open-source `bmml` tool's repository (github.com/hiasinho/bmml):
- specs/bmclang-v2-structure.md: the 2.0 structure: meta, the nine sections (key_partnerships,
  costs), `for:` / `from:` with typed sub-keys named after sections, and the optional Value
  Proposition Canvas detail (jobs, pains, gains; products_services, pain_relievers, gain_creators;
  fits with `for:` and tuple `mappings`);
- schemas/bmclang-v2.schema.json: which keys each entry has, `version: "2.0"`, meta's fields;
- specs/bmclang-mvp.md and MIGRATION.md: the 1.0 format (segments, segment, from_segments,
  for_value, provides, linked_to, cost_structure.major_costs, fits with value_proposition /
  customer_segment and inline pain_relievers) and how 2.0 differs.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from bizop_tui.alignment import analyse
from bizop_tui.model import load_model, load_text

BMML = Path(__file__).parent / "bmml"
V2 = BMML / "bike-repair-v2.bmml"
V1 = BMML / "bike-repair-v1.bmml"
LIBERAL = BMML / "liberal.bmml"


def imported(run, source, tmp_path, name="model.toml") -> tuple[dict, str, object]:
    """Import `source` into tmp_path/NAME; returns the TOML data, its text, and click's result."""
    out = tmp_path / name
    result = run("import", "bmml", str(source), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    return tomllib.loads(text), text, result


def entries(data: dict, block: str) -> dict[str, dict]:
    return {e["id"]: e for e in data["business"].get(block, [])}


def test_a_bmml_2_model_fills_every_block_of_the_business_side(run, tmp_path):
    data, _, result = imported(run, V2, tmp_path)

    assert data["model"]["name"] == "Spoke & Chain"
    assert data["model"]["description"] == "Bike repairs collected from your door, fixed within 48 hours"
    assert {block: list(entries(data, block)) for block in data["business"]} == {
        "customer_segments": ["cs-commuters", "cs-fleets"],
        "value_propositions": ["vp-door-to-door", "vp-fleet-care"],
        "channels": ["ch-app", "ch-sales"],
        "customer_relationships": ["cr-self-service", "cr-account-manager"],
        "revenue_streams": ["rs-repairs", "rs-contracts"],
        "key_resources": ["kr-workshop", "kr-mechanics"],
        "key_activities": ["ka-repair", "ka-logistics"],
        "key_partners": ["kp-parts"],
        "cost_structure": ["cost-wages", "cost-rounds"],
    }
    assert "operating" not in data
    assert "imported 17 entries" in result.stderr


def test_for_and_from_links_become_segments_and_supports(run, tmp_path):
    data, _, _ = imported(run, V2, tmp_path)

    app = entries(data, "channels")["ch-app"]
    assert app["segments"] == ["cs-commuters"] and app["supports"] == ["vp-door-to-door"]
    assert entries(data, "customer_relationships")["cr-account-manager"]["segments"] == ["cs-fleets"]
    repairs = entries(data, "revenue_streams")["rs-repairs"]
    assert repairs["segments"] == ["cs-commuters"]  # from: who pays
    assert repairs["supports"] == ["vp-door-to-door"]  # for: what the stream charges for
    assert entries(data, "key_resources")["kr-workshop"]["supports"] == ["vp-door-to-door", "vp-fleet-care"]
    assert entries(data, "key_partners")["kp-parts"]["supports"] == ["kr-workshop", "ka-repair"]
    assert entries(data, "cost_structure")["cost-rounds"]["supports"] == ["ka-logistics"]


def test_a_fit_says_whom_a_proposition_is_for_and_its_mappings_are_kept_in_notes(run, tmp_path):
    data, _, _ = imported(run, V2, tmp_path)
    door = entries(data, "value_propositions")["vp-door-to-door"]

    assert door["segments"] == ["cs-commuters"]
    assert "Fit with Daily bike commuters (BMML fit fit-commuters, line 59):" in door["notes"]
    assert ("- A loan bike the same day (pr-loan) -> Days without a bike while it waits for parts (pain-no-bike)"
            in door["notes"])


def test_value_proposition_canvas_detail_is_kept_in_the_notes(run, tmp_path):
    data, _, _ = imported(run, V2, tmp_path)
    commuters = entries(data, "customer_segments")["cs-commuters"]
    door = entries(data, "value_propositions")["vp-door-to-door"]

    assert commuters["notes"].startswith("Office workers who ride 5+ km each way")
    assert "Pains (Value Proposition Canvas):\n- pain-shop-hours: Repair shops close before the commute home" \
        in commuters["notes"]
    assert "Jobs (Value Proposition Canvas):\n- job-get-to-work: Get to work on time every day" in commuters["notes"]
    for part in ("Products and services", "Pain relievers", "Gain creators"):
        assert f"{part} (Value Proposition Canvas):" in door["notes"]
    assert "- ps-loan-bike: Loan bike while yours is repaired" in door["notes"]


def test_a_comment_above_each_entry_says_where_in_the_bmml_file_it_came_from(run, tmp_path):
    _, text, _ = imported(run, V2, tmp_path)
    lines = text.splitlines()
    bmml_lines = V2.read_text("utf-8").splitlines()

    headers = [n for n, line in enumerate(lines) if line.startswith("[[business.")]
    assert len(headers) == 17
    for n in headers:
        comment = lines[n - 1]
        assert comment.startswith("# From BMML "), comment
        line = int(comment.split(", line ")[1].split(",")[0])
        bmml_id = comment.rsplit(", id ", 1)[1]
        assert bmml_lines[line - 1].strip() == f"- id: {bmml_id}"
        assert lines[n + 1] == f'id = "{bmml_id}"'


def test_meta_without_a_counterpart_is_kept_in_the_opening_comment(run, tmp_path):
    _, text, _ = imported(run, V2, tmp_path)
    opening = text.split("[model]")[0]

    assert "# Imported by `bizop import bmml` from bike-repair-v2.bmml (BMML 2.0)." in opening
    for kept in ("portfolio: explore", "stage: validation", "created: 2025-02-01",
                 "derived_from: ./spoke-and-chain-v1.bmml"):
        assert kept in opening
    assert "BMML says whom a value proposition is for in its fits" in opening  # vp-fleet-care has no fit


def test_the_imported_model_loads_in_bizop_without_errors(run, tmp_path):
    for source in (V2, V1, LIBERAL):
        imported(run, source, tmp_path, f"{source.stem}.toml")
        model = load_model(str(tmp_path / f"{source.stem}.toml"))
        alignment = analyse(model, today=dt.date(2026, 6, 1))

        assert not [p for p in model.problems if p.severity != "info"], source.name
        assert not alignment.errors, (source.name, [f.message for f in alignment.errors])
        assert run("check", str(tmp_path / f"{source.stem}.toml")).exit_code == 0


def test_a_bmml_1_file_is_imported_directly(run, tmp_path):
    data, text, _ = imported(run, V1, tmp_path)

    assert "(BMML 1.0)" in text.splitlines()[0]
    assert entries(data, "channels")["ch-app"]["segments"] == ["cs-commuters"]  # segments: [...]
    assert entries(data, "customer_relationships")["cr-self-service"]["segments"] == ["cs-commuters"]  # segment: id
    relationship = entries(data, "customer_relationships")["cr-self-service"]
    assert relationship["name"] == "Self-service booking with chat support"  # 1.0 has no name: the description
    repairs = entries(data, "revenue_streams")["rs-repairs"]
    assert repairs["segments"] == ["cs-commuters"] and repairs["supports"] == ["vp-door-to-door"]  # for_value: id
    assert entries(data, "key_partners")["kp-parts"]["supports"] == ["kr-mechanics", "ka-logistics"]  # provides
    assert entries(data, "value_propositions")["vp-door-to-door"]["segments"] == ["cs-commuters"]  # the 1.0 fit


def test_bmml_1_major_costs_become_cost_items_with_the_ids_bmml_migrate_would_give(run, tmp_path):
    data, text, _ = imported(run, V1, tmp_path)
    costs = entries(data, "cost_structure")

    assert list(costs) == ["cost-mechanics-wages", "cost-cargo-bikes-and-riders"]
    assert costs["cost-mechanics-wages"]["supports"] == ["kr-mechanics"]  # linked_to
    assert costs["cost-mechanics-wages"]["notes"] == "BMML type: fixed"
    assert "# BMML cost_structure type: value_driven" in text


def test_bmml_1_types_importance_and_fits_are_kept_in_notes(run, tmp_path):
    data, _, _ = imported(run, V1, tmp_path)

    commuters = entries(data, "customer_segments")["cs-commuters"]["notes"]
    assert "- job-get-to-work: Get to work on time every day (type functional, importance high)" in commuters
    assert "(severity high)" in commuters
    door = entries(data, "value_propositions")["vp-door-to-door"]["notes"]
    assert ("- relieves Repair shops close before the commute home (pain-shop-hours) through "
            "Collection and return by cargo bike (ps-collection): Collection until 21:00") in door
    assert "- addresses Get to work on time every day (job-get-to-work)" in door
    assert "BMML phases: [awareness, purchase, delivery]" in entries(data, "channels")["ch-app"]["notes"]


def test_a_hand_written_file_is_read_liberally_with_a_warning_for_each_guess(run, tmp_path):
    data, text, result = imported(run, LIBERAL, tmp_path)

    assert data["model"]["name"] == "no"  # YAML 1.1 would have made it false
    assert list(entries(data, "customer_segments")) == ["cs-students", "cs-retirees"]  # mapping style
    assert entries(data, "customer_segments")["cs-retirees"]["name"] == "Retirees"
    propositions = entries(data, "value_propositions")
    assert list(propositions) == ["vp-cheap-repairs", "vp-weekend-workshops", "vp-dup", "vp-twice", "vp-twice-2"]
    assert propositions["vp-cheap-repairs"]["segments"] == ["cs-students"]  # for: [ids], found by id
    assert propositions["vp-cheap-repairs"]["notes"] == "BMML status_in_bmml: draft"  # through a merge key
    assert entries(data, "key_resources")["kr-van"]["name"] == "1984"
    flyers = entries(data, "channels")["ch-flyers"]
    assert flyers["segments"] == ["cs-students"]
    assert "- for customer_segments: cs-missing (not in the BMML file)" in flyers["notes"]
    assert "BMML colour: yellow" in flyers["notes"]
    van = entries(data, "key_resources")["kr-van"]["notes"]
    assert "- for customer_segments: cs-students (Students)" in van  # bizop has no such link for a resource
    assert "- from key_partnerships: kp-garage (Garage next door)" in van
    assert ("# Not imported: `environment`, lines 47-48 of liberal.bmml, as written there:\n"
            "#   environment:\n#     trends: [e-bikes, cargo bikes]\n") in text
    warnings = result.stderr
    assert f"{LIBERAL}:20: id 'vp dup' of `value_propositions` has spaces; it became 'vp-dup'" in warnings
    assert f"{LIBERAL}:24: id 'vp-twice' is used twice" in warnings
    assert f"{LIBERAL}:28: `channels` entry 'Flyers at the campus' names 'cs-missing'" in warnings
    assert f"{LIBERAL}:47: `environment` has no counterpart in bizop" in warnings


def test_without_output_the_model_goes_to_standard_output(run):
    result = run("import", "bmml", str(V2))

    assert result.exit_code == 0
    assert tomllib.loads(result.stdout)["model"]["name"] == "Spoke & Chain"
    assert load_text(result.stdout).name == "Spoke & Chain"


def test_import_never_overwrites_an_existing_file(run, tmp_path):
    out = tmp_path / "mine.toml"
    out.write_text("# my precious model\n", "utf-8")

    result = run("import", "bmml", str(V2), "-o", str(out))

    assert result.exit_code == 2
    assert "already exists" in result.stderr and "never overwrites" in result.stderr
    assert out.read_text("utf-8") == "# my precious model\n"


def test_import_leaves_no_temporary_file_behind(run, tmp_path):
    imported(run, V2, tmp_path)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.toml"]


def test_import_into_a_missing_folder_exits_2_and_writes_nothing(run, tmp_path):
    result = run("import", "bmml", str(V2), "-o", str(tmp_path / "nope" / "model.toml"))

    assert result.exit_code == 2
    assert "folder does not exist" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_importing_twice_gives_the_same_file(run, tmp_path):
    _, first, _ = imported(run, V2, tmp_path, "a.toml")
    _, second, _ = imported(run, V2, tmp_path, "b.toml")

    assert first == second


@pytest.mark.parametrize("source", [V2, V1, LIBERAL], ids=["v2", "v1", "liberal"])
def test_the_imported_model_opens_in_the_editor_model_with_every_link_resolved(run, tmp_path, source):
    imported(run, source, tmp_path)
    model = load_model(str(tmp_path / "model.toml"))

    for entry in model.entries():
        assert entry.line is not None
        for target in entry.links:
            assert target in model.by_id, (entry.id, target)


def test_links_of_the_drafts_before_1_0_are_read_too(run, bmml_file, tmp_path):
    source = bmml_file("version: '1.0'\nmeta: {name: Urban Brew}\n"
                       "customer_segments: [{id: cs-remote, name: Remote workers}]\n"
                       "value_propositions: [{id: vp-desk, name: A desk, targets: [cs-remote]}]\n"
                       "key_resources: [{id: kr-beans, name: Beans}]\n"
                       "key_partnerships: [{id: kp-roaster, name: Roaster, resources_acquired: [kr-beans]}]\n")

    data, _, _ = imported(run, source, tmp_path)

    assert entries(data, "value_propositions")["vp-desk"]["segments"] == ["cs-remote"]
    assert entries(data, "key_partners")["kp-roaster"]["supports"] == ["kr-beans"]


def test_a_long_section_without_counterpart_is_kept_as_written_up_to_sixty_lines(run, bmml_file, tmp_path):
    hypotheses = "".join(f"  - id: hyp-{n}\n    statement: Hypothesis {n}\n" for n in range(50))
    source = bmml_file(f"meta: {{name: Acme}}\nhypotheses:\n{hypotheses}\n\ncustomer_segments: [{{id: cs, name: S}}]\n")

    _, text, result = imported(run, source, tmp_path)
    opening = text.split("[model]")[0].splitlines()

    start = opening.index("# Not imported: `hypotheses`, lines 2-102 of model.bmml, as written there:")
    assert opening[start + 1:start + 3] == ["#   hypotheses:", "#     - id: hyp-0"]
    assert opening[start + 61] == "#   ... 41 more lines in the BMML file"
    assert f"{source}:2: `hypotheses` has no counterpart in bizop" in result.stderr


def test_a_fit_written_as_a_plain_list_of_ids_still_says_whom_a_proposition_is_for(run, bmml_file, tmp_path):
    source = bmml_file("meta: {name: A}\ncustomer_segments: [{id: cs-a, name: A}]\n"
                       "value_propositions: [{id: vp-a, name: V}]\nfits:\n  - id: fit-a\n    for: [vp-a, cs-a, cs-gone]\n")

    data, _, result = imported(run, source, tmp_path)

    assert entries(data, "value_propositions")["vp-a"]["segments"] == ["cs-a"]
    assert result.stderr.count("a fit names 'cs-gone', which is not in the file") == 1
