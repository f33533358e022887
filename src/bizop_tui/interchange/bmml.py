"""Reading BMML, the YAML business-model format of the open-source `bmml` tool, into a bizop model.

BMML 2.0 (and 1.0) holds `meta` and the nine canvas sections; its entries link with `for:` and
`from:`, whose sub-keys name the section they point into, and may carry Value Proposition Canvas
detail (jobs, pains and gains of a segment; products and services, pain relievers and gain creators
of a proposition; fits between the two). The business side of a bizop model is filled from it:
- `for:`/`from:` links become `segments` or `supports` where docs/format.md's link table has the same
  link (a channel for a segment, a resource for a proposition, a partner for an activity, ...);
- everything else that has no counterpart (descriptions, VPC detail, fits' mappings, other keys) is
  kept in the entry's notes, and meta in the file's opening comment;
- a comment above each entry says where in the BMML file it came from.
BMML 1.0 is read directly (its `segments`, `for_value`, `provides`, `cost_structure.major_costs` and
fits with `pain_relievers`); `bmml migrate` is not needed first. Reading is liberal: missing sections
and ids, extra keys, and sections written as a mapping of id to entry are all accepted; what cannot
be read is skipped with a warning that names the line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

from bizop_tui.interchange.imported import ImportedEntry, ImportedModel
from bizop_tui.interchange.yaml_source import Located, read_yaml
from bizop_tui.model.errors import BizopError, visible
from bizop_tui.model.vocabulary import BLOCKS_BY_KEY, SEGMENTS, SUPPORTS

# BMML section -> bizop block; both BMML's names and bizop's are accepted, also as for:/from: sub-keys.
SECTIONS = {
    "customer_segments": "customer_segments",
    "value_propositions": "value_propositions",
    "channels": "channels",
    "customer_relationships": "customer_relationships",
    "revenue_streams": "revenue_streams",
    "key_resources": "key_resources",
    "key_activities": "key_activities",
    "key_partnerships": "key_partners",
    "key_partners": "key_partners",
    "costs": "cost_structure",
    "cost_structure": "cost_structure",
}
# BMML's id prefixes, for entries that come without an id (as `bmml migrate` makes them for costs).
ID_PREFIX = {"customer_segments": "cs", "value_propositions": "vp", "channels": "ch", "customer_relationships": "cr",
             "revenue_streams": "rs", "key_resources": "kr", "key_activities": "ka", "key_partners": "kp",
             "cost_structure": "cost"}
# Value Proposition Canvas detail: customer profile of a segment, value map of a proposition.
DETAIL = {"jobs": "Jobs", "pains": "Pains", "gains": "Gains", "products_services": "Products and services",
          "pain_relievers": "Pain relievers", "gain_creators": "Gain creators"}
# BMML 1.0 links: key -> the section it points into (None: whichever section holds the id).
# The drafts before 1.0 also wrote `targets` (a proposition's segments) and `resources_acquired` (a partner's).
V1_LINKS = {"segments": "customer_segments", "segment": "customer_segments", "from_segments": "customer_segments",
            "for_value": "value_propositions", "provides": None, "linked_to": None, "supports": None,
            "targets": "customer_segments", "resources_acquired": "key_resources"}
V1_INDICATORS = ("segments", "segment", "for_value", "from_segments", "provides", "linked_to")
NAME_KEYS = ("name", "title", "description", "type")
_BRIEF = 300  # characters of an unknown value kept in a note or comment
_KEPT_LINES = 60  # lines of a section bizop has no place for, kept in the opening comment


def import_bmml(path: str) -> ImportedModel:
    """Read the BMML file at `path`; BizopError when it is not YAML or not BMML at all."""
    data, lines = read_yaml(path, "BMML")
    return _Reader(path, data, lines).read()


@dataclass
class _Source:
    """An entry being imported, with what its links are read from."""

    entry: ImportedEntry
    item: dict
    line: int | None
    section: str


class _Reader:
    def __init__(self, path: str, data: object, lines: list[str]) -> None:
        self.path = path
        self.lines = lines
        self.shown = visible(path)
        self.data = data
        self.sources: list[_Source] = []
        self.by_ref: dict[str, ImportedEntry] = {}  # BMML id -> entry
        self.taken: set[str] = set()
        self.details: dict[str, str] = {}  # VPC element id -> its text, for fits' mappings
        self.model = ImportedModel(name="")

    def warn(self, line: int | None, message: str) -> None:
        where = f"{self.shown}:{line}" if line else self.shown
        if f"{where}: {message}" not in self.model.warnings:
            self.model.warnings.append(f"{where}: {message}")

    # -- the file as a whole -------------------------------------------------------------------------

    def read(self) -> ImportedModel:
        data = self.data
        if data is None or data == "":
            raise BizopError("is empty: there is no BMML model in it", path=self.path)
        if not isinstance(data, dict):
            raise BizopError(f"is not a BMML model: its top level is {_kind(data)}, not a mapping with `meta` and "
                             "the canvas sections", path=self.path,
                             hint="A BMML file starts with  version: \"2.0\"  and  meta:  (see the bmml tool's spec).")
        known = {"version", "meta", "fits", *SECTIONS}
        if not known & set(data):
            raise BizopError("does not look like BMML: it has no `meta` and none of the canvas sections "
                             "(customer_segments, value_propositions, ...)", path=self.path,
                             hint="Check that this is the BMML file you meant.")
        version = self.read_version(data)
        self.read_meta(data.get("meta"), data)
        self.model.comments[:0] = [
            f"Imported by `bizop import bmml` from {os.path.basename(self.path)} (BMML {version}).",
            "Each entry's comment says where it came from; what bizop has no key for is kept in its notes.",
            "The operating model is yours to add: [[operating.processes]] and the others, with `supports`.",
        ]
        for key, value in data.items():
            if key in SECTIONS:
                self.read_section(key, value, data)
        for source in self.sources:
            self.read_links(source)
        self.read_fits(data.get("fits"), data)
        for key, value in data.items():
            if key not in known:
                self.leave_out(f"`{key}`", value, _line_of(data, key), key)
        self.model.entries = [s.entry for s in sorted(self.sources, key=_canvas_order)]
        if any(e.block.key == "value_propositions" and not e.segments for e in self.model.entries):
            self.model.comments.append("BMML says whom a value proposition is for in its fits; propositions "
                                       "without one have no `segments` yet: add them.")
        return self.model

    def read_version(self, data: dict) -> str:
        version = _text(data.get("version")).strip()
        v1 = any(key in item for item in _all_items(data) for key in V1_INDICATORS) or \
            isinstance(data.get("cost_structure"), dict)
        if not version:
            return "1.0, by its keys" if v1 else "2.0, as no version is given"
        if not re.match(r"^[12](\.\d+)*$", version):
            self.warn(_line_of(data, "version"), f"version {version!r} is not one bizop knows (1.0 or 2.0); it was "
                                                 "read as 2.0: check the result")
        return version

    def read_meta(self, meta: object, data: dict) -> None:
        line = _line_of(data, "meta")
        if meta is not None and not isinstance(meta, dict):
            self.warn(line, f"`meta` should be a mapping (name, tagline, ...), not {_kind(meta)}; it was left out")
            meta = None
        meta = meta or {}
        name = _one_line(_text(meta.get("name")) or _text(data.get("name")))
        if not name:
            name = os.path.splitext(os.path.basename(self.path))[0] or "Imported model"
            self.warn(line, f"meta has no name; the model is called {name!r}: change `name` under [model]")
        self.model.name = name
        self.model.description = _text(meta.get("tagline")) or _text(meta.get("description"))
        for key, value in meta.items():
            if key not in ("name", "tagline") and not (key == "description" and "tagline" not in meta):
                self.model.comments.append(f"BMML meta {key}: {_brief(value)}")

    def leave_out(self, what: str, value: object, line: int | None, key: str | None = None) -> None:
        """Keep what bizop has no place for in the opening comment: a top-level section as written, else briefly."""
        span = self.section_lines(key) if key else None
        self.warn(span[0] + 1 if span else line, f"{what} has no counterpart in bizop; it is kept in the opening "
                                                 "comment only")
        if span is None:
            self.model.comments.append(f"Not imported: {what}{f' (line {line})' if line else ''}: {_brief(value)}")
            return
        first, last = span
        shown = self.lines[first:min(last, first + _KEPT_LINES)]
        self.model.comments.append(f"Not imported: {what}, lines {first + 1}-{last} of "
                                   f"{os.path.basename(self.path)}, as written there:")
        self.model.comments += [f"  {text}" for text in shown]
        if last - first > len(shown):
            self.model.comments.append(f"  ... {last - first - len(shown)} more lines in the BMML file")

    def section_lines(self, key: str) -> tuple[int, int] | None:
        """The lines (0-based start, end) of a top-level key's block in the BMML text, if it can be found."""
        start = next((n for n, text in enumerate(self.lines)
                      if re.match(rf"""^(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*:""", text)), None)
        if start is None:
            return None
        end = next((n for n in range(start + 1, len(self.lines)) if re.match(r"^[^\s#]", self.lines[n])),
                   len(self.lines))
        while end > start + 1 and not self.lines[end - 1].strip():
            end -= 1
        return start, end

    # -- entries ---------------------------------------------------------------------------------------

    def read_section(self, section: str, value: object, data: dict) -> None:
        block = BLOCKS_BY_KEY[SECTIONS[section]]
        line = _line_of(data, section)
        if isinstance(value, dict) and "major_costs" in value:  # BMML 1.0: cost_structure {type, major_costs}
            for key, other in value.items():
                if key != "major_costs":
                    self.model.comments.append(f"BMML {section} {key}: {_brief(other)}")
            value, line, section = value["major_costs"], _line_of(value, "major_costs"), "cost_structure.major_costs"
        for ref, item, item_line in self.items_of(section, value, line):
            self.add_entry(block, section, ref, item, item_line)

    def items_of(self, section: str, value: object, line: int | None) -> Iterator[tuple[str, dict, int | None]]:
        """(id from a mapping key, entry, line) for each entry of a section, list or mapping style."""
        if value is None:
            return
        if isinstance(value, dict):  # id: {name: ...}  or  id: name
            pairs = [(key, item) for key, item in value.items()]
        elif isinstance(value, list):
            pairs = [("", item) for item in value]
        else:
            self.warn(line, f"`{section}` should be a list of entries, not {_kind(value)}; it was left out")
            return
        for key, item in pairs:
            if isinstance(item, dict):
                yield key, item, getattr(item, "line", None) or line
            elif _is_scalar(item) and _text(item).strip():
                yield key, {"name": _text(item)}, line
            elif item is None and key:
                yield key, {}, line
            else:
                self.warn(line, f"an entry of `{section}` is {_kind(item)}, not a mapping with id and name; "
                                "it was left out: write it as  - id: ...  name: ...")

    def add_entry(self, block, section: str, key: str, item: dict, line: int | None) -> None:
        ref = _one_line(_text(item.get("id")) or _text(key))
        name_key = next((k for k in NAME_KEYS if _one_line(_text(item.get(k)))), None)
        name = _one_line(_text(item.get(name_key))) if name_key else ""
        if name_key in ("description", "type"):  # no name (BMML 1.0 relationships): a short form stands in
            name = _shortened(name)
        entry_id = self.new_id(block, ref, name, line, section)
        origin = f"From BMML {section}" + (f", line {line}" if line else "") + (f", id {ref}" if ref else ", no id")
        entry = ImportedEntry(block, entry_id, name or entry_id, origin)
        description = _text(item.get("description"))
        if description.strip() and _one_line(description) != name:
            entry.notes.append(description)
        others = []
        for key_, value in item.items():
            if key_ in DETAIL:
                entry.notes.append(self.detail(DETAIL[key_], value))
            elif key_ not in ("id", "for", "from", "description", name_key, *V1_LINKS):
                others.append(f"BMML {key_}: {_brief(value)}")
        if others:
            entry.notes.append("\n".join(others))
        if ref and ref not in self.by_ref:
            self.by_ref[ref] = entry
        self.sources.append(_Source(entry, item, line, section))

    def new_id(self, block, ref: str, name: str, line: int | None, section: str) -> str:
        """The entry's BMML id (spaces made dashes), or one made from its name; unique in the model."""
        base = ref.replace(" ", "-") or f"{ID_PREFIX[block.key]}-{_slug(name) or len(self.sources) + 1}"
        if ref and base != ref:
            self.warn(line, f"id {ref!r} of `{section}` has spaces; it became {base!r}")
        candidate, n = base, 2
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        if candidate != base:
            self.warn(line, f"id {base!r} is used twice; this entry of `{section}` became {candidate!r} "
                            "(links to the id go to the first one)")
        self.taken.add(candidate)
        return candidate

    def detail(self, title: str, value: object) -> str:
        """A paragraph of Value Proposition Canvas detail, one line per element; remembers each element's text."""
        lines = [f"{title} (Value Proposition Canvas):"]
        for element in value if isinstance(value, list) else [value] if value is not None else []:
            if isinstance(element, dict):
                ref = _one_line(_text(element.get("id")))
                text = _one_line(_text(element.get("description")) or _text(element.get("name")))
                rest = [f"{k} {_brief(v)}" for k, v in element.items() if k not in ("id", "description", "name")]
                shown = (f"{ref}: " if ref else "") + text + (f" ({', '.join(rest)})" if rest else "")
                if ref:
                    self.details.setdefault(ref, f"{text} ({ref})" if text else ref)
            else:
                shown = _brief(element)
            lines.append(f"- {shown}")
        return "\n".join(lines)

    # -- links -----------------------------------------------------------------------------------------

    def read_links(self, source: _Source) -> None:
        unlinked: list[str] = []
        for relation, section, ref in self.references(source.item, source.line, source.section):
            target = self.by_ref.get(ref)
            said = f"{relation} {section}: {ref}" if section else f"{relation}: {ref}"
            if target is None:
                why = "not in the BMML file" if section is None or section in SECTIONS else \
                    f"{section} is not a BMML section"
                unlinked.append(f"{said} ({why})")
                self.warn(source.line, f"`{source.section}` entry {source.entry.name!r} names {ref!r} under "
                                       f"`{relation}`: {why}; it is kept in the entry's notes")
                continue
            key = self.link_key(source.entry, target, relation)
            if key is None:
                unlinked.append(f"{said} ({target.name})")
            elif target is not source.entry:
                source.entry.link(key, target.id)
        if unlinked:
            source.entry.notes.append("BMML links with no counterpart in bizop:\n" +
                                      "\n".join(f"- {line}" for line in unlinked))

    def references(self, item: dict, line: int | None, section: str) -> Iterator[tuple[str, str | None, str]]:
        """(relation, section named, id) for every link the BMML entry writes, 2.0 and 1.0 style."""
        for relation in ("for", "from"):
            value = item.get(relation)
            if isinstance(value, dict):
                for sub_key, refs in value.items():
                    for ref in self.refs(refs, line, section):
                        yield relation, sub_key, ref
            elif value is not None:  # ids without their section: found by id
                for ref in self.refs(value, line, section):
                    yield relation, None, ref
        for key, points_to in V1_LINKS.items():
            if key in item:
                for ref in self.refs(item[key], line, section):
                    yield key, points_to, ref

    def refs(self, value: object, line: int | None, section: str) -> list[str]:
        values = value if isinstance(value, list) else [value]
        refs = [_one_line(_text(v)) for v in values if _is_scalar(v) and _text(v).strip()]
        if len(refs) != len([v for v in values if v is not None]):
            self.warn(line, f"a link of `{section}` is not an id or a list of ids; what is not was left out")
        return refs

    def link_key(self, source: ImportedEntry, target: ImportedEntry, relation: str) -> str | None:
        """The bizop link that says what the BMML link says, where docs/format.md's link table has one."""
        if target.block.key == "customer_segments":
            return "segments" if SEGMENTS.applies_to(source.block) else None
        if relation == "from":  # "sourced from": the other way round from `supports`
            return None
        return "supports" if target.block.key in SUPPORTS.allowed(source.block) else None

    # -- fits: the Value Proposition Canvas between a proposition and a segment ----------------------

    def read_fits(self, fits: object, data: dict) -> None:
        for key, fit, line in self.items_of("fits", fits, _line_of(data, "fits")):
            propositions = self.fit_ends(fit, "value_propositions", "value_proposition", line)  # 2.0, 1.0
            segments = self.fit_ends(fit, "customer_segments", "customer_segment", line)
            fit_id = _one_line(_text(fit.get("id")) or key)
            for proposition in propositions:
                for segment in segments:
                    proposition.link("segments", segment.id)
            holders = propositions or segments
            if not holders:
                self.leave_out(f"fit {fit_id or '(no id)'}, which names no proposition or segment in the file",
                               fit, line)
                continue
            paragraph = self.fit_text(fit, fit_id, line, segments if propositions else propositions)
            for holder in holders:
                holder.notes.append(paragraph)

    def fit_ends(self, fit: dict, section: str, singular: str, line: int | None) -> list[ImportedEntry]:
        """The entries of `section` a fit connects: `for: {section: [...]}` in 2.0, `singular: id` in 1.0."""
        ends = fit.get("for")
        named = ends.get(section) if isinstance(ends, dict) else ends  # a plain list: both kinds, found by id
        refs = self.refs(named if named is not None else fit.get(singular), line, "fits")
        for ref in refs:
            if ref not in self.by_ref:
                self.warn(line, f"a fit names {ref!r}, which is not in the file")
        return [self.by_ref[ref] for ref in refs if ref in self.by_ref and self.by_ref[ref].block.key == section]

    def fit_text(self, fit: dict, fit_id: str, line: int | None, others: list[ImportedEntry]) -> str:
        with_whom = ", ".join(e.name for e in others) or "(no counterpart in the file)"
        lines = [f"Fit with {with_whom} (BMML fit {fit_id or 'without id'}{f', line {line}' if line else ''}):"]
        mappings = fit.get("mappings")
        for pair in mappings if isinstance(mappings, list) else []:
            if isinstance(pair, list) and len(pair) == 2 and all(_is_scalar(p) for p in pair):
                lines.append(f"- {self.label(pair[0])} -> {self.label(pair[1])}")
            else:
                lines.append(f"- {_brief(pair)}")
        for key, verb, aim in (("pain_relievers", "relieves", "pain"), ("gain_creators", "creates", "gain"),
                               ("job_addressers", "addresses", "job")):  # BMML 1.0
            elements = fit.get(key)
            for element in elements if isinstance(elements, list) else []:
                if not isinstance(element, dict):
                    lines.append(f"- {_brief(element)}")
                    continue
                through = [self.label(t) for t in self.refs(element.get("through"), line, "fits")] \
                    if element.get("through") is not None else []
                text = f"- {verb} {self.label(element.get(aim))}"
                text += f" through {', '.join(through)}" if through else ""
                text += f": {_one_line(_text(element.get('description')))}" if element.get("description") else ""
                lines.append(text)
        for key, value in fit.items():
            if key not in ("id", "for", "mappings", "value_proposition", "customer_segment", "pain_relievers",
                           "gain_creators", "job_addressers"):
                lines.append(f"- BMML {key}: {_brief(value)}")
        return "\n".join(lines)

    def label(self, ref: object) -> str:
        ref = _one_line(_text(ref))
        if ref in self.details:
            return self.details[ref]
        entry = self.by_ref.get(ref)
        return f"{entry.name} ({ref})" if entry else ref or "?"


def _canvas_order(source: _Source) -> int:
    return list(BLOCKS_BY_KEY).index(source.entry.block.key)


def _all_items(data: dict) -> Iterator[dict]:
    for section in SECTIONS:
        value = data.get(section)
        for item in value if isinstance(value, list) else value.values() if isinstance(value, dict) else ():
            if isinstance(item, dict):
                yield item


def _line_of(mapping: object, key: str) -> int | None:
    """The line of a key's value when it is a mapping or a list of mappings, else the mapping's own line."""
    value = mapping.get(key) if isinstance(mapping, dict) else None
    if isinstance(value, Located):
        return value.line
    if isinstance(value, list) and value and isinstance(value[0], Located):
        return value[0].line
    return getattr(mapping, "line", None)


def _is_scalar(value: object) -> bool:
    return value is not None and not isinstance(value, (dict, list))


def _text(value: object) -> str:
    """A scalar as text ("" for null, a list or a mapping)."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shortened(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.casefold()))[:40].strip("-")


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "empty" if value is None else f"the value {_brief(value)!r}"


def _brief(value: object, limit: int = _BRIEF) -> str:
    """A short one-line rendering of any YAML value; safe with shared and self-containing values."""
    parts: list[str] = []
    size = 0

    def put(text: str) -> None:
        nonlocal size
        parts.append(text)
        size += len(text)

    def walk(item: object, path: tuple[int, ...]) -> None:
        if size > limit:
            return
        if isinstance(item, (dict, list)):
            if id(item) in path or len(path) > 20:
                put("...")
                return
            inner = path + (id(item),)
            pairs = list(item.items()) if isinstance(item, dict) else [(None, v) for v in item]
            put("{" if isinstance(item, dict) else "[")
            for n, (key, sub) in enumerate(pairs):
                if size > limit:
                    break
                put(", " if n else "")
                if key is not None:
                    put(f"{_one_line(_text(key))}: ")
                walk(sub, inner)
            put("}" if isinstance(item, dict) else "]")
        else:
            put(_one_line(_text(item)) if item is not None else "null")

    walk(value, ())
    text = "".join(parts)
    return text if len(text) <= limit else text[: limit - 1] + "…"
