"""Archetype rules: what a kind of business model needs from its operating model, kept as data."""

from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from bizop_tui.alignment.concepts import Match, concepts, find, normal
from bizop_tui.alignment.context import Context
from bizop_tui.model.entities import ERROR, INFO, WARNING, Entry, LinkFix
from bizop_tui.model.vocabulary import BLOCKS_BY_PATH


@dataclass(frozen=True, slots=True)
class Requirement:
    id: str
    what: str
    blocks: tuple[str, ...]
    match: tuple[str, ...]  # every term, in normal form: searched in names, ids and tags
    backs: str = ""
    note_terms: tuple[str, ...] = ()  # the concept's terms that count in notes too


@dataclass(frozen=True, slots=True)
class Archetype:
    name: str
    title: str
    requires: tuple[Requirement, ...]


@cache
def builtin_archetypes() -> dict[str, Any]:
    # A plain path beside the package: importlib.resources costs ~40 ms of imports on every run.
    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "archetypes.toml")
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def archetype_names() -> list[str]:
    return sorted(builtin_archetypes())


def resolve(name: str, custom: dict[str, Any], problems: list[tuple[str, str, str]] | None = None) -> Archetype | None:
    """The archetype `name`: the built-in one, extended or replaced requirement by requirement.

    What is wrong with the model's own definition is appended to `problems`, in plain words.
    """
    problems = [] if problems is None else problems
    base = builtin_archetypes().get(name)
    extra = custom.get(name)
    if extra is not None and not isinstance(extra, dict):
        problems.append(("schema.wrong-type", ERROR, f"[archetypes.{name}] must be a table"))
        extra = None
    if base is None and extra is None:
        return None
    if extra is not None:
        _unknown_keys(extra, ARCHETYPE_KEYS, f"[archetypes.{name}]", problems)
    requires: dict[str, Requirement] = {}
    title = name
    for table in (base, extra):
        if not table:
            continue
        title = str(table.get("title", title))
        items = table.get("requires", [])
        if not isinstance(items, list):
            problems.append(("schema.wrong-type", ERROR, f"[archetypes.{name}] requires must be an array of "
                             f"tables ([[archetypes.{name}.requires]])"))
            continue
        for number, item in enumerate(items, 1):
            req = _requirement(item, f"requirement {number} of [archetypes.{name}]", problems)
            if req:
                requires[req.id] = req
    return Archetype(name, title, tuple(requires.values()))


ARCHETYPE_KEYS = ("title", "requires")
REQUIREMENT_KEYS = ("id", "what", "blocks", "match", "concept", "backs")


def _unknown_keys(table: dict, known: tuple[str, ...], where: str, problems: list[tuple[str, str, str]]) -> None:
    for key in table:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            also = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(("schema.unknown-key", INFO, f"{where} has key '{key}', which bizop does not use{also}"))


def _requirement(item: Any, where: str, problems: list[tuple[str, str, str]]) -> Requirement | None:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        problems.append(("schema.wrong-type", ERROR, f"{where} needs an id (a string)"))
        return None
    _unknown_keys(item, REQUIREMENT_KEYS, where, problems)
    blocks, match, named = item.get("blocks"), item.get("match", []), item.get("concept")
    if not isinstance(blocks, list) or not all(isinstance(b, str) and b in BLOCKS_BY_PATH for b in blocks) or not blocks:
        problems.append(("schema.wrong-type", ERROR, f"{where}: blocks must be a list of blocks such as [\"operating.processes\"]"))
        return None
    if named is not None and named not in concepts():
        problems.append(("schema.wrong-type", ERROR, f"{where}: concept must be one of "
                         + ", ".join(sorted(concepts()))))
        return None
    if not isinstance(match, list) or not all(isinstance(m, str) and normal(m) for m in match) or not (match or named):
        problems.append(("schema.wrong-type", ERROR, f"{where}: match must be a list of words such as [\"support\", \"help desk\"] (or name a concept)"))
        return None
    backs = item.get("backs", "")
    if backs not in ("", "business"):
        problems.append(("schema.wrong-type", ERROR, f"{where}: backs can only be \"business\""))
        backs = ""
    known = concepts()[named] if named else None
    terms = tuple(dict.fromkeys((known.terms if known else ()) + tuple(normal(m) for m in match)))
    return Requirement(item["id"], str(item.get("what", item["id"])), tuple(blocks), terms, backs,
                       known.note_terms if known else ())


def matches(entry: Entry, req: Requirement) -> Match | None:
    """Where `entry` shows what `req` looks for, or None."""
    return find(req.match, entry, req.note_terms)


def requirements_of(model, problems: list[tuple[str, str, str]], unknown: list[str]) -> list[tuple[Archetype, Requirement]]:
    """Every requirement of the model's archetypes, each archetype once, in the order given."""
    found = []
    for name in dict.fromkeys(model.archetypes):
        archetype = resolve(name, model.custom_archetypes, problems)
        if archetype is None:
            unknown.append(name)
            continue
        found.extend((archetype, req) for req in archetype.requires)
    return found


def check_archetypes(ctx: Context, requirements, matched: list[dict[str, Match]], problems: list[tuple[str, str, str]],
                     unknown: list[str]) -> None:
    """`matched[i]` holds, for requirement i, the entries that match it and where."""
    for rule, severity, problem in problems:
        ctx.report(rule, severity, problem, subject=problem,
                   hint="See docs/alignment.md, 'Archetype rules', for the shape of a requirement.")
    for name in unknown:
        known = ", ".join(sorted(set(archetype_names()) | set(ctx.model.custom_archetypes)))
        ctx.report("archetype.unknown", WARNING, f"archetype '{name}' is not defined", subject=name,
                   hint=f"Use one of: {known}; or define it under [archetypes.{name}].")
    for (archetype, req), matches_of_req in zip(requirements, matched):
        _check_requirement(ctx, archetype, req, matches_of_req)


def _check_requirement(ctx: Context, archetype: Archetype, req: Requirement, matched: dict[str, Match]) -> None:
    order = {path: i for i, path in enumerate(req.blocks)}
    by_id = ctx.model.by_id
    found = sorted(((by_id[i], m) for i, m in matched.items() if i in by_id),
                   key=lambda pair: (order[pair[0].block.path], pair[0].index))
    where = " or ".join(BLOCKS_BY_PATH[p].title.lower() for p in req.blocks)
    needs = f"archetype '{archetype.name}' needs {req.what}"
    subject = f"{archetype.name}/{req.id}"
    if not found:
        terms = ", ".join(f"'{t}'" for t in req.match[:6]) + (", ..." if len(req.match) > 6 else "")
        looked = tuple(e.id for p in req.blocks for e in ctx.model.blocks[p])[:100]
        ctx.check("archetype", "archetype.missing", None, False, f"{subject}: nothing matched", by=looked)
        ctx.report("archetype.missing", WARNING, f"{needs}; no entry in {where} mentions {terms}",
                   subject=subject, looked_for=req.match,
                   hint=f"Decide: fund it (add one to {where}), or tag the entry that does this job with "
                        f"\"{req.match[0]}\"; if the model is not a {archetype.name} business, drop the archetype.")
        return
    if req.backs == "business":
        serving = [(e, m) for e, m in found if e.id in ctx.graph.serving]
        if not serving:
            entries = [e for e, _ in found]
            # With archetype.unserved switched off, a match is enough.
            passed = not ctx.enabled("archetype.unserved")
            ctx.check("archetype", "archetype.missing", entries[0], passed,
                      f"{subject}: '{entries[0].name}' matches, but serves no business element",
                      by=tuple(e.id for e in entries))
            ctx.report("archetype.unserved", WARNING,
                       f"{needs}; '{entries[0].name}' matches ({found[0][1].describe()}) but supports no business "
                       "element", entries, subject=subject,
                       hint="Link it with supports = [...] to the promise it keeps.",
                       fix=LinkFix("supports", entries[0].id, None))
            return
        found = serving
    entry, match = found[0]
    ctx.check("archetype", "archetype.missing", entry, True, f"{subject}: '{entry.name}' shows {match.describe()}",
              by=(entry.id,))
