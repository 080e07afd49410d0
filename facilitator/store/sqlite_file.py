"""One SQLite file of ours, whatever it holds: connection, transactions, migrations, failures.

Every file the program writes (a workshop's session file, a process file) is opened the
same way: WAL, a busy timeout, foreign keys on, every commit fsynced, the schema version in
`PRAGMA user_version` with one list of statements per version. A kind of file says which
migrations it has, which table marks it as its kind, and its own error keys; everything
else lives here once.

No `sqlite3` error leaves a store: every statement goes through a few private helpers
(`_rows`, `_exec`, `write()`, ...) that turn SQLite's failures into the domain errors of
`facilitator.errors` (`StoreBusy`, `StoreRefused`, `StoreFailed`, or `StoreError` for a
file that is not of its kind), each with a catalog key, so the edges catch
`FacilitatorError` alone.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import sqlite_utils

from facilitator.errors import NotFound, StoreBusy, StoreError, StoreFailed, StoreRefused

BUSY_TIMEOUT_MS = 5000
F = TypeVar("F", bound="SqliteFile")


def _failure(exc: sqlite3.Error, path: Path | str | None,
             not_a: str = "error.not_a_session") -> StoreError:
    """The domain error for one of SQLite's: what happened to the file, with a catalog key."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF  # the primary result code
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StoreBusy("error.session_busy")
    if code == sqlite3.SQLITE_NOTADB:
        return StoreError(not_a, path=str(path))
    if isinstance(exc, sqlite3.IntegrityError):
        return StoreRefused("error.session_refused", detail=str(exc))
    return StoreFailed("error.session_failed", detail=str(exc))


# A plain INSERT, UPDATE or DELETE on one unqualified table: the table it changes.
_WRITE = re.compile(
    r"""\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)"""
    r"""\s+["`\[]?(\w+)["`\]]?(?=[\s(]|$)""", re.IGNORECASE)


@lru_cache(maxsize=512)  # the store's statements are a fixed few; a bound all the same
def _written_table(sql: str) -> str | None:
    match = _WRITE.match(sql)
    return match.group(1).lower() if match else None


class SqliteFile:
    """A connection to one file of ours. Subclasses name their kind below."""

    #: The statements that take a file from version N-1 to N, one list per version.
    MIGRATIONS: ClassVar[list[list[str]]] = []
    #: A table every file of this kind has (a file without it is not of this kind).
    MARKER: ClassVar[str] = ""
    #: Error keys: the file exists already, is not of this kind, is not there at all.
    EXISTS: ClassVar[str] = "error.session_exists"
    NOT_A: ClassVar[str] = "error.not_a_session"

    def __init__(self, db: sqlite_utils.Database, path: Path | None) -> None:
        self.db = db
        self.path = path
        # What `change_mark()` is made of. The epoch moves when a transaction begins, when
        # one or a savepoint is rolled back, and when rows changed that cannot be pinned on
        # one table; `_writes` counts the statements that changed rows of each table;
        # `_accounted` is how many of the connection's `total_changes` those explain.
        self._epoch = 0
        self._writes: dict[str, int] = {}
        self._accounted = 0

    # -- opening -----------------------------------------------------------------
    @classmethod
    def _connect(cls: type[F], path: Path | str, synchronous: str) -> F:
        # isolation_level=None: no implicit transactions; `write()` opens them.
        try:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as exc:
            raise _failure(exc, path, cls.NOT_A) from exc
        try:
            db = sqlite_utils.Database(conn)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            if str(path) != ":memory:":
                db.enable_wal()
            # FULL: a commit is on disk before we answer "saved" (also on power loss).
            conn.execute(f"PRAGMA synchronous = {synchronous}")
        except sqlite3.Error as exc:
            conn.close()
            raise _failure(exc, path, cls.NOT_A) from exc
        return cls(db, None if str(path) == ":memory:" else Path(path))

    @classmethod
    def create(cls: type[F], path: Path | str, *, synchronous: str = "FULL") -> F:
        """A new, empty file of this kind at the current schema version."""
        if str(path) != ":memory:":
            p = Path(path)
            if p.exists():
                raise StoreError(cls.EXISTS, path=str(p))
            p.parent.mkdir(parents=True, exist_ok=True)
        store = cls._connect(path, synchronous)
        store.migrate()
        return store

    @classmethod
    def open(cls: type[F], path: Path | str, *, synchronous: str = "FULL") -> F:
        """An existing file of this kind, migrated to the current version if it is older."""
        p = Path(path)
        if not p.is_file():
            raise cls.missing(p)
        try:
            store = cls._connect(p, synchronous)
        except StoreBusy:
            raise
        except StoreError as exc:  # not SQLite at all, or damaged past reading its header
            raise StoreError(cls.NOT_A, path=str(p)) from exc
        try:
            version = store.schema_version()
            tables = {r["name"] for r in store._rows(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        except StoreError as exc:
            store.close()
            if isinstance(exc, StoreBusy):
                raise
            raise StoreError(cls.NOT_A, path=str(p)) from exc
        supported = len(cls.MIGRATIONS)
        if version > supported:
            store.close()
            raise StoreError("error.session_too_new", path=str(p), version=version,
                             supported=supported)
        if version == 0 or cls.MARKER not in tables:
            store.close()
            raise StoreError(cls.NOT_A, path=str(p))
        store.migrate()
        return store

    @classmethod
    def missing(cls, path: Path) -> NotFound:
        """The refusal for a file that is not there."""
        return NotFound("error.unknown_session", name=str(path), folder=str(path.parent))

    def close(self) -> None:
        try:
            self.db.conn.close()
        except sqlite3.Error as exc:
            raise _failure(exc, self.path, self.NOT_A) from exc

    def __enter__(self: F) -> F:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema --------------------------------------------------------------------
    def schema_version(self) -> int:
        row = self._one("PRAGMA user_version")
        return int(row["user_version"]) if row else 0

    def migrate(self, target: int | None = None) -> None:
        """Bring the file up to `target` (the newest), one version per transaction."""
        target = len(self.MIGRATIONS) if target is None else target
        version = self.schema_version()
        while version < target:
            with self.write():
                for statement in self.MIGRATIONS[version]:
                    self.db.execute(statement)
                version += 1
                self.db.execute(f"PRAGMA user_version = {version}")

    @contextmanager
    def write(self: F) -> Iterator[F]:
        """One transaction; nested calls become savepoints.

        The outermost one begins IMMEDIATE so two processes never deadlock
        upgrading a read lock, and commits on exit.
        """
        conn = self.db.conn
        if conn.in_transaction:
            try:
                with self.db.atomic():
                    yield self
            except BaseException as exc:
                self._epoch += 1  # the savepoint is undone: what was read inside it is gone
                if isinstance(exc, sqlite3.Error):
                    raise _failure(exc, self.path, self.NOT_A) from exc
                raise
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _failure(exc, self.path, self.NOT_A) from exc
        self._epoch += 1  # another connection may have committed since our last transaction
        try:
            yield self
        except BaseException as exc:
            self._undo()
            if isinstance(exc, sqlite3.Error):
                raise _failure(exc, self.path, self.NOT_A) from exc
            raise
        else:
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as exc:  # nothing of it is saved: say so, and leave no transaction
                self._undo()
                raise _failure(exc, self.path, self.NOT_A) from exc

    def _undo(self) -> None:
        self._epoch += 1
        if self.db.conn.in_transaction:
            try:
                self.db.conn.execute("ROLLBACK")
            except sqlite3.Error:  # the first failure is the one to tell; closing ends it anyway
                pass

    def data_version(self) -> int:
        """Changes whenever another connection commits: cheap polling for live views."""
        try:
            return int(self.db.conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error as exc:
            raise _failure(exc, self.path, self.NOT_A) from exc

    def change_mark(self, table: str) -> tuple[int, int] | None:
        """Equal on two calls only if no row of `table` can have changed in between.

        Inside a transaction (`write()` begins it IMMEDIATE, so no other connection can
        commit until it ends) it moves with each statement of `_exec` that changed rows of
        `table`, and with anything that may have changed any table: a new transaction, a
        rollback of it or of a savepoint, a trigger's or a cascade's changes, or rows
        changed around `_exec` (SQLite's own `total_changes` counts those). So no write
        method needs to say what it writes. Outside a transaction another connection may
        commit at any moment: None, and nothing read may be kept.
        """
        conn = self.db.conn
        if not conn.in_transaction:
            return None
        total = conn.total_changes
        if total != self._accounted:
            self._epoch += 1
            self._accounted = total
        return self._epoch, self._writes.get(table, 0)

    # Reads and single statements go straight to the connection: one statement is atomic
    # by itself (it autocommits, or joins the transaction that is open), so it needs no
    # savepoint of its own. That keeps a ballot to a handful of statements.
    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
              ) -> list[dict[str, Any]]:
        try:
            cur = self.db.conn.execute(sql, params)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur]
        except sqlite3.Error as exc:
            raise _failure(exc, self.path, self.NOT_A) from exc

    def _one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> dict[str, Any] | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Every write: run it, and note which table it changed for `change_mark()`."""
        conn = self.db.conn
        before = conn.total_changes
        try:
            cur = conn.execute(sql, params)
        except sqlite3.Error as exc:
            self._epoch += 1
            raise _failure(exc, self.path, self.NOT_A) from exc
        changed = conn.total_changes - before
        if changed:
            table = _written_table(sql)
            if table is None or changed != cur.rowcount:  # not one table, or triggers wrote too
                self._epoch += 1
            else:
                self._writes[table] = self._writes.get(table, 0) + 1
            self._accounted += changed
        return cur

    def _insert(self, sql: str, params: Sequence[Any]) -> int:
        return int(self._exec(sql, params).lastrowid or 0)

