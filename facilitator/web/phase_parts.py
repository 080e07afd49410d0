"""What a phone's page shows in each phase, as plain values for the templates.

Nothing here decides a rule: limits and ballot checks live in core/. These
functions only arrange what core/ and the snapshot hold into lines a page can
draw (ideas by theme, ballot lines with their current marks, the results).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitator.core.ballots import PhaseResult
from facilitator.core.limits import IDEA_MAX_CHARS
from facilitator.core.templates import VoteSpec
from facilitator.core.voting import ballot_cost
from facilitator.i18n import Translator
from facilitator.kinds import PhaseKind, VoteMethod
from facilitator.store.records import BallotRow, DeviceRow, IdeaRow, ThemeRow
from facilitator.web.read_model import Snapshot

OTHERS_MAX = 60        # others' ideas shown on a phone, newest first (page weight)
RESULTS_PER_GROUP = 20
MARK_PREFIX = "m."


@dataclass(frozen=True)
class ThemeChoice:
    key: str
    title: str
    question: str
    checked: bool


@dataclass(frozen=True)
class IdeaLine:
    text: str
    theme: str
    note: str = ""


@dataclass(frozen=True)
class Group:
    title: str
    lines: list[Any]


@dataclass(frozen=True)
class IdeasPart:
    themes: list[ThemeChoice]
    mine: list[IdeaLine]
    others: list[Group] | None     # None: the template keeps others' ideas hidden
    others_total: int
    others_shown: int
    max_chars: int = IDEA_MAX_CHARS


@dataclass(frozen=True)
class BallotLine:
    name: str          # the form field: m.<idea id> or m.<question key>
    id: str            # the element id
    label: str
    value: int | None
    cost: int | None = None
    cost_text: str = ""


@dataclass(frozen=True)
class Counter:
    """A running count drawn by the server and kept current by JavaScript."""

    kind: str          # dots | choices | budget
    limit: int
    text: str
    over: bool
    tpl_left: str
    tpl_over: str


@dataclass(frozen=True)
class VotePart:
    method: str
    phase_key: str
    spec: VoteSpec
    groups: list[Group]
    intro: list[str]
    counter: Counter | None
    voted: bool
    scale: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class ResultLine:
    rank: int
    tied: bool
    label: str
    score: str
    extra: str = ""


@dataclass(frozen=True)
class ResultsPart:
    title: str
    groups: list[Group]
    summary: list[str]


def _theme_title(themes: dict[int, ThemeRow], theme_id: int | None, tr: Translator) -> str:
    theme = themes.get(theme_id) if theme_id is not None else None
    return tr.text(theme.title) if theme else ""


def allowed_themes(snap: Snapshot) -> list[ThemeRow]:
    spec = snap.phase.spec if snap.phase else None
    return [t for t in snap.themes if spec is None or not spec.themes or t.key in spec.themes]


# -- ideas ------------------------------------------------------------------------------

def ideas_part(snap: Snapshot, device: DeviceRow, mine: list[IdeaRow], tr: Translator,
               chosen: str | None) -> IdeasPart:
    assert snap.phase is not None
    themes = allowed_themes(snap)
    if len(themes) == 1:
        chosen = themes[0].key
    choices = [ThemeChoice(t.key, tr.text(t.title), tr.text(t.question), t.key == chosen)
               for t in themes]
    by_id = snap.theme_by_id
    notes = {"hidden": tr("web.ideas.hidden"), "merged": tr("web.ideas.merged")}
    mine_lines = [IdeaLine(i.text, _theme_title(by_id, i.theme_id, tr), notes.get(i.status, ""))
                  for i in reversed(mine)]
    others: list[Group] | None = None
    total = shown = 0
    if snap.phase.spec.show_others:
        theirs = [i for i in snap.ideas if i.device_id != device.id]
        total = len(theirs)
        newest = theirs[-OTHERS_MAX:]
        shown = len(newest)
        others = []
        for theme in snap.themes + [None]:
            tid = theme.id if theme else None
            lines = [IdeaLine(i.text, "") for i in reversed(newest) if i.theme_id == tid]
            if lines:
                others.append(Group(tr.text(theme.title) if theme else tr("web.ideas.no_theme"),
                                    lines))
    return IdeasPart(choices, mine_lines, others, total, shown)


# -- ballots ------------------------------------------------------------------------------

def marks_from_form(form: dict[str, str]) -> dict[str, object]:
    """The ballot's marks as posted: digits become numbers, anything else goes to core as is.

    An empty value means "no mark" (an unticked scale). core.voting decides what is valid.
    """
    marks: dict[str, object] = {}
    for name, raw in form.items():
        if not name.startswith(MARK_PREFIX):
            continue
        value = raw.strip()
        if value == "":
            continue
        digits = value[1:] if value[:1] == "-" else value
        marks[name[len(MARK_PREFIX):]] = int(value) if digits.isdigit() and len(
            digits) <= 9 and digits.isascii() else raw
    return marks


def vote_part(snap: Snapshot, ballot: BallotRow | None, tr: Translator,
              posted: dict[str, object] | None) -> VotePart:
    phase = snap.phase
    assert phase is not None and phase.spec.vote is not None
    spec = phase.spec.vote
    marks: dict[str, object] = dict(posted if posted is not None else
                                    (ballot.marks if ballot else {}))

    def value(target: str) -> int | None:
        v = marks.get(target)
        return v if isinstance(v, int) and not isinstance(v, bool) else None

    groups: list[Group] = []
    if phase.kind == PhaseKind.FEEDBACK:
        lines = [BallotLine(MARK_PREFIX + q.key, f"q-{q.key}", tr.text(q.text), value(q.key))
                 for q in phase.spec.questions]
        groups.append(Group("", lines))
    else:
        ideas = {str(i.id): i for i in snap.ideas}
        for theme in snap.themes + [None]:
            tkey = theme.key if theme else None
            lines = []
            for target, option in snap.options.items():
                if option.theme != tkey or target not in ideas:
                    continue
                lines.append(BallotLine(
                    MARK_PREFIX + target, f"i{target}", ideas[target].text, value(target),
                    option.cost_cents,
                    tr.money(option.cost_cents) if option.cost_cents is not None else ""))
            if lines:
                groups.append(Group(tr.text(theme.title) if theme else tr("web.ideas.no_theme"),
                                    lines))
    valid = {t: v for t in snap.options if (v := value(t))}
    intro, counter = _ballot_texts(spec, snap, valid, tr)
    scale = (list(range(spec.scale_min, spec.scale_max + 1))
             if spec.method == VoteMethod.SCALE else [])
    return VotePart(spec.method, phase.key, spec, groups, intro, counter, ballot is not None,
                    scale)


def _ballot_texts(spec: VoteSpec, snap: Snapshot, marks: dict[str, int], tr: Translator
                  ) -> tuple[list[str], Counter | None]:
    if spec.method == VoteMethod.DOTS:
        used = sum(marks.values())
        return [tr("web.vote.dots_intro", dots=spec.dots, per_idea=spec.per_idea)], _counter(
            "dots", spec.dots, used, tr, "web.vote.dots_left", "web.vote.dots_over")
    if spec.method == VoteMethod.APPROVAL:
        intro = [tr("web.vote.approval_intro")]
        if spec.max_choices is None:
            return intro, None
        intro.append(tr("web.vote.max_choices", max=spec.max_choices))
        return intro, _counter("choices", spec.max_choices, len(marks), tr,
                               "web.vote.choices_left", "web.vote.choices_over")
    if spec.method == VoteMethod.BUDGET:
        intro = [tr("web.vote.budget_intro", budget=tr.money(spec.budget_cents))]
        if spec.max_choices is not None:
            intro.append(tr("web.vote.max_choices", max=spec.max_choices))
        used = ballot_cost(snap.options, marks)
        left = spec.budget_cents - used
        key = "web.vote.budget_over" if left < 0 else "web.vote.budget_left"
        text = tr(key, n=tr.money(abs(left)), total=tr.money(used))
        return intro, Counter("budget", spec.budget_cents, text, left < 0,
                              tr("web.vote.budget_left"), tr("web.vote.budget_over"))
    return [tr("web.vote.scale_intro", min=spec.scale_min, max=spec.scale_max)], None


def _counter(kind: str, limit: int, used: int, tr: Translator, left_key: str,
             over_key: str) -> Counter:
    left = limit - used
    text = tr(over_key if left < 0 else left_key, n=abs(left))
    return Counter(kind, limit, text, left < 0, tr(left_key), tr(over_key))


# -- results --------------------------------------------------------------------------------

def results_part(result: PhaseResult, snap: Snapshot, tr: Translator) -> ResultsPart:
    spec = result.spec
    title = tr("web.results.title", phase=tr.text(result.phase.spec.title))
    groups: list[Group] = []
    if result.phase.kind == PhaseKind.FEEDBACK:
        summary = [tr("web.results.respondents", n=result.ballots)]
        texts = {q.key: tr.text(q.text) for q in result.questions}
        lines = [ResultLine(0, False, texts.get(i.target, i.label), _mean(i.mean, tr),
                             tr("web.results.answers", n=i.phone + i.paper))
                 for i in result.overall]
        return ResultsPart(title, [Group("", lines)], summary)
    summary = [tr("web.results.ballots", n=result.ballots)]
    themes = {t.key: tr.text(t.title) for t in snap.themes}
    status: dict[str, str] = {}
    if result.budget is not None:
        status = {line.target: tr(f"budget.{line.status}") for line in result.budget.lines}
        summary.append(tr("web.results.budget", spent=tr.money(result.budget.spent_cents),
                          budget=tr.money(result.budget.budget_cents)))
    for theme_key, items in result.by_theme.items():
        lines = []
        for item in items[:RESULTS_PER_GROUP]:
            if spec.method == VoteMethod.SCALE:
                score = _mean(item.mean, tr)
            else:
                n = item.phone + item.paper
                score = tr("web.results.vote_one" if n == 1 else "web.results.votes", n=n)
            extra = ""
            if item.cost_cents is not None and result.budget is not None:
                extra = f"{tr.money(item.cost_cents)} · {status.get(item.target, '')}"
            lines.append(ResultLine(item.rank, item.tied, item.label, score, extra))
        heading = themes.get(theme_key, "") if theme_key else (
            tr("web.ideas.no_theme") if len(result.by_theme) > 1 else "")
        groups.append(Group(heading, lines))
    return ResultsPart(title, groups, summary)


def _mean(mean: float | None, tr: Translator) -> str:
    return tr("web.results.mean", mean=tr.number(round(mean, 1))) if mean is not None else "–"


def rules_for(snap: Snapshot, tr: Translator) -> tuple[str, ...]:
    return tuple(snap.rules.get(tr.lang) or snap.rules.get("fi") or ())

