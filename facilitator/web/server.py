"""The running server's parts: the reading connection, the single writer and the live hub."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from starlette.requests import Request

from facilitator.core.clock import Clock
from facilitator.core.limits import RateLimiter
from facilitator.i18n import LANGS, Translator
from facilitator.store.records import DeviceRow
from facilitator.web.live import Hub
from facilitator.web.read_model import Reader, Snapshot
from facilitator.web.writer import Writer

JOINS_REMEMBERED = 10_000


@dataclass
class Server:
    path: Path
    base_url: str
    clock: Clock
    synchronous: str = "FULL"
    live_seconds: float = 300.0
    #: How long a post refused again, from a sender that did not wait, is held before its
    #: answer (no CPU: a sleep). A script that posts as fast as it is answered is slowed to
    #: about one post a second per connection; a person never meets it.
    throttle_seconds: float = 1.0
    reader: Reader | None = None
    writer: Writer | None = None
    hub: Hub | None = None
    #: join nonce → device token: a double-tapped "join" makes one device, not two.
    joined: OrderedDict[str, str] = field(default_factory=OrderedDict)
    #: How often each phone may post (core.limits): checked before the writer sees a post.
    limits: RateLimiter = field(init=False)

    def __post_init__(self) -> None:
        self.limits = RateLimiter(lambda: self.clock().timestamp())

    async def start(self) -> None:
        self.reader = Reader(self.path, self.clock)
        self.writer = Writer(self.path, self.clock, synchronous=self.synchronous)
        self.writer.start()
        self.hub = Hub(self.reader.snapshot, max_seconds=self.live_seconds)
        await self.hub.start()

    async def stop(self) -> None:
        if self.hub is not None:
            await self.hub.stop()
        if self.writer is not None:
            self.writer.stop()
        if self.reader is not None:
            self.reader.close()

    # -- shortcuts for the handlers ------------------------------------------------------
    @property
    def read(self) -> Reader:
        assert self.reader is not None, "the server has not started"
        return self.reader

    @property
    def write(self) -> Writer:
        assert self.writer is not None, "the server has not started"
        return self.writer

    @property
    def live(self) -> Hub:
        assert self.hub is not None, "the server has not started"
        return self.hub

    def snapshot(self) -> Snapshot:
        return self.read.snapshot()

    def remember_join(self, nonce: str, token: str) -> None:
        self.joined[nonce] = token
        while len(self.joined) > JOINS_REMEMBERED:
            self.joined.popitem(last=False)


def server(request: Request) -> Server:
    return request.app.state.server  # type: ignore[no-any-return]


def accepted_lang(request: Request) -> str:
    """The first of fi/sv/en in the browser's Accept-Language, else Finnish."""
    ranked = []
    for i, part in enumerate(request.headers.get("accept-language", "").split(",")[:20]):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            continue
        lang = tag.strip().lower().replace("_", "-").split("-")[0]
        if lang in LANGS:
            ranked.append((-weight, i, lang))
    return min(ranked)[2] if ranked else "fi"


def translator_for(request: Request, device: DeviceRow | None = None) -> Translator:
    """`?lang=` (the language links of pages without a phone), the phone's language, the
    browser's, or Finnish."""
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return Translator(asked)
    return Translator(device.lang if device else accepted_lang(request))
