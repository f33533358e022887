"""Stories about `bizop serve FILE`: the app itself in a web browser, through textual-serve.

The browser stories start a real server on a free port, open it in headless Chromium, and stop it;
they check that no process of the server's is left behind. They skip where no Chromium is found.
"""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from browser_helpers import Page, require_chromium, screenshot

MODEL = """
[model]
name = "Served Example Co"
currency = "EUR"

[[business.customer_segments]]
id = "seg"
name = "Walk-in customers"

[[business.value_propositions]]
id = "vp"
name = "Repairs while you wait"
segments = ["seg"]

[[operating.processes]]
id = "proc"
name = "Bench repairs"
supports = ["vp"]
"""


# -- the command, without a browser --------------------------------------------------------------


def test_serve_without_the_extra_says_which_extra_to_install(run, model_file, monkeypatch):
    for module in ("textual_serve", "textual_serve.server", "textual_serve.app_service"):
        monkeypatch.setitem(sys.modules, module, None)  # as if the extra were not installed
    monkeypatch.delitem(sys.modules, "bizop_tui.serve", raising=False)

    result = run("serve", model_file(MODEL))

    assert result.exit_code == 1
    assert "'serve' extra" in result.stderr
    assert "pip install 'bizop-tui[serve]'" in result.stderr and "'.[serve]'" in result.stderr


def test_serve_refuses_a_model_it_cannot_read_before_listening(run, model_file, monkeypatch):
    monkeypatch.setattr("bizop_tui.serve.serve", _never_serve)

    result = run("serve", model_file("[model\nname = 'x'\n"))

    assert result.exit_code == 2
    assert result.stderr.startswith("bizop: ")


def test_serve_listens_on_127_0_0_1_port_8000_unless_told_otherwise(run, model_file, monkeypatch):
    calls = []
    monkeypatch.setattr("bizop_tui.serve.serve", lambda *args, **kwargs: calls.append((args, kwargs)))
    path = model_file(MODEL)

    result = run("serve", path)

    assert result.exit_code == 0, result.output
    (file, host, port, url), kwargs = calls[0]
    assert (file, host, port, url) == (path, "127.0.0.1", 8000, "http://127.0.0.1:8000")
    assert kwargs["title"] == "bizop: model.toml"
    assert "serving model.toml at http://127.0.0.1:8000" in result.stderr
    assert "warning" not in result.stderr


def test_serving_beyond_this_machine_warns_that_there_is_no_password(run, model_file, monkeypatch):
    monkeypatch.setattr("bizop_tui.serve.serve", lambda *args, **kwargs: None)

    result = run("serve", model_file(MODEL), "--host", "0.0.0.0", "--port", "9000", "--public-url",
                 "http://example.internal:9000")

    assert result.exit_code == 0, result.output
    assert "anyone who can reach it can open and edit model.toml; there is no password" in result.stderr
    assert "serving model.toml at http://example.internal:9000" in result.stderr


def test_each_browser_tab_runs_bizop_open_on_the_file_with_this_python(tmp_path):
    from bizop_tui.serve import app_command

    path = tmp_path / "it's a model; rm -rf ~.toml"

    words = shlex.split(app_command(str(path)))

    assert words == ["exec", sys.executable, "-m", "bizop_tui", "open", str(path)]


def test_a_port_already_in_use_is_refused_with_a_message(model_file):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "bizop_tui", "serve", model_file(MODEL), "--port", str(port)],
                              capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)

    assert done.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr and "choose another --port" in done.stderr


def _never_serve(*args, **kwargs):
    raise AssertionError("serve must not start a server for a model it cannot read")


# -- in a browser ---------------------------------------------------------------------------------


class Served:
    """`bizop serve FILE --port N` in its own process group, so every process it starts can be found."""

    def __init__(self, path: str, log: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = log
        with open(log, "wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bizop_tui", "serve", path, "--port", str(self.port)],
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                env={**os.environ, "COLUMNS": "1000"})  # one log line a request
        self._wait_until_listening()

    def _wait_until_listening(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"bizop serve exited with {self.process.returncode}: {self.output()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.2)
        pytest.fail(f"bizop serve did not listen within {timeout} s: {self.output()}")

    def output(self) -> str:
        return self.log.read_text("utf-8", errors="replace")[-3000:]

    def members(self) -> list[tuple[int, list[str]]]:
        """Every live process of the server's group (the server and its apps), with its command line."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                state, _ppid, group = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:3]
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except (OSError, ValueError):
                continue
            if int(group) == self.process.pid and state != "Z":
                found.append((int(entry.name), [word.decode(errors="replace") for word in command if word]))
        return found

    def apps(self) -> list[list[str]]:
        return [command for pid, command in self.members() if pid != self.process.pid]

    def wait_for_apps(self, count: int, timeout: float = 30) -> list[list[str]]:
        deadline = time.monotonic() + timeout
        while len(apps := self.apps()) != count:
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} app processes, found {apps}")
            time.sleep(0.2)
        return apps

    def stop(self) -> int:
        """Ctrl+C, as a person stops it; the server's exit code."""
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pytest.fail(f"bizop serve did not stop within 30 s of ctrl+c: {self.output()}")

    def end_everything(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait()


@pytest.fixture
def served(model_file, tmp_path):
    require_chromium()
    if not Path("/proc/self/stat").exists():
        pytest.skip("these stories find the server's processes through /proc (Linux)")
    servers = []

    def start(text: str = MODEL) -> Served:
        servers.append(Served(model_file(text), tmp_path / "serve.log"))
        return servers[-1]

    yield start
    for server in servers:
        server.end_everything()


def test_a_browser_gets_bizop_on_the_file_and_ctrl_c_leaves_no_process_behind(served, tmp_path):
    server = served()
    path = str(tmp_path / "model.toml")

    with Page(1280, 800) as tab:
        tab.open(server.url)
        assert tab.evaluate("document.querySelector('.intro').innerText.trim()") == "bizop: model.toml"
        tab.wait_for("document.body.classList.contains('-first-byte')", timeout=60)  # the app is drawing
        (app,) = server.wait_for_apps(1)
        assert app[1:] == ["-m", "bizop_tui", "open", path] and Path(app[0]).name.startswith("python")
        time.sleep(2)
        drawn = tab.screenshot(tmp_path / "served.png")

    assert _share_of_light_pixels(drawn) > 0.02, "the page shows no app: only textual-serve's dark splash"
    assert server.stop() == 0, server.output()
    assert server.members() == [], f"left behind: {server.members()}"


def test_ctrl_q_in_the_page_quits_the_app_and_ends_the_session(served):
    server = served()

    with Page(1280, 800) as tab:
        tab.open(server.url)
        tab.wait_for("document.body.classList.contains('-first-byte')", timeout=60)
        server.wait_for_apps(1)
        tab.wait_for("document.querySelector('.xterm-helper-textarea') !== null")
        time.sleep(2)  # let the app finish drawing its first screen and take keys
        tab.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
        for kind in ("keyDown", "keyUp"):
            tab.call("Input.dispatchKeyEvent", {"type": kind, "modifiers": 2, "key": "q", "code": "KeyQ",
                                                "windowsVirtualKeyCode": 81})
        tab.wait_for("document.body.classList.contains('-closed')", timeout=30)  # "Session ended."

    assert server.wait_for_apps(0) == []
    assert server.stop() == 0


def test_tabs_closed_while_the_app_starts_leave_no_app_running(served, tmp_path):
    server = served()

    # A browser that takes its screenshot and closes at once: each tab's app is still starting (with
    # textual-serve alone, every one of them was left running, even after ctrl+c).
    for n in range(3):
        screenshot(server.url, tmp_path / f"tab-{n}.png", 1280, 800)

    assert server.wait_for_apps(0, timeout=30) == []
    whole_log = server.log.read_text("utf-8", errors="replace")
    assert whole_log.count('"GET /ws?') == 3, server.output()  # each tab did start an app
    assert server.stop() == 0
    assert server.members() == []


def _share_of_light_pixels(png: Path) -> float:
    from PIL import Image

    grey = Image.open(png).convert("L").histogram()
    return sum(grey[128:]) / sum(grey)
