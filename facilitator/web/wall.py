"""The projector view: what the room shares, phase by phase, readable from the back of a hall.

It answers only the laptop itself (a loopback client): on the hall's wifi
there is nothing to see or do here. Each phase kind has its own state, chosen
in `BY_KIND` (a new kind adds one builder there); a kind the wall does not
know shows the join state. Counts of an open vote are never shown: only how
many have voted, until the facilitator reveals the results.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from facilitator.core.clock import parse_iso
from facilitator.i18n import Translator
from facilitator.kinds import PhaseKind
from facilitator.qr import join_url, make_qr
from facilitator.web import phase_parts as parts
from facilitator.web.read_model import Snapshot
from facilitator.web.refusals import Forbidden
from facilitator.web.security import is_loopback
from facilitator.web.server import server
from facilitator.web.templating import render

#: Seconds between reloads of a wall without JavaScript (with it, the live stream updates it).
REFRESH_SECONDS = 5
IDEAS_PER_THEME = 12     # the newest of each theme; the page shows what fits of them
RANKING_LINES = 10
QUESTION_LINES = 5


@dataclass(frozen=True)
class Bar:
    rank: int
    tied: bool
    label: str
    score: str
    width: int          # 0–100: the bar's share of the widest
    extra: str = ""


@dataclass(frozen=True)
class Column:
    title: str
    lines: list[Bar] = field(default_factory=list)
    ideas: list[str] = field(default_factory=list)
    empty: str = ""


@dataclass(frozen=True)
class WallView:
    state: str              # join | ideas | vote | results | dialogue | feedback | questions
    workshop: str
    heading: str
    prompt: str = ""
    left: str = ""          # the time left, in words (no JS)
    ends_ms: int | None = None  # when the phase's time is up (JS counts down to it)
    counts: list[str] = field(default_factory=list)
    note: str = ""
    columns: list[Column] = field(default_factory=list)
    columns_title: str = ""
    summary: list[str] = field(default_factory=list)
    rules: tuple[str, ...] = ()
    rules_title: str = ""


def _plural(tr: Translator, key: str, n: int) -> str:
    return parts.plural(tr, key, n)


def _time_left(snap: Snapshot, tr: Translator, now_ms: int) -> tuple[str, int | None]:
    phase = snap.phase
    if phase is None or snap.phase_since is None or snap.finished:
        return "", None
    ends = int(parse_iso(snap.phase_since).timestamp() * 1000) + phase.minutes * 60_000
    left = (ends - now_ms) // 1000
    if left <= 0:
        return tr("web.wall.time_up"), ends
    return tr("web.wall.left", time=f"{left // 60}:{left % 60:02d}"), ends


def _bars(lines: list[parts.ResultLine], scale: int, tr: Translator) -> list[Bar]:
    return [Bar(r.rank, r.tied, r.label, r.score,
                round(100 * r.votes / scale) if scale else 0, r.extra) for r in lines]


# -- one builder per phase kind ------------------------------------------------------------

def _join(snap: Snapshot, tr: Translator, view: WallView) -> WallView:
    return replace(view, state="join")


def _ideas(snap: Snapshot, tr: Translator, view: WallView) -> WallView:
    assert snap.phase is not None
    themes = parts.allowed_themes(snap)
    columns = []
    for theme in themes + [None]:
        tid = theme.id if theme else None
        ideas = [i.text for i in reversed(snap.ideas) if i.theme_id == tid][:IDEAS_PER_THEME]
        if theme is None and not ideas:
            continue
        columns.append(Column(tr.text(theme.title) if theme else tr("web.ideas.no_theme"),
                              ideas=ideas, empty=tr("web.wall.no_ideas")))
    return replace(view, state="ideas", columns=columns,
                   counts=[_plural(tr, "web.wall.ideas", len(snap.ideas)),
                           _plural(tr, "web.wall.devices", snap.devices)])


def _vote(snap: Snapshot, tr: Translator, view: WallView) -> WallView:
    assert snap.phase is not None
    if snap.phase.revealed and snap.result is not None:
        return _results(snap, tr, view)
    return replace(view, state="vote", counts=[_plural(tr, "web.wall.ballots", snap.ballots)],
                   note=tr("web.wall.secret"))


def _feedback(snap: Snapshot, tr: Translator, view: WallView) -> WallView:
    result = snap.result
    if result is None or not result.revealed or result.phase.kind != PhaseKind.FEEDBACK:
        return replace(_vote(snap, tr, view), state="vote")
    lines = []
    for item in result.overall:
        answers = sum(item.distribution.values())
        top = max(item.distribution.values(), default=0)
        dist = [Bar(0, False, str(value), str(count),
                    round(100 * count / top) if top else 0)
                for value, count in sorted(item.distribution.items())]
        title = next((tr.text(q.text) for q in result.questions if q.key == item.target),
                     item.label)
        mean = parts._mean(item.mean, tr)
        lines.append(Column(f"{title}", dist, empty=f"{mean} · "
                            f"{_plural(tr, 'web.results.answers', answers)}"))
    return replace(view, state="feedback", columns=lines,
                   summary=[_plural(tr, "web.results.respondents", result.ballots)])


def _dialogue(snap: Snapshot, tr: Translator, view: WallView) -> WallView:
    assert snap.phase is not None
    rules = parts.rules_for(snap, tr)
    return replace(view, state="dialogue", rules=rules, rules_title=tr("web.wall.rules"))


def _results(snap: Snapshot, tr: Translator, view: WallView) -> WallView:
    result = snap.result
    if result is None:
        return _join(snap, tr, view)
    if result.phase.kind == PhaseKind.FEEDBACK:
        return _feedback(snap, tr, view)
    part = parts.results_part(result, snap, tr)
    heading = part.title
    if result.budget is not None:
        overall = {i.target: i for i in result.overall}
        flat = {r.target: r for g in part.groups for r in g.lines}
        # In the order the money is given out, ranked overall (not within a theme).
        ordered = [(line.status, replace(flat[line.target], rank=overall[line.target].rank,
                                         tied=overall[line.target].tied))
                   for line in result.budget.lines if line.target in flat]
        chosen = [r for status, r in ordered if status == "funded"]
        others = [r for status, r in ordered if status != "funded"]
        columns = [Column(tr("web.wall.funded"), _bars(chosen, part.scale, tr),
                          empty=tr("web.wall.none_funded"))]
        if others:
            columns.append(Column(tr("web.wall.not_funded"),
                                  _bars(others[:RANKING_LINES], part.scale, tr)))
        return replace(view, state="results", heading=heading, columns=columns,
                       summary=part.summary + ([part.still_open] if part.still_open else []),
                       prompt="")
    summary = part.summary + ([part.still_open] if part.still_open else [])
    if part.top:
        columns = [Column(g.title, _bars(g.lines, part.scale, tr), empty=tr("web.results.top_none"))
                   for g in part.top]
        return replace(view, state="results", heading=heading, columns=columns,
                       columns_title=part.top_title, summary=summary, prompt="")
    lines = [line for g in part.groups for line in g.lines][:RANKING_LINES]
    return replace(view, state="results", heading=heading, summary=summary, prompt="",
                   columns=[Column("", _bars(lines, part.scale, tr))])


def _questions(snap: Snapshot, tr: Translator, view: WallView) -> WallView:
    """Questions to officials: the most supported first, answered ones marked; the QR in
    the corner, for those who still want to ask."""
    top = snap.top_questions(QUESTION_LINES)
    scale = max((q.votes for q in top), default=0)
    # No rank numbers: answered questions step aside below the open ones, whatever their votes.
    lines = [Bar(0, False, q.text, _plural(tr, "web.questions.votes", q.votes),
                 round(100 * q.votes / scale) if scale else 0,
                 tr("web.questions.answered") if q.answered else "") for q in top]
    return replace(view, state="questions",
                   columns=[Column("", lines, empty=tr("web.questions.none"))],
                   summary=[tr("web.questions.list", n=len(snap.questions))])


Builder = Callable[[Snapshot, Translator, WallView], WallView]

#: The wall's state for each phase kind. Kinds not listed show the revealed results when
#: there are any (an info phase after the vote), else the join state.
BY_KIND: dict[str, Builder] = {
    PhaseKind.IDEAS: _ideas,
    PhaseKind.VOTE: _vote,
    PhaseKind.FEEDBACK: _feedback,
    PhaseKind.DIALOGUE: _dialogue,
    PhaseKind.ROUND: _dialogue,
    PhaseKind.QUESTIONS: _questions,
}


def view_of(snap: Snapshot, tr: Translator, now_ms: int) -> WallView:
    """What the wall shows now."""
    phase = snap.phase
    heading = (tr("web.finished.title") if snap.finished else
               tr.text(phase.spec.title) if phase else tr("web.waiting.title"))
    left, ends = _time_left(snap, tr, now_ms)
    view = WallView("join", snap.title, heading,
                    prompt=tr.text(phase.spec.prompt) if phase and not snap.finished else "",
                    left=left, ends_ms=ends,
                    counts=[_plural(tr, "web.wall.devices", snap.devices)])
    if phase is None or snap.finished:
        return _results(snap, tr, view) if snap.result is not None else _join(snap, tr, view)
    builder = BY_KIND.get(phase.kind)
    if builder is not None:
        return builder(snap, tr, view)
    return _results(snap, tr, view) if snap.result is not None else _join(snap, tr, view)


# -- the routes ------------------------------------------------------------------------------

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
    now_ms = int(srv.clock().timestamp() * 1000)
    view = view_of(snap, tr, now_ms)
    address = url[: len(url) - len(snap.code)]
    return render(
        "wall.html", t=tr, view=view, url=url, code=snap.code,
        address_parts=address.split("/")[:-1], refresh=REFRESH_SECONDS,
        qr=qr_svg(url, tr("web.wall.qr_label", url=url)), version=snap.wall_version,
        headers={"cache-control": "no-store"})


async def wall_live(request: Request) -> Response:
    _check(request)
    return StreamingResponse(server(request).live.stream("wall"), media_type="text/event-stream",
                             headers={"x-accel-buffering": "no"})
