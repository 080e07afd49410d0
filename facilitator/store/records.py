"""Plain records read from a session file; the rest of the program speaks in these."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


def _json(value: str | None, default: Any) -> Any:
    if not value:
        return default
    try:
        return json.loads(value)
    except ValueError:
        return default


@dataclass(frozen=True)
class WorkshopRow:
    title: str
    template_key: str
    template: dict[str, Any]
    place: str
    date: str
    lang: str
    join_code: str
    facilitator: str
    created_at: str
    current_phase: str | None
    finished_at: str | None
    room_count: int
    paper_count: int
    phase_since: str | None
    uid: str = ""      # stable id of the file (schema v3)
    process: str = ""  # the process it belongs to, by name; '' = none

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> WorkshopRow:
        return cls(
            title=r["title"], template_key=r["template_key"],
            template=_json(r["template_json"], {}), place=r["place"], date=r["date"],
            lang=r["lang"], join_code=r["join_code"], facilitator=r["facilitator"],
            created_at=r["created_at"], current_phase=r["current_phase"],
            finished_at=r["finished_at"], room_count=r["room_count"],
            paper_count=r.get("paper_count", 0), phase_since=r.get("phase_since"),
            uid=r.get("uid", ""), process=r.get("process", ""),
        )


@dataclass(frozen=True)
class PhaseRow:
    id: int
    position: int
    key: str
    kind: str
    minutes: int
    started_at: str | None
    ended_at: str | None
    revealed_at: str | None
    #: The room's own numbers for this phase's vote (schema v4), over the template's.
    vote: dict[str, Any] | None = None

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> PhaseRow:
        fields = {k: r[k] for k in cls.__dataclass_fields__ if k != "vote"}
        return cls(**fields, vote=_json(r.get("vote_json"), None))


@dataclass(frozen=True)
class ThemeRow:
    id: int
    position: int
    key: str
    title: dict[str, str]
    question: dict[str, str]

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> ThemeRow:
        return cls(id=r["id"], position=r["position"], key=r["key"],
                   title=_json(r["title"], {}), question=_json(r["question"], {}))


@dataclass(frozen=True)
class IdeaRow:
    id: int
    theme_id: int | None
    phase_key: str | None
    text: str
    original_text: str
    source: str
    device_id: int | None
    status: str
    merged_into: int | None
    hide_reason: str
    cost_cents: int | None
    created_at: str
    edited_at: str | None

    @property
    def visible(self) -> bool:
        return self.status == "visible"

    @property
    def edited(self) -> bool:
        return self.text != self.original_text

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> IdeaRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class DeviceRow:
    id: int
    token_hash: str
    lang: str
    first_seen: str
    last_seen: str

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> DeviceRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class BallotRow:
    id: int
    phase_id: int
    device_id: int | None
    source: str
    marks: dict[str, int]
    idem_key: str | None
    created_at: str
    updated_at: str

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> BallotRow:
        data = {k: r[k] for k in cls.__dataclass_fields__}
        data["marks"] = {str(k): int(v) for k, v in _json(r["marks"], {}).items()}
        return cls(**data)


@dataclass(frozen=True)
class InsightRow:
    id: int
    phase_id: int
    device_id: int | None
    source: str
    text: str
    created_at: str

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> InsightRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class BuildOnRow:
    """A note of further ideation that builds on an idea (schema v4)."""

    id: int
    idea_id: int
    phase_key: str | None
    text: str
    source: str
    device_id: int | None
    created_at: str

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> BuildOnRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class DecisionRow:
    id: int
    idea_id: int
    owner: str
    next_step: str
    outcome: str
    due: str
    created_at: str
    updated_at: str

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> DecisionRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class NoteRow:
    id: int
    phase_key: str | None
    text: str
    created_at: str

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> NoteRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class EventRow:
    id: int
    at: str
    kind: str
    data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> EventRow:
        return cls(id=r["id"], at=r["at"], kind=r["kind"], data=_json(r["data"], {}))


@dataclass(frozen=True)
class QuestionRow:
    """A question to officials (schema v4), with its upvotes counted."""

    id: int
    phase_id: int
    device_id: int | None
    source: str
    text: str
    status: str
    created_at: str
    updated_at: str
    votes: int = 0

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> QuestionRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__ if k != "votes"},
                   votes=int(r.get("votes") or 0))
