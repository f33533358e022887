"""Fixtures for the app stories: copies of the samples and small inline models.

No asyncio plugin is installed, so `async def` tests in this folder are run here with asyncio.run.
"""

from __future__ import annotations

import asyncio
import inspect
import shutil
import textwrap
from pathlib import Path

import pytest

import bizop_tui.templates as templates_package
from bizop_tui.model.document import Document

TEMPLATES = Path(templates_package.__file__).parent


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run coroutine tests in a fresh event loop (there is no pytest-asyncio here)."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        names = pyfuncitem._fixtureinfo.argnames
        kwargs = {name: pyfuncitem.funcargs[name] for name in names}
        asyncio.run(pyfuncitem.obj(**kwargs))
        return True
    return None


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch):
    """No SSH identity in the title bar and animations as at a local terminal (the day staleness is judged
    on is given to each session)."""
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    monkeypatch.delenv("SSH_CLIENT", raising=False)
    monkeypatch.delenv("SSH_TTY", raising=False)


@pytest.fixture
def sample_copy(tmp_path):
    """Copy a bundled sample into tmp_path and return the copy's path."""

    def copy(name: str = "amazon", target: str | None = None) -> Path:
        destination = tmp_path / (target or f"{name}.toml")
        shutil.copyfile(TEMPLATES / f"{name}.toml", destination)
        return destination

    return copy


@pytest.fixture
def amazon_path(sample_copy) -> Path:
    return sample_copy("amazon")


@pytest.fixture
def amazon(amazon_path) -> Document:
    """A document opened on a fresh copy of the Amazon sample."""
    return Document.open(str(amazon_path))


@pytest.fixture
def write_model(tmp_path):
    """Write a small inline model to tmp_path/NAME and open it."""

    def write(content: str, name: str = "model.toml") -> Document:
        path = tmp_path / name
        path.write_text(textwrap.dedent(content), encoding="utf-8")
        return Document.open(str(path))

    return write
