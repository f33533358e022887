"""Running `bizop` as a person at a terminal would: in a pseudo-terminal of a given size, with a time limit."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

BIZOP = [sys.executable, "-m", "bizop_tui"]
ESCAPES = (b"\x1b", b"\x07", b"\x9b")  # ESC, BEL and a raw C1 CSI byte


@dataclass
class Run:
    returncode: int | None  # None when it had to be killed
    output: bytes  # everything written to the terminal (stdout and stderr)
    seconds: float


def run_in_terminal(args: list[str], *, rows: int = 24, cols: int = 80, env: dict | None = None,
                    stdin_terminal: bool = True, stdout_terminal: bool = True, timeout: float = 30.0,
                    cwd: str | Path | None = None, keys: bytes = b"", keys_after: bytes | None = None) -> Run:
    """Run `args` with a pseudo-terminal (ROWSxCOLS) on stdin, stdout and stderr, or /dev/null and a pipe
    where a terminal is not wanted; `keys` are typed once the output holds `keys_after` (at once if None)."""
    master, slave = os.openpty()
    args = [a.replace("{tty}", os.ttyname(slave)) for a in args]  # the terminal's own device path
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)}
    environment.pop("NO_COLOR", None)
    environment.pop("FORCE_COLOR", None)
    environment.update(env or {})
    environment = {k: v for k, v in environment.items() if v is not None}
    stdin = slave if stdin_terminal else subprocess.DEVNULL
    stdout = slave if stdout_terminal else subprocess.PIPE
    start = time.monotonic()
    child = subprocess.Popen(args, stdin=stdin, stdout=stdout, stderr=slave, env=environment, cwd=cwd,
                             start_new_session=True)
    os.close(slave)
    if keys and keys_after is None:
        os.write(master, keys)
        keys = b""
    chunks, piped = [], []
    sources = {master: chunks}
    if child.stdout is not None:
        sources[child.stdout.fileno()] = piped
    deadline = start + timeout
    while sources and time.monotonic() < deadline:
        ready, _, _ = select.select(list(sources), [], [], 0.1)
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the terminal closed, every writer has gone
                chunk = b""
            if chunk:
                sources[fd].append(chunk)
                if keys and keys_after in b"".join(chunks):
                    time.sleep(0.5)
                    os.write(master, keys)
                    keys = b""
            else:
                del sources[fd]
    try:
        returncode = child.wait(timeout=max(deadline - time.monotonic(), 0.1))
    except subprocess.TimeoutExpired:
        returncode = None
        os.killpg(child.pid, 9)
        child.wait()
    if child.stdout is not None:
        child.stdout.close()
    os.close(master)
    return Run(returncode, b"".join(chunks) + b"".join(piped), time.monotonic() - start)
