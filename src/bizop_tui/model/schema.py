"""The JSON Schema (draft 2020-12) of format v1, generated from the vocabulary.

Editors (VS Code with Even Better TOML, any Taplo-based editor) use it to complete keys, check types
and show each key's description on hover. `bizop schema` prints it; the same text ships in the
package as SCHEMA_FILE, and `bizop new` writes a copy beside a new model.

What editors do with it decided its shape:
- Unknown keys are part of the format (kept, and reported by bizop as info), so every table says
  `additionalProperties: true` out loud: Tombi treats a table without it as closed. JSON Schema has
  no warning level, so typos are left to `bizop check`, which suggests the key meant.
- Unknown blocks under `business` and `operating` are refused: bizop does not analyse them.
- Nothing is behind `$ref`: Taplo ignores a description that sits beside one, so each block's
  entries are written out in full.
- TOML dates reach a JSON Schema validator as strings, and nan or inf as null (Taplo's conversion),
  so `reviewed` is a string in `date` format and amounts are numbers with finite bounds.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from bizop_tui.model.vocabulary import (
    BLOCKS_BY_KEY,
    BUSINESS_BLOCKS,
    DATE,
    ID,
    IDS,
    LINKS_BY_KEY,
    MODEL_FIELDS,
    NUMBER,
    OPERATING_DIMENSIONS,
    STATUS,
    STATUSES,
    STRINGS,
    Block,
    Field,
    fields_of,
)

SCHEMA_FILE = "bizop-v1.schema.json"
SCHEMA_DIRECTIVE = f"#:schema ./{SCHEMA_FILE}"  # Taplo's header directive: the schema file beside the model
DRAFT = "https://json-schema.org/draft/2020-12/schema"
_LARGEST_FLOAT = 1.7976931348623157e308

# What the loader checks beyond the vocabulary's kinds (model/build.py): review cadences are whole
# days, and an archetype may be one name as well as a list.
_MODEL_REFINED: dict[str, dict[str, Any]] = {
    "business_review_days": {"type": "integer", "minimum": 1},
    "operating_review_days": {"type": "integer", "minimum": 1},
    "archetype": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
}


def json_schema() -> dict[str, Any]:
    """The schema of a format-v1 model file, as a JSON-ready dict."""
    return {
        "$schema": DRAFT,
        "title": "bizop model (format v1)",
        "description": "One organisation's business model (the nine Business Model Canvas blocks) and "
                       "operating model side by side. See docs/format.md.",
        "type": "object",
        "required": ["model"],
        "properties": {
            "model": _model_table(),
            "business": _side("Business model: the nine Business Model Canvas blocks, each an array of "
                              "[[business.BLOCK]] tables.", BUSINESS_BLOCKS),
            "operating": _side("Operating model: how the business model is executed, each dimension an array "
                               "of [[operating.DIMENSION]] tables.", OPERATING_DIMENSIONS),
            "archetypes": {
                "type": "object",
                "description": "Archetype rule sets defined or extended in this file, by name, in the shape of "
                               "the built-in ones (see docs/alignment.md).",
                "additionalProperties": {"type": "object"},
            },
        },
        "additionalProperties": True,
    }


def schema_text() -> str:
    """The schema as `bizop schema` prints it and the package ships it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def shipped_schema_text() -> str:
    """The schema file that ships in the package (a test keeps it equal to schema_text())."""
    return resources.files(__package__).joinpath(SCHEMA_FILE).read_text("utf-8")


def _model_table() -> dict[str, Any]:
    return {
        "type": "object",
        "description": "Everything about the model as a whole.",
        "required": [f.key for f in MODEL_FIELDS if f.required],
        "properties": {f.key: _value(f, _MODEL_REFINED.get(f.key)) for f in MODEL_FIELDS},
        "additionalProperties": True,
    }


def _side(description: str, blocks: tuple[Block, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": {block.key: _block(block) for block in blocks},
        "additionalProperties": False,
    }


def _block(block: Block) -> dict[str, Any]:
    return {
        "type": "array",
        "description": f"{block.title}: {block.summary}. Each [[{block.path}]] table is one {block.noun}.",
        "items": {
            "type": "object",
            "description": f"One {block.noun}.",
            "required": [f.key for f in fields_of(block) if f.required],
            "properties": {f.key: _value(f, None, block) for f in fields_of(block)},
            "additionalProperties": True,
        },
    }


def _value(field: Field, refined: dict[str, Any] | None, block: Block | None = None) -> dict[str, Any]:
    schema = dict(refined) if refined else _of_kind(field)
    schema["description"] = _describe(field, block)
    return schema


def _of_kind(field: Field) -> dict[str, Any]:
    if field.required:  # id and name: a non-blank string
        return {"type": "string", "pattern": r"\S"}
    if field.kind == IDS or field.kind == STRINGS:
        return {"type": "array", "items": {"type": "string"}}
    if field.kind == NUMBER:
        return {"type": "number", "minimum": -_LARGEST_FLOAT, "maximum": _LARGEST_FLOAT}
    if field.kind == DATE:
        return {"type": "string", "format": "date"}
    if field.kind == STATUS:
        return {
            "type": "string",
            "enum": list(STATUSES),
            "default": next(iter(STATUSES)),
            "x-taplo": {"docs": {"enumValues": list(STATUSES.values())}},
        }
    return {"type": "string"}  # STRING, TEXT and a single ID


def _describe(field: Field, block: Block | None) -> str:
    text = field.summary[:1].upper() + field.summary[1:] + "."
    if field.kind == NUMBER and block is not None:
        text += " A finite number; a whole number is kept exactly (64-bit)."
    link = LINKS_BY_KEY.get(field.key)
    if link is not None and block is not None and field.kind in (ID, IDS):
        allowed = link.allowed(block)
        names = "any block" if len(allowed) == len(BLOCKS_BY_KEY) else ", ".join(
            BLOCKS_BY_KEY[key].title.lower() for key in allowed)
        text += f" Names {'ids of entries' if link.many else 'the id of one entry'} of: {names}."
    return text
