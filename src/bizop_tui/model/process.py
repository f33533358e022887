"""Who is running: this process's user, host, pid and start time, and whether another recorded process still runs.

Journals and temporary files carry their owner, so that the next bizop can tell a live session's files
from those a killed one left behind. A pid alone is not enough (pids are reused, and a reboot starts
them again), so a process is alive only when a process with that pid runs on this host and started
when the recorded one did.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import os
import socket
from dataclasses import dataclass
from functools import lru_cache

LIVE, DEAD, UNKNOWN = "live", "dead", "unknown"
# Start times read from /proc agree to the clock tick, but the boot time they count from is in whole
# seconds and may be read a second apart: allow that much.
_START_SLACK = 2.0


@dataclass(frozen=True, slots=True)
class Owner:
    """A bizop process: who ran it, where (host name, and the machine_tag that tells containers of one
    host apart), its pid, and when it started (seconds since the epoch)."""

    user: str
    host: str
    pid: int
    started: float
    machine: str

    def liveness(self) -> str:
        """LIVE, DEAD, or UNKNOWN when the process runs on another machine (bizop cannot look there)."""
        if self.machine != machine_tag():
            return UNKNOWN
        return LIVE if process_started(self.pid, self.started) else DEAD

    def describe(self) -> str:
        """'alice@build-1, process 4242, since 2026-06-01 09:30' (user text: show it with stand-ins)."""
        try:
            since = dt.datetime.fromtimestamp(self.started).strftime("%Y-%m-%d %H:%M")
        except (OverflowError, ValueError, OSError):
            since = "an unknown time"
        return f"{self.user}@{self.host}, process {self.pid}, since {since}"

    def as_json(self) -> dict:
        return {"user": self.user, "host": self.host, "pid": self.pid, "started": self.started,
                "machine": self.machine}


@lru_cache(maxsize=1)
def this_host() -> str:
    return socket.gethostname()


@lru_cache(maxsize=1)
def machine_tag() -> str:
    """A hex tag of this host and process-id namespace: two containers on one host do not see each
    other's pids, so a pid is only looked up where the tag matches."""
    try:
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        namespace = ""
    seed = f"{this_host()}\0{namespace}".encode("utf-8", "surrogateescape")
    return hashlib.sha256(seed).hexdigest()[:16]


def this_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers) and no $USER
        return str(os.geteuid())


def this_process() -> Owner:
    pid = os.getpid()
    return Owner(this_user(), this_host(), pid, start_time(pid) or _FALLBACK_START, machine_tag())


def start_time(pid: int) -> float | None:
    """When process `pid` started, in seconds since the epoch; None when it does not run (or cannot be read)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return None
    try:
        # The command name (field 2) is in parentheses and may hold spaces or ')': split after the last ')'.
        fields = stat[stat.rindex(b")") + 2 :].split()
        ticks = int(fields[19])  # field 22 of the whole line: start time in clock ticks after boot
    except (ValueError, IndexError):
        return None
    boot = _boot_time()
    return None if boot is None else boot + ticks / os.sysconf("SC_CLK_TCK")


def process_started(pid: int, started: float) -> bool:
    """True when process `pid` runs and started at `started` (not a later process given the same pid)."""
    if not _HAVE_PROC:
        return _pid_runs(pid)
    actual = start_time(pid) if pid > 0 else None
    return actual is not None and abs(actual - started) <= _START_SLACK


def process_alive_since(pid: int, since: float) -> bool:
    """True when process `pid` runs and started no later than `since` (a file it wrote then is its own)."""
    if not _HAVE_PROC:
        return _pid_runs(pid)
    actual = start_time(pid) if pid > 0 else None
    return actual is not None and actual <= since + _START_SLACK


def _pid_runs(pid: int) -> bool:
    """Without /proc (macOS, BSD) the pid is all there is to go on."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except PermissionError:
        return True
    except OSError:
        return False
    return True


@lru_cache(maxsize=1)
def _boot_time() -> float | None:
    try:
        with open("/proc/stat", "rb") as handle:
            for line in handle:
                if line.startswith(b"btime "):
                    return float(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


_HAVE_PROC = os.path.isdir("/proc/self")
# Without /proc a start time cannot be read: the time this module was loaded stands in for it.
_FALLBACK_START = dt.datetime.now().timestamp()
