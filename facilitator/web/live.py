"""Live updates by server-sent events: one watcher for the file, one short stream per page.

A single task looks at the session file a few times a second (`data_version`
costs one tiny query) and wakes every open stream when what phones or the
wall show has changed. A stream sends the current version; the page's few
lines of JavaScript fetch the page again when it differs from its own. Each
stream ends after a while and the browser reconnects by itself, so a phone
that left the hall never holds a connection for long.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable

from facilitator.web.read_model import Snapshot

log = logging.getLogger("facilitator.web")

WATCH_INTERVAL = 0.25   # seconds between looks at the file
KEEPALIVE = 15.0        # a comment line now and then keeps the wifi's NAT and the phone awake
RETRY_MS = 1500         # how soon the browser reconnects after a stream ends or the server restarts


class Hub:
    def __init__(self, snapshot: Callable[[], Snapshot], *, max_seconds: float = 300.0) -> None:
        self._snapshot = snapshot
        self.max_seconds = max_seconds
        self._changed = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.streams = 0

    def version(self, kind: str) -> str:
        snap = self._snapshot()
        return snap.wall_version if kind == "wall" else snap.version

    async def start(self) -> None:
        self._task = asyncio.create_task(self._watch(), name="facilitator-watch")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _watch(self) -> None:
        last = None
        while True:
            try:
                snap = self._snapshot()
                now = (snap.version, snap.wall_version)
                if now != last:
                    last = now
                    woken, self._changed = self._changed, asyncio.Event()
                    woken.set()
            except Exception:  # a locked or busy file: look again next time
                log.exception("watching the session file failed")
            await asyncio.sleep(WATCH_INTERVAL)

    async def stream(self, kind: str) -> AsyncIterator[str]:
        """`retry`, then the version whenever it changes, until max_seconds have passed."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.max_seconds
        self.streams += 1
        try:
            yield f"retry: {RETRY_MS}\n\n"
            sent = None
            while True:
                changed = self._changed
                current = self.version(kind)
                if current != sent:
                    sent = current
                    yield f"data: {current}\n\n"
                left = deadline - loop.time()
                if left <= 0:
                    return
                try:
                    await asyncio.wait_for(changed.wait(), min(KEEPALIVE, left))
                except TimeoutError:
                    yield ": -\n\n"
        finally:
            self.streams -= 1
