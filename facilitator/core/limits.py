"""Limits on what participants can send, and the one place text input is cleaned."""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from facilitator.core.clock import iso
from facilitator.errors import InvalidInput, TooMany

IDEA_MAX_CHARS = 500
INSIGHT_MAX_CHARS = 500
QUESTION_MAX_CHARS = 500   # as an idea
NOTE_MAX_CHARS = 10_000
NAME_MAX_CHARS = 200
IDEAS_PER_MINUTE = 10       # per device; a person writes far fewer, a script far more
INSIGHTS_PER_MINUTE = 5
QUESTIONS_PER_MINUTE = 5
QUESTION_VOTES_PER_10_SECONDS = 20  # a person taps a few; a script taps hundreds
BALLOTS_PER_10_SECONDS = 6  # a person saves, fixes a mark, saves again: two or three
LANGS_PER_MINUTE = 10       # a person tries the three languages once or twice
JOINS_PER_MINUTE = 60       # per network address: a hall behind one router still fits
MAX_BODY_BYTES = 16 * 1024  # a form with a ballot of hundreds of ideas still fits
IDEMPOTENCY_KEY_MAX = 64

# A tag start (`<b`, `</`, `<!--`, `<?`): "3 < 5" and "<3" are fine, markup is not.
_MARKUP = re.compile(r"<\s*[/!?a-zA-Z]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ufeff]")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: object, *, max_chars: int, allow_markup: bool = True,
               multiline: bool = True, field: str | None = None) -> str:
    """Text as it will be stored, or `InvalidInput` with what to do instead.

    Normalises Unicode (NFC) and line ends, trims, refuses NUL and other
    control characters, empty text, text over `max_chars`, and (for phones)
    anything that looks like HTML markup.
    """
    if not isinstance(text, str):
        raise InvalidInput("error.text_empty", field=field)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text or _CONTROL.search(text):
        raise InvalidInput("error.text_control", field=field)
    if not multiline:
        text = " ".join(text.split())
    text = _BLANK_LINES.sub("\n\n", text).strip()
    if not text:
        raise InvalidInput("error.text_empty", field=field)
    if len(text) > max_chars:
        raise InvalidInput("error.text_too_long", field=field, max=max_chars, length=len(text))
    if not allow_markup and _MARKUP.search(text):
        raise InvalidInput("error.text_markup", field=field)
    return text


def clean_idem_key(key: object) -> str | None:
    """An idempotency key from a form: short printable ASCII, or None."""
    if key is None or key == "":
        return None
    if (not isinstance(key, str) or len(key) > IDEMPOTENCY_KEY_MAX
            or not re.fullmatch(r"[A-Za-z0-9_\-.:]+", key)):
        raise InvalidInput("error.bad_form")
    return key


def parse_money(text: object) -> int:
    """Euros as people type them (`1500`, `1 500,50`, `1500.5 €`) → integer cents."""
    if isinstance(text, int) and not isinstance(text, bool):
        if text < 0:
            raise InvalidInput("error.bad_cost")
        return text * 100
    if not isinstance(text, str):
        raise InvalidInput("error.bad_cost")
    cleaned = re.sub(r"[\s\u00a0\u202f€]|eur(os?)?$", "", text.strip().lower())
    if re.fullmatch(r"\d{1,12}([.,]\d{1,2})?", cleaned) is None:
        raise InvalidInput("error.bad_cost")
    whole, _, frac = cleaned.replace(",", ".").partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def parse_date(text: str) -> str:
    """A date as people type it (`22.11.2026`, `2026-11-22`) → ISO `2026-11-22`; blank → ``.

    Added for the TUI's forms; Finnish users write day.month.year.
    """
    import datetime as dt

    raw = text.strip() if isinstance(text, str) else ""
    if not raw:
        return ""
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", raw)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day).isoformat()
        return dt.date.fromisoformat(raw).isoformat()
    except ValueError as exc:
        raise InvalidInput("error.bad_date", value=raw) from exc


# -- how often a phone may post ------------------------------------------------------------

@dataclass(frozen=True)
class Rate:
    """At most `count` posts in any `seconds`; `key` is the message of a refusal."""

    count: int
    seconds: float
    key: str
    field: str | None = None  # the form field a refusal is shown next to


#: Every post a phone can make, with a limit a person never reaches. The ideas and
#: insights rules are the ones core/ideas.py and core/proceedings.py keep in the file too.
PHONE_RATES: dict[str, Rate] = {
    "idea": Rate(IDEAS_PER_MINUTE, 60, "error.too_many_ideas", field="text"),
    "insight": Rate(INSIGHTS_PER_MINUTE, 60, "error.too_many_ideas", field="text"),
    "question": Rate(QUESTIONS_PER_MINUTE, 60, "error.too_many_ideas", field="text"),
    "upvote": Rate(QUESTION_VOTES_PER_10_SECONDS, 10, "error.too_many_upvotes"),
    "vote": Rate(BALLOTS_PER_10_SECONDS, 10, "error.too_many_ballots"),
    "lang": Rate(LANGS_PER_MINUTE, 60, "error.too_many_langs"),
    "join": Rate(JOINS_PER_MINUTE, 60, "error.too_many_joins"),
}


class TooFast(TooMany):
    """A post over its per-device limit. `repeated`: the sender was refused already and has
    not waited since; that is a script, so the edge answers it as cheaply as it can."""

    def __init__(self, key: str, /, *, seconds: int, repeated: bool,
                 field: str | None = None) -> None:
        super().__init__(key, field=field, seconds=seconds)
        self.repeated = repeated


class RateLimiter:
    """A sliding window per (kind of post, sender) in memory: a refusal costs no write.

    `admit(kind, who)` counts the post or raises `TooFast` (status 429) whose message
    says how many seconds to wait. Refused posts are not counted, so a person who waits
    gets in however long a script kept trying. `clock` gives seconds (any origin).
    The number of senders kept is bounded: the oldest are forgotten first.
    """

    def __init__(self, clock: Callable[[], float], rates: dict[str, Rate] | None = None,
                 max_senders: int = 50_000) -> None:
        self.clock = clock
        self.rates = PHONE_RATES if rates is None else rates
        self.max_senders = max_senders
        self._seen: OrderedDict[tuple[str, Hashable], deque[float]] = OrderedDict()
        self._blocked: dict[tuple[str, Hashable], float] = {}  # refused until then
        self.refused = 0

    def refuse_early(self, kind: str, who: Hashable) -> None:
        """Raise `TooFast` (repeated) for a sender refused before who has not waited since.

        The edge asks this before it reads a post's body: a script that keeps posting is
        answered without parsing its form or checking its token. Counts nothing.
        """
        key = (kind, who)
        until = self._blocked.get(key)
        if until is None:
            return
        now = self.clock()
        if until > now:
            self.refused += 1
            rate = self.rates[kind]
            raise TooFast(rate.key, seconds=max(1, math.ceil(until - now)), repeated=True,
                          field=rate.field)

    def admit(self, kind: str, who: Hashable) -> None:
        rate = self.rates[kind]
        now = self.clock()
        key = (kind, who)
        times = self._seen.get(key)
        if times is None:
            times = self._seen[key] = deque()
            while len(self._seen) > self.max_senders:
                self._seen.popitem(last=False)
        else:
            self._seen.move_to_end(key)
        while times and times[0] <= now - rate.seconds:
            times.popleft()
        if len(times) >= rate.count:
            self.refused += 1
            free = times[0] + rate.seconds
            repeated = self._blocked.get(key, -math.inf) > now
            if len(self._blocked) >= self.max_senders:
                self._blocked.clear()
            self._blocked[key] = free
            raise TooFast(rate.key, seconds=max(1, math.ceil(free - now)), repeated=repeated,
                          field=rate.field)
        self._blocked.pop(key, None)
        times.append(now)


def at_most_per_minute(clock: Callable[[], _dt.datetime], sent_since: Callable[[str], int],
                       limit: int) -> None:
    """The rule core keeps in the file for what one phone stores (ideas, notes, insights,
    questions): `sent_since(moment)` of them in the last minute must stay under `limit`.
    The edge's RateLimiter refuses a flood sooner; this holds whichever door it came by."""
    if sent_since(iso(clock() - _dt.timedelta(minutes=1))) >= limit:
        raise TooMany("error.too_many_ideas", field="text")
