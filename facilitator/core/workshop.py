"""The workshop's state machine: phases, the current phase, its timer, open and closed input.

`Workshop` is the handle every edge uses. It owns a `Store` and the frozen
template, and hands out the desks that hold the other rules:
`ws.ideas` (core.ideas), `ws.ballots` (core.ballots), `ws.records`
(core.proceedings), `ws.participants` (core.participants), `ws.questions`
(core.questions).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from facilitator.core.clock import Clock, iso, parse_iso, utcnow
from facilitator.core.templates import PhaseSpec, Template, ThemeSpec, template_from_dict
from facilitator.errors import Closed, InvalidInput, NotFound
from facilitator.i18n import normalize_lang
from facilitator.kinds import BALLOT_KINDS, PhaseKind
from facilitator.store import Store
from facilitator.store.records import PhaseRow, ThemeRow, WorkshopRow

JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud, typed by hand
JOIN_CODE_LEN = 6


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LEN))


@dataclass(frozen=True)
class PhaseState:
    """A phase as the facilitator and the phones see it now."""

    row: PhaseRow
    spec: PhaseSpec
    status: str  # done | current | upcoming

    @property
    def key(self) -> str:
        return self.row.key

    @property
    def kind(self) -> PhaseKind:
        return self.spec.kind

    @property
    def minutes(self) -> int:
        return self.row.minutes

    @property
    def is_current(self) -> bool:
        return self.status == "current"

    @property
    def revealed(self) -> bool:
        return self.row.revealed_at is not None


@dataclass(frozen=True)
class Timer:
    """The current phase's countdown; negative `remaining` is overrun."""

    planned_seconds: int
    elapsed_seconds: int

    @property
    def remaining_seconds(self) -> int:
        return self.planned_seconds - self.elapsed_seconds

    @property
    def overrun(self) -> bool:
        return self.remaining_seconds < 0

    @property
    def warning(self) -> bool:
        """Two minutes or less left: time for a gentle signal."""
        return 0 <= self.remaining_seconds <= 120


#: The event that says with which join address the handouts were printed.
PRINTED_EVENT = "handouts_printed"


class Workshop:
    def __init__(self, store: Store, clock: Clock = utcnow) -> None:
        from facilitator.core.ballots import BallotBox
        from facilitator.core.ideas import IdeaDesk
        from facilitator.core.participants import Participants
        from facilitator.core.proceedings import Records
        from facilitator.core.questions import QuestionDesk

        self.store = store
        self.clock = clock
        row = store.workshop()
        self._raw_template = row.template
        self._source = f"{store.path or 'session'} [template]"
        #: The template as the workshop was made from it, before the room's own numbers.
        self.base_template: Template = template_from_dict(row.template, source=self._source)
        self._template = self.base_template
        self._overrides: tuple[tuple[str, str], ...] = ()
        self.ideas = IdeaDesk(self)
        self.ballots = BallotBox(self)
        self.records = Records(self)
        self.participants = Participants(self)
        self.questions = QuestionDesk(self)

    # -- opening and creating -----------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, clock: Clock = utcnow, *, synchronous: str = "FULL"
             ) -> Workshop:
        return cls(Store.open(path, synchronous=synchronous), clock)

    @classmethod
    def create(cls, path: Path | str, template: Template, *, title: str, place: str = "",
               date: str = "", lang: str = "fi", facilitator: str = "",
               themes: Sequence[ThemeSpec] | None = None,
               minutes: dict[str, int] | None = None, clock: Clock = utcnow) -> Workshop:
        """A new session file from a template. Themes and phase minutes may be edited."""
        from facilitator.core.limits import NAME_MAX_CHARS, clean_text

        title = clean_text(title, max_chars=NAME_MAX_CHARS, multiline=False)
        place = clean_text(place, max_chars=NAME_MAX_CHARS, multiline=False) if place else ""
        facilitator = (clean_text(facilitator, max_chars=NAME_MAX_CHARS, multiline=False)
                       if facilitator else "")
        if date:
            try:
                date = dt.date.fromisoformat(date).isoformat()
            except ValueError as exc:
                raise InvalidInput("error.bad_date", value=date) from exc
        chosen = list(template.themes if themes is None else themes)
        keys = [t.key for t in chosen]
        if len(set(keys)) != len(keys):
            raise InvalidInput("error.duplicate_theme")
        minutes = minutes or {}
        for key in minutes:
            if template.phase(key) is None:
                raise NotFound("error.unknown_phase", key=key,
                               known=", ".join(p.key for p in template.phases))
        store = Store.create(path)
        try:
            store.init_workshop(
                title=title, template_key=template.key, template=dict(template.raw),
                place=place, date=date, lang=normalize_lang(lang), join_code=new_join_code(),
                facilitator=facilitator, created_at=iso(clock()),
                phases=[{"key": p.key, "kind": p.kind,
                         "minutes": int(minutes.get(p.key, p.minutes))}
                        for p in template.phases],
                themes=[{"key": t.key, "title": dict(t.title), "question": dict(t.question)}
                        for t in chosen])
            store.log_event("created", {"template": template.key, "title": title},
                            iso(clock()))
        except BaseException:
            store.close()
            Path(path).unlink(missing_ok=True)
            raise
        return cls(store, clock)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workshop:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def now(self) -> str:
        return iso(self.clock())

    def log(self, kind: str, **data: object) -> None:
        """Append a facilitator action to the event log (the minutes are built from it)."""
        self.store.log_event(kind, data, self.now())

    # -- the printed address -------------------------------------------------------------
    def remember_printed_url(self, url: str) -> None:
        """The join address the handouts (poster, table cards) were just printed with.

        Kept in the event log (no schema change): the last one printed is what the
        paper in the hall says.
        """
        with self.store.write():
            self.log(PRINTED_EVENT, url=url)

    def printed_url(self) -> str | None:
        """The join address on the latest printed handouts, if they were printed."""
        events = self.store.events([PRINTED_EVENT])
        url = events[-1].data.get("url") if events else None
        return url if isinstance(url, str) and url else None

    # -- the template, with the room's own numbers --------------------------------------
    @property
    def template(self) -> Template:
        """The template, with the numbers the room chose for a vote (a dots vote's dots)
        in place of the template's: scripts and prompts say the chosen numbers."""
        return self._template_for(self.store.phases())

    def _template_for(self, rows: Sequence[PhaseRow]) -> Template:
        overrides = tuple((r.key, json.dumps(r.vote, sort_keys=True)) for r in rows if r.vote)
        if overrides != self._overrides:
            raw = copy.deepcopy(self._raw_template)
            chosen = {r.key: r.vote for r in rows if r.vote}
            for phase in raw.get("phases", []):
                if isinstance(phase, dict) and phase.get("key") in chosen:
                    phase["vote"] = {**(phase.get("vote") or {}), **chosen[phase["key"]]}
            self._template = template_from_dict(raw, source=self._source)
            self._overrides = overrides
        return self._template

    # -- reading the state ----------------------------------------------------------
    @property
    def info(self) -> WorkshopRow:
        return self.store.workshop()

    @property
    def path(self) -> Path | None:
        return self.store.path

    @property
    def join_code(self) -> str:
        return self.info.join_code

    @property
    def started(self) -> bool:
        return self.info.current_phase is not None or self.info.finished_at is not None

    @property
    def finished(self) -> bool:
        return self.info.finished_at is not None

    def themes(self) -> list[ThemeRow]:
        return self.store.themes()

    def phone_phase(self, device_id: int | None, accepts: Callable[[PhaseSpec], bool],
                    closed_key: str) -> PhaseState:
        """The current phase if a phone may send this kind of thing now, else `Closed`."""
        if device_id is None:
            raise InvalidInput("error.no_device")
        if self.finished:
            raise Closed("error.workshop_finished")
        current = self.current()
        if current is None or not accepts(current.spec):
            raise Closed(closed_key)
        return current

    def theme_by_key(self, key: str) -> ThemeRow:
        for t in self.store.themes():
            if t.key == key:
                return t
        raise NotFound("error.unknown_theme", theme=key,
                       known=", ".join(t.key for t in self.store.themes()) or "-")

    def phases(self) -> list[PhaseState]:
        info = self.info
        rows = self.store.phases()
        template = self._template_for(rows)
        current = info.current_phase
        pos = next((r.position for r in rows if r.key == current), None)
        out = []
        for r in rows:
            if info.finished_at is not None:
                status = "done"
            elif pos is None:
                status = "upcoming"
            else:
                status = ("current" if r.position == pos else
                          "done" if r.position < pos else "upcoming")
            spec = template.phase(r.key)
            if spec is None:  # a file edited by hand; keep going with a bare phase
                kind = PhaseKind(r.kind) if r.kind in tuple(PhaseKind) else PhaseKind.INFO
                spec = PhaseSpec(key=r.key, kind=kind, minutes=r.minutes, title={"fi": r.key})
            out.append(PhaseState(r, spec, status))
        return out

    def phase(self, key: str) -> PhaseState:
        for p in self.phases():
            if p.key == key:
                return p
        raise NotFound("error.unknown_phase", key=key,
                       known=", ".join(p.key for p in self.phases()))

    def current(self) -> PhaseState | None:
        return next((p for p in self.phases() if p.is_current), None)

    def timer(self) -> Timer | None:
        cur = self.current()
        since = self.info.phase_since
        if cur is None or since is None:
            return None
        elapsed = int((self.clock() - parse_iso(since)).total_seconds())
        return Timer(cur.minutes * 60, max(0, elapsed))

    # -- moving between phases --------------------------------------------------------
    def start(self) -> PhaseState:
        return self.goto(self.store.phases()[0].key)

    def next(self) -> PhaseState | None:
        """The next phase, or None when that was the last one (the workshop is finished)."""
        if self.finished:
            raise Closed("error.workshop_finished")
        rows = self.store.phases()
        current = self.info.current_phase
        if current is None:
            return self.start()
        pos = next(i for i, r in enumerate(rows) if r.key == current)
        if pos + 1 < len(rows):
            return self.goto(rows[pos + 1].key)
        self.finish()
        return None

    def prev(self) -> PhaseState:
        rows = self.store.phases()
        info = self.info
        if info.finished_at is not None:
            return self.goto(rows[-1].key)
        if info.current_phase is None:
            raise Closed("error.not_started")
        pos = next(i for i, r in enumerate(rows) if r.key == info.current_phase)
        if pos == 0:
            raise InvalidInput("error.no_previous_phase")
        return self.goto(rows[pos - 1].key)

    def goto(self, key: str) -> PhaseState:
        target = self.phase(key)  # raises NotFound with the known keys
        now = self.now()
        info = self.info
        with self.store.write():
            if info.current_phase and info.current_phase != key:
                self.store.set_phase_times(info.current_phase, ended_at=now)
            if target.row.started_at is None:
                self.store.set_phase_times(key, started_at=now)
            self.store.set_phase_times(key, clear_end=True)
            self.store.update_workshop(current_phase=key, finished_at=None, phase_since=now)
            self.store.log_event("phase", {"from": info.current_phase, "to": key,
                                           "reopened": info.finished_at is not None}, now)
        return self.phase(key)

    def finish(self) -> None:
        now = self.now()
        info = self.info
        with self.store.write():
            if info.current_phase:
                self.store.set_phase_times(info.current_phase, ended_at=now)
            self.store.update_workshop(current_phase=None, finished_at=now, phase_since=None)
            self.store.log_event("finished", {"from": info.current_phase}, now)

    def set_minutes(self, key: str, minutes: int) -> None:
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= 600:
            raise InvalidInput("error.bad_minutes")
        self.phase(key)
        with self.store.write():
            self.store.set_phase_minutes(key, minutes)
            self.log("minutes", phase=key, minutes=minutes)

    # -- results on phones and the wall ---------------------------------------------------
    def reveal(self, key: str | None = None, shown: bool = True) -> PhaseState:
        """Show (or hide again) a vote phase's results on phones and the wall."""
        phase = self.phase(key) if key else self.ballots.result_phase()
        if phase is None:
            raise NotFound("error.no_vote_phase")
        if phase.kind not in BALLOT_KINDS:
            raise InvalidInput("error.not_vote_phase", key=phase.key)
        with self.store.write():
            self.store.set_revealed(phase.key, self.now() if shown else None)
            self.log("reveal" if shown else "unreveal", phase=phase.key)
        return self.phase(phase.key)

    # -- counts of people -------------------------------------------------------------------
    def set_room_count(self, n: int) -> None:
        """How many people are in the room, as the facilitator counted them."""
        if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= 100_000:
            raise InvalidInput("error.bad_count")
        with self.store.write():
            self.store.update_workshop(room_count=n)
            self.log("room_count", count=n)

    def set_paper_count(self, n: int) -> None:
        """How many took part on paper (no phone)."""
        if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= 100_000:
            raise InvalidInput("error.bad_count")
        with self.store.write():
            self.store.update_workshop(paper_count=n)
            self.log("paper_count", count=n)
