"""The session file's questions to officials and their upvotes (schema v4)."""

from __future__ import annotations

from facilitator.store.records import QuestionRow
from facilitator.store.sqlite_file import SqliteFile

_SELECT = ("SELECT q.*, (SELECT COUNT(*) FROM question_votes v WHERE v.question_id = q.id) "
           "AS votes FROM questions q")


class QuestionTables(SqliteFile):
    """Mixed into `Store`: questions, their status and one vote per phone per question."""

    def add_question(self, *, phase_id: int, text: str, source: str, at: str,
                     device_id: int | None = None) -> int:
        return self._insert(
            "INSERT INTO questions (phase_id, device_id, source, text, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?)", [phase_id, device_id, source, text, at, at])

    def question(self, question_id: int) -> QuestionRow | None:
        row = self._one(f"{_SELECT} WHERE q.id = ?", [question_id])
        return QuestionRow.from_row(row) if row else None

    def questions(self, phase_id: int | None = None) -> list[QuestionRow]:
        """Oldest first; the caller sorts by votes."""
        if phase_id is None:
            rows = self._rows(f"{_SELECT} ORDER BY q.id")
        else:
            rows = self._rows(f"{_SELECT} WHERE q.phase_id = ? ORDER BY q.id", [phase_id])
        return [QuestionRow.from_row(r) for r in rows]

    def set_question_status(self, question_id: int, status: str, at: str) -> None:
        self._exec("UPDATE questions SET status = ?, updated_at = ? WHERE id = ?",
                   [status, at, question_id])

    def count_questions_since(self, device_id: int, since: str) -> int:
        row = self._one("SELECT COUNT(*) AS n FROM questions "
                        "WHERE device_id = ? AND created_at >= ?", [device_id, since])
        return int(row["n"]) if row else 0

    def set_question_vote(self, question_id: int, device_id: int, up: bool, at: str) -> None:
        if up:
            self._exec("INSERT OR IGNORE INTO question_votes (question_id, device_id, created_at)"
                       " VALUES (?,?,?)", [question_id, device_id, at])
        else:
            self._exec("DELETE FROM question_votes WHERE question_id = ? AND device_id = ?",
                       [question_id, device_id])

    def question_votes_of(self, device_id: int) -> set[int]:
        return {int(r["question_id"]) for r in self._rows(
            "SELECT question_id FROM question_votes WHERE device_id = ?", [device_id])}
