"""The session file: a workshop's SQL (the store package is the only one that speaks SQL).

One workshop is one SQLite file (WAL, busy timeout, foreign keys on, every
commit fsynced). The TUI and the participant server never talk to each other;
they meet here. Functions are named for what they do (`add_idea`,
`cast_ballot`, ...), take plain values and return records from
`facilitator.store.records`.

A `Store` holds one connection and is not meant to be shared between threads
without a lock: the participant server writes from a single writer.

Connections, transactions, migrations and the translation of SQLite's failures into
domain errors are `SqliteFile`'s (store/sqlite_file.py), shared with the process file.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from facilitator.errors import StoreBusy, StoreError, StoreFailed, StoreRefused
from facilitator.store.questions import QuestionTables
from facilitator.store.records import (
    BallotRow,
    BuildOnRow,
    DecisionRow,
    DeviceRow,
    EventRow,
    IdeaRow,
    InsightRow,
    NoteRow,
    PhaseRow,
    ThemeRow,
    WorkshopRow,
)
from facilitator.store.schema import MIGRATIONS, SCHEMA_VERSION
from facilitator.store.sqlite_file import BUSY_TIMEOUT_MS, SqliteFile

__all__ = ["BUSY_TIMEOUT_MS", "SCHEMA_VERSION", "SqliteFile", "Store", "StoreBusy", "StoreError",
           "StoreFailed", "StoreRefused"]

_WORKSHOP_FIELDS = {"title", "place", "date", "lang", "facilitator", "current_phase",
                    "finished_at", "room_count", "paper_count", "join_code", "phase_since",
                    "uid", "process"}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class Store(QuestionTables, SqliteFile):
    """One workshop's session file (its questions to officials: store/questions.py)."""

    MIGRATIONS = MIGRATIONS
    MARKER = "workshop"

    # -- the workshop --------------------------------------------------------------
    def init_workshop(self, *, title: str, template_key: str, template: dict[str, Any],
                      place: str, date: str, lang: str, join_code: str, facilitator: str,
                      created_at: str, phases: list[dict[str, Any]],
                      themes: list[dict[str, Any]]) -> None:
        """Fill a new file: the workshop row, its phases and its themes, in one transaction."""
        with self.write():
            self._exec(
                "INSERT INTO workshop (id, title, template_key, template_json, place, date, "
                "lang, join_code, facilitator, created_at) VALUES (1,?,?,?,?,?,?,?,?,?)",
                [title, template_key, _dumps(template), place, date, lang, join_code,
                 facilitator, created_at])
            for pos, ph in enumerate(phases):
                self._exec(
                    "INSERT INTO phases (position, key, kind, minutes) VALUES (?,?,?,?)",
                    [pos, ph["key"], ph["kind"], ph["minutes"]])
            for pos, th in enumerate(themes):
                self.add_theme(th["key"], th["title"], th.get("question", {}), position=pos)

    def workshop(self) -> WorkshopRow:
        row = self._one("SELECT * FROM workshop WHERE id = 1")
        if row is None:
            raise StoreError("error.not_a_session", path=str(self.path))
        return WorkshopRow.from_row(row)

    def update_workshop(self, **fields: Any) -> None:
        unknown = set(fields) - _WORKSHOP_FIELDS
        if unknown:
            raise ValueError(f"not workshop fields: {sorted(unknown)}")
        if not fields:
            return
        assignments = ", ".join(f"{name} = ?" for name in fields)
        self._exec(f"UPDATE workshop SET {assignments} WHERE id = 1", list(fields.values()))

    # -- phases --------------------------------------------------------------------
    def phases(self) -> list[PhaseRow]:
        return [PhaseRow.from_row(r) for r in self._rows("SELECT * FROM phases ORDER BY position")]

    def phase(self, key: str) -> PhaseRow | None:
        row = self._one("SELECT * FROM phases WHERE key = ?", [key])
        return PhaseRow.from_row(row) if row else None

    def set_phase_times(self, key: str, *, started_at: str | None = None,
                        ended_at: str | None = None, clear_end: bool = False) -> None:
        with self.write():
            if started_at is not None:
                self._exec("UPDATE phases SET started_at = ? WHERE key = ?", [started_at, key])
            if ended_at is not None or clear_end:
                self._exec("UPDATE phases SET ended_at = ? WHERE key = ?", [ended_at, key])

    def set_phase_minutes(self, key: str, minutes: int) -> None:
        self._exec("UPDATE phases SET minutes = ? WHERE key = ?", [minutes, key])

    def set_phase_vote(self, key: str, vote: dict[str, Any] | None) -> None:
        """The room's own numbers for a phase's vote (None: the template's again)."""
        self._exec("UPDATE phases SET vote_json = ? WHERE key = ?",
                   [_dumps(vote) if vote is not None else None, key])

    def set_revealed(self, key: str, at: str | None) -> None:
        self._exec("UPDATE phases SET revealed_at = ? WHERE key = ?", [at, key])

    # -- themes --------------------------------------------------------------------
    def themes(self) -> list[ThemeRow]:
        rows = self._rows("SELECT * FROM themes ORDER BY position, id")
        return [ThemeRow.from_row(r) for r in rows]

    def add_theme(self, key: str, title: dict[str, str], question: dict[str, str],
                  position: int | None = None) -> int:
        with self.write():
            if position is None:
                row = self._one("SELECT COALESCE(MAX(position), -1) + 1 AS p FROM themes")
                position = int(row["p"]) if row else 0
            return self._insert(
                "INSERT INTO themes (position, key, title, question) VALUES (?,?,?,?)",
                [position, key, _dumps(title), _dumps(question)])

    def update_theme(self, theme_id: int, title: dict[str, str], question: dict[str, str]) -> None:
        self._exec("UPDATE themes SET title = ?, question = ? WHERE id = ?",
                   [_dumps(title), _dumps(question), theme_id])

    # -- devices -------------------------------------------------------------------
    def add_device(self, token_hash: str, lang: str, at: str) -> int:
        return self._insert(
            "INSERT INTO devices (token_hash, lang, first_seen, last_seen) VALUES (?,?,?,?)",
            [token_hash, lang, at, at])

    def device_by_token(self, token_hash: str) -> DeviceRow | None:
        row = self._one("SELECT * FROM devices WHERE token_hash = ?", [token_hash])
        return DeviceRow.from_row(row) if row else None

    def set_device_lang(self, device_id: int, lang: str) -> None:
        self._exec("UPDATE devices SET lang = ? WHERE id = ?", [lang, device_id])

    def count_devices(self) -> int:
        row = self._one("SELECT COUNT(*) AS n FROM devices")
        return int(row["n"]) if row else 0

    # -- ideas ---------------------------------------------------------------------
    def add_idea(self, *, text: str, source: str, created_at: str, theme_id: int | None = None,
                 phase_key: str | None = None, device_id: int | None = None,
                 cost_cents: int | None = None) -> int:
        return self._insert(
            "INSERT INTO ideas (theme_id, phase_key, text, original_text, source, device_id, "
            "cost_cents, created_at) VALUES (?,?,?,?,?,?,?,?)",
            [theme_id, phase_key, text, text, source, device_id, cost_cents, created_at])

    def idea(self, idea_id: int) -> IdeaRow | None:
        row = self._one("SELECT * FROM ideas WHERE id = ?", [idea_id])
        return IdeaRow.from_row(row) if row else None

    def ideas(self, *, device_id: int | None = None, statuses: Sequence[str] | None = None,
              theme_id: int | None = None) -> list[IdeaRow]:
        where: list[str] = ["1"]
        params: list[Any] = []
        if device_id is not None:
            where.append("device_id = ?")
            params.append(device_id)
        if theme_id is not None:
            where.append("theme_id = ?")
            params.append(theme_id)
        if statuses:
            where.append(f"status IN ({','.join('?' * len(statuses))})")
            params.extend(statuses)
        sql = f"SELECT * FROM ideas WHERE {' AND '.join(where)} ORDER BY id"
        return [IdeaRow.from_row(r) for r in self._rows(sql, params)]

    def count_ideas_since(self, device_id: int, since: str) -> int:
        row = self._one("SELECT COUNT(*) AS n FROM ideas WHERE device_id = ? AND created_at >= ?",
                        [device_id, since])
        return int(row["n"]) if row else 0

    def edit_idea(self, idea_id: int, text: str, at: str) -> None:
        """Change the text; `original_text` keeps what the participant wrote."""
        self._exec("UPDATE ideas SET text = ?, edited_at = ? WHERE id = ?", [text, at, idea_id])

    def set_idea_status(self, idea_id: int, status: str, *, merged_into: int | None = None,
                        hide_reason: str = "") -> None:
        self._exec(
            "UPDATE ideas SET status = ?, merged_into = ?, hide_reason = ? WHERE id = ?",
            [status, merged_into, hide_reason, idea_id])

    def set_idea_theme(self, idea_id: int, theme_id: int | None) -> None:
        self._exec("UPDATE ideas SET theme_id = ? WHERE id = ?", [theme_id, idea_id])

    def set_idea_cost(self, idea_id: int, cost_cents: int | None) -> None:
        self._exec("UPDATE ideas SET cost_cents = ? WHERE id = ?", [cost_cents, idea_id])

    # -- pairs the facilitator said are not duplicates ------------------------------------
    def add_not_duplicate(self, idea_a: int, idea_b: int, at: str) -> None:
        """Remember that two ideas are not the same (again is a no-op)."""
        low, high = sorted((idea_a, idea_b))
        self._exec("INSERT OR IGNORE INTO not_duplicates (idea_a, idea_b, created_at) "
                   "VALUES (?,?,?)", [low, high, at])

    def not_duplicates(self) -> set[tuple[int, int]]:
        return {(r["idea_a"], r["idea_b"]) for r in
                self._rows("SELECT idea_a, idea_b FROM not_duplicates")}

    # -- ballots -------------------------------------------------------------------
    def cast_ballot(self, *, phase_id: int, marks: dict[str, int], source: str, at: str,
                    device_id: int | None = None, idem_key: str | None = None) -> int:
        """A phone ballot replaces the device's earlier one in this phase; paper adds one."""
        payload = _dumps(marks)
        with self.write():
            if device_id is not None:
                existing = self._one("SELECT id FROM ballots WHERE phase_id = ? AND device_id = ?",
                                     [phase_id, device_id])
                if existing:
                    self._exec(
                        "UPDATE ballots SET marks = ?, idem_key = ?, updated_at = ? WHERE id = ?",
                        [payload, idem_key, at, existing["id"]])
                    return int(existing["id"])
            return self._insert(
                "INSERT INTO ballots (phase_id, device_id, source, marks, idem_key, created_at, "
                "updated_at) VALUES (?,?,?,?,?,?,?)",
                [phase_id, device_id, source, payload, idem_key, at, at])

    def ballots(self, phase_id: int) -> list[BallotRow]:
        return [BallotRow.from_row(r) for r in
                self._rows("SELECT * FROM ballots WHERE phase_id = ? ORDER BY id", [phase_id])]

    def ballot_of(self, phase_id: int, device_id: int) -> BallotRow | None:
        row = self._one("SELECT * FROM ballots WHERE phase_id = ? AND device_id = ?",
                        [phase_id, device_id])
        return BallotRow.from_row(row) if row else None

    def delete_ballot(self, ballot_id: int) -> None:
        self._exec("DELETE FROM ballots WHERE id = ?", [ballot_id])

    def count_ballots(self, phase_id: int) -> dict[str, int]:
        return {r["source"]: r["n"] for r in self._rows(
            "SELECT source, COUNT(*) AS n FROM ballots WHERE phase_id = ? GROUP BY source",
            [phase_id])}

    def set_paper_tally(self, phase_id: int, idea_id: int, count: int, at: str) -> None:
        if count == 0:
            self._exec("DELETE FROM paper_tallies WHERE phase_id = ? AND idea_id = ?",
                       [phase_id, idea_id])
            return
        self._exec(
            "INSERT INTO paper_tallies (phase_id, idea_id, count, updated_at) VALUES (?,?,?,?) "
            "ON CONFLICT (phase_id, idea_id) DO UPDATE SET count = excluded.count, "
            "updated_at = excluded.updated_at", [phase_id, idea_id, count, at])

    def paper_tallies(self, phase_id: int) -> dict[int, int]:
        return {r["idea_id"]: r["count"] for r in self._rows(
            "SELECT idea_id, count FROM paper_tallies WHERE phase_id = ?", [phase_id])}

    # -- idempotency ---------------------------------------------------------------
    def receipt(self, idem_key: str) -> dict[str, Any] | None:
        return self._one("SELECT * FROM receipts WHERE idem_key = ?", [idem_key])

    def add_receipt(self, idem_key: str, kind: str, ref_id: int | None,
                    device_id: int | None, at: str) -> None:
        self._exec(
            "INSERT INTO receipts (idem_key, kind, ref_id, device_id, created_at) "
            "VALUES (?,?,?,?,?)", [idem_key, kind, ref_id, device_id, at])

    # -- the quiet channel and the record --------------------------------------------
    def add_build_on(self, *, idea_id: int, text: str, source: str, at: str,
                     phase_key: str | None = None, device_id: int | None = None) -> int:
        return self._insert(
            "INSERT INTO build_ons (idea_id, phase_key, text, source, device_id, created_at) "
            "VALUES (?,?,?,?,?,?)", [idea_id, phase_key, text, source, device_id, at])

    def build_on(self, build_on_id: int) -> BuildOnRow | None:
        row = self._one("SELECT * FROM build_ons WHERE id = ?", [build_on_id])
        return BuildOnRow.from_row(row) if row else None

    def build_ons(self, *, device_id: int | None = None) -> list[BuildOnRow]:
        if device_id is None:
            rows = self._rows("SELECT * FROM build_ons ORDER BY idea_id, id")
        else:
            rows = self._rows("SELECT * FROM build_ons WHERE device_id = ? ORDER BY id",
                              [device_id])
        return [BuildOnRow.from_row(r) for r in rows]

    def count_build_ons_since(self, device_id: int, since: str) -> int:
        row = self._one("SELECT COUNT(*) AS n FROM build_ons WHERE device_id = ? "
                        "AND created_at >= ?", [device_id, since])
        return int(row["n"]) if row else 0

    def add_insight(self, *, phase_id: int, text: str, source: str, at: str,
                    device_id: int | None = None) -> int:
        return self._insert(
            "INSERT INTO insights (phase_id, device_id, source, text, created_at) "
            "VALUES (?,?,?,?,?)",
            [phase_id, device_id, source, text, at])

    def insights(self, phase_id: int | None = None) -> list[InsightRow]:
        if phase_id is None:
            rows = self._rows("SELECT * FROM insights ORDER BY id")
        else:
            rows = self._rows("SELECT * FROM insights WHERE phase_id = ? ORDER BY id", [phase_id])
        return [InsightRow.from_row(r) for r in rows]

    def count_insights_since(self, device_id: int, since: str) -> int:
        row = self._one("SELECT COUNT(*) AS n FROM insights "
                        "WHERE device_id = ? AND created_at >= ?", [device_id, since])
        return int(row["n"]) if row else 0

    def set_decision(self, *, idea_id: int, owner: str, next_step: str, outcome: str,
                     due: str, at: str) -> int:
        with self.write():
            self._exec(
                "INSERT INTO decisions (idea_id, owner, next_step, outcome, due, created_at, "
                "updated_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT (idea_id) DO UPDATE SET "
                "owner = excluded.owner, next_step = excluded.next_step, "
                "outcome = excluded.outcome, due = excluded.due, updated_at = excluded.updated_at",
                [idea_id, owner, next_step, outcome, due, at, at])
            row = self._one("SELECT id FROM decisions WHERE idea_id = ?", [idea_id])
            return int(row["id"]) if row else 0

    def delete_decision(self, idea_id: int) -> None:
        self._exec("DELETE FROM decisions WHERE idea_id = ?", [idea_id])

    def decisions(self) -> list[DecisionRow]:
        return [DecisionRow.from_row(r) for r in self._rows("SELECT * FROM decisions ORDER BY id")]

    def add_note(self, text: str, phase_key: str | None, at: str) -> int:
        return self._insert("INSERT INTO notes (phase_key, text, created_at) VALUES (?,?,?)",
                            [phase_key, text, at])

    def notes(self) -> list[NoteRow]:
        return [NoteRow.from_row(r) for r in self._rows("SELECT * FROM notes ORDER BY id")]

    def set_summary(self, field: str, text: str, at: str) -> None:
        self._exec(
            "INSERT INTO summary (field, text, updated_at) VALUES (?,?,?) ON CONFLICT (field) "
            "DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
            [field, text, at])

    def summary(self) -> dict[str, str]:
        return {r["field"]: r["text"] for r in self._rows("SELECT field, text FROM summary")}

    # -- the event log (append-only; the minutes are built from it) ------------------
    def log_event(self, kind: str, data: dict[str, Any], at: str) -> int:
        return self._insert("INSERT INTO events (at, kind, data) VALUES (?,?,?)",
                            [at, kind, _dumps(data)])

    def events(self, kinds: Sequence[str] | None = None) -> list[EventRow]:
        if kinds:
            rows = self._rows(f"SELECT * FROM events WHERE kind IN ({','.join('?' * len(kinds))}) "
                              "ORDER BY id", list(kinds))
        else:
            rows = self._rows("SELECT * FROM events ORDER BY id")
        return [EventRow.from_row(r) for r in rows]
