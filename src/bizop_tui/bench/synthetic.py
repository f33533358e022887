"""Synthetic models of a given size: both sides, about three `supports` links per operating entry,
comments between entries, as a large group's generated model would look."""

from __future__ import annotations

import random

from bizop_tui.model.vocabulary import BUSINESS_BLOCKS, OPERATING_DIMENSIONS

# Share of entries per block; the operating side is larger, as in real models.
BUSINESS_SHARE = 0.35
WORDS = ("customer", "order", "service", "platform", "network", "partner", "delivery", "insight", "retail",
         "support", "billing", "renewal", "supply", "quality", "data", "field", "growth", "care")


def synthetic_model(entries: int, seed: int = 7) -> str:
    """TOML text of a model with `entries` entries."""
    rng = random.Random(seed)
    lines = [
        "# A synthetic model for the bizop benchmark.",
        "[model]",
        f'name = "Synthetic group ({entries} entries)"',
        'archetype = ["subscription", "online-retail"]',
        'currency = "EUR"',
        "",
    ]
    n_business = max(len(BUSINESS_BLOCKS), int(entries * BUSINESS_SHARE))
    n_operating = max(len(OPERATING_DIMENSIONS), entries - n_business)
    business_ids: list[str] = []
    segments: list[str] = []
    for i in range(n_business):
        block = BUSINESS_BLOCKS[i % len(BUSINESS_BLOCKS)]
        entry_id = f"b{i}-{block.key[:4]}"
        lines.append(f"# {block.title} entry {i}: {' '.join(rng.sample(WORDS, 3))}")
        lines.append(f"[[business.{block.key}]]")
        lines.append(f'id = "{entry_id}"')
        lines.append(f'name = "{block.title[:-1]} {i} {rng.choice(WORDS)}"')
        if block.key == "customer_segments":
            segments.append(entry_id)
        elif block.key in ("value_propositions", "channels", "customer_relationships", "revenue_streams") and segments:
            lines.append(f'segments = ["{rng.choice(segments)}"]')
        if block.key in ("revenue_streams", "cost_structure"):
            lines.append(f"amount = {rng.randint(10, 500) * 1000}")
        if block.key in ("key_resources", "key_activities", "key_partners") and business_ids:
            lines.append(f'supports = ["{rng.choice(business_ids)}"]')
        lines.append("")
        business_ids.append(entry_id)
    operating_ids: list[str] = []
    org_ids: list[str] = []
    for i in range(n_operating):
        dim = OPERATING_DIMENSIONS[i % len(OPERATING_DIMENSIONS)]
        entry_id = f"o{i}-{dim.key[:4]}"
        targets = rng.sample(business_ids, 2) + ([rng.choice(operating_ids)] if operating_ids else [])
        lines.append(f"# {dim.title} entry {i}")
        lines.append(f"[[operating.{dim.key}]]")
        lines.append(f'id = "{entry_id}"')
        lines.append(f'name = "{dim.title} {i} {rng.choice(WORDS)} {rng.choice(WORDS)}"')
        if dim.key == "processes" and org_ids and rng.random() < 0.8:
            lines.append(f'owner = "{rng.choice(org_ids)}"')
        lines.append("supports = [" + ", ".join(f'"{t}"' for t in targets) + "]")
        if rng.random() < 0.3:
            lines.append(f"cost = {rng.randint(1, 90) * 1000}")
        lines.append("")
        operating_ids.append(entry_id)
        if dim.key == "organisation":
            org_ids.append(entry_id)
    return "\n".join(lines) + "\n"


def edited_model(text: str, share: float = 0.02, seed: int = 11) -> str:
    """`text` (a synthetic model) after a round of edits, for `bizop diff`: about `share` of the entries
    each renamed, relinked (one support dropped) or marked retiring, half as many removed and half as
    many new processes added."""
    rng = random.Random(seed)
    chunks = text.rstrip("\n").split("\n\n")
    head, entries = chunks[0], chunks[1:]
    out = [head]
    for chunk in entries:
        roll = rng.random()
        if roll < share / 2:
            continue  # removed; links to it are left, as a person deleting it in an editor would
        if roll < share:
            chunk = chunk.replace('name = "', 'name = "Renamed ', 1)
        elif roll < share * 1.5 and "supports = [" in chunk:
            start = chunk.index("supports = [") + len("supports = [")
            end = chunk.index("]", start)
            chunk = chunk[:start] + ", ".join(chunk[start:end].split(", ")[1:]) + chunk[end:]
        elif roll < share * 2:
            chunk = chunk.replace('\nname = "', '\nstatus = "retiring"\nname = "', 1)
        out.append(chunk)
    business = [line.split('"')[1] for line in text.splitlines()
                if line.startswith('id = "b') and not line.endswith('-cust"')]
    for i in range(max(1, int(len(entries) * share / 2))):
        out.append(f'# A new process {i}\n[[operating.processes]]\nid = "new-proc-{i}"\nname = "New process {i}"\n'
                   f'supports = ["{rng.choice(business)}"]')
    return "\n\n".join(out) + "\n"
