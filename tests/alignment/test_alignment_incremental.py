"""After any edit, the alignment the app updates in place equals the alignment computed from scratch."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bizop_tui.alignment.engine import AlignmentState, analyse
from bizop_tui.alignment.graph import Reached
from bizop_tui.bench.synthetic import synthetic_model
from bizop_tui.model.document import Document

TODAY = dt.date(2026, 11, 27)
TEMPLATES = sorted((Path(__file__).parents[2] / "src" / "bizop_tui" / "templates").glob("*.toml"))


def summary(alignment):
    return (
        alignment.score,
        [(s.key, s.passed, s.total) for s in alignment.subscores],
        alignment.findings,
        sorted(alignment.graph.groups),
        {k: v for k, v in alignment.graph.masks.items() if v},
        {k: v for k, v in alignment.graph.reach.items() if v},
        set(alignment.graph.serving),
    )


def random_edit(document: Document, rng: random.Random, step: int) -> None:
    ids = list(document.model.by_id)
    kind = rng.choice(["add", "rename", "link", "unlink", "owner", "segments", "delete", "undo", "redo", "id",
                       "status", "conflict", "money", "notes"])
    target = document.model.by_id[rng.choice(ids)] if ids else None
    if kind == "add" or target is None:
        path = rng.choice(list(document.model.blocks))
        document.add_entry(path, {"name": f"New {step} {rng.choice(['support', 'release', 'warehouse'])}",
                                  "supports": rng.sample(ids, min(len(ids), rng.randint(0, 3)))})
    elif kind == "rename":
        document.update_entry(target.id, {"name": rng.choice([f"Renamed {step}", "Customer support", "Duplicate"])})
    elif kind == "link":
        document.update_entry(target.id, {"supports": list(target.supports) + [rng.choice(ids)]})
    elif kind == "unlink":
        document.update_entry(target.id, {"supports": list(target.supports)[1:]})
    elif kind == "owner" and target.side == "operating":
        document.update_entry(target.id, {"owner": rng.choice(ids)})
    elif kind == "segments" and target.block.key in ("value_propositions", "channels"):
        document.update_entry(target.id, {"segments": rng.sample(ids, min(2, len(ids)))})
    elif kind == "delete":
        document.delete_entry(target.id)
    elif kind == "undo":
        document.undo()
    elif kind == "redo":
        document.redo()
    elif kind == "id":
        document.update_entry(target.id, {"id": f"renamed-{step}"})
    elif kind == "status":
        document.update_entry(target.id, {"status": rng.choice(["active", "planned", "bet", "retiring", "external",
                                                                None])})
    elif kind == "conflict":
        document.update_entry(target.id, {"conflicts": rng.sample(ids, min(len(ids), rng.randint(0, 2)))})
    elif kind == "money":
        key = "cost" if target.side == "operating" else "amount"
        if key == "cost" or target.block.key in ("revenue_streams", "cost_structure"):
            document.update_entry(target.id, {key: rng.choice([None, 1000, 250_000, 7_500_000])})
    elif kind == "notes":
        document.update_entry(target.id, {"notes": rng.choice([
            None, "Billing and collections for all plans.", "Discontinued in 2025.", "Invoiced on 30-day terms.",
            "All staff help with everything.", "No billing yet."])})


def follow_edits(path: Path, seed: int, steps: int) -> None:
    document = Document.open(str(path))
    state = AlignmentState(document.model, TODAY)
    rng = random.Random(seed)
    for step in range(steps):
        random_edit(document, rng, step)
        kept = state.update(document.last_changed)
        fresh = analyse(document.model, TODAY)
        assert summary(kept) == summary(fresh), f"step {step} differs"
        assert_reached_as_walked(kept.graph, rng)


def assert_reached_as_walked(graph, rng: random.Random) -> None:
    """What the marks take as an entry's chain, both ways, sharing each cycle's walk among the entries
    that come to it, in any order, is what a plain walk from that entry finds."""
    downstream, upstream = Reached(graph.forward, graph.groups), Reached(graph.reverse, graph.groups)
    ids = list(graph.model.by_id)
    rng.shuffle(ids)
    on_cycle = {member for group in graph.groups for member in group}
    for entry_id in ids:
        for reached, walked in ((downstream, graph.supported), (upstream, graph.supporters)):
            found = reached(entry_id)
            assert set(found) - {entry_id} == set(walked(entry_id)), entry_id
            assert (entry_id in found) == (entry_id in on_cycle), entry_id


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.stem)
def test_the_updated_alignment_equals_a_fresh_one_after_every_edit_of_a_sample(tmp_path, template):
    path = tmp_path / template.name
    shutil.copy(template, path)
    follow_edits(path, seed=len(template.stem), steps=40)


def test_the_updated_alignment_equals_a_fresh_one_on_a_large_generated_model(tmp_path):
    path = tmp_path / "large.toml"
    path.write_text(synthetic_model(400), encoding="utf-8")
    follow_edits(path, seed=3, steps=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000))
def test_any_sequence_of_edits_keeps_the_updated_alignment_exact(tmp_path, seed):
    path = tmp_path / "model.toml"
    path.write_text(synthetic_model(60, seed=seed % 7), encoding="utf-8")
    follow_edits(path, seed=seed, steps=15)
