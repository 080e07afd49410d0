"""The writer's store: the workshop's setup is read once per group commit, not once per ballot.

While the single writer holds its transaction (BEGIN IMMEDIATE), no other
connection can change the file, and a phone's job never changes the
workshop row, the phases or the themes, and adds ideas only through
`add_idea`. So within one group commit those are read once and kept. The
writer calls `new_batch()` before each group and `job_done(ok)` after each
job; any write to a kept table forgets it at once, and so does a job that
failed (its savepoint is rolled back). No SQL here: every read and write is
still the Store's own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from facilitator.store import Store
from facilitator.store.records import IdeaRow, PhaseRow, ThemeRow, WorkshopRow

T = TypeVar("T")
SETUP, IDEAS = "setup", "ideas"


class BatchCache(Store):
    def __init__(self, db: Any, path: Any) -> None:
        super().__init__(db, path)
        self._memo: dict[tuple[Any, ...], Any] = {}

    def _kept(self, key: tuple[Any, ...], load: Callable[[], T]) -> T:
        if key not in self._memo:
            self._memo[key] = load()
        value = self._memo[key]
        return list(value) if isinstance(value, list) else value  # type: ignore[return-value]

    def forget(self, *groups: str) -> None:
        for key in [k for k in self._memo if not groups or k[0] in groups]:
            del self._memo[key]

    # -- the writer's rhythm ------------------------------------------------------------
    def new_batch(self) -> None:
        """Another connection (the TUI) may have written since the last group: read afresh."""
        self.forget()

    def job_done(self, ok: bool) -> None:
        """After a rolled-back job everything is read afresh: it may have read its own
        writes, which are gone now. (A job that wrote ideas already forgot them.)"""
        if not ok:
            self.forget()

    # -- kept for the batch --------------------------------------------------------------
    def workshop(self) -> WorkshopRow:
        return self._kept((SETUP, "workshop"), super().workshop)

    def phases(self) -> list[PhaseRow]:
        return self._kept((SETUP, "phases"), super().phases)

    def themes(self) -> list[ThemeRow]:
        return self._kept((SETUP, "themes"), super().themes)

    def ideas(self, *, device_id: int | None = None, statuses: Sequence[str] | None = None,
              theme_id: int | None = None) -> list[IdeaRow]:
        key = (IDEAS, device_id, tuple(statuses or ()), theme_id)
        return self._kept(key, lambda: super(BatchCache, self).ideas(
            device_id=device_id, statuses=statuses, theme_id=theme_id))

    # -- writes forget what they change ----------------------------------------------------
    def update_workshop(self, **fields: Any) -> None:
        self.forget(SETUP)
        super().update_workshop(**fields)

    def set_phase_times(self, key: str, **kwargs: Any) -> None:
        self.forget(SETUP)
        super().set_phase_times(key, **kwargs)

    def set_phase_minutes(self, key: str, minutes: int) -> None:
        self.forget(SETUP)
        super().set_phase_minutes(key, minutes)

    def set_revealed(self, key: str, at: str | None) -> None:
        self.forget(SETUP)
        super().set_revealed(key, at)

    def add_theme(self, *args: Any, **kwargs: Any) -> int:
        self.forget(SETUP)
        return super().add_theme(*args, **kwargs)

    def update_theme(self, *args: Any, **kwargs: Any) -> None:
        self.forget(SETUP)
        super().update_theme(*args, **kwargs)

    def add_idea(self, **kwargs: Any) -> int:
        self.forget(IDEAS)
        return super().add_idea(**kwargs)

    def edit_idea(self, *args: Any, **kwargs: Any) -> None:
        self.forget(IDEAS)
        super().edit_idea(*args, **kwargs)

    def set_idea_status(self, *args: Any, **kwargs: Any) -> None:
        self.forget(IDEAS)
        super().set_idea_status(*args, **kwargs)

    def set_idea_theme(self, *args: Any, **kwargs: Any) -> None:
        self.forget(IDEAS)
        super().set_idea_theme(*args, **kwargs)

    def set_idea_cost(self, *args: Any, **kwargs: Any) -> None:
        self.forget(IDEAS)
        super().set_idea_cost(*args, **kwargs)
