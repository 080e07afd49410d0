"""Questions to officials: phones ask anonymously and upvote, the facilitator answers or hides.

Phones ask and upvote only while a `questions` phase is the current phase; the
facilitator types in questions from paper for any questions phase that has begun
(they stay marked as paper). A question is cleaned and limited as an idea is, a
retried question counts once, and each phone has one vote on each question, which
it can take back. The room sees the questions most voted first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from facilitator.core.limits import (
    QUESTION_MAX_CHARS,
    QUESTIONS_PER_MINUTE,
    at_most_per_minute,
    clean_text,
)
from facilitator.core.receipts import PhoneGate, Submitted, submit_once
from facilitator.errors import Closed, InvalidInput, NotFound
from facilitator.kinds import QUESTION_KINDS, QuestionStatus, Source
from facilitator.store.records import QuestionRow

if TYPE_CHECKING:
    from facilitator.core.workshop import PhaseState, Workshop

_QUESTION_GATE = PhoneGate(lambda s: s.accepts_questions, "error.questions_closed")
QUESTION_SOURCES = (Source.PHONE, Source.PAPER, Source.FACILITATOR)


@dataclass(frozen=True)
class RankedQuestion:
    """A question in the room's order: most votes first, ties as ties (same rank)."""

    row: QuestionRow
    rank: int
    tied: bool

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def text(self) -> str:
        return self.row.text

    @property
    def votes(self) -> int:
        return self.row.votes

    @property
    def answered(self) -> bool:
        return self.row.status == QuestionStatus.ANSWERED

    @property
    def hidden(self) -> bool:
        return self.row.status == QuestionStatus.HIDDEN


def rank_questions(rows: list[QuestionRow]) -> list[RankedQuestion]:
    """Most votes first, then the oldest; equal votes share a rank (1, 2, 2, 4)."""
    ordered = sorted(rows, key=lambda q: (-q.votes, q.id))
    counts: dict[int, int] = {}
    for q in ordered:
        counts[q.votes] = counts.get(q.votes, 0) + 1
    out, rank = [], 0
    for n, q in enumerate(ordered, 1):
        if n == 1 or q.votes != ordered[n - 2].votes:
            rank = n
        out.append(RankedQuestion(q, rank, counts[q.votes] > 1))
    return out


def top_questions(ranked: list[RankedQuestion], n: int) -> list[RankedQuestion]:
    """The n most voted visible questions, open ones first (an answered question has had
    its turn): what the room's wall shows."""
    shown = [q for q in ranked if not q.hidden]
    return ([q for q in shown if not q.answered] + [q for q in shown if q.answered])[:n]


class QuestionDesk:
    def __init__(self, workshop: Workshop) -> None:
        self.ws = workshop

    # -- which phase -------------------------------------------------------------------
    def phases(self) -> list[PhaseState]:
        return [p for p in self.ws.phases() if p.kind in QUESTION_KINDS]

    def phase(self) -> PhaseState | None:
        """The current questions phase, else the last one that has begun."""
        phases = self.phases()
        current = next((p for p in phases if p.is_current), None)
        if current is not None:
            return current
        begun = [p for p in phases if p.row.started_at is not None]
        return begun[-1] if begun else None

    # -- asking ------------------------------------------------------------------------
    def ask(self, text: str, *, source: str = Source.PHONE, device_id: int | None = None,
            idem_key: str | None = None) -> Submitted:
        """Store one question; a retry with the same key counts once."""
        if source not in QUESTION_SOURCES:
            raise InvalidInput("error.bad_source")
        ws = self.ws

        def save(phone_phase: PhaseState | None, idem_key: str | None) -> int:
            target = phone_phase or self.phase()
            if target is None:
                raise Closed("error.no_questions_phase")
            clean = clean_text(text, max_chars=QUESTION_MAX_CHARS,
                               allow_markup=source != Source.PHONE, field="text")
            if device_id is not None:
                at_most_per_minute(ws.clock, lambda since: ws.store.count_questions_since(
                    device_id, since), QUESTIONS_PER_MINUTE)
            question_id = ws.store.add_question(
                phase_id=target.row.id, text=clean, source=source, at=ws.now(),
                device_id=device_id if source == Source.PHONE else None)
            if source != Source.PHONE:
                ws.log("paper_question", question=question_id, phase=target.key)
            return question_id

        return submit_once(ws, "question", source=source, device_id=device_id,
                           idem_key=idem_key, gate=_QUESTION_GATE, save=save)

    def upvote(self, question_id: int, up: bool = True, *, device_id: int | None) -> None:
        """A phone's vote on a question (`up=False` takes it back). Doing it twice is the
        same as doing it once, so a retried post needs no receipt."""
        ws = self.ws
        with ws.store.write():
            phase = ws.phone_phase(device_id, lambda s: s.accepts_questions,
                                   "error.questions_closed")
            assert device_id is not None
            question = ws.store.question(question_id)
            if (question is None or question.phase_id != phase.row.id
                    or question.status == QuestionStatus.HIDDEN):
                raise NotFound("error.unknown_question", question=question_id)
            ws.store.set_question_vote(question_id, device_id, up, ws.now())

    # -- the facilitator's hands -----------------------------------------------------------
    def get(self, question_id: int) -> QuestionRow:
        question = self.ws.store.question(question_id)
        if question is None:
            raise NotFound("error.unknown_question", question=question_id)
        return question

    def set_status(self, question_id: int, status: str) -> QuestionRow:
        """Answered, hidden, or open again; the event log keeps each change."""
        if status not in tuple(QuestionStatus):
            raise InvalidInput("error.bad_question_status", status=status)
        question = self.get(question_id)
        with self.ws.store.write():
            self.ws.store.set_question_status(question.id, status, self.ws.now())
            self.ws.log("question", question=question.id, status=status)
        return self.get(question.id)

    # -- reading ------------------------------------------------------------------------------
    def all(self) -> list[QuestionRow]:
        return self.ws.store.questions()

    def ranked(self, phase: PhaseState | None = None, *, hidden: bool = False
               ) -> list[RankedQuestion]:
        """One phase's questions (the current or last questions phase by default), most
        voted first; hidden ones only when asked for (the facilitator's and the minutes')."""
        target = phase or self.phase()
        if target is None:
            return []
        rows = [q for q in self.ws.store.questions(target.row.id)
                if hidden or q.status != QuestionStatus.HIDDEN]
        return rank_questions(rows)

    def top(self, n: int = 5) -> list[RankedQuestion]:
        """What the room's wall shows: see `top_questions`."""
        return top_questions(self.ranked(), n)

    def of_device(self, device_id: int) -> list[QuestionRow]:
        return [q for q in self.ws.store.questions() if q.device_id == device_id]

    def votes_of(self, device_id: int) -> set[int]:
        return self.ws.store.question_votes_of(device_id)

    def counts(self) -> dict[str, int]:
        """How many questions there are, by status, and their votes (for `status`)."""
        rows = self.all()
        out = {s.value: sum(1 for q in rows if q.status == s) for s in QuestionStatus}
        out["total"] = len(rows)
        out["votes"] = sum(q.votes for q in rows)
        return out
