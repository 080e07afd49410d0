"""The writer's store: the workshop's setup and ideas are read once per change, not per ballot.

Each row kept here is kept with the store's `change_mark()` for the one table
it was read from, and served only while that mark stands. The store moves the
mark itself whenever rows of that table may have changed on this connection:
a statement that wrote it, anything it cannot pin on one table (a trigger, a
rollback of a savepoint, a statement run around its helpers), or a new
transaction (another connection may have committed in between). Outside a
transaction nothing is kept. So no write method has to announce what it
changes, and one added to `Store` tomorrow cannot make this serve stale rows;
a group commit of ballots, which write none of these tables, reads each once.
No SQL here: every read and write is still the Store's own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

from facilitator.store import Store
from facilitator.store.records import IdeaRow, PhaseRow, ThemeRow, WorkshopRow

T = TypeVar("T")


class BatchCache(Store):
    def __init__(self, db: Any, path: Any) -> None:
        super().__init__(db, path)
        self._memo: dict[tuple[Any, ...], tuple[tuple[int, ...], Any]] = {}

    def _kept(self, table: str, key: tuple[Any, ...], load: Callable[[], T]) -> T:
        """`load()` (which reads `table` only), or what it gave while nothing has changed."""
        mark = self.change_mark(table)
        if mark is None:  # outside a transaction another connection may write at any moment
            return load()
        kept = self._memo.get(key)
        if kept is None or kept[0] != mark:
            kept = self._memo[key] = (mark, load())
        value = kept[1]
        return cast(T, list(value)) if isinstance(value, list) else value

    def forget(self) -> None:
        self._memo.clear()

    # -- the writer's rhythm (it calls these; no staleness depends on them any more) -------
    def new_batch(self) -> None:
        """Let go of the last group's rows (a new transaction reads afresh in any case)."""
        self.forget()

    def job_done(self, ok: bool) -> None:
        """Nothing to do: a failed job's savepoint, rolled back, has already moved the mark."""

    # -- kept while their table does not change ----------------------------------------------
    def workshop(self) -> WorkshopRow:
        return self._kept("workshop", ("workshop",), super().workshop)

    def phases(self) -> list[PhaseRow]:
        return self._kept("phases", ("phases",), super().phases)

    def themes(self) -> list[ThemeRow]:
        return self._kept("themes", ("themes",), super().themes)

    def ideas(self, *, device_id: int | None = None, statuses: Sequence[str] | None = None,
              theme_id: int | None = None) -> list[IdeaRow]:
        key = ("ideas", device_id, tuple(statuses or ()), theme_id)
        return self._kept("ideas", key, lambda: super(BatchCache, self).ideas(
            device_id=device_id, statuses=statuses, theme_id=theme_id))
