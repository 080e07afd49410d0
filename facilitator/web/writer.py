"""The single writer: every phone's write goes through one thread and one connection.

Requests hand a job (a function of the `Workshop`) to the writer and wait.
The writer takes every job that is waiting, runs each in its own savepoint
inside one transaction, and commits once: one fsync (synchronous=FULL)
acknowledges the whole group. A job that fails rolls back only its own
savepoint; the others are still saved. Only after COMMIT has returned is any
job's result handed back, so "saved" on a phone means on disk.
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

from facilitator.core.clock import Clock
from facilitator.core.workshop import Workshop
from facilitator.web.batch_cache import BatchCache
from facilitator.web.refusals import Busy

T = TypeVar("T")
MAX_BATCH = 512
log = logging.getLogger("facilitator.web")


@dataclass
class _Job:
    run: Callable[[Workshop], Any]
    future: asyncio.Future[Any]
    loop: asyncio.AbstractEventLoop


def _settle(future: asyncio.Future[Any], ok: bool, value: Any) -> None:
    if future.done():  # the request went away; its write stands, retries are idempotent
        return
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)


class Writer:
    """One thread, one connection, group commit."""

    def __init__(self, path: Path, clock: Clock, *, synchronous: str = "FULL") -> None:
        self.path = path
        self.clock = clock
        self.synchronous = synchronous
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._failed: BaseException | None = None
        self.commits = 0
        self.jobs = 0

    # -- life cycle ---------------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="facilitator-writer", daemon=True)
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

    # -- the edge's side ------------------------------------------------------------------
    async def submit(self, run: Callable[[Workshop], T]) -> T:
        """Run `run(ws)` in the writer; returns once its transaction is committed."""
        if not self.alive:
            raise Busy("web.error.busy")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.put(_Job(run, future, loop))
        return await future

    # -- the writer's side ----------------------------------------------------------------
    def _run(self) -> None:
        try:
            store = BatchCache.open(self.path, synchronous=self.synchronous)
            assert isinstance(store, BatchCache)
            ws = Workshop(store, self.clock)
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
                self._commit(ws, store, batch)
        finally:
            ws.close()

    def _commit(self, ws: Workshop, store: BatchCache, batch: list[_Job]) -> None:
        outcomes: list[tuple[_Job, bool, Any]] = []
        store.new_batch()
        try:
            with ws.store.write():
                for job in batch:
                    try:
                        with ws.store.write():  # a savepoint: a failure undoes only this job
                            value = job.run(ws)
                    except Exception as exc:
                        store.job_done(False)
                        outcomes.append((job, False, exc))
                    else:
                        store.job_done(True)
                        outcomes.append((job, True, value))
        except Exception as exc:  # BEGIN or COMMIT failed: nothing of this batch is saved
            log.warning("group commit failed: %s", exc)
            failed = Busy("web.error.busy")
            failed.__cause__ = exc
            done = {id(j) for j, _, _ in outcomes}
            outcomes = [(j, False, v if not ok else failed) for j, ok, v in outcomes]
            outcomes += [(j, False, failed) for j in batch if id(j) not in done]
        else:
            self.commits += 1
            self.jobs += len(batch)
        for job, ok, value in outcomes:
            try:
                job.loop.call_soon_threadsafe(_settle, job.future, ok, value)
            except RuntimeError:  # that request's event loop is gone; the write stands
                pass
