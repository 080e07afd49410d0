"""The writer's cache cannot go stale: it keys on the store's own change mark, not on a list."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator.core.workshop import Workshop
from facilitator.store import Store
from facilitator.web.batch_cache import BatchCache

AT = "2026-11-22T16:00:00.000+00:00"


class Grown(BatchCache):
    """The store as it may be tomorrow: write methods nobody told the cache about."""

    def retitle(self, title: str) -> None:
        self._exec("UPDATE workshop SET title = ? WHERE id = 1", [title])

    def retitle_qualified(self, title: str) -> None:  # a table name the store cannot pin
        self._exec("UPDATE main.workshop SET title = ? WHERE id = 1", [title])

    def rename_themes(self, prefix: str) -> None:  # around the helpers altogether
        self.db.execute("UPDATE themes SET key = ? || key", [prefix])

    def hide_all(self) -> None:
        self._exec("WITH v AS (SELECT id FROM ideas) "
                   "UPDATE ideas SET status = 'hidden' WHERE id IN (SELECT id FROM v)")


@pytest.fixture
def grown(palvelupaja: Workshop) -> Iterator[Grown]:
    palvelupaja.store.add_idea(text="Kylätalo auki iltaisin", source="paper", created_at=AT)
    store = Grown.open(palvelupaja.path)
    yield store
    store.close()


@pytest.fixture
def reads(grown: Grown) -> Iterator[list[str]]:
    """Every statement the cache's connection runs from now on."""
    seen: list[str] = []
    grown.db.conn.set_trace_callback(seen.append)
    yield seen
    grown.db.conn.set_trace_callback(None)


def test_a_write_method_added_to_the_store_is_read_back_fresh(grown: Grown) -> None:
    with grown.write():
        assert grown.workshop().title == "Testipaja"
        grown.retitle("Kylän ilta")
        assert grown.workshop().title == "Kylän ilta"
        grown.retitle_qualified("Kylän iso ilta")
        assert grown.workshop().title == "Kylän iso ilta"
        keys = [t.key for t in grown.themes()]
        grown.rename_themes("x-")
        assert [t.key for t in grown.themes()] == [f"x-{k}" for k in keys]
        assert [i.status for i in grown.ideas()] == ["visible"]
        grown.hide_all()
        assert [i.status for i in grown.ideas()] == ["hidden"]


@pytest.mark.parametrize("write", [
    lambda s: s.update_workshop(paper_count=7),
    lambda s: s.set_phase_minutes(s.phases()[0].key, 99),
    lambda s: s.add_theme("uusi", {"fi": "Uusi"}, {}),
    lambda s: s.add_idea(text="Toinen", source="paper", created_at=AT),
    lambda s: s.set_idea_status(s.ideas()[0].id, "hidden"),
])
def test_every_existing_write_is_read_back_fresh(grown: Grown,
                                                 write: Callable[[Store], Any]) -> None:
    def everything() -> tuple[Any, ...]:
        return grown.workshop(), grown.phases(), grown.themes(), grown.ideas()

    with grown.write():
        kept = everything()
        write(grown)
        seen = everything()
        assert seen != kept
        assert seen == tuple(getattr(Store, name)(grown)
                             for name in ("workshop", "phases", "themes", "ideas"))


def test_writes_to_other_tables_keep_the_rows(grown: Grown, reads: list[str]) -> None:
    """The point of the cache: a group of ballots reads the workshop's setup once."""
    with grown.write():
        grown.workshop(), grown.phases(), grown.themes(), grown.ideas()
        reads.clear()
        phase = grown.phases()[0].id
        for n in range(3):
            device = grown.add_device(f"token-{n}", "fi", AT)
            grown.cast_ballot(phase_id=phase, marks={"1": 1}, source="phone", at=AT,
                              device_id=device)
            grown.log_event("ballot", {"n": n}, AT)
            grown.workshop(), grown.phases(), grown.themes(), grown.ideas()
    assert not [sql for sql in reads if sql.lstrip().upper().startswith("SELECT *")]


def test_a_rolled_back_savepoint_forgets_what_was_read_inside_it(grown: Grown) -> None:
    with grown.write():
        with pytest.raises(RuntimeError):
            with grown.write():
                grown.add_idea(text="Haamu", source="paper", created_at=AT)
                assert "Haamu" in [i.text for i in grown.ideas()]
                raise RuntimeError("the job fails after writing")
        assert "Haamu" not in [i.text for i in grown.ideas()]


def test_another_connections_commit_is_seen_by_the_next_transaction(grown: Grown) -> None:
    with grown.write():
        assert grown.workshop().title == "Testipaja"
    with Store.open(grown.path) as tui:  # type: ignore[arg-type]
        tui.update_workshop(title="Muutettu")
    assert grown.workshop().title == "Muutettu"  # outside a transaction nothing is kept
    with grown.write():  # and no new_batch() is needed
        assert grown.workshop().title == "Muutettu"


def test_each_kept_read_reads_only_the_table_it_is_kept_for(grown: Grown,
                                                            reads: list[str]) -> None:
    kept_for = {"workshop": "workshop", "phases": "phases", "themes": "themes",
                "ideas": "ideas"}
    kept = {name for name in vars(BatchCache) if not name.startswith("_")
            and name not in ("forget", "new_batch", "job_done")}
    assert kept == set(kept_for), "a new kept read needs its table here"
    for name, table in kept_for.items():
        reads.clear()
        getattr(Store, name)(grown)
        tables = {t.lower() for sql in reads
                  for t in re.findall(r"\b(?:FROM|JOIN)\s+(\w+)", sql, re.IGNORECASE)}
        assert tables == {table}, (name, reads)


def test_the_writer_opens_the_cache_on_the_file(palvelupaja: Workshop, tmp_path: Path) -> None:
    with BatchCache.open(palvelupaja.path) as cache:
        cache.new_batch()
        with cache.write():
            assert cache.workshop().title == "Testipaja"
            cache.job_done(False)
            assert cache.workshop().title == "Testipaja"
