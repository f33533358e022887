"""Fixtures for the app stories: copies of the samples, small inline models, a pinned "today".

No asyncio plugin is installed, so `async def` tests in this folder are run here with asyncio.run.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import shutil
import textwrap
from pathlib import Path

import pytest

import bizop_tui.templates as templates_package
import bizop_tui.tui.app as app_module
from bizop_tui.alignment import engine
from bizop_tui.alignment import analyse
from bizop_tui.model.document import Document
from tui_helpers import TODAY

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
    """No SSH identity in the title bar, and staleness judged as of a fixed day (TODAY).

    The app has computed its alignment with `analyse(model)` and, later, with `AlignmentState(model)`;
    both default to the real today, so whichever of them the app module uses is pinned.
    """
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    monkeypatch.delenv("SSH_CLIENT", raising=False)
    pinned_analyse = functools.partial(analyse, today=TODAY)
    if hasattr(app_module, "analyse"):
        monkeypatch.setattr(app_module, "analyse", pinned_analyse)
    state_class = getattr(engine, "AlignmentState", None)
    if state_class is not None:

        class PinnedAlignmentState(state_class):
            def __init__(self, model, today=None, *args, **kwargs):
                super().__init__(model, today or TODAY, *args, **kwargs)

        monkeypatch.setattr(engine, "AlignmentState", PinnedAlignmentState)
        if hasattr(app_module, "AlignmentState"):
            monkeypatch.setattr(app_module, "AlignmentState", PinnedAlignmentState)


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
