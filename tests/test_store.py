"""The session file: pragmas, transactions, the append-only log, and migrations of old files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import FakeClock, goto_kind, shipped

from facilitator.core.workshop import Workshop
from facilitator.errors import Closed, NotFound, StoreRefused
from facilitator.store import SCHEMA_VERSION, Store, StoreError
from facilitator.store.schema import MIGRATIONS


def test_session_file_pragmas(palvelupaja: Workshop) -> None:
    conn = palvelupaja.store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_foreign_keys_and_checks_refuse_garbage(palvelupaja: Workshop) -> None:
    store = palvelupaja.store
    with pytest.raises(StoreRefused):
        store.add_idea(text="x", source="phone", created_at="t", theme_id=999)
    with pytest.raises(StoreRefused):
        store.add_idea(text="x", source="carrier pigeon", created_at="t")
    assert store.ideas() == []


def test_event_log_is_append_only(palvelupaja: Workshop) -> None:
    store = palvelupaja.store
    store.log_event("note", {"n": 1}, "2026-11-22T16:00:00.000+00:00")
    with pytest.raises(StoreRefused, match="append-only"):
        with store.write():
            store.db.execute("UPDATE events SET kind = 'x'")
    with pytest.raises(StoreRefused, match="append-only"):
        with store.write():
            store.db.execute("DELETE FROM events")
    assert [e.kind for e in store.events()] == ["created", "note"]


def test_nested_writes_are_savepoints_so_one_failure_keeps_the_others(
        palvelupaja: Workshop) -> None:
    store = palvelupaja.store
    with store.write():
        store.add_idea(text="a", source="paper", created_at="t")
        with pytest.raises(StoreRefused):
            with store.write():
                store.add_idea(text="b", source="paper", created_at="t")
                store.add_idea(text="c", source="nope", created_at="t")
        store.add_idea(text="d", source="paper", created_at="t")
    assert [i.text for i in store.ideas()] == ["a", "d"]


def test_a_second_process_sees_commits_and_data_version_changes(palvelupaja: Workshop) -> None:
    other = Store.open(palvelupaja.path)
    before = palvelupaja.store.data_version()
    other.add_idea(text="from the server", source="paper", created_at="t")
    assert palvelupaja.store.data_version() != before
    assert [i.text for i in palvelupaja.store.ideas()] == ["from the server"]
    other.close()


def test_opening_what_is_not_a_session_says_so(tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        Store.open(tmp_path / "missing.db")
    (tmp_path / "notes.db").write_text("just some text, not SQLite" * 100)
    with pytest.raises(StoreError, match="not_a_session"):
        Store.open(tmp_path / "notes.db")
    sqlite3.connect(tmp_path / "other.db").execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not_a_session"):
        Store.open(tmp_path / "other.db")


def test_a_file_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="session_too_new"):
        Store.open(path)


# -- migrations: a file of every earlier version opens, with its data ---------------------------

def _file_at_version(path: Path, version: int) -> None:
    """A session file exactly as version `version` of facilitator wrote it, with data in it."""
    conn = sqlite3.connect(path, isolation_level=None)
    for n in range(version):
        for statement in MIGRATIONS[n]:
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    template = dict(shipped("palvelupaja").raw)
    t = "2026-11-22T16:00:00.000+00:00"
    conn.execute("INSERT INTO workshop (id, title, template_key, template_json, place, date, "
                 "lang, join_code, facilitator, created_at, current_phase) "
                 "VALUES (1,'Vanha paja','palvelupaja',?,'Seurantalo','2025-05-01','fi',"
                 "'ABCDEF','Ohjaaja',?,'aanestys')", [json.dumps(template), t])
    for pos, p in enumerate(template["phases"]):
        conn.execute("INSERT INTO phases (position, key, kind, minutes, started_at) "
                     "VALUES (?,?,?,?,?)", [pos, p["key"], p["kind"], p["minutes"],
                                            t if pos <= 5 else None])
    conn.execute("INSERT INTO themes (position, key, title, question) "
                 "VALUES (0,'nuoret','{\"fi\": \"Nuoret\"}','{}')")
    conn.execute("INSERT INTO devices (token_hash, lang, first_seen, last_seen) "
                 "VALUES ('h', 'fi', ?, ?)", [t, t])
    conn.execute("INSERT INTO ideas (theme_id, text, original_text, source, device_id, "
                 "created_at) VALUES (1, 'Skeittiramppi', 'Skeittiramppi', 'phone', 1, ?)", [t])
    conn.execute("INSERT INTO ballots (phase_id, device_id, source, marks, created_at, "
                 "updated_at) VALUES (6, 1, 'phone', '{\"1\": 3}', ?, ?)", [t, t])
    conn.execute("INSERT INTO paper_tallies VALUES (6, 1, 2, ?)", [t])
    conn.execute("INSERT INTO decisions (idea_id, owner, next_step, outcome, created_at, "
                 "updated_at) VALUES (1, 'Nuorisotoimi', 'Kysy hinta', 'budget', ?, ?)", [t, t])
    conn.execute("INSERT INTO events (at, kind, data) VALUES (?, 'created', '{}')", [t])
    conn.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_every_earlier_version_opens_and_keeps_its_data(tmp_path: Path, version: int,
                                                        clock: FakeClock) -> None:
    path = tmp_path / f"v{version}.db"
    _file_at_version(path, version)
    ws = Workshop.open(path, clock)
    assert ws.store.schema_version() == SCHEMA_VERSION
    assert ws.info.title == "Vanha paja" and ws.current().key == "aanestys"
    result = ws.ballots.result("aanestys")
    assert [(i.label, i.phone, i.paper) for i in result.overall] == [("Skeittiramppi", 3, 2)]
    assert ws.records.decisions()[0].owner == "Nuorisotoimi"
    # What later versions added works on the migrated file.
    ws.ideas.submit("Uusi idea", theme="nuoret", source="paper")
    note = ws.ideas.submit("#1: talkoilla keväällä", source="paper")   # v4: builds on #1
    assert note.builds_on == 1
    assert [n.text for n in ws.ideas.build_ons()[1]] == ["talkoilla keväällä"]
    goto_kind(ws, "ideas")
    device = ws.participants.join("sv")[1]
    ws.ideas.submit("Ny idé", theme="nuoret", device_id=device.id, idem_key="retry-1")
    assert ws.ideas.submit("Ny idé", theme="nuoret", device_id=device.id,
                           idem_key="retry-1").duplicate
    ws.close()
    # Opening again is a no-op.
    again = Store.open(path)
    assert again.schema_version() == SCHEMA_VERSION
    again.close()


def test_a_version_3_file_gets_the_not_duplicates_table(tmp_path: Path,
                                                       clock: FakeClock) -> None:
    """Schema v4: a file of the previous version opens; "not the same" is remembered in it."""
    path = tmp_path / "v3.db"
    _file_at_version(path, 3)
    ws = Workshop.open(path, clock)
    assert ws.store.schema_version() >= 4
    old = ws.ideas.all()[0].id
    new = ws.ideas.submit("Skeittiramppi urheilukentälle", theme="nuoret", source="paper").id
    assert ws.store.not_duplicates() == set()
    ws.ideas.not_the_same(new, old)
    ws.ideas.not_the_same(old, new)  # again, either way round: one pair
    ws.close()
    with Store.open(path) as again:
        assert again.not_duplicates() == {(old, new)}
        assert [e.data for e in again.events(["ideas_not_duplicates"])] == [
            {"ideas": [old, new]}, {"ideas": [old, new]}]


def test_there_is_an_earlier_version_to_migrate_from() -> None:
    assert SCHEMA_VERSION >= 2, "the migration test above must have something to open"


def test_a_version_3_file_gets_questions_and_its_own_dots(tmp_path: Path,
                                                           clock: FakeClock) -> None:
    """Schema v4: a file of the previous version opens with its ballot, takes questions,
    and (having a ballot) refuses new dots; a fresh phase without ballots takes them."""
    path = tmp_path / "v3.db"
    _file_at_version(path, 3)
    ws = Workshop.open(path, clock)
    assert ws.store.schema_version() == SCHEMA_VERSION >= 4
    assert ws.phase("aanestys").row.vote is None and ws.phase("aanestys").spec.vote.dots == 5
    with pytest.raises(Closed, match="dots_after_ballot"):
        ws.ballots.set_dots("aanestys", 3, 1)
    ws.goto("ajankohtaista")
    device = ws.participants.join("fi")[1].id
    question = ws.questions.ask("Milloin tie korjataan?", device_id=device).id
    ws.questions.upvote(question, device_id=device)
    assert [(q.text, q.votes) for q in ws.questions.ranked()] == [("Milloin tie korjataan?", 1)]
    ws.close()
