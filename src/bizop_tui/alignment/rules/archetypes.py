"""Archetype rules: what a kind of business model needs from its operating model, kept as data."""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
import os
from typing import Any

from bizop_tui.alignment.context import Context
from bizop_tui.model.entities import ERROR, INFO, WARNING, Entry
from bizop_tui.model.vocabulary import BLOCKS_BY_PATH


@dataclass(frozen=True, slots=True)
class Requirement:
    id: str
    what: str
    blocks: tuple[str, ...]
    match: tuple[str, ...]
    backs: str = ""


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
REQUIREMENT_KEYS = ("id", "what", "blocks", "match", "backs")


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
    blocks, match = item.get("blocks"), item.get("match")
    if not isinstance(blocks, list) or not all(isinstance(b, str) and b in BLOCKS_BY_PATH for b in blocks) or not blocks:
        problems.append(("schema.wrong-type", ERROR, f"{where}: blocks must be a list of blocks such as [\"operating.processes\"]"))
        return None
    if not isinstance(match, list) or not all(isinstance(m, str) and m.strip() for m in match) or not match:
        problems.append(("schema.wrong-type", ERROR, f"{where}: match must be a list of words such as [\"support\", \"help desk\"]"))
        return None
    backs = item.get("backs", "")
    if backs not in ("", "business"):
        problems.append(("schema.wrong-type", ERROR, f"{where}: backs can only be \"business\""))
        backs = ""
    return Requirement(item["id"], str(item.get("what", item["id"])), tuple(blocks),
                       tuple(m.casefold() for m in match), backs)


@cache
def _term_pattern(term: str) -> re.Pattern[str]:
    # A term matches as a whole word or phrase, and in its plural: "fulfilment centre" matches "centres".
    return re.compile(r"(?<![a-z0-9])" + re.escape(term) + r"(?:s|es)?(?![a-z0-9])")


def matches(entry: Entry, req: Requirement) -> str | None:
    """The term of `req` that `entry` matches (in its name, id or tags), or None."""
    return _match(req.match, entry.name, entry.id, entry.tags)


@lru_cache(maxsize=65536)  # entries rarely change between analyses: most answers are remembered
def _match(terms: tuple[str, ...], name: str, entry_id: str, tags: tuple[str, ...]) -> str | None:
    folded_tags = {t.casefold() for t in tags}
    text = f"{name.casefold()} {entry_id.casefold().replace('-', ' ').replace('_', ' ')}"
    for term in terms:
        if term in folded_tags or _term_pattern(term).search(text):
            return term
    return None


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


def check_archetypes(ctx: Context, requirements, matched: list[dict[str, str]], problems: list[tuple[str, str, str]],
                     unknown: list[str]) -> None:
    """`matched[i]` holds, for requirement i, the entries that match it and the term they match."""
    for rule, severity, problem in problems:
        ctx.report(rule, severity, problem,
                   hint="See docs/alignment.md, 'Archetype rules', for the shape of a requirement.")
    for name in unknown:
        known = ", ".join(sorted(set(archetype_names()) | set(ctx.model.custom_archetypes)))
        ctx.report("archetype.unknown", WARNING, f"archetype '{name}' is not defined",
                   hint=f"Use one of: {known}; or define it under [archetypes.{name}].")
    for (archetype, req), matches_of_req in zip(requirements, matched):
        _check_requirement(ctx, archetype, req, matches_of_req)


def _check_requirement(ctx: Context, archetype: Archetype, req: Requirement, matched: dict[str, str]) -> None:
    order = {path: i for i, path in enumerate(req.blocks)}
    found = sorted(((ctx.model.by_id[i], t) for i, t in matched.items() if i in ctx.model.by_id),
                   key=lambda pair: (order[pair[0].block.path], pair[0].index))
    where = " or ".join(BLOCKS_BY_PATH[p].title.lower() for p in req.blocks)
    needs = f"archetype '{archetype.name}' needs {req.what}"
    terms = ", ".join(f"'{t}'" for t in req.match[:6]) + (", ..." if len(req.match) > 6 else "")
    if not found:
        ctx.check("archetype", "archetype.missing", None, False, f"{archetype.name}/{req.id}: nothing matched")
        ctx.report("archetype.missing", WARNING, f"{needs}; no entry in {where} mentions {terms}",
                   hint=f"Add one, or tag the entry that does this job with \"{req.match[0]}\".")
        return
    if req.backs == "business":
        serving = [(e, t) for e, t in found if e.id in ctx.graph.serving]
        if not serving:
            entries = [e for e, _ in found]
            # With archetype.unserved switched off, a match is enough.
            passed = not ctx.enabled("archetype.unserved")
            ctx.check("archetype", "archetype.missing", entries[0], passed,
                      f"{archetype.name}/{req.id}: '{entries[0].name}' matches, but serves no business element")
            ctx.report("archetype.unserved", WARNING,
                       f"{needs}; '{entries[0].name}' matches ('{found[0][1]}') but supports no business element",
                       entries, hint="Link it with supports = [...] to the promise it keeps.")
            return
        found = serving
    entry, term = found[0]
    ctx.check("archetype", "archetype.missing", entry, True, f"{archetype.name}/{req.id}: '{entry.name}' matches '{term}'")
