"""The app in a real pseudo-terminal, as a person at a terminal (or over SSH) has it: type keys, read every
byte the app writes, hang the terminal up. For stories that only the real driver can tell (what reaches
the terminal, what happens when it goes away)."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time

from terminal_screen import TerminalScreen

BIZOP = [sys.executable, "-m", "bizop_tui"]


class LiveTerminal:
    """`bizop ARGS` on a ROWSxCOLS pseudo-terminal. With `controlling`, the terminal is the process's
    controlling terminal (as sshd sets it up), so closing it sends SIGHUP; without, closing it only ends
    what the app reads (as under nohup, or a terminal it merely inherited)."""

    def __init__(self, args: list[str], *, rows: int = 24, cols: int = 80, env: dict | None = None,
                 controlling: bool = True, cwd=None) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)}
        for name in ("NO_COLOR", "FORCE_COLOR", "SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY", "TEXTUAL_ANIMATIONS",
                     "COLORTERM", "BIZOP_ANIMATIONS"):
            environment.pop(name, None)
        environment.update(env or {})
        environment = {k: v for k, v in environment.items() if v is not None}

        def own_terminal() -> None:
            if controlling:
                fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.output = b""
        self.screen = TerminalScreen(cols, rows)  # what the terminal shows now
        self.process = subprocess.Popen([*BIZOP, *args], stdin=slave, stdout=slave, stderr=slave, env=environment,
                                        cwd=cwd, start_new_session=True, preexec_fn=own_terminal)
        os.close(slave)
        self.hung_up_at: float | None = None

    def read(self, seconds: float = 0.1) -> bytes:
        """What the app writes in the next `seconds` (also kept in `output`)."""
        got = b""
        deadline = time.monotonic() + seconds
        while self.master is not None and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], max(0.0, min(0.05, deadline - time.monotonic())))
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # EIO: every writer has gone
                    chunk = b""
                if not chunk:
                    break
                got += chunk
        self.output += got
        self.screen.feed(got)
        return got

    def wait_for(self, text: bytes, timeout: float = 30.0) -> None:
        """Read until `text` has been written; fail if it never is."""
        deadline = time.monotonic() + timeout
        while text not in self.output:
            assert time.monotonic() < deadline, f"{text!r} never came; last: {self.output[-300:]!r}"
            assert self.process.poll() is None, f"exited {self.process.returncode}: {self.output[-500:]!r}"
            self.read(0.05)

    def wait_to_see(self, text: str, timeout: float = 30.0) -> None:
        """Read until the screen shows `text`; fail if it never does."""
        deadline = time.monotonic() + timeout
        while text not in self.screen.text():
            assert time.monotonic() < deadline, f"{text!r} never shown; screen:\n{self.screen.text()}"
            assert self.process.poll() is None, f"exited {self.process.returncode}: {self.output[-500:]!r}"
            self.read(0.05)

    def settle(self, quiet: float = 0.5, timeout: float = 10.0) -> None:
        """Read until the app has written nothing for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while self.read(quiet) and time.monotonic() < deadline:
            pass

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def hang_up(self) -> None:
        """Close the terminal, as sshd does when the connection drops."""
        self.hung_up_at = time.monotonic()
        os.close(self.master)
        self.master = None

    def signal(self, number: int = signal.SIGHUP) -> None:
        self.hung_up_at = time.monotonic()
        os.kill(self.process.pid, number)

    def wait(self, timeout: float) -> int | None:
        """The exit status within `timeout` seconds, or None (then the process is killed)."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def cpu_seconds(self) -> float:
        """CPU time the app has used so far (user and system), from /proc."""
        with open(f"/proc/{self.process.pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        if self.master is not None:
            os.close(self.master)
            self.master = None

    def __enter__(self) -> LiveTerminal:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
