"""The participant server's Starlette app: routes, error pages, headers, start and stop.

`create_app(session_path, base_url=...)` is what `facilitator serve`, the
tests and the rehearsal build. There is no facilitator action among the
routes: phones can join, choose a language, send ideas, insights and ballots,
and read; the phase, moderation and reveals are the TUI's, through the file.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from html import escape
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from facilitator.core.clock import Clock, utcnow
from facilitator.core.workshop import Workshop
from facilitator.errors import FacilitatorError
from facilitator.i18n import Translator
from facilitator.web import participant, wall
from facilitator.web.forms import DEVICE_COOKIE
from facilitator.web.refusals import Gone, Throttled
from facilitator.web.security import SECURITY_HEADERS, SecurityHeaders
from facilitator.web.server import Server, server, translator_for
from facilitator.web.templating import render, static_response

log = logging.getLogger("facilitator.web")


async def healthz(request: Request) -> Response:
    """For the TUI that runs this server: alive, which workshop, which phase."""
    srv = server(request)
    snap = srv.snapshot()
    alive = srv.write.alive
    return JSONResponse({"status": "ok" if alive else "writer-stopped", "join_code": snap.code,
                         "phase": snap.phase.key if snap.phase else None},
                        status_code=200 if alive else 503)


async def hello(request: Request) -> Response:
    """The smallest answer this server gives: the benchmark's baseline, and a reachability check."""
    return PlainTextResponse("hello")


async def static(request: Request) -> Response:
    response = static_response(request.path_params["name"], request.query_params.get("v"))
    if response is None:
        raise HTTPException(404)
    return response


# -- error pages: friendly, in the phone's language, never a trace --------------------------

def _error_page(request: Request, message: Callable[[Translator], str], status: int,
                headers: dict[str, str] | None = None) -> Response:
    device = None
    srv = getattr(request.app.state, "server", None)
    code = request.path_params.get("code")
    try:
        if srv is not None and srv.reader is not None:
            device = srv.read.device(request.cookies.get(DEVICE_COOKIE))
            if code is not None and code.upper() != srv.snapshot().code.upper():
                code = None  # never link to a wrong code, and never reveal the right one
    except Exception:  # an error page must not fail on a busy file
        device, code = None, None
    tr = translator_for(request, device)
    return render("error_page.html", status=status, headers=headers, t=tr, message=message(tr),
                  back=f"/j/{code}" if code else "/")


async def facilitator_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, FacilitatorError)
    headers = {"retry-after": "2"} if exc.status == 503 else None
    if exc.status == 429 and isinstance(exc.params.get("seconds"), int):
        headers = {"retry-after": str(exc.params["seconds"])}
    return _error_page(request, exc.message, exc.status, headers)


async def throttled(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Throttled)
    tr = Translator(exc.lang)
    back = f"/j/{exc.code}" if exc.code.isalnum() else "/"
    page = (f'<!doctype html><html lang="{tr.lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{escape(tr('web.error.title'))}</title></head><body><main>"
            f'<p role="alert">{escape(exc.message(tr))}</p>'
            f'<p><a href="{back}">{escape(tr("web.error.back"))}</a></p></main></body></html>')
    return HTMLResponse(page, status_code=429,
                        headers={"retry-after": str(exc.params.get("seconds", 1))})


async def gone(request: Request, exc: Exception) -> Response:
    # Nobody reads this answer (the phone has left); uvicorn drops it quietly.
    return Response(status_code=400)


async def http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    key = {404: "web.error.not_found", 405: "web.error.method"}.get(status, "web.error.unexpected")
    return _error_page(request, lambda tr: tr(key), status)


async def unexpected_error(request: Request, exc: Exception) -> Response:
    # Outside the other middleware: the security headers are added here by hand.
    response = _error_page(request, lambda tr: tr("web.error.unexpected"), 500)
    for name, value in SECURITY_HEADERS:
        response.headers[name.decode()] = value.decode()
    return response


# -- the app ---------------------------------------------------------------------------------

ROUTES = [
    Route("/", participant.home),
    Route("/j", participant.code_form),
    Route("/j/{code}", participant.page),
    Route("/j/{code}/join", participant.join, methods=["POST"]),
    Route("/j/{code}/lang", participant.set_lang, methods=["POST"]),
    Route("/j/{code}/idea", participant.idea, methods=["POST"]),
    Route("/j/{code}/insight", participant.insight, methods=["POST"]),
    Route("/j/{code}/vote", participant.vote, methods=["POST"]),
    Route("/j/{code}/question", participant.question, methods=["POST"]),
    Route("/j/{code}/upvote", participant.upvote, methods=["POST"]),
    Route("/j/{code}/live", participant.live),
    Route("/j/{code}/{action:str}", participant.back_to_page),
    Route("/wall", wall.wall),
    Route("/wall/live", wall.wall_live),
    Route("/healthz", healthz),
    Route("/hello", hello),
    Route("/static/{name:str}", static),
]


def create_app(session_path: Path, *, base_url: str, clock: Clock = utcnow,
               synchronous: str = "FULL", live_seconds: float = 300.0) -> Starlette:
    """The participant server for one session file.

    `base_url` is what phones use (the join URL and QR are built on it).
    `live_seconds` bounds one live-update stream (the browser reconnects).
    """
    session_path = Path(session_path)
    Workshop.open(session_path, clock).close()  # a missing or broken file fails here, clearly
    srv = Server(session_path, base_url.rstrip("/"), clock, synchronous=synchronous,
                 live_seconds=live_seconds)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await srv.start()
        try:
            yield
        finally:
            await srv.stop()

    app = Starlette(
        routes=ROUTES,
        middleware=[Middleware(SecurityHeaders), Middleware(GZipMiddleware, minimum_size=500)],
        exception_handlers={Gone: gone, Throttled: throttled, FacilitatorError: facilitator_error,
                            HTTPException: http_error,
                            Exception: unexpected_error},
        lifespan=lifespan,
    )
    app.state.server = srv
    return app
