"""The process file: a participation process's themes, workshops and idea register, in SQL.

One process is one folder, ``processes/<slug>/``, holding this file (``process.db``) and
the process's workshops as ordinary session files. This module is the only one that
writes the process file's SQL; the rules live in core/process.py. Its schema has its own
migrations (``PRAGMA user_version``), like the session file's, and its history table is
append-only, like the session file's event log.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator.errors import NotFound, StoreError
from facilitator.store.sqlite_file import SqliteFile

__all__ = ["ENTRY_FIELDS", "EntryRow", "HistoryRow", "PROCESS_VERSION", "ProcessRow",
           "ProcessCollectionRow", "ProcessStore", "ProcessThemeRow", "ProcessWorkshopRow"]

ENTRY_SOURCES = ("phone", "paper", "facilitator", "e-collection")
ENTRY_STATUSES = ("new", "considering", "decided", "in_progress", "done", "not_taken")

# Version 1: the process, its themes and workshops, the register and its history.
P1 = [
    """CREATE TABLE process (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        municipality TEXT NOT NULL DEFAULT '',
        coordinator TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE themes (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        question TEXT NOT NULL DEFAULT '{}',
        position INTEGER NOT NULL,
        set_by TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE workshops (
        uid TEXT PRIMARY KEY,
        file TEXT NOT NULL,
        template_key TEXT NOT NULL,
        title TEXT NOT NULL,
        date TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL
    )""",
    f"""CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        workshop_uid TEXT NOT NULL REFERENCES workshops(uid),
        idea_id INTEGER NOT NULL,
        theme TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ({", ".join(repr(s) for s in ENTRY_SOURCES)})),
        votes INTEGER,
        rank INTEGER,
        tied INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'new'
            CHECK (status IN ({", ".join(repr(s) for s in ENTRY_STATUSES)})),
        outcome TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL DEFAULT '',
        owner_public INTEGER NOT NULL DEFAULT 0,
        next_step TEXT NOT NULL DEFAULT '',
        due TEXT NOT NULL DEFAULT '',
        public_note TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        linked_to INTEGER REFERENCES entries(id),
        imported_decision TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (linked_to IS NULL OR linked_to != id),
        UNIQUE (workshop_uid, idea_id)
    )""",
    """CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entries(id),
        at TEXT NOT NULL,
        changes TEXT NOT NULL,
        actor TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX history_entry ON history(entry_id, id)",
    """CREATE TRIGGER history_append_only_update BEFORE UPDATE ON history
        BEGIN SELECT RAISE(ABORT, 'the register history is append-only'); END""",
    """CREATE TRIGGER history_append_only_delete BEFORE DELETE ON history
        BEGIN SELECT RAISE(ABORT, 'the register history is append-only'); END""",
    # The register's ideas put on a follow-up workshop's agenda: its idea → the entry.
    """CREATE TABLE seeded (
        workshop_uid TEXT NOT NULL,
        idea_id INTEGER NOT NULL,
        entry_id INTEGER NOT NULL REFERENCES entries(id),
        PRIMARY KEY (workshop_uid, idea_id)
    )""",
]

# Version 2: the online idea collections prepared for the process (where, until when), so
# that the palvelupaja's closing phase and its minutes can say it.
P2 = [
    """CREATE TABLE collections (
        uid TEXT PRIMARY KEY,
        file TEXT NOT NULL,
        public_url TEXT NOT NULL DEFAULT '',
        opens TEXT NOT NULL,
        until TEXT NOT NULL,
        prepared_at TEXT NOT NULL
    )""",
]

PROCESS_MIGRATIONS: list[list[str]] = [P1, P2]
PROCESS_VERSION = len(PROCESS_MIGRATIONS)

#: The fields of an entry that a change may set (each change is one history row).
ENTRY_FIELDS = ("theme", "text", "votes", "rank", "tied", "status", "outcome", "owner",
                "owner_public", "next_step", "due", "public_note", "reason", "linked_to",
                "imported_decision")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _loads(value: str | None) -> Any:
    try:
        return json.loads(value) if value else {}
    except ValueError:
        return {}


@dataclass(frozen=True)
class ProcessRow:
    name: str
    municipality: str
    coordinator: str
    created_at: str


@dataclass(frozen=True)
class ProcessThemeRow:
    key: str
    title: dict[str, str]
    question: dict[str, str]
    position: int
    set_by: str


@dataclass(frozen=True)
class ProcessWorkshopRow:
    uid: str
    file: str
    template_key: str
    title: str
    date: str
    added_at: str


@dataclass(frozen=True)
class ProcessCollectionRow:
    uid: str
    file: str
    public_url: str
    opens: str
    until: str
    prepared_at: str


@dataclass(frozen=True)
class EntryRow:
    id: int
    workshop_uid: str
    idea_id: int
    theme: str
    text: str
    source: str
    votes: int | None
    rank: int | None
    tied: bool
    status: str
    outcome: str
    owner: str
    owner_public: bool
    next_step: str
    due: str
    public_note: str
    reason: str
    linked_to: int | None
    imported_decision: str
    created_at: str
    updated_at: str

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> EntryRow:
        values = {k: r[k] for k in cls.__dataclass_fields__}
        values["tied"] = bool(r["tied"])
        values["owner_public"] = bool(r["owner_public"])
        return cls(**values)


@dataclass(frozen=True)
class HistoryRow:
    id: int
    entry_id: int
    at: str
    changes: dict[str, list[Any]]  # field → [before, after]
    actor: str


class ProcessStore(SqliteFile):
    """One process file: opened, migrated and guarded like a session file (SqliteFile)."""

    MIGRATIONS = PROCESS_MIGRATIONS
    MARKER = "process"
    EXISTS = "error.process_exists"
    NOT_A = "error.not_a_process"

    @classmethod
    def missing(cls, path: Path) -> NotFound:
        return NotFound("error.unknown_process", name=str(path.parent.name), known="-")

    # -- the process ----------------------------------------------------------------
    def init_process(self, *, name: str, municipality: str, coordinator: str,
                     created_at: str) -> None:
        self._exec("INSERT INTO process (id, name, municipality, coordinator, created_at) "
                   "VALUES (1,?,?,?,?)", [name, municipality, coordinator, created_at])

    def process(self) -> ProcessRow:
        rows = self._rows("SELECT name, municipality, coordinator, created_at FROM process")
        if not rows:
            raise StoreError("error.not_a_process", path=str(self.path))
        return ProcessRow(**rows[0])

    # -- themes -----------------------------------------------------------------------
    def themes(self) -> list[ProcessThemeRow]:
        return [ProcessThemeRow(key=r["key"], title=_loads(r["title"]),
                                question=_loads(r["question"]), position=r["position"],
                                set_by=r["set_by"])
                for r in self._rows("SELECT * FROM themes ORDER BY position, id")]

    def replace_themes(self, themes: Sequence[tuple[str, dict[str, str], dict[str, str]]],
                       set_by: str) -> None:
        with self.write():
            self._exec("DELETE FROM themes")
            for pos, (key, title, question) in enumerate(themes):
                self._exec("INSERT INTO themes (key, title, question, position, set_by) "
                           "VALUES (?,?,?,?,?)", [key, _dumps(title), _dumps(question), pos,
                                                  set_by])

    # -- workshops ----------------------------------------------------------------------
    def workshops(self) -> list[ProcessWorkshopRow]:
        return [ProcessWorkshopRow(**r) for r in self._rows(
            "SELECT uid, file, template_key, title, date, added_at FROM workshops "
            "ORDER BY date, added_at, uid")]

    def put_workshop(self, *, uid: str, file: str, template_key: str, title: str, date: str,
                     at: str) -> None:
        """Add a workshop, or bring its file name, title and date up to date."""
        self._exec(
            "INSERT INTO workshops (uid, file, template_key, title, date, added_at) "
            "VALUES (?,?,?,?,?,?) ON CONFLICT (uid) DO UPDATE SET file = excluded.file, "
            "title = excluded.title, date = excluded.date", [uid, file, template_key, title,
                                                             date, at])

    # -- online idea collections ----------------------------------------------------------
    def collections(self) -> list[ProcessCollectionRow]:
        return [ProcessCollectionRow(**r) for r in self._rows(
            "SELECT uid, file, public_url, opens, until, prepared_at FROM collections "
            "ORDER BY prepared_at, uid")]

    def put_collection(self, *, uid: str, file: str, public_url: str, opens: str, until: str,
                       at: str) -> None:
        self._exec(
            "INSERT INTO collections (uid, file, public_url, opens, until, prepared_at) "
            "VALUES (?,?,?,?,?,?) ON CONFLICT (uid) DO UPDATE SET file = excluded.file, "
            "public_url = excluded.public_url, opens = excluded.opens, "
            "until = excluded.until", [uid, file, public_url, opens, until, at])

    # -- the register -------------------------------------------------------------------
    def entries(self) -> list[EntryRow]:
        return [EntryRow.from_row(r) for r in self._rows("SELECT * FROM entries ORDER BY id")]

    def entry(self, entry_id: int) -> EntryRow | None:
        rows = self._rows("SELECT * FROM entries WHERE id = ?", [entry_id])
        return EntryRow.from_row(rows[0]) if rows else None

    def entry_of(self, workshop_uid: str, idea_id: int) -> EntryRow | None:
        rows = self._rows("SELECT * FROM entries WHERE workshop_uid = ? AND idea_id = ?",
                          [workshop_uid, idea_id])
        return EntryRow.from_row(rows[0]) if rows else None

    def add_entry(self, *, workshop_uid: str, idea_id: int, theme: str, text: str, source: str,
                  votes: int | None, rank: int | None, tied: bool, linked_to: int | None,
                  at: str) -> int:
        cur = self._exec(
            "INSERT INTO entries (workshop_uid, idea_id, theme, text, source, votes, rank, "
            "tied, linked_to, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [workshop_uid, idea_id, theme, text, source, votes, rank, int(tied), linked_to,
             at, at])
        return int(cur.lastrowid or 0)

    def update_entry(self, entry_id: int, fields: dict[str, Any], at: str) -> None:
        unknown = set(fields) - set(ENTRY_FIELDS)
        if unknown:
            raise ValueError(f"not entry fields: {sorted(unknown)}")
        if not fields:
            return
        values = [int(v) if isinstance(v, bool) else v for v in fields.values()]
        assignments = ", ".join(f"{name} = ?" for name in fields)
        self._exec(f"UPDATE entries SET {assignments}, updated_at = ? WHERE id = ?",
                   [*values, at, entry_id])

    # -- history (append-only) ------------------------------------------------------------
    def add_history(self, entry_id: int, changes: dict[str, list[Any]], at: str,
                    actor: str) -> int:
        cur = self._exec("INSERT INTO history (entry_id, at, changes, actor) VALUES (?,?,?,?)",
                         [entry_id, at, _dumps(changes), actor])
        return int(cur.lastrowid or 0)

    def history(self, entry_ids: Sequence[int]) -> list[HistoryRow]:
        if not entry_ids:
            return []
        marks = ",".join("?" * len(entry_ids))
        return [HistoryRow(id=r["id"], entry_id=r["entry_id"], at=r["at"],
                           changes=_loads(r["changes"]), actor=r["actor"])
                for r in self._rows(f"SELECT * FROM history WHERE entry_id IN ({marks}) "
                                    "ORDER BY id", list(entry_ids))]

    # -- follow-up seeding ------------------------------------------------------------------
    def add_seeded(self, workshop_uid: str, idea_id: int, entry_id: int) -> None:
        self._exec("INSERT INTO seeded (workshop_uid, idea_id, entry_id) VALUES (?,?,?)",
                   [workshop_uid, idea_id, entry_id])

    def seeded(self, workshop_uid: str) -> dict[int, int]:
        """Idea id in that workshop → the register entry it was seeded from."""
        return {r["idea_id"]: r["entry_id"] for r in self._rows(
            "SELECT idea_id, entry_id FROM seeded WHERE workshop_uid = ?", [workshop_uid])}
