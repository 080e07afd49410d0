"""The phone's way: join with the code, choose a language, then whatever the phase asks for.

Every write is a plain form post answered with a redirect (POST-redirect-GET)
once the single writer has committed it; a refusal from core/ draws the same
page again with the message next to the field, in the phone's language.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response, StreamingResponse

from facilitator.core.limits import IDEA_MAX_CHARS, INSIGHT_MAX_CHARS, TooFast
from facilitator.core.receipts import Submitted
from facilitator.core.workshop import Workshop
from facilitator.errors import FacilitatorError, InvalidInput, TooMany
from facilitator.i18n import LANG_NAMES, LANGS, Translator
from facilitator.kinds import Source
from facilitator.store.records import DeviceRow
from facilitator.web import phase_parts as parts
from facilitator.web.forms import (
    COOKIE_MAX_AGE,
    DEVICE_COOKIE,
    JOIN_COOKIE,
    Form,
    check_csrf,
    csrf_token,
    new_idem_key,
    new_join_nonce,
    read_form,
)
from facilitator.web.read_model import Snapshot
from facilitator.web.refusals import Forbidden, Throttled, WrongCode
from facilitator.web.server import Server, server, translator_for
from facilitator.web.templating import render

NOTICES = {"idea": "web.ideas.saved", "vote": "web.vote.saved", "insight": "web.insight.saved",
           "build_on": "web.ideas.build_on_saved", "question": "web.questions.saved"}
#: Refusals that belong next to one field of the form.
_CODE = re.compile(r"[A-Za-z0-9]{1,32}")


def code_ok(code: str, snap: Snapshot) -> bool:
    return code.upper() == snap.code.upper()


def join_path(snap: Snapshot) -> str:
    return f"/j/{snap.code}"


def set_cookie(response: Response, name: str, value: str) -> None:
    response.set_cookie(name, value, max_age=COOKIE_MAX_AGE, path="/", httponly=True,
                        samesite="strict")


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def lang_choices(tr: Translator) -> list[tuple[str, str, bool]]:
    return [(lang, LANG_NAMES[lang], lang == tr.lang) for lang in LANGS]


# -- the way in ---------------------------------------------------------------------------

async def home(request: Request) -> Response:
    tr = translator_for(request)
    return render("home.html", t=tr, error=None, code="")


async def code_form(request: Request) -> Response:
    """The form on the home page: a typed code goes to its join page; a mistyped one stays
    in the field, with the reason beside it, to be corrected rather than typed again."""
    typed = request.query_params.get("code", "")[:64]
    code = re.sub(r"[\s-]", "", typed).upper()
    tr = translator_for(request)
    if not _CODE.fullmatch(code):
        return render("home.html", status=400, t=tr, error=tr("web.home.bad_code"), code=typed)
    if not code_ok(code, server(request).snapshot()):
        return render("home.html", status=404, t=tr, error=tr("web.error.bad_code"), code=typed)
    return redirect(f"/j/{code}")


async def page(request: Request) -> Response:
    srv = server(request)
    snap = srv.snapshot()
    token = request.cookies.get(DEVICE_COOKIE)
    device = srv.read.device(token)
    if not code_ok(request.path_params["code"], snap):
        raise WrongCode("web.error.bad_code")
    if device is None or token is None:
        return join_page(request, snap)
    tr = translator_for(request, device)
    saved = request.query_params.get("ok", "")
    notice = NOTICES.get(saved)
    return phase_page(srv, snap, device, token, tr, notice=tr(notice) if notice else None,
                      chosen=request.query_params.get("t"), saved=saved)


def join_page(request: Request, snap: Snapshot, status: int = 200,
              error: FacilitatorError | None = None, chosen: str | None = None) -> Response:
    """The language choice; after a refused join, the reason in the language chosen."""
    nonce = request.cookies.get(JOIN_COOKIE) or new_join_nonce()
    tr = translator_for(request)
    langs = [(lang, LANG_NAMES[lang], Translator(lang)) for lang in LANGS]
    said = Translator(chosen) if chosen else tr
    response = render("join.html", status=status, t=tr, langs=langs, title=snap.title,
                      action=f"{join_path(snap)}/join", csrf=csrf_token(nonce),
                      error=error.message(said) if error else None, error_lang=said.lang)
    set_cookie(response, JOIN_COOKIE, nonce)
    return response


async def join(request: Request) -> Response:
    srv = server(request)
    form = await read_form(request)
    nonce = request.cookies.get(JOIN_COOKIE)
    check_csrf(request, nonce, form)
    snap = srv.snapshot()
    if not code_ok(request.path_params["code"], snap):
        raise WrongCode("web.error.bad_code")
    lang = form.get("lang", "")
    if lang not in LANGS:
        raise InvalidInput("error.bad_form")
    assert nonce is not None
    token = srv.joined.get(nonce)
    if token is None or srv.read.device(token) is None:
        # No device yet to count by: the network address is the sender.
        try:
            srv.limits.admit("join", request.client.host if request.client else "")
        except TooMany as exc:
            response = join_page(request, snap, exc.status, exc, lang)
            response.headers["retry-after"] = str(exc.params["seconds"])
            return response
        joined, _ = await srv.write.submit(lambda ws: ws.participants.join(lang))
        srv.remember_join(nonce, joined)
        token = joined
    response = redirect(join_path(snap))
    set_cookie(response, DEVICE_COOKIE, token)
    response.delete_cookie(JOIN_COOKIE, path="/")
    return response


# -- the phone's forms ----------------------------------------------------------------------

async def _device_post(request: Request, kind: str | None = None
                       ) -> tuple[Server, str, DeviceRow, Translator, Form]:
    """Everything a phone's post must pass before its content is looked at.

    A phone already refused for posting too fast, and still not waiting, is answered
    before its body is read (`kind`: which limit the post counts against).
    """
    srv = server(request)
    token = request.cookies.get(DEVICE_COOKIE)
    device = srv.read.device(token)
    if kind is not None and device is not None:
        try:
            srv.limits.refuse_early(kind, device.id)
        except TooFast as exc:  # answered as cheaply as a page can be: no form, no template
            await asyncio.sleep(srv.throttle_seconds)  # and not at once: a script waits too
            raise Throttled(exc, device.lang, request.path_params["code"]) from None
    form = await read_form(request)
    code = srv.read.code()
    if request.path_params["code"].upper() != code.upper():
        raise WrongCode("web.error.bad_code")
    if device is None:
        raise Forbidden("error.no_device")
    check_csrf(request, token, form)
    return srv, code, device, translator_for(request, device), form


async def set_lang(request: Request) -> Response:
    srv, code, device, _, form = await _device_post(request, "lang")
    lang = form.get("lang", "")
    if lang not in LANGS:
        raise InvalidInput("error.bad_form")
    if lang != device.lang:
        srv.limits.admit("lang", device.id)
        await srv.write.submit(lambda ws: ws.participants.set_lang(device, lang))
        srv.read.forget_device(request.cookies[DEVICE_COOKIE])
    return redirect(f"/j/{code}")


async def _submit(request: Request, job: Callable[[Workshop, DeviceRow, Form], Any], ok: str,
                  *, after: Callable[[Form], str] = lambda form: "") -> Response:
    srv, code, device, tr, form = await _device_post(request, ok)
    try:
        srv.limits.admit(ok, device.id)  # a flood is refused here, before the writer
        done = await srv.write.submit(lambda ws: job(ws, device, form))
    except FacilitatorError as exc:
        if exc.status >= 500 or (isinstance(exc, TooFast) and exc.repeated):
            raise  # a script that keeps posting gets the short error page, not this one
        field = exc.field
        # A theme that is not on the list is named by the phone's own form: say "choose
        # from the list" rather than echo what was sent or list the themes' keys.
        message = tr("web.ideas.theme_error") if field == "theme" else exc.message(tr)
        response = phase_page(srv, srv.snapshot(), device, request.cookies[DEVICE_COOKIE], tr,
                              status=exc.status, error=message, field=field, values=form,
                              origin=ok)
        if isinstance(exc.params.get("seconds"), int):
            response.headers["retry-after"] = str(exc.params["seconds"])
        return response
    if isinstance(done, Submitted) and done.builds_on is not None:
        ok = "build_on"   # `#20: ...` was kept with idea 20: the notice says so
    return redirect(f"/j/{code}?ok={ok}{after(form)}")




async def idea(request: Request) -> Response:
    def job(ws: Workshop, device: DeviceRow, form: Form) -> Any:
        return ws.ideas.submit(form.get("text", ""), theme=form.get("theme") or None,
                               source=Source.PHONE, device_id=device.id,
                               idem_key=form.get("k") or None)

    def same_theme_next(form: Form) -> str:  # someone at a themed station writes several
        theme = form.get("theme", "")
        return f"&t={theme}" if re.fullmatch(r"[A-Za-z0-9_-]{1,64}", theme) else ""

    return await _submit(request, job, "idea", after=same_theme_next)


async def insight(request: Request) -> Response:
    def job(ws: Workshop, device: DeviceRow, form: Form) -> Any:
        return ws.records.add_insight(form.get("text", ""), source=Source.PHONE,
                                      device_id=device.id, idem_key=form.get("k") or None)

    return await _submit(request, job, "insight")


async def vote(request: Request) -> Response:
    def job(ws: Workshop, device: DeviceRow, form: Form) -> Any:
        return ws.ballots.cast(parts.marks_from_form(form), phase=form.get("phase") or None,
                               source=Source.PHONE, device_id=device.id,
                               idem_key=form.get("k") or None)

    return await _submit(request, job, "vote")


async def question(request: Request) -> Response:
    def job(ws: Workshop, device: DeviceRow, form: Form) -> Any:
        return ws.questions.ask(form.get("text", ""), source=Source.PHONE, device_id=device.id,
                                idem_key=form.get("k") or None)

    return await _submit(request, job, "question")


async def upvote(request: Request) -> Response:
    """One phone's support for a question, or (up=0) taking it back. Done twice it is the
    same as done once, so a retried post needs no receipt; the page comes back at the
    question."""
    def target(form: Form) -> int:
        raw = form.get("q", "")
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 9):
            raise InvalidInput("error.bad_form")
        return int(raw)

    def job(ws: Workshop, device: DeviceRow, form: Form) -> Any:
        return ws.questions.upvote(target(form), form.get("up", "1") != "0",
                                   device_id=device.id)

    def at_question(form: Form) -> str:
        raw = form.get("q", "")
        return f"#q{raw}" if raw.isascii() and raw.isdigit() and len(raw) <= 9 else ""

    return await _submit(request, job, "upvote", after=at_question)


async def back_to_page(request: Request) -> Response:
    """A GET on a form's address (a reload after an error): go to the page."""
    return redirect(f"/j/{request.path_params['code']}")


async def live(request: Request) -> Response:
    srv = server(request)
    if not code_ok(request.path_params["code"], srv.snapshot()):
        raise WrongCode("web.error.bad_code")
    return StreamingResponse(srv.live.stream("phone"), media_type="text/event-stream",
                             headers={"x-accel-buffering": "no"})


# -- drawing the phase page -------------------------------------------------------------------

def phase_page(srv: Server, snap: Snapshot, device: DeviceRow, token: str, tr: Translator, *,
               status: int = 200, notice: str | None = None, error: str | None = None,
               field: str | None = None, values: Form | None = None,
               chosen: str | None = None, origin: str = "", saved: str = "") -> Response:
    """The page of the current phase; after a refused post, `origin` names the form that
    was sent (idea, vote, insight) and `error`/`field` say what to fix and where; after a
    saved one, `saved` names it."""
    phase = snap.phase
    values = values or {}
    state = "finished" if snap.finished else "waiting" if phase is None else phase.kind
    ctx: dict[str, Any] = dict(
        t=tr, langs=lang_choices(tr), code=snap.code, csrf=csrf_token(token),
        workshop=snap.title, version=snap.version, live_url=f"{join_path(snap)}/live",
        base=join_path(snap), state=state, phase=phase, notice=notice, error=error,
        field=field, values=values, k=new_idem_key(), origin=origin, ideas=None, vote=None,
        insight=None, rules=(), results=None, unsent="", own_insights=(), saved=saved,
        questions=None)
    if phase is not None and not snap.finished:
        ctx["title"] = tr.text(phase.spec.title)
        ctx["prompt"] = tr.text(phase.spec.prompt)
        spec = phase.spec
        if spec.show_rules:
            ctx["rules"] = parts.rules_for(snap, tr)
        if spec.accepts_ideas:
            ctx["ideas"] = parts.ideas_part(snap, device, srv.read.own_ideas(device), tr,
                                            values.get("theme") or chosen,
                                            srv.read.own_build_ons(device))
        elif spec.accepts_ballots:
            posted = (parts.marks_from_form(values)
                      if origin == "vote" and values.get("phase") in (None, phase.key) else None)
            ctx["vote"] = vote = parts.vote_part(snap, srv.read.own_ballot(phase, device), tr,
                                                 posted, token)
            if saved == "vote" and notice and vote.counted:
                ctx["notice"] = f"{notice} {vote.counted}"
        elif spec.accepts_insights:
            ctx["insight"] = INSIGHT_MAX_CHARS
            ctx["own_insights"] = [i.text for i in reversed(srv.read.own_insights(device))]
        elif spec.accepts_questions:
            ctx["questions"] = parts.questions_part(
                snap, device, srv.read.own_questions(device),
                srv.read.own_question_votes(device), tr)
    else:
        ctx["title"] = tr("web.finished.title" if snap.finished else "web.waiting.title")
        ctx["prompt"] = tr("web.finished.text" if snap.finished else "web.waiting.text")
    here = ("idea" if ctx["ideas"] else "insight" if ctx["insight"] else
            "vote" if ctx["vote"] else "question" if ctx["questions"] else "")
    if origin == "upvote" and ctx["questions"]:
        here = origin  # a refused upvote: its message on top, the question form untouched
    if origin != here:  # the phase moved on: the message goes on top, the text back to copy
        ctx["field"], ctx["values"] = None, {}
        ctx["unsent"] = values.get("text", "") if error else ""
    if snap.result is not None:
        ctx["results"] = parts.results_part(snap.result, snap, tr)
    ctx["idea_max"] = IDEA_MAX_CHARS
    return render("phase.html", status=status, **ctx)

