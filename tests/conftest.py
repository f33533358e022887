"""Every test runs with its own state and config folders, so no recovery journal or keymap leaks between
tests or from the person running them."""

import pytest


@pytest.fixture(autouse=True)
def isolated_state(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("BIZOP_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("BIZOP_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
