"""The collection server's single writer: one thread, one connection, group commit.

The same pattern as the hall server's `web/writer.py` (which is bound to a session file's
`Workshop` and its batch cache, so it cannot take a collection file): every waiting job
runs in its own savepoint inside one transaction, one COMMIT (synchronous=FULL, so one
fsync) acknowledges the group, and only then does a request hear "saved".
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from facilitator.store.collection import CollectionStore
from facilitator.web.refusals import Busy

T = TypeVar("T")
MAX_BATCH = 512
log = logging.getLogger("facilitator.collect")


@dataclass
class _Job:
    run: Callable[[CollectionStore], Any]
    future: asyncio.Future[Any]
    loop: asyncio.AbstractEventLoop


def _settle(future: asyncio.Future[Any], ok: bool, value: Any) -> None:
    if future.done():
        return
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)


class CollectionWriter:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._failed: BaseException | None = None
        self.commits = 0
        self.jobs = 0

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="collect-writer", daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._failed is not None:
            raise self._failed

    def stop(self, timeout: float = 10.0) -> None:
        if self._thread is not None and self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    async def submit(self, run: Callable[[CollectionStore], T]) -> T:
        """Run `run(store)` in the writer; returns once its transaction is on disk."""
        if not self.alive:
            raise Busy("web.error.busy")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.put(_Job(run, future, loop))
        return await future

    def _run(self) -> None:
        try:
            store = CollectionStore.open(self.path, synchronous="FULL")
        except BaseException as exc:  # reported by start()
            self._failed = exc
            self._ready.set()
            return
        self._ready.set()
        try:
            stopping = False
            while not stopping:
                first = self._queue.get()
                if first is None:
                    break
                batch = [first]
                while len(batch) < MAX_BATCH:
                    try:
                        job = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if job is None:
                        stopping = True
                        break
                    batch.append(job)
                self._commit(store, batch)
        finally:
            store.close()

    def _commit(self, store: CollectionStore, batch: list[_Job]) -> None:
        outcomes: list[tuple[_Job, bool, Any]] = []
        try:
            with store.write():
                for job in batch:
                    try:
                        with store.write():  # a savepoint: a failure undoes only this job
                            value = job.run(store)
                    except Exception as exc:
                        outcomes.append((job, False, exc))
                    else:
                        outcomes.append((job, True, value))
        except Exception as exc:  # BEGIN or COMMIT failed: nothing of this batch is saved
            log.warning("group commit failed: %s", exc)
            failed = Busy("web.error.busy")
            failed.__cause__ = exc
            outcomes = [(j, False, v if not ok else failed) for j, ok, v in outcomes]
            done = {id(j) for j, _, _ in outcomes}
            outcomes += [(j, False, failed) for j in batch if id(j) not in done]
        else:
            self.commits += 1
            self.jobs += len(batch)
        for job, ok, value in outcomes:
            try:
                job.loop.call_soon_threadsafe(_settle, job.future, ok, value)
            except RuntimeError:  # that request's event loop is gone; the write stands
                pass
