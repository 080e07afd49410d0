"""One online idea collection's rules, with no web: when it is open, its themes, an idea.

The public server, the import and the tests all ask here, so a rule lives once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from facilitator.core.clock import Clock
from facilitator.core.limits import IDEA_MAX_CHARS, Rate, clean_text
from facilitator.errors import Closed, InvalidInput, NotFound, TooMany
from facilitator.store.collection import CollectionMeta, CollectionStore, CollectionTheme

#: The collection's dates are the municipality's calendar days.
ZONE = ZoneInfo("Europe/Helsinki")
OPEN, NOT_YET, CLOSED = "open", "not_yet", "closed"

#: Per client address (kept in memory only, never written). Generous on purpose: a school
#: class or a library behind one address, or a mobile operator's shared address, must fit;
#: a script does not.
IDEAS_PER_HOUR = 60
REQUESTS_PER_2_SECONDS = 40
#: Per browser (its cookie): what a person at one phone writes in a minute, with room.
IDEAS_PER_MINUTE_PER_BROWSER = 10
#: In total, per calendar day: a town's three weeks are a few hundred to a few thousand.
IDEAS_PER_DAY = 2000

_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


@dataclass(frozen=True)
class Limits:
    """How much one address, one browser and the whole day may send."""

    ideas_per_hour: int = IDEAS_PER_HOUR
    requests_per_2_seconds: int = REQUESTS_PER_2_SECONDS
    ideas_per_minute_per_browser: int = IDEAS_PER_MINUTE_PER_BROWSER
    ideas_per_day: int = IDEAS_PER_DAY

    def rates(self) -> dict[str, Rate]:
        return {
            "idea": Rate(self.ideas_per_hour, 3600, "error.collect_too_many_ideas",
                         field="text"),
            "request": Rate(self.requests_per_2_seconds, 2, "error.collect_too_fast"),
            "browser": Rate(self.ideas_per_minute_per_browser, 60, "error.too_many_ideas",
                            field="text"),
        }


def local_day(clock: Clock) -> dt.date:
    return clock().astimezone(ZONE).date()


def hour_stamp(clock: Clock) -> str:
    """When an idea came, as coarse as is useful: the date and hour (UTC)."""
    return clock().astimezone(dt.UTC).strftime("%Y-%m-%dT%H")


def valid_token(token: str | None) -> bool:
    return token is not None and _TOKEN.fullmatch(token) is not None


def device_hash(uid: str, token: str) -> str:
    """The browser's random cookie as the file keeps it: hashed, never the cookie itself."""
    return hashlib.sha256(f"facilitator collect v1\0{uid}\0{token}".encode()).hexdigest()[:32]


class Collection:
    """A collection file's facts and rules; the store does the SQL."""

    def __init__(self, meta: CollectionMeta, clock: Clock) -> None:
        self.meta = meta
        self.clock = clock
        self._themes = {t.key: t for t in meta.themes}

    @classmethod
    def of(cls, store: CollectionStore, clock: Clock) -> Collection:
        return cls(store.meta(), clock)

    @property
    def themes(self) -> tuple[CollectionTheme, ...]:
        return self.meta.themes

    def theme(self, key: str) -> CollectionTheme:
        theme = self._themes.get(key)
        if theme is None:
            raise NotFound("error.collect_unknown_theme", theme=key[:60],
                           known=", ".join(self._themes) or "-")
        return theme

    def status(self) -> str:
        today = local_day(self.clock).isoformat()
        if today < self.meta.opens:
            return NOT_YET
        if today > self.meta.until:
            return CLOSED
        return OPEN

    def check_open(self) -> None:
        status = self.status()
        if status == NOT_YET:
            raise Closed("error.collect_not_yet", opens=self.meta.opens)
        if status == CLOSED:
            raise Closed("error.collect_closed", until=self.meta.until)

    def clean_idea(self, theme: str, text: object) -> tuple[str, str]:
        """(theme key, text as stored) or the refusal: the one check of an online idea."""
        self.check_open()
        key = self.theme(theme).key
        return key, clean_text(text, max_chars=IDEA_MAX_CHARS, allow_markup=False, field="text")


def add_idea_job(*, theme: str, text: str, device: str, idem: str | None, per_day: int,
                 clock: Clock) -> Callable[[CollectionStore], int]:
    """What the writer runs for one idea: a replayed key answers once; the day's cap holds."""

    def run(cs: CollectionStore) -> int:
        if idem is not None:
            earlier = cs.idea_by_key(device, idem)
            if earlier is not None:
                return earlier.id
        day = local_day(clock).isoformat()
        if cs.day_count(day) >= per_day:
            raise TooMany("error.collect_day_full", field="text")
        return cs.add_idea(theme=theme, text=text, created_at=hour_stamp(clock),
                           device=device, idem=idem, day=day)

    return run


def parse_until(value: str, today: dt.date) -> str:
    """The last day of the collection: a real date, not in the past."""
    raw = value.strip()
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", raw)
    try:
        if match:
            d, m, y = (int(g) for g in match.groups())
            day = dt.date(y, m, d)
        else:
            day = dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise InvalidInput("error.bad_date", value=raw) from exc
    if day < today:
        raise InvalidInput("error.collect_until_past", until=day.isoformat(),
                           today=today.isoformat())
    return day.isoformat()
