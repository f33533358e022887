"""The model layer: vocabulary, entities, loading and editing. Imports nothing from Textual."""

from __future__ import annotations

from bizop_tui.model.build import build_model
from bizop_tui.model.entities import ERROR, INFO, WARNING, Entry, Finding, Model
from bizop_tui.model.errors import BizopError
from bizop_tui.model.source import Source, parse_toml, read_source

__all__ = [
    "ERROR",
    "INFO",
    "WARNING",
    "BizopError",
    "Entry",
    "Finding",
    "Model",
    "Source",
    "build_model",
    "load_model",
    "load_text",
]


def load_text(text: str, path: str | None = None) -> Model:
    """Load a model from TOML text; raises BizopError for text that is not TOML."""
    return build_model(parse_toml(text, path), text, path)


def load_model(path: str) -> Model:
    """Load a model file; raises BizopError for a file that cannot be read or is not TOML."""
    source = read_source(path)
    return load_text(source.text, path)
