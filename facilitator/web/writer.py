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
from typing import Any, Generic, TypeVar

from facilitator.core.clock import Clock
from facilitator.core.workshop import Workshop
from facilitator.store.sqlite_file import SqliteFile
from facilitator.web.batch_cache import BatchCache
from facilitator.web.refusals import Busy

T = TypeVar("T")
H = TypeVar("H")  # what a job is given: the hall's Workshop, or a collection file
MAX_BATCH = 512
log = logging.getLogger("facilitator.web")


@dataclass
class _Job:
    run: Callable[[Any], Any]
    future: asyncio.Future[Any]
    loop: asyncio.AbstractEventLoop


def _settle(future: asyncio.Future[Any], ok: bool, value: Any) -> None:
    if future.done():  # the request went away; its write stands, retries are idempotent
        return
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)


class GroupWriter(Generic[H]):
    """One thread, one connection, group commit, for any file of ours.

    A kind of writer says how to open what its jobs are given (`open`), which store the
    transactions run on (`store_of`) and how to close it; the rest is here once.
    """

    thread_name = "facilitator-writer"
    log = log

    def __init__(self, path: Path) -> None:
        self.path = path
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._failed: BaseException | None = None
        self.commits = 0
        self.jobs = 0

    # -- what a kind of writer says ---------------------------------------------------------
    def open(self) -> H:
        raise NotImplementedError

    def store_of(self, handle: H) -> SqliteFile:
        raise NotImplementedError

    def close(self, handle: H) -> None:
        self.store_of(handle).close()

    def batch_started(self, handle: H) -> None:
        """Before a group's transaction (a hook; nothing by default)."""

    def job_ended(self, handle: H, ok: bool) -> None:
        """After each job's savepoint (a hook; nothing by default)."""

    # -- life cycle ---------------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=self.thread_name, daemon=True)
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
    async def submit(self, run: Callable[[H], T]) -> T:
        """Run `run(handle)` in the writer; returns once its transaction is committed."""
        if not self.alive:
            raise Busy("web.error.busy")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.put(_Job(run, future, loop))
        return await future

    # -- the writer's side ----------------------------------------------------------------
    def _run(self) -> None:
        try:
            handle = self.open()
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
                self._commit(handle, batch)
        finally:
            self.close(handle)

    def _commit(self, handle: H, batch: list[_Job]) -> None:
        outcomes: list[tuple[_Job, bool, Any]] = []
        store = self.store_of(handle)
        self.batch_started(handle)
        try:
            with store.write():
                for job in batch:
                    try:
                        with store.write():  # a savepoint: a failure undoes only this job
                            value = job.run(handle)
                    except Exception as exc:
                        self.job_ended(handle, False)
                        outcomes.append((job, False, exc))
                    else:
                        self.job_ended(handle, True)
                        outcomes.append((job, True, value))
        except Exception as exc:  # BEGIN or COMMIT failed: nothing of this batch is saved
            self.log.warning("group commit failed: %s", exc)
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


class Writer(GroupWriter[Workshop]):
    """The hall server's writer: jobs get the session's `Workshop` over a batch cache."""

    def __init__(self, path: Path, clock: Clock, *, synchronous: str = "FULL") -> None:
        super().__init__(path)
        self.clock = clock
        self.synchronous = synchronous

    def open(self) -> Workshop:
        store = BatchCache.open(self.path, synchronous=self.synchronous)
        assert isinstance(store, BatchCache)
        return Workshop(store, self.clock)

    def store_of(self, handle: Workshop) -> SqliteFile:
        return handle.store

    def close(self, handle: Workshop) -> None:
        handle.close()

    def batch_started(self, handle: Workshop) -> None:
        cache = handle.store
        if isinstance(cache, BatchCache):
            cache.new_batch()

    def job_ended(self, handle: Workshop, ok: bool) -> None:
        cache = handle.store
        if isinstance(cache, BatchCache):
            cache.job_done(ok)
