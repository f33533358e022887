"""Headless Chromium for the browser tests: find it, run it, and clean up every process it started.

Two ways in. `dump_dom` and `screenshot` use Chromium's own command-line switches. `Page` speaks the
DevTools protocol over a pipe (--remote-debugging-pipe: no port, no extra package) for what switches
cannot do: a viewport exactly 375 px wide (headless windows are at least 500 px), reading what the
page shows after its CSS, and waiting for a page that draws itself later (the served app).

Tests skip when no Chromium is found, unless BIZOP_BROWSER_TESTS=required (set by .ci/run once it
has installed Chromium), where a missing browser fails them instead.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
# As the machine notes say: without the background-networking switches Chromium keeps trying to reach
# Google's hosts, which a closed network refuses.
SWITCHES = ["--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-quic",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--hide-scrollbars", "--mute-audio"]


def find_chromium() -> str | None:
    explicit = os.environ.get("BIZOP_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else shutil.which(explicit)
    return next((path for path in map(shutil.which, CANDIDATES) if path), None)


def require_chromium() -> str:
    """The browser's path, or skip (fail, where CI requires the browser tests) when there is none."""
    path = find_chromium()
    if path:
        return path
    reason = ("no Chromium found (looked for " + ", ".join(CANDIDATES) + " on PATH, and BIZOP_CHROMIUM); "
              "install Debian's chromium package to run the browser tests")
    if os.environ.get("BIZOP_BROWSER_TESTS") == "required":
        pytest.fail("BIZOP_BROWSER_TESTS=required but " + reason)
    pytest.skip(reason)


def _switches(profile: str) -> list[str]:
    switches = [*SWITCHES, f"--user-data-dir={profile}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        switches.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
    return switches


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess:
    """Run Chromium in its own process group and end the whole group, whatever happens."""
    chromium = require_chromium()
    with tempfile.TemporaryDirectory(prefix="bizop-chromium-") as profile:
        process = subprocess.Popen([chromium, *_switches(profile), *args], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _end_group(process)
            out, err = process.communicate()
            pytest.fail(f"Chromium did not finish in {timeout:.0f} s: {err.decode(errors='replace')[-2000:]}")
        finally:
            _end_group(process)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def _end_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def dump_dom(url: str, timeout: float = 60) -> str:
    """The page's DOM after it loaded, as `chromium --dump-dom` prints it."""
    done = _run(["--dump-dom", url], timeout)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return done.stdout.decode("utf-8")


def screenshot(url: str, out: Path, width: int = 1280, height: int = 2000, timeout: float = 60) -> Path:
    """A PNG of the top WIDTH x HEIGHT of the page, as `chromium --screenshot` takes it."""
    done = _run([f"--window-size={width},{height}", f"--screenshot={out}", url], timeout)
    assert done.returncode == 0 and out.exists(), done.stderr.decode(errors="replace")[-2000:]
    return out


class Page:
    """One tab driven through the DevTools protocol over a pipe. Use as a context manager."""

    def __init__(self, width: int = 1280, height: int = 900, mobile: bool = False) -> None:
        self.size = (width, height, mobile)
        self._next = 0
        self._buffer = b""
        self.events: list[dict] = []

    def __enter__(self) -> Page:
        chromium = require_chromium()
        self._profile = tempfile.TemporaryDirectory(prefix="bizop-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def plumbing() -> None:  # the protocol pipe is fds 3 (commands in) and 4 (answers out)
            commands, answers = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser_r, from_browser_w))
            os.dup2(commands, 3)
            os.dup2(answers, 4)

        self.process = subprocess.Popen(
            [chromium, *_switches(self._profile.name), "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=plumbing, start_new_session=True)
        os.close(to_browser_r)
        os.close(from_browser_w)
        try:
            target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
            self.session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            self.call("Page.enable")
            width, height, mobile = self.size
            self.call("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        try:
            os.write(self._to_browser, json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0")
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            pass
        _end_group(self.process)
        self.process.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        self._profile.cleanup()

    # -- the protocol --------------------------------------------------------------------------

    def call(self, method: str, params: dict | None = None, timeout: float = 30) -> dict:
        return self._call(method, params, timeout, self.session)

    def _call(self, method: str, params: dict | None = None, timeout: float = 30, session: str | None = None) -> dict:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline, method)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _receive(self, deadline: float, waiting_for: str) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise AssertionError(f"Chromium did not answer {waiting_for} in time")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise AssertionError(f"Chromium closed the protocol pipe while waiting for {waiting_for}")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    # -- what the tests use -------------------------------------------------------------------

    def open(self, url: str, timeout: float = 30) -> None:
        """Go to URL and wait for its load event."""
        self.events.clear()
        self.call("Page.navigate", {"url": url})
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            self.events.append(self._receive(deadline, "the page's load event"))

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30, every: float = 0.25):
        """Evaluate EXPRESSION until it is truthy; return its value (or fail after TIMEOUT seconds)."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"still false after {timeout:.0f} s: {expression}")
            time.sleep(every)

    def screenshot(self, out: Path, full_page: bool = False) -> Path:
        params: dict = {"format": "png"}
        if full_page:
            width = self.evaluate("document.documentElement.scrollWidth")
            height = self.evaluate("document.documentElement.scrollHeight")
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1})
        out.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", params, timeout=60)["data"]))
        return out
