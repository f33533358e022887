"""Archetype rules: what a kind of business model needs from its operating model, kept as data."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from bizop_tui.alignment.context import Context
from bizop_tui.model.entities import Entry, WARNING
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
    data = resources.files("bizop_tui.alignment").joinpath("archetypes.toml").read_text("utf-8")
    return tomllib.loads(data)


def archetype_names() -> list[str]:
    return sorted(builtin_archetypes())


def resolve(name: str, custom: dict[str, Any]) -> Archetype | None:
    """The archetype `name`: the built-in one, extended or replaced requirement by requirement."""
    base = builtin_archetypes().get(name)
    extra = custom.get(name) if isinstance(custom.get(name), dict) else None
    if base is None and extra is None:
        return None
    requires: dict[str, Requirement] = {}
    title = name
    for table in (base, extra):
        if not table:
            continue
        title = str(table.get("title", title))
        for item in table.get("requires", ()):
            req = _requirement(item)
            if req:
                requires[req.id] = req
    return Archetype(name, title, tuple(requires.values()))


def _requirement(item: Any) -> Requirement | None:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        return None
    blocks = tuple(b for b in item.get("blocks", ()) if isinstance(b, str) and b in BLOCKS_BY_PATH)
    match = tuple(m.casefold() for m in item.get("match", ()) if isinstance(m, str) and m.strip())
    if not blocks or not match:
        return None
    return Requirement(item["id"], str(item.get("what", item["id"])), blocks, match, str(item.get("backs", "")))


@cache
def _term_pattern(term: str) -> re.Pattern[str]:
    # A term matches as a whole word or phrase, and in its plural: "fulfilment centre" matches "centres".
    return re.compile(r"(?<![a-z0-9])" + re.escape(term) + r"(?:s|es)?(?![a-z0-9])")


def matches(entry: Entry, req: Requirement) -> str | None:
    """The term of `req` that `entry` matches (in its name, id or tags), or None."""
    tags = {t.casefold() for t in entry.tags}
    text = f"{entry.name.casefold()} {entry.id.casefold().replace('-', ' ').replace('_', ' ')}"
    for term in req.match:
        if term in tags or _term_pattern(term).search(text):
            return term
    return None


def check_archetypes(ctx: Context) -> None:
    for name in dict.fromkeys(ctx.model.archetypes):  # each archetype once, in the order given
        archetype = resolve(name, ctx.model.custom_archetypes)
        if archetype is None:
            known = ", ".join(sorted(set(archetype_names()) | set(ctx.model.custom_archetypes)))
            ctx.report("archetype.unknown", WARNING, f"archetype '{name}' is not defined",
                       line=None, hint=f"Use one of: {known}; or define it under [archetypes.{name}].")
            continue
        for req in archetype.requires:
            _check_requirement(ctx, archetype, req)


def _check_requirement(ctx: Context, archetype: Archetype, req: Requirement) -> None:
    found: list[tuple[Entry, str]] = []
    for path in req.blocks:
        for entry in ctx.model.blocks[path]:
            term = matches(entry, req)
            if term:
                found.append((entry, term))
    where = " or ".join(BLOCKS_BY_PATH[p].title.lower() for p in req.blocks)
    terms = ", ".join(f"'{t}'" for t in req.match[:6]) + (", ..." if len(req.match) > 6 else "")
    if not found:
        ctx.check("archetype", "archetype.missing", None, False, f"{archetype.name}/{req.id}: nothing matched")
        ctx.report("archetype.missing", WARNING,
                   f"a {archetype.title.lower()} needs {req.what}; no {where} entry mentions {terms}",
                   line=None, hint=f"Add one, or tag the entry that does this job with \"{req.match[0]}\".")
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
                       f"a {archetype.title.lower()} needs {req.what}; '{entries[0].name}' matches "
                       f"('{found[0][1]}') but supports no business element", entries,
                       hint="Link it with supports = [...] to the promise it keeps.")
            return
        found = serving
    entry, term = found[0]
    ctx.check("archetype", "archetype.missing", entry, True, f"{archetype.name}/{req.id}: '{entry.name}' matches '{term}'")
