"""When the terminal goes away (a dropped SSH connection, a closed terminal window): keep the unsaved
edits in the journal and exit at once.

Two signs, either enough: a hang-up signal (SIGHUP; SIGTERM too, as a logout sends), and the terminal
hung up under stdin (poll's POLLHUP), which is all a process gets when the terminal is not its
controlling one or SIGHUP is ignored (nohup). Textual 8's input thread reads end-of-file from a hung-up
terminal over and over, so without this the app would spin at full CPU, drawing into the void, forever.
"""

from __future__ import annotations

import asyncio
import os
import select
import signal
import sys
import threading
from collections.abc import Callable

HANG_UP_STATUS = 128 + signal.SIGHUP  # 129: what a shell reports for a process ended by a hang-up
SIGNALS = (signal.SIGHUP, signal.SIGTERM)
GRACE_SECONDS = 3.0  # to wind the app down; then the process ends regardless (its edits are safe by then)


def watch_terminal(app, session) -> None:
    """From now on, a hang-up journals `session`'s unsaved edits and ends `app` with status 128 + the
    signal (HANG_UP_STATUS when the terminal hung up). Call from the app's event loop; does nothing
    without a terminal on stdin (tests, `bizop serve`)."""
    if app.is_headless or not _stdin_is_terminal():
        return
    fd = sys.stdin.fileno()
    done = threading.Event()

    def hang_up(number: int = signal.SIGHUP) -> None:
        if done.is_set():
            return
        done.set()
        session.close()  # first: nothing after this may stand between the edits and the disk
        if _hung_up(fd):
            _detach_from_terminal()  # restoring a dead terminal would fail or block; a live one is restored
        _exit_after(GRACE_SECONDS, 128 + number)
        app.exit(return_code=128 + number)

    loop = asyncio.get_running_loop()
    for number in SIGNALS:
        loop.add_signal_handler(number, hang_up, number)
    threading.Thread(target=_wait_for_hang_up, args=(fd, lambda: loop.call_soon_threadsafe(hang_up)),
                     name="bizop-hang-up", daemon=True).start()


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):
        return False


GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL


def _hung_up(fd: int, timeout_ms: int = 0) -> bool:
    """Whether the terminal on `fd` has hung up (waiting up to `timeout_ms`; None waits for ever)."""
    poller = select.poll()
    poller.register(fd, select.POLLHUP)  # POLLHUP, POLLERR and POLLNVAL are reported whatever is asked
    try:
        return any(mask & GONE for _, mask in poller.poll(timeout_ms))
    except InterruptedError:
        return False


def _wait_for_hang_up(fd: int, then: Callable[[], None]) -> None:
    """Block (no CPU) until the terminal on `fd` hangs up, then call `then`."""
    while not _hung_up(fd, None):
        pass
    try:
        then()
    except RuntimeError:  # the event loop has closed: the app ended meanwhile
        pass


def _detach_from_terminal() -> None:
    """Point stdin, stdout and stderr at the null device: reads end, writes vanish, nothing blocks."""
    try:
        null = os.open(os.devnull, os.O_RDWR)
    except OSError:
        return
    for fd in (0, 1, 2):
        try:
            os.dup2(null, fd)
        except OSError:
            pass
    os.close(null)


def _exit_after(seconds: float, status: int) -> None:
    timer = threading.Timer(seconds, os._exit, (status,))
    timer.daemon = True
    timer.start()
