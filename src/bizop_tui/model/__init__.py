"""The model layer: vocabulary, entities, loading and editing. Imports nothing from Textual.

The names below are loaded when first used, so `from bizop_tui.model.errors import BizopError` (as
`bizop --version` and `bizop rules` need) does not read the whole layer in (about 40 ms)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bizop_tui.model.build import build_model
    from bizop_tui.model.entities import ERROR, INFO, WARNING, Entry, Finding, Model
    from bizop_tui.model.errors import BizopError
    from bizop_tui.model.source import Source, parse_toml, read_source

_WHERE = {
    "build_model": "build",
    "ERROR": "entities", "INFO": "entities", "WARNING": "entities", "Entry": "entities", "Finding": "entities",
    "Model": "entities",
    "BizopError": "errors",
    "Source": "source", "parse_toml": "source", "read_source": "source",
}

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


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


def load_text(text: str, path: str | None = None) -> Model:
    """Load a model from TOML text; raises BizopError for text that is not TOML."""
    from bizop_tui.model.build import build_model
    from bizop_tui.model.source import parse_toml

    return build_model(parse_toml(text, path), text, path)


def load_model(path: str) -> Model:
    """Load a model file; raises BizopError for a file that cannot be read or is not TOML."""
    from bizop_tui.model.source import read_source

    source = read_source(path)
    return load_text(source.text, path)
