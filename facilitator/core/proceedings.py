"""The proceedings: decisions on ideas, facilitator notes, anonymous insights, the summary."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from facilitator.core.limits import (
    INSIGHT_MAX_CHARS,
    INSIGHTS_PER_MINUTE,
    NAME_MAX_CHARS,
    NOTE_MAX_CHARS,
    at_most_per_minute,
    clean_text,
)
from facilitator.core.receipts import PhoneGate, Submitted, submit_once
from facilitator.errors import Closed, InvalidInput, NotFound
from facilitator.kinds import IdeaStatus, Outcome, Source
from facilitator.store.records import DecisionRow, InsightRow, NoteRow

if TYPE_CHECKING:
    from facilitator.core.workshop import PhaseState, Workshop

_INSIGHT_GATE = PhoneGate(lambda s: s.accepts_insights, "error.insights_closed")

#: What a board needs in the minutes beyond the evening itself; typed once per workshop.
MINUTES_DETAILS = ("organiser", "writer", "core_group", "contact", "next_meeting",
                   "collection", "collection_until", "next_for_residents", "approval")
#: Details that are dates (typed 15.1.2027 or 2027-01-15, stored ISO, printed in the language).
DATE_DETAILS = ("collection_until",)
#: They live in the session file's key/value summary table under this prefix.
DETAIL_PREFIX = "minutes."

#: Where an idea goes next (seed 003: "Näin asiat etenevät" a–f).
OUTCOMES = tuple(Outcome)


class Records:
    def __init__(self, workshop: Workshop) -> None:
        self.ws = workshop

    # -- decisions ------------------------------------------------------------------
    def decide(self, idea_id: int, *, outcome: str, owner: str = "", next_step: str = "",
               due: str = "") -> DecisionRow:
        """Record who takes an idea forward, the next step and where it goes."""
        idea = self.ws.ideas.get(idea_id)
        if idea.status != IdeaStatus.VISIBLE:
            raise InvalidInput("error.decide_hidden", idea=idea_id)
        if outcome not in OUTCOMES:
            raise InvalidInput("error.bad_outcome", outcome=outcome, known=", ".join(OUTCOMES))
        owner = clean_text(owner, max_chars=NAME_MAX_CHARS, multiline=False) if owner else ""
        next_step = clean_text(next_step, max_chars=NOTE_MAX_CHARS) if next_step else ""
        if due:
            try:
                due = dt.date.fromisoformat(due).isoformat()
            except ValueError as exc:
                raise InvalidInput("error.bad_date", value=due) from exc
        with self.ws.store.write():
            self.ws.store.set_decision(idea_id=idea_id, owner=owner, next_step=next_step,
                                       outcome=outcome, due=due, at=self.ws.now())
            self.ws.log("decision", idea=idea_id, outcome=outcome, owner=owner,
                        next_step=next_step, due=due)
        return next(d for d in self.ws.store.decisions() if d.idea_id == idea_id)

    def undecide(self, idea_id: int) -> None:
        if not any(d.idea_id == idea_id for d in self.ws.store.decisions()):
            raise NotFound("error.unknown_decision", idea=idea_id)
        with self.ws.store.write():
            self.ws.store.delete_decision(idea_id)
            self.ws.log("decision_removed", idea=idea_id)

    def decisions(self) -> list[DecisionRow]:
        return self.ws.store.decisions()

    # -- notes and the summary --------------------------------------------------------
    def note(self, text: str) -> NoteRow:
        text = clean_text(text, max_chars=NOTE_MAX_CHARS)
        current = self.ws.current()
        with self.ws.store.write():
            note_id = self.ws.store.add_note(text, current.key if current else None,
                                             self.ws.now())
            self.ws.log("note", note=note_id)
        return next(n for n in self.ws.store.notes() if n.id == note_id)

    def notes(self) -> list[NoteRow]:
        return self.ws.store.notes()

    def summary_keys(self) -> list[str]:
        return [f.key for f in self.ws.template.summary_fields]

    def set_summary(self, field: str, text: str) -> None:
        """One field of the written summary (Erätauko: main topics, differences, ...)."""
        known = self.summary_keys()
        if field not in known:
            raise NotFound("error.unknown_summary_field", field=field,
                           known=", ".join(known) or "-")
        text = clean_text(text, max_chars=NOTE_MAX_CHARS) if text.strip() else ""
        with self.ws.store.write():
            self.ws.store.set_summary(field, text, self.ws.now())
            self.ws.log("summary", field=field)

    def summary(self) -> dict[str, str]:
        return {k: v for k, v in self.ws.store.summary().items()
                if not k.startswith(DETAIL_PREFIX)}

    # -- what the minutes say beyond the evening itself -----------------------------------
    def set_detail(self, key: str, text: str) -> None:
        """One of the minutes' details (organiser, who wrote them, the core group, ...)."""
        if key not in MINUTES_DETAILS:
            raise NotFound("error.unknown_detail", key=key, known=", ".join(MINUTES_DETAILS))
        text = clean_text(text, max_chars=NOTE_MAX_CHARS) if text.strip() else ""
        if text and key in DATE_DETAILS:
            text = _iso_date(text, key)
        with self.ws.store.write():
            self.ws.store.set_summary(DETAIL_PREFIX + key, text, self.ws.now())
            self.ws.log("minutes_detail", key=key)

    def set_details(self, given: dict[str, str]) -> dict[str, str]:
        """Several details at once, all or none (the CLI's options, the TUI's form); only
        those that changed are written. Returns the details as stored now."""
        now = self.details()
        with self.ws.store.write():
            for key, text in given.items():
                if text.strip() != now.get(key, "") or key not in MINUTES_DETAILS:
                    self.set_detail(key, text)
        return self.details()

    def details(self) -> dict[str, str]:
        """The minutes' details that were given, by key (see MINUTES_DETAILS)."""
        return {k.removeprefix(DETAIL_PREFIX): v for k, v in self.ws.store.summary().items()
                if k.startswith(DETAIL_PREFIX) and v}

    # -- anonymous insights (the quiet channel) -----------------------------------------
    def add_insight(self, text: str, *, source: str = Source.PHONE, device_id: int | None = None,
                    idem_key: str | None = None, phase: str | None = None) -> Submitted:
        """One insight. A slip from paper may name its round (`phase`, e.g. Erätauko's
        "oivallukset" when "jatko" came after it); without one it goes to the current
        round, or after the rounds to the last round that asked for insights."""
        ws = self.ws
        chosen = ws.phase(phase) if phase is not None and device_id is None else None
        if chosen is not None and not chosen.spec.accepts_insights:
            raise InvalidInput("error.not_an_insight_round", key=chosen.key, known=", ".join(
                p.key for p in ws.phases() if p.spec.accepts_insights) or "–")

        def save(phone_phase: PhaseState | None, idem_key: str | None) -> int:
            current = phone_phase or chosen or ws.current()
            if phone_phase is None and (current is None or not current.spec.accepts_insights):
                # Slips typed in after the round (or the evening) belong to the last round
                # that asked for insights.
                rounds = [p for p in ws.phases()
                          if p.spec.accepts_insights and p.row.started_at is not None]
                current = rounds[-1] if rounds else current
            if current is None:
                raise Closed("error.not_started")
            clean = clean_text(text, max_chars=INSIGHT_MAX_CHARS,
                               allow_markup=source != Source.PHONE, field="text")
            if device_id is not None:
                at_most_per_minute(ws.clock, lambda since: ws.store.count_insights_since(
                    device_id, since), INSIGHTS_PER_MINUTE)
            return ws.store.add_insight(phase_id=current.row.id, text=clean, source=source,
                                        at=ws.now(), device_id=device_id)

        return submit_once(ws, "insight", source=source, device_id=device_id,
                           idem_key=idem_key, gate=_INSIGHT_GATE, save=save)

    def insights(self) -> list[InsightRow]:
        return self.ws.store.insights()


def _iso_date(text: str, key: str) -> str:
    """`15.1.2027` or `2027-01-15` → `2027-01-15`."""
    value = text.strip()
    try:
        if "." in value:
            day, month, year = (int(p) for p in value.rstrip(".").split("."))
            return dt.date(year, month, day).isoformat()
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidInput("error.bad_detail_date", field=key, value=value) from None
