"""The collection file: one online idea collection's themes, dates and ideas, in SQL.

`facilitator collect prepare` writes it from a process, `facilitator collect serve` adds
ideas to it on a public server, and `facilitator collect import` reads it back into the
process. It holds nothing else of the process (no ideas, no names), and of a participant
only the idea, its theme, the date and hour, and a hash of a random per-browser cookie:
never an IP address or a user agent.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from facilitator.errors import NotFound, StoreError
from facilitator.store.sqlite_file import SqliteFile

__all__ = ["COLLECTION_VERSION", "CollectionIdea", "CollectionMeta", "CollectionStore"]

C1 = [
    """CREATE TABLE collection (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        uid TEXT NOT NULL,
        process TEXT NOT NULL,
        municipality TEXT NOT NULL DEFAULT '',
        privacy_url TEXT NOT NULL DEFAULT '',
        public_url TEXT NOT NULL DEFAULT '',
        opens TEXT NOT NULL,
        until TEXT NOT NULL,
        lang TEXT NOT NULL DEFAULT 'fi',
        themes TEXT NOT NULL,
        prepared_at TEXT NOT NULL
    )""",
    """CREATE TABLE ideas (
        id INTEGER PRIMARY KEY,
        theme TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        device TEXT NOT NULL,
        idem TEXT,
        UNIQUE (device, idem)
    )""",
    "CREATE INDEX ideas_device ON ideas(device, id)",
    """CREATE TABLE counters (
        day TEXT PRIMARY KEY,
        ideas INTEGER NOT NULL DEFAULT 0
    )""",
]
COLLECTION_MIGRATIONS: list[list[str]] = [C1]
COLLECTION_VERSION = len(COLLECTION_MIGRATIONS)


@dataclass(frozen=True)
class CollectionTheme:
    key: str
    title: dict[str, str]
    question: dict[str, str]


@dataclass(frozen=True)
class CollectionMeta:
    uid: str
    process: str
    municipality: str
    privacy_url: str
    public_url: str
    opens: str          # ISO date, the first day ideas are taken
    until: str          # ISO date, the last day ideas are taken
    lang: str
    themes: tuple[CollectionTheme, ...]
    prepared_at: str


@dataclass(frozen=True)
class CollectionIdea:
    id: int
    theme: str
    text: str
    created_at: str     # date and hour only, UTC: 2027-01-12T14


class CollectionStore(SqliteFile):
    """One collection file: opened, migrated and guarded like a session file (SqliteFile)."""

    MIGRATIONS = COLLECTION_MIGRATIONS
    MARKER = "collection"
    EXISTS = "error.collect_file_exists"
    NOT_A = "error.collect_not_a_file"

    @classmethod
    def missing(cls, path: Path) -> NotFound:
        return NotFound("error.collect_no_file", path=str(path))

    @classmethod
    def prepare(cls, path: Path, meta: CollectionMeta) -> CollectionStore:
        """A new collection file holding `meta` (the themes and the dates, nothing else)."""
        cs = cls.create(path)
        themes = [{"key": t.key, "title": t.title, "question": t.question} for t in meta.themes]
        with cs.write():
            cs._exec(
                "INSERT INTO collection (id, uid, process, municipality, privacy_url, "
                "public_url, opens, until, lang, themes, prepared_at) "
                "VALUES (1,?,?,?,?,?,?,?,?,?,?)",
                [meta.uid, meta.process, meta.municipality, meta.privacy_url,
                 meta.public_url, meta.opens, meta.until, meta.lang,
                 json.dumps(themes, ensure_ascii=False), meta.prepared_at])
        return cs

    # -- reading ----------------------------------------------------------------------
    def meta(self) -> CollectionMeta:
        rows = self._rows("SELECT * FROM collection WHERE id = 1")
        if not rows:
            raise StoreError("error.collect_not_a_file", path=str(self.path))
        r = rows[0]
        try:
            raw = json.loads(r["themes"])
        except ValueError:
            raw = []
        themes = tuple(CollectionTheme(str(t["key"]), dict(t.get("title") or {}),
                                       dict(t.get("question") or {}))
                       for t in raw if isinstance(t, dict) and "key" in t)
        return CollectionMeta(uid=r["uid"], process=r["process"],
                              municipality=r["municipality"], privacy_url=r["privacy_url"],
                              public_url=r["public_url"], opens=r["opens"], until=r["until"],
                              lang=r["lang"], themes=themes, prepared_at=r["prepared_at"])

    def ideas(self) -> list[CollectionIdea]:
        return [CollectionIdea(**r) for r in self._rows(
            "SELECT id, theme, text, created_at FROM ideas ORDER BY id")]

    def ideas_of(self, device: str) -> list[CollectionIdea]:
        return [CollectionIdea(**r) for r in self._rows(
            "SELECT id, theme, text, created_at FROM ideas WHERE device = ? ORDER BY id",
            [device])]

    def counts(self) -> dict[str, int]:
        """Theme key → how many ideas it has received."""
        return {r["theme"]: r["n"] for r in self._rows(
            "SELECT theme, COUNT(*) AS n FROM ideas GROUP BY theme")}

    def day_count(self, day: str) -> int:
        rows = self._rows("SELECT ideas FROM counters WHERE day = ?", [day])
        return int(rows[0]["ideas"]) if rows else 0

    def idea_by_key(self, device: str, idem: str) -> CollectionIdea | None:
        rows = self._rows("SELECT id, theme, text, created_at FROM ideas "
                                 "WHERE device = ? AND idem = ?", [device, idem])
        return CollectionIdea(**rows[0]) if rows else None

    # -- writing -------------------------------------------------------------------------
    def add_idea(self, *, theme: str, text: str, created_at: str, device: str,
                 idem: str | None, day: str) -> int:
        """One idea and the day's counter, in the caller's transaction."""
        cur = self._exec(
            "INSERT INTO ideas (theme, text, created_at, device, idem) VALUES (?,?,?,?,?)",
            [theme, text, created_at, device, idem])
        self._exec("INSERT INTO counters (day, ideas) VALUES (?, 1) ON CONFLICT (day) "
                          "DO UPDATE SET ideas = ideas + 1", [day])
        return int(cur.lastrowid or 0)

    def integrity_ok(self) -> bool:
        try:
            rows = self._rows("PRAGMA integrity_check")
        except (StoreError, sqlite3.Error):
            return False
        return bool(rows) and next(iter(rows[0].values())) == "ok"
