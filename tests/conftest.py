"""Every test runs with its own state folder, so no recovery journal leaks between tests or from the user."""

import pytest


@pytest.fixture(autouse=True)
def isolated_state(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("BIZOP_STATE_DIR", str(tmp_path_factory.mktemp("state")))
