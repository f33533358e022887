"""Bytes written to a terminal: bizop and a minimal Textual Tree app run in a real pseudo-terminal (the
`pty` module), keys and mouse motions are typed into it, and what each program writes back is counted.

This is what crosses an SSH link: at 256 kbit/s every 32 KB is a second of lag. The terminal is
80x24 with TERM=xterm-256color and no COLORTERM, as an SSH session usually is.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import tempfile
import termios
import time

DOWN = b"\x1b[B"
TAB = b"\t"
CTRL_Q = b"\x11"


def motion(x: int, y: int) -> bytes:
    """A mouse motion with no button held to column x, row y (1-based), in SGR encoding."""
    return f"\x1b[<35;{x};{y}M".encode()


class Terminal:
    """A program running in a pseudo-terminal of `cols` x `rows`."""

    def __init__(self, argv: list[str], cols: int = 80, rows: int = 24, env: dict[str, str] | None = None) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: its terminal gets its size before the program looks
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execvpe(argv[0], argv, env or dict(os.environ))
        self.started = time.perf_counter()

    def read_quiet(self, quiet: float, limit: float = 30.0) -> tuple[bytes, float]:
        """Everything written until nothing came for `quiet` seconds; and the time from now until the last
        byte came (in seconds)."""
        start = time.perf_counter()
        last = start
        out = bytearray()
        while True:
            now = time.perf_counter()
            if now - last >= quiet or now - start >= limit:
                return bytes(out), last - start
            ready, _, _ = select.select([self.fd], [], [], max(0.0, quiet - (now - last)))
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:  # the program ended
                    return bytes(out), last - start
                if not chunk:
                    return bytes(out), last - start
                out += chunk
                last = time.perf_counter()

    def wait_for(self, text: bytes, limit: float = 60.0) -> tuple[bytes, float]:
        """Read until `text` has been written (or `limit` seconds passed); the time it took, in seconds."""
        start = time.perf_counter()
        out = bytearray()
        while text not in out and time.perf_counter() - start < limit:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    break
                out += chunk
        return bytes(out), time.perf_counter() - start

    def send(self, data: bytes) -> None:
        os.write(self.fd, data)

    def close(self) -> None:
        try:
            self.send(CTRL_Q)
            self.read_quiet(0.3, limit=3)
        except OSError:
            pass
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        os.close(self.fd)


def ssh_like_environment(folder: str) -> dict[str, str]:
    """The environment of an SSH session, with bizop's config and recovery journals kept in `folder`."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "NO_COLOR", "TEXTUAL_DRIVER")}
    env.update(TERM="xterm-256color", XDG_CONFIG_HOME=folder, BIZOP_STATE_DIR=folder, LANG="C.UTF-8")
    return env


def bizop_argv(path: str) -> list[str]:
    return [sys.executable, "-m", "bizop_tui", path]


def tree_argv(path: str) -> list[str]:
    return [sys.executable, "-m", "bizop_tui.bench.bare", "tree", path]


def byte_figures(path: str, argv: list[str], settle: float | None = None, quiet: float = 0.25) -> dict[str, int]:
    """Bytes the program at `argv` writes for one Down, 20 Downs (each to its full update), one Tab,
    and 16 mouse motions along one line of the tree that change nothing on screen."""
    folder = tempfile.mkdtemp(prefix="bizop-pty-")
    term = Terminal(argv, env=ssh_like_environment(folder))
    if settle is None:  # silence long enough for a large model's first analysis, which draws nothing until done
        settle = 1.5 + os.path.getsize(path) / 500_000
    try:
        term.read_quiet(settle, limit=60)  # the first frame, and a large model's first analysis
        figures: dict[str, int] = {}
        term.send(DOWN)
        figures["one_down"] = len(term.read_quiet(quiet)[0])
        total = 0
        for _ in range(20):
            term.send(DOWN)
            total += len(term.read_quiet(quiet)[0])
        figures["twenty_downs"] = total
        # Motions along the row of the cursor's line, left to right over the label: the pointer is
        # the terminal's own, so on screen nothing changes.
        term.send(motion(6, 6))
        term.read_quiet(quiet)
        total = 0
        for x in range(7, 23):
            term.send(motion(x, 6))
            total += len(term.read_quiet(0.08)[0])
        figures["mouse_motions"] = total
        total = 0
        for y in range(6, 22):  # and down over the lines of the tree
            term.send(motion(8, y))
            total += len(term.read_quiet(0.08)[0])
        figures["mouse_over_lines"] = total
        term.send(TAB)
        figures["one_tab"] = len(term.read_quiet(quiet)[0])
        return figures
    finally:
        term.close()


def label_argv(path: str) -> list[str]:
    return [sys.executable, "-m", "bizop_tui.bench.bare", "label", path]


class Tmux:
    """A tmux server of the benchmark's own (its own socket), for first frames in a real terminal."""

    def __init__(self, cols: int = 160, rows: int = 48) -> None:
        self.socket = f"bizop-bench-{os.getpid()}"
        self.cols, self.rows = cols, rows
        self.folder = tempfile.mkdtemp(prefix="bizop-tmux-")
        self.runs = 0
        self._tmux("new-session", "-d", "-s", "keep", "-x", str(cols), "-y", str(rows), "sleep 3600")

    def _tmux(self, *args: str) -> str:
        import subprocess

        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                              check=False).stdout

    def first_frame(self, argv: list[str], marker: str, limit: float = 60.0) -> float:
        """Milliseconds from starting `argv` in a new tmux window until `marker` is on its screen."""
        import shlex

        self.runs += 1
        name = f"run{self.runs}"
        env = " ".join(f"{k}={shlex.quote(v)}" for k, v in
                       (("XDG_CONFIG_HOME", self.folder), ("BIZOP_STATE_DIR", self.folder)))
        start = time.perf_counter()
        self._tmux("new-session", "-d", "-s", name, "-x", str(self.cols), "-y", str(self.rows),
                   f"env {env} {shlex.join(argv)}")
        try:
            while time.perf_counter() - start < limit:
                if marker in self._tmux("capture-pane", "-p", "-t", name):
                    return (time.perf_counter() - start) * 1000
                time.sleep(0.005)
            return limit * 1000
        finally:
            self._tmux("kill-session", "-t", name)

    def close(self) -> None:
        self._tmux("kill-server")
