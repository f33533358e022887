"""Shared helpers for the model-loading stories: write a TOML file into tmp_path and load it."""

from __future__ import annotations

import textwrap

import pytest

from bizop_tui.model import load_model


@pytest.fixture
def write_file(tmp_path):
    """Write `content` (str or bytes) to tmp_path/NAME and return the path as a string."""

    def write(content, name: str = "model.toml") -> str:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(textwrap.dedent(content).encode("utf-8"))
        return str(path)

    return write


@pytest.fixture
def load_file(write_file):
    """Write `content` to a file and load it the way the app and the CLI do."""

    def load(content, name: str = "model.toml"):
        return load_model(write_file(content, name))

    return load
