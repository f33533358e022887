"""`bizop serve`: the app itself in a web browser, through textual-serve (the optional `serve` extra).

Each browser tab runs its own `bizop FILE` as a child process, exactly as in a terminal. textual-serve
can leave such a process behind: when a tab closes while the app is drawing, it stops reading the app's
output, and the app, blocked on a full pipe, never sees the request to quit. So every app process is
tracked here: a session that ends gets its app asked to quit, then ended; a server that stops closes
its sessions first, and ends whatever is left before it returns.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shlex
import signal
import sys

from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

log = logging.getLogger("bizop-serve")

QUIT_GRACE = 5.0  # seconds an app has to quit by itself before it is ended


def app_command(path: str) -> str:
    """The shell command each browser session runs: this Python's `bizop open FILE` (the app on FILE)."""
    command = shlex.join([sys.executable, "-m", "bizop_tui", "open", os.path.abspath(path)])
    # `exec`: the process textual-serve holds is the app itself, not a shell that a signal would miss.
    return f"exec {command}" if os.name == "posix" else command


class _AppSession(AppService):
    """One tab's app process, which always ends when its session does."""

    def __init__(self, *args, processes: set, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._processes = processes

    async def _open_app_process(self, width: int = 80, height: int = 24):
        process = await super()._open_app_process(width, height)
        self._processes.add(process)
        return process

    async def stop(self) -> None:
        process = self._process
        try:
            await asyncio.wait_for(super().stop(), QUIT_GRACE)  # asks the app to quit, reads it out
        except (asyncio.TimeoutError, ConnectionError):
            pass
        if process is not None:
            await _end(process)
            self._processes.discard(process)


async def _end(process: asyncio.subprocess.Process) -> None:
    """Wait for an app that was asked to quit; end it if it does not."""
    if process.returncode is not None:
        return
    # Nobody may read the app's output any more: drain it, so an app blocked writing can finish quitting.
    drains = [asyncio.create_task(_discard(stream)) for stream in (process.stdout, process.stderr) if stream]
    try:
        for sig in (None, signal.SIGTERM, signal.SIGKILL):
            if sig is not None:
                try:
                    process.send_signal(sig)
                except ProcessLookupError:
                    return
            try:
                await asyncio.wait_for(process.wait(), QUIT_GRACE if sig is None else 2.0)
                return
            except asyncio.TimeoutError:
                continue
    finally:
        for drain in drains:
            drain.cancel()


async def _discard(stream: asyncio.StreamReader) -> None:
    try:
        while await stream.read(65536):
            pass
    except (asyncio.CancelledError, RuntimeError, ConnectionError):  # RuntimeError: another reader has it
        pass


class BizopServer(Server):
    """textual-serve's server, with every app process accounted for."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.processes: set = set()
        self.sockets: set[web.WebSocketResponse] = set()

    async def on_startup(self, app: web.Application) -> None:
        # textual-serve prints its logo and "Press Ctrl+C"; bizop serve has said where it listens already.
        pass

    async def on_shutdown(self, app: web.Application) -> None:
        # Close every session, so each handler below ends its app before the server goes.
        for websocket in list(self.sockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"bizop serve stopped")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        # As textual-serve's own, but with a session whose app always ends, and the socket tracked.
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        session: _AppSession | None = None
        try:
            await websocket.prepare(request)
            self.sockets.add(websocket)
            session = _AppSession(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
                processes=self.processes,
            )
            await session.start(width, height)
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one tab's failure must not stop the server
            log.exception(error)
        finally:
            self.sockets.discard(websocket)
            if session is not None:
                await session.stop()
        return websocket

    def end_leftovers(self) -> None:
        """After the server stopped: end any app process still running (none, when all went well)."""
        for process in list(self.processes):
            if process.returncode is None:
                try:
                    os.kill(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        self.processes.clear()


def serve(path: str, host: str, port: int, public_url: str, title: str) -> None:
    """Serve the app on PATH until interrupted. Raises OSError when it cannot listen."""
    server = BizopServer(app_command(path), host=host, port=port, title=title, public_url=public_url)
    try:
        server.serve()
    finally:
        server.end_leftovers()
