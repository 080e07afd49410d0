"""The projector view: the join QR, the address in text, live counts and revealed results.

It answers only the laptop itself (a loopback client): on the hall's wifi
there is nothing to see or do here.
"""

from __future__ import annotations

from functools import lru_cache

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from facilitator.i18n import Translator
from facilitator.qr import join_url, make_qr
from facilitator.web import phase_parts as parts
from facilitator.web.refusals import Forbidden
from facilitator.web.security import is_loopback
from facilitator.web.server import server
from facilitator.web.templating import render


@lru_cache(maxsize=4)
def qr_svg(url: str, label: str) -> str:
    """The QR code as inline SVG (no image request, sharp on any projector)."""
    return str(make_qr(url).svg_inline(scale=1, omitsize=True, title=label, dark="#000",
                                       light="#fff"))


def _check(request: Request) -> None:
    if not is_loopback(request):
        port = request.url.port or 80
        raise Forbidden("web.error.wall_only_here", url=f"http://127.0.0.1:{port}/wall")


async def wall(request: Request) -> Response:
    _check(request)
    srv = server(request)
    snap = srv.snapshot()
    tr = Translator(snap.lang)
    url = join_url(srv.base_url, snap.code)
    phase = snap.phase
    return render(
        "wall.html", t=tr, workshop=snap.title, url=url, code=snap.code,
        qr=qr_svg(url, tr("web.wall.qr_label", url=url)), version=snap.wall_version,
        phase_title=(tr("web.finished.title") if snap.finished else
                     tr.text(phase.spec.title) if phase else tr("web.waiting.title")),
        prompt=tr.text(phase.spec.prompt) if phase and not snap.finished else "",
        devices=snap.devices, ideas=len(snap.ideas),
        ballots=snap.ballots if phase and phase.spec.accepts_ballots else None,
        results=parts.results_part(snap.result, snap, tr) if snap.result else None)


async def wall_live(request: Request) -> Response:
    _check(request)
    return StreamingResponse(server(request).live.stream("wall"), media_type="text/event-stream",
                             headers={"x-accel-buffering": "no"})
