"""A model read from another tool's file, and its format-v1 TOML text with a comment above each entry.

Importers fill an ImportedModel; model_text() writes it the way bizop's samples are written, and
checks that bizop loads the text back with the same names, links and notes before anyone saves it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field

import tomlkit

from bizop_tui.model import load_text
from bizop_tui.model.entities import ERROR
from bizop_tui.model.errors import BizopError
from bizop_tui.model.text import one_line
from bizop_tui.model.vocabulary import BUSINESS_BLOCKS, FIELDS, Block

_COMMENT_WIDTH = 240


@dataclass
class ImportedEntry:
    """One entry of the new model: what it is, what it links to, and where it came from."""

    block: Block
    id: str
    name: str
    origin: str  # one line for the comment above the entry
    segments: list[str] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # paragraphs, joined by a blank line

    def link(self, key: str, target: str) -> None:
        ids = self.segments if key == "segments" else self.supports
        if target not in ids:
            ids.append(target)

    def fields(self) -> dict[str, object]:
        paragraphs = (p.replace("\r\n", "\n").replace("\r", "\n").strip("\n") for p in self.notes)
        notes = "\n\n".join(p for p in paragraphs if p.strip())
        values = {"id": self.id, "name": self.name, "segments": self.segments, "supports": self.supports,
                  "notes": notes}
        return {f.key: values[f.key] for f in FIELDS if values.get(f.key)}


@dataclass
class ImportedModel:
    name: str
    description: str = ""
    comments: list[str] = field(default_factory=list)  # the file's opening comment, one line each
    entries: list[ImportedEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # for the person importing: file:line: what, what to do


def model_text(model: ImportedModel, path: str | None = None) -> str:
    """The format-v1 text of `model`; BizopError if bizop would not load it back as it was meant."""
    lines = [_comment(c) for c in model.comments]
    lines += ["", "[model]", f"name = {_toml(model.name)}"]
    if model.description:
        lines.append(f"description = {_toml(model.description)}")
    for block in BUSINESS_BLOCKS:
        entries = [e for e in model.entries if e.block == block]
        if entries:
            lines += ["", _comment(f"---- {block.title} ".ljust(60, "-"))]
        for entry in entries:
            lines += ["", _comment(entry.origin), f"[[{block.path}]]"]
            lines += [f"{key} = {_toml(value)}" for key, value in entry.fields().items()]
    text = "\n".join(lines) + "\n"
    _check_reads_back(text, model, path)
    return text


def _comment(text: str) -> str:
    return ("# " + one_line(text, _COMMENT_WIDTH)).rstrip()


def _toml(value: object) -> str:
    if isinstance(value, str) and "\n" in value:
        return tomlkit.string(value, multiline=True).as_string()
    return tomlkit.item(value).as_string()


def _check_reads_back(text: str, imported: ImportedModel, path: str | None) -> None:
    try:
        data = tomllib.loads(text)
        model = load_text(text, path)
    except (tomllib.TOMLDecodeError, BizopError) as error:
        raise BizopError(f"bizop wrote TOML it cannot read back ({error}); nothing was written",
                         path=path, hint="Please report this, with the file you imported.") from None
    errors = [p.message for p in model.problems if p.severity == ERROR]
    meant = [e.fields() for block in BUSINESS_BLOCKS for e in imported.entries if e.block == block]
    read = [item for block in BUSINESS_BLOCKS for item in data.get("business", {}).get(block.key, [])]
    if errors or read != meant or data["model"]["name"] != imported.name:
        raise BizopError("the model bizop made does not read back as it was meant; nothing was written",
                         path=path, hint="Please report this, with the file you imported. "
                                         + "; ".join(errors[:3]))
