"""What phones and the wall see, read through the server's own reading connection.

The reader belongs to the event loop's thread alone (the writer has its own
connection in its own thread), so no connection is ever shared between
threads. The public part of a page (phase, themes, ideas, revealed results)
is built once per change of the file, noticed with SQLite's cheap
`data_version`; only the phone's own ideas and ballot are read per request.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from facilitator.core import voting
from facilitator.core.ballots import PhaseResult
from facilitator.core.build_ons import open_for_build_ons as build_ons_open
from facilitator.core.clock import Clock
from facilitator.core.questions import RankedQuestion, top_questions
from facilitator.core.workshop import PhaseState, Workshop
from facilitator.store.records import (
    BallotRow,
    BuildOnRow,
    DeviceRow,
    IdeaRow,
    InsightRow,
    QuestionRow,
    ThemeRow,
)

#: Live results are recounted at most this often while ballots keep arriving.
RESULT_MAX_AGE = 1.0
DEVICES_REMEMBERED = 20_000


@dataclass(frozen=True)
class Snapshot:
    """The workshop as everyone sees it at one moment."""

    code: str
    title: str
    lang: str
    started: bool
    finished: bool
    phase: PhaseState | None
    themes: list[ThemeRow]
    ideas: list[IdeaRow]                      # visible ideas, oldest first
    options: dict[str, voting.Option] = field(default_factory=dict)  # the open ballot
    result: PhaseResult | None = None         # revealed results, when there are any
    rules: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # language → rules
    devices: int = 0
    ballots: int = 0
    version: str = ""                         # changes when phones should update
    #: further ideation: notes by the idea they build on, and whether `#N: ...` is open now
    build_ons: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    builds_on: bool = False
    wall_version: str = ""                    # changes when the wall should update
    phase_since: str | None = None            # when the current phase began (its timer)
    #: The current questions phase's visible questions, most voted first (else empty).
    questions: list[RankedQuestion] = field(default_factory=list)

    @property
    def theme_by_id(self) -> dict[int, ThemeRow]:
        return {t.id: t for t in self.themes}

    def top_questions(self, n: int = 5) -> list[RankedQuestion]:
        """For the wall in a questions phase: the n most voted, open ones before answered
        ones; each has `.text`, `.votes`, `.rank`, `.tied`, `.answered`."""
        return top_questions(self.questions, n)


def _digest(*parts: object) -> str:
    return hashlib.blake2s("|".join(map(str, parts)).encode(), digest_size=8).hexdigest()


class Reader:
    """The server's reading connection and the snapshot cache on top of it."""

    def __init__(self, path: Path, clock: Clock) -> None:
        self.ws = Workshop.open(path, clock)
        self._seen: int | None = None
        self._snapshot: Snapshot | None = None
        self._result: tuple[tuple[str, str | None], float, PhaseResult] | None = None
        self._result_stale = False  # the snapshot holds a count older than the file
        self._devices: dict[str, DeviceRow] = {}

    def close(self) -> None:
        self.ws.close()

    def snapshot(self) -> Snapshot:
        seen = self.ws.store.data_version()
        if self._snapshot is None or seen != self._seen:
            self._snapshot = self._build()
            self._seen = seen
        elif self._result_stale and self._result is not None and (
                time.monotonic() - self._result[1] > RESULT_MAX_AGE):
            self._snapshot = self._build()
        return self._snapshot

    def _build(self) -> Snapshot:
        ws = self.ws
        info = ws.info
        phases = ws.phases()
        current = next((p for p in phases if p.is_current), None)
        themes = ws.themes()
        ideas = ws.ideas.visible()
        options: dict[str, voting.Option] = {}
        ballots = 0
        if current is not None and current.spec.accepts_ballots:
            options = ws.ballots.options(current)
            ballots = sum(ws.store.count_ballots(current.row.id).values())
        result = self._revealed_result()
        rules = ws.template.rules.rules if ws.template.rules else {}
        revealed = sorted(p.key for p in phases if p.revealed)
        questions = (ws.questions.ranked(current)
                     if current is not None and current.spec.accepts_questions else [])
        version = _digest(info.join_code, info.current_phase, info.phase_since,
                          info.finished_at, revealed, [t.key for t in themes],
                          [(q.id, q.votes, q.row.status) for q in questions],
                          # the dots the room chose (a phase's own vote) are on the ballot
                          [p.row.vote for p in phases if p.row.vote])
        devices = ws.participants.count()
        # Which ideas, not only how many: a hidden one and a new one in the same moment
        # still change the wall (a hidden idea leaves it within a second).
        shown = _digest(*[(i.id, i.theme_id, i.text) for i in ideas])
        wall_version = _digest(version, devices, shown, ballots,
                               result.ballots if result else 0,
                               [(i.target, i.score) for i in result.overall] if result else ())
        build_ons = {idea: tuple(n.text for n in notes)
                     for idea, notes in ws.ideas.build_ons().items()}
        return Snapshot(code=info.join_code, title=info.title, lang=info.lang,
                        started=info.current_phase is not None or info.finished_at is not None,
                        finished=info.finished_at is not None, phase=current, themes=themes,
                        ideas=ideas, options=options, result=result, rules=rules,
                        devices=devices, ballots=ballots, version=version,
                        wall_version=wall_version, build_ons=build_ons,
                        builds_on=build_ons_open(ws), phase_since=info.phase_since,
                        questions=questions)

    def _revealed_result(self) -> PhaseResult | None:
        phase = self.ws.ballots.result_phase()
        if phase is None or not phase.revealed:
            self._result, self._result_stale = None, False
            return None
        key = (phase.key, phase.row.revealed_at)
        if self._result and self._result[0] == key and (
                time.monotonic() - self._result[1] <= RESULT_MAX_AGE):
            self._result_stale = True
            return self._result[2]
        result = self.ws.ballots.result(phase.key)
        self._result = (key, time.monotonic(), result)
        self._result_stale = False
        return result

    def code(self) -> str:
        """The join code, as of the last snapshot (the live watcher renews it 4 times a second).

        Every post checks it; asking SQLite on the event loop's thread while the writer
        thread holds the GIL would make each post wait for the writer's time slice.
        """
        return (self._snapshot or self.snapshot()).code

    # -- one phone --------------------------------------------------------------------
    def device(self, token: str | None) -> DeviceRow | None:
        """The phone behind a cookie; known phones are remembered (only their language
        changes, and only through this server, which calls `forget_device`)."""
        if not token:
            return None
        device = self._devices.get(token)
        if device is None:
            device = self.ws.participants.recognise(token)
            if device is not None:
                if len(self._devices) >= DEVICES_REMEMBERED:
                    self._devices.clear()
                self._devices[token] = device
        return device

    def forget_device(self, token: str) -> None:
        self._devices.pop(token, None)

    def own_ideas(self, device: DeviceRow) -> list[IdeaRow]:
        return self.ws.ideas.of_device(device.id)

    def own_build_ons(self, device: DeviceRow) -> list[BuildOnRow]:
        return self.ws.ideas.build_ons_of(device.id)

    def own_insights(self, device: DeviceRow) -> list[InsightRow]:
        """The phone's own insights, oldest first (a hall's evening holds a few dozen)."""
        return [i for i in self.ws.records.insights() if i.device_id == device.id]

    def own_questions(self, device: DeviceRow) -> list[QuestionRow]:
        return self.ws.questions.of_device(device.id)

    def own_question_votes(self, device: DeviceRow) -> set[int]:
        return self.ws.questions.votes_of(device.id)

    def own_ballot(self, phase: PhaseState, device: DeviceRow) -> BallotRow | None:
        return self.ws.ballots.ballot_of(phase, device.id)
