"""The public collection server: a start page, the themes, an idea form per theme. Nothing else.

`create_collect_app(path, ...)` is what `facilitator collect serve` and the tests build.
It faces strangers on the internet, so it is stricter than the hall server: no
facilitator route, no wall, nobody's text but one's own; limits per client address (in
memory only), per browser and per day; behind a TLS proxy it believes X-Forwarded-For
and X-Forwarded-Proto only from the proxy addresses it is given; it stores no address
and no user agent, and its access log shows neither.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from facilitator.collect.collection import (
    CLOSED,
    OPEN,
    Collection,
    Limits,
    add_idea_job,
    device_hash,
    valid_token,
)
from facilitator.collect.writer import CollectionWriter
from facilitator.core.clock import Clock, utcnow
from facilitator.core.limits import IDEA_MAX_CHARS, RateLimiter, TooFast, clean_idem_key
from facilitator.errors import FacilitatorError
from facilitator.i18n import LANGS, Translator
from facilitator.store.collection import CollectionStore
from facilitator.web.forms import check_csrf, csrf_token, new_idem_key, read_form
from facilitator.web.refusals import Forbidden, Gone
from facilitator.web.security import SECURITY_HEADERS, SecurityHeaders
from facilitator.web.server import accepted_lang
from facilitator.web.templating import PAGES_DIR as HALL_PAGES
from facilitator.web.templating import static_response, static_url

PAGES = Path(__file__).resolve().parent / "pages"
LANG_COOKIE = "clang"
COOKIE_DAYS = 90
HSTS = b"max-age=31536000"
#: The honeypot: a field people never see (hidden), that form-filling scripts fill.
HONEYPOT = "website"
#: The longest client address kept as a limiter key (a proxy passes what it was sent).
ADDRESS_MAX = 64
log = logging.getLogger("facilitator.collect")
access_log = logging.getLogger("facilitator.collect.access")


@dataclass
class CollectServer:
    path: Path
    clock: Clock
    public_url: str
    limits_config: Limits = field(default_factory=Limits)
    reader: CollectionStore | None = None
    writer: CollectionWriter | None = None
    collection: Collection = field(init=False)
    limits: RateLimiter = field(init=False)

    def __post_init__(self) -> None:
        with CollectionStore.open(self.path) as cs:  # a missing or wrong file fails here
            self.collection = Collection.of(cs, self.clock)
        self.limits = RateLimiter(lambda: self.clock().timestamp(), self.limits_config.rates())

    @property
    def secure(self) -> bool:
        return self.public_url.startswith("https://")

    @property
    def device_cookie(self) -> str:
        # __Host-: the browser refuses it unless Secure, Path=/ and no Domain.
        return "__Host-fcol" if self.secure else "fcol"

    def start(self) -> None:
        self.reader = CollectionStore.open(self.path)
        self.writer = CollectionWriter(self.path)
        self.writer.start()

    def stop(self) -> None:
        if self.writer is not None:
            self.writer.stop()
        if self.reader is not None:
            self.reader.close()

    @property
    def read(self) -> CollectionStore:
        assert self.reader is not None, "the server has not started"
        return self.reader

    @property
    def write(self) -> CollectionWriter:
        assert self.writer is not None, "the server has not started"
        return self.writer


def server(request: Request) -> CollectServer:
    return request.app.state.collect  # type: ignore[no-any-return]


def client_address(scope: Scope) -> str:
    """Where a request came from: the socket's peer, or (from a trusted proxy) the
    right-most untrusted X-Forwarded-For address. Only a limiter key, never stored."""
    client = scope.get("client")
    return str(client[0])[:ADDRESS_MAX] if client else "-"


# -- pages -------------------------------------------------------------------------------

@cache
def environment() -> Environment:
    # The hall's pages folder second: its language links are reused as they are.
    env = Environment(loader=FileSystemLoader([PAGES, HALL_PAGES]),
                      autoescape=select_autoescape(default=True), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["static"] = static_url
    return env


def translator(request: Request) -> Translator:
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return Translator(asked)
    kept = request.cookies.get(LANG_COOKIE)
    if kept in LANGS:
        return Translator(kept)
    return Translator(accepted_lang(request))


def set_cookie(srv: CollectServer, response: Response, name: str, value: str) -> None:
    response.set_cookie(name, value, max_age=COOKIE_DAYS * 86400, path="/", httponly=True,
                        secure=srv.secure, samesite="lax")


def page(request: Request, template: str, *, status: int = 200,
         headers: dict[str, str] | None = None, new_token: str | None = None,
         **context: Any) -> HTMLResponse:
    srv = server(request)
    tr = context.pop("t", None) or translator(request)
    meta = srv.collection.meta
    html = environment().get_template(template).render(
        t=tr, meta=meta, status=srv.collection.status(), title_of=lambda th: tr.text(th.title),
        until=tr.date(meta.until), opens=tr.date(meta.opens), **context)
    response = HTMLResponse(html, status_code=status, headers=headers)
    if new_token is not None:
        set_cookie(srv, response, srv.device_cookie, new_token)
    if request.query_params.get("lang") in LANGS:
        set_cookie(srv, response, LANG_COOKIE, tr.lang)
    return response


def _device(request: Request) -> tuple[str | None, str | None]:
    """(this browser's cookie, its hash) or (None, None) for a first visit."""
    srv = server(request)
    token = request.cookies.get(srv.device_cookie)
    if not valid_token(token):
        return None, None
    assert token is not None
    return token, device_hash(srv.collection.meta.uid, token)


def _my_ideas(srv: CollectServer, device: str | None) -> list[Any]:
    return srv.read.ideas_of(device) if device else []


async def start_page(request: Request) -> Response:
    srv = server(request)
    _, device = _device(request)
    counts = srv.read.counts()
    return page(request, "start.html", counts=counts, total=sum(counts.values()),
                mine=len(_my_ideas(srv, device)))


def _theme_page(request: Request, key: str, *, status: int = 200, error: str | None = None,
                text: str = "", tr: Translator | None = None,
                headers: dict[str, str] | None = None) -> Response:
    srv = server(request)
    theme = srv.collection.theme(key)
    token, device = _device(request)
    new_token = None
    if token is None:
        token = new_token = secrets.token_urlsafe(24)
        device = device_hash(srv.collection.meta.uid, token)
    mine = [i for i in _my_ideas(srv, device) if i.theme == theme.key]
    saved = request.query_params.get("ok") == "1" and error is None
    return page(request, "theme.html", status=status, headers=headers, new_token=new_token,
                t=tr or translator(request), theme=theme, mine=mine, error=error, text=text,
                saved=saved, count=srv.read.counts().get(theme.key, 0), csrf=csrf_token(token),
                idem=new_idem_key(), max_chars=IDEA_MAX_CHARS, honeypot=HONEYPOT)


async def theme_page(request: Request) -> Response:
    return _theme_page(request, request.path_params["key"])


async def send_idea(request: Request) -> Response:
    srv = server(request)
    key = request.path_params["key"]
    srv.collection.theme(key)  # an unknown theme is a 404 before anything is read
    form = await read_form(request)
    token, device = _device(request)
    if token is None or device is None:
        raise Forbidden("error.collect_no_cookie")
    check_csrf(request, token, form)
    srv.collection.check_open()
    tr = translator(request)
    typed = form.get("text", "")
    if form.get(HONEYPOT):
        # A form-filling script: answered as if saved, so it learns nothing; nothing stored.
        log.info("honeypot filled; nothing stored")
        return _redirect(f"/t/{key}?ok=1")
    try:
        srv.limits.admit("idea", client_address(request.scope))
        srv.limits.admit("browser", device)
        theme, text = srv.collection.clean_idea(key, typed)
        idem = clean_idem_key(form.get("k"))
        await srv.write.submit(add_idea_job(theme=theme, text=text, device=device, idem=idem,
                                            per_day=srv.limits_config.ideas_per_day,
                                            clock=srv.clock))
    except TooFast as exc:
        # Always the friendly page: a person may share an address with a script (a
        # library, a mobile operator). Floods are answered cheaply by RequestLimit.
        return _theme_page(request, key, status=429, error=exc.message(tr), text=typed[:2000],
                           tr=tr, headers={"retry-after": str(exc.params["seconds"])})
    except FacilitatorError as exc:
        if exc.field != "text":
            raise
        # Said next to the text box, with what the person typed still in it.
        headers = {"retry-after": "3600"} if exc.status == 429 else None
        return _theme_page(request, key, status=exc.status, error=exc.message(tr),
                           text=typed[:2000], tr=tr, headers=headers)
    return _redirect(f"/t/{key}?ok=1")


def _redirect(url: str) -> Response:
    return Response(status_code=303, headers={"location": url})


def _cheap_429(exc: TooFast) -> Response:
    return PlainTextResponse("429", status_code=429,
                             headers={"retry-after": str(exc.params["seconds"])})


async def my_ideas(request: Request) -> Response:
    srv = server(request)
    _, device = _device(request)
    mine = _my_ideas(srv, device)
    by_theme = [(t, [i for i in mine if i.theme == t.key]) for t in srv.collection.themes]
    return page(request, "mine.html", by_theme=[(t, ideas) for t, ideas in by_theme if ideas],
                total=len(mine))


async def privacy(request: Request) -> Response:
    return page(request, "privacy.html")


async def healthz(request: Request) -> Response:
    """For the server's operator and the proxy: alive and open; nothing about the ideas."""
    srv = server(request)
    alive = srv.write.alive
    return JSONResponse({"status": "ok" if alive else "writer-stopped",
                         "open": srv.collection.status() == OPEN},
                        status_code=200 if alive else 503)


async def static(request: Request) -> Response:
    response = static_response(request.path_params["name"], request.query_params.get("v"))
    if response is None:
        raise HTTPException(404)
    return response


# -- refusals: friendly, in the reader's language, never a trace -------------------------

async def facilitator_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, FacilitatorError)
    headers = {"retry-after": "2"} if exc.status == 503 else None
    if exc.status == 429 and isinstance(exc.params.get("seconds"), int):
        headers = {"retry-after": str(exc.params["seconds"])}
    tr = translator(request)
    return message_page(request, tr, exc.message(tr), exc.status, headers)


def message_page(request: Request, tr: Translator, message: str, status: int,
                 headers: dict[str, str] | None = None) -> Response:
    try:
        return page(request, "message.html", status=status, headers=headers, t=tr,
                    message=message)
    except Exception:  # an error page must not fail
        return PlainTextResponse(message, status_code=status, headers=headers)


async def gone(request: Request, exc: Exception) -> Response:
    return Response(status_code=400)


async def http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    key = {404: "web.error.not_found", 405: "web.error.method"}.get(
        status, "collect.error.unexpected")
    tr = translator(request)
    return message_page(request, tr, tr(key), status)


async def unexpected_error(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.scope.get("path", "-")[:100])
    tr = translator(request)
    response = message_page(request, tr, tr("collect.error.unexpected"), 500)
    for name, value in SECURITY_HEADERS:
        response.headers[name.decode()] = value.decode()
    return response


# -- middleware --------------------------------------------------------------------------

class AccessLog:
    """One line per request: method, the route's template, status. No address, no agent,
    no query string."""

    def __init__(self, app: ASGIApp, routes: Sequence[Route]) -> None:
        self.app = app
        # "/t/{key:str}" is logged as "/t/{key}"
        self.templates: dict[Any, str] = {r.endpoint: re.sub(r":\w+}", "}", r.path)
                                          for r in routes}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = [0]

        async def send_and_see(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_and_see)
        finally:
            path = self.templates.get(scope.get("endpoint"), "-")
            access_log.info("%s %s %d", str(scope.get("method", "-"))[:10], path, status[0])


class RequestLimit:
    """Requests per client address, before any work: a flood costs a deque append."""

    def __init__(self, app: ASGIApp, limits: RateLimiter) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            self.limits.admit("request", client_address(scope))
        except TooFast as exc:
            request = Request(scope, receive)
            if exc.repeated:
                response = _cheap_429(exc)
            else:
                tr = translator(request)
                response = PlainTextResponse(
                    exc.message(tr), status_code=429,
                    headers={"retry-after": str(exc.params["seconds"])})
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


# -- the app -----------------------------------------------------------------------------

ROUTES = [
    Route("/", start_page),
    Route("/t/{key:str}", theme_page),
    Route("/t/{key:str}", send_idea, methods=["POST"]),
    Route("/mine", my_ideas),
    Route("/privacy", privacy),
    Route("/healthz", healthz),
    Route("/static/{name:str}", static),
]


def create_collect_app(path: Path, *, public_url: str | None = None, clock: Clock = utcnow,
                       trusted_proxies: Sequence[str] = (), limits: Limits | None = None
                       ) -> Starlette:
    """The public server for one collection file.

    `public_url` (default: the file's) decides the Secure cookie flag and HSTS.
    `trusted_proxies`: the addresses whose X-Forwarded-For / -Proto are believed; empty
    means none are (the server is reached directly).
    """
    path = Path(path)
    srv = CollectServer(path, clock, "", limits or Limits())
    srv.public_url = (public_url if public_url is not None
                      else srv.collection.meta.public_url).rstrip("/")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        srv.start()
        try:
            yield
        finally:
            srv.stop()

    middleware = [Middleware(AccessLog, routes=ROUTES)]
    if trusted_proxies:
        middleware.append(Middleware(ProxyHeadersMiddleware,
                                     trusted_hosts=list(trusted_proxies)))
    # HSTS only when the public address is https (a browser would pin plain http otherwise).
    middleware.append(Middleware(SecurityHeaders,
                                 extra=[(b"strict-transport-security", HSTS)] if srv.secure
                                 else []))
    middleware += [Middleware(RequestLimit, limits=srv.limits),
                   Middleware(GZipMiddleware, minimum_size=500)]
    app = Starlette(routes=ROUTES, middleware=middleware, lifespan=lifespan,
                    exception_handlers={Gone: gone, FacilitatorError: facilitator_error,
                                        HTTPException: http_error, Exception: unexpected_error})
    app.state.collect = srv
    return app


__all__ = ["CLOSED", "OPEN", "CollectServer", "create_collect_app"]
