"""Time as the session file records it: aware UTC, ISO 8601 with milliseconds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Clock = Callable[[], dt.datetime]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds")


def parse_iso(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)
