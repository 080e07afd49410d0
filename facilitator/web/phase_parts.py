"""What a phone's page shows in each phase, as plain values for the templates.

Nothing here decides a rule: limits and ballot checks live in core/. These
functions only arrange what core/ and the snapshot hold into lines a page can
draw (ideas by theme, ballot lines with their current marks, the results).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from facilitator.core.ballots import PhaseResult, RankedItem
from facilitator.core.limits import IDEA_MAX_CHARS, QUESTION_MAX_CHARS
from facilitator.core.templates import VoteSpec
from facilitator.core.voting import ballot_cost
from facilitator.i18n import Translator
from facilitator.kinds import PhaseKind, VoteMethod
from facilitator.store.records import (
    BallotRow,
    BuildOnRow,
    DeviceRow,
    IdeaRow,
    QuestionRow,
    ThemeRow,
)
from facilitator.web.read_model import Snapshot

OTHERS_MAX = 60        # others' ideas shown on a phone, newest first (page weight)
QUESTIONS_SHOWN = 100  # questions on a phone, most voted first (page weight)
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
    number: int | None = None          # the idea's number: what a build-on note starts with
    build_ons: tuple[str, ...] = ()    # further ideation's notes on it


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
    builds_on: bool = False        # further ideation: `#N: ...` builds on idea N


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
    """The ballot's rule by the save button; JavaScript turns it into what is left.

    Without JavaScript the page cannot know what was chosen since it was drawn, so
    the server states the rule, never a count that would go stale.
    """

    kind: str                  # dots | choices | budget
    limit: int
    text: str                  # the rule: true whatever is chosen
    says: dict[str, str]       # left, left1, none, over, over1: the templates for JS


@dataclass(frozen=True)
class VotePart:
    method: str
    phase_key: str
    spec: VoteSpec
    groups: list[Group]
    intro: list[str]
    counter: Counter | None
    voted: bool
    counted: str = ""          # what the stored ballot holds, in words
    scale: list[int] = field(default_factory=list)
    ends: tuple[str, str] = ("", "")              # the scale's two ends, explained
    steps: dict[str, str] = field(default_factory=dict)  # the dot buttons' words (JS)


@dataclass(frozen=True)
class ResultLine:
    rank: int
    tied: bool
    label: str
    score: str
    extra: str = ""
    number: str = ""   # an idea's number (#12), for further ideation's `#12: ...`
    votes: int = 0      # phone + paper: the bar's length on the wall
    target: str = ""


@dataclass(frozen=True)
class ResultsPart:
    title: str
    groups: list[Group]
    summary: list[str]
    top_title: str = ""                  # "the top 3 of each theme", when there are themes
    top: list[Group] = field(default_factory=list)
    scale: int = 0                       # the most votes on one line (the wall's bars)
    budget: bool = False
    still_open: str = ""       # said while ballots can still change: the counts may move


def _theme_title(themes: dict[int, ThemeRow], theme_id: int | None, tr: Translator) -> str:
    theme = themes.get(theme_id) if theme_id is not None else None
    return tr.text(theme.title) if theme else ""


def allowed_themes(snap: Snapshot) -> list[ThemeRow]:
    spec = snap.phase.spec if snap.phase else None
    return [t for t in snap.themes if spec is None or not spec.themes or t.key in spec.themes]


# -- ideas ------------------------------------------------------------------------------

def ideas_part(snap: Snapshot, device: DeviceRow, mine: list[IdeaRow], tr: Translator,
               chosen: str | None, mine_built: Sequence[BuildOnRow] = ()) -> IdeasPart:
    assert snap.phase is not None
    themes = allowed_themes(snap)
    if len(themes) == 1:
        chosen = themes[0].key
    choices = [ThemeChoice(t.key, tr.text(t.title), tr.text(t.question), t.key == chosen)
               for t in themes]
    by_id = snap.theme_by_id
    notes = {"hidden": tr("web.ideas.hidden"), "merged": tr("web.ideas.merged")}
    mine_lines = [IdeaLine(i.text, _theme_title(by_id, i.theme_id, tr), notes.get(i.status, ""),
                           i.id, snap.build_ons.get(i.id, ()))
                  for i in reversed(mine)]
    mine_lines[:0] = [IdeaLine(b.text, tr("web.ideas.built_on", idea=b.idea_id))
                      for b in reversed(mine_built)]
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
            lines = [IdeaLine(i.text, "", number=i.id, build_ons=snap.build_ons.get(i.id, ()))
                     for i in reversed(newest) if i.theme_id == tid]
            if lines:
                others.append(Group(tr.text(theme.title) if theme else tr("web.ideas.no_theme"),
                                    lines))
    return IdeasPart(choices, mine_lines, others, total, shown, builds_on=snap.builds_on)


# -- questions to officials ------------------------------------------------------------------

@dataclass(frozen=True)
class QuestionLine:
    id: int
    text: str
    votes: str          # "3 kannatusta"
    voted: bool         # this phone supports it (its button takes the vote back)
    mine: bool
    answered: bool


@dataclass(frozen=True)
class QuestionsPart:
    lines: list[QuestionLine]
    mine: int
    max_chars: int = QUESTION_MAX_CHARS


def questions_part(snap: Snapshot, device: DeviceRow, mine: list[QuestionRow],
                   voted: set[int], tr: Translator) -> QuestionsPart:
    own = {q.id for q in mine}
    lines = [QuestionLine(q.id, q.text, plural(tr, "web.questions.votes", q.votes),
                          q.id in voted, q.id in own, q.answered)
             for q in snap.questions[:QUESTIONS_SHOWN]]
    return QuestionsPart(lines, len(own))


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


def plural(tr: Translator, key: str, n: int, **params: Any) -> str:
    """`key_one` for exactly one where the catalog has it (1 ääni, 2 ääntä)."""
    return tr(f"{key}_one" if n == 1 and tr.has(f"{key}_one") else key, n=n, **params)


def phone_order(token: str, phase_key: str, targets: list[str]) -> list[str]:
    """This phone's own order of one theme's ideas on a ballot, so that no idea is first
    on every phone. Stable for the phone (its cookie is the key, as for the CSRF token),
    different between phones; nothing is stored, and nothing in the file can recompute it
    (the file keeps only a hash of the cookie)."""
    def rank(target: str) -> bytes:
        return hmac.new(token.encode("utf-8", "surrogatepass"),
                        f"facilitator order v1|{phase_key}|{target}".encode(),
                        hashlib.sha256).digest()
    return sorted(targets, key=rank)


def vote_part(snap: Snapshot, ballot: BallotRow | None, tr: Translator,
              posted: dict[str, object] | None, token: str = "") -> VotePart:
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
            targets = [t for t, o in snap.options.items() if o.theme == tkey and t in ideas]
            for target in phone_order(token, phase.key, targets) if token else targets:
                option = snap.options[target]
                lines.append(BallotLine(
                    MARK_PREFIX + target, f"i{target}", ideas[target].text, value(target),
                    option.cost_cents,
                    tr.money(option.cost_cents) if option.cost_cents is not None else ""))
            if lines:
                groups.append(Group(tr.text(theme.title) if theme else tr("web.ideas.no_theme"),
                                    lines))
    intro, counter = _ballot_texts(spec, tr)
    scale, ends, steps = [], ("", ""), {}
    if spec.method == VoteMethod.SCALE:
        scale = list(range(spec.scale_min, spec.scale_max + 1))
        about = "" if phase.kind == PhaseKind.FEEDBACK else "_idea"
        ends = (tr(f"web.vote.scale_low{about}", min=spec.scale_min),
                tr(f"web.vote.scale_high{about}", max=spec.scale_max))
    if spec.method == VoteMethod.DOTS:
        steps = {"less": tr("web.vote.less"), "more": tr("web.vote.more"),
                 "one": tr("web.vote.idea_dots_one"), "many": tr("web.vote.idea_dots")}
    # What the server holds (or, after a refused post, what it read from the form).
    held = {t: v for t in (marks if posted is not None or ballot else {})
            if (t in snap.options or phase.kind == PhaseKind.FEEDBACK) and (v := value(t))}
    counted = _counted(spec, snap, held, tr) if posted is not None or ballot else ""
    return VotePart(spec.method, phase.key, spec, groups, intro, counter, ballot is not None,
                    counted, scale, ends, steps)


def _says(tr: Translator, stem: str) -> dict[str, str]:
    keys = {"left": "left", "left1": "left_one", "none": "none", "over": "over",
            "over1": "over_one"}
    return {name: tr(f"web.vote.{stem}_{key}") for name, key in keys.items()
            if tr.has(f"web.vote.{stem}_{key}")}


def _ballot_texts(spec: VoteSpec, tr: Translator) -> tuple[list[str], Counter | None]:
    if spec.method == VoteMethod.DOTS:
        return [tr("web.vote.dots_intro", dots=spec.dots, per_idea=spec.per_idea)], Counter(
            "dots", spec.dots, tr("web.vote.dots_rule", dots=spec.dots),
            _says(tr, "dots"))
    if spec.method == VoteMethod.APPROVAL:
        intro = [tr("web.vote.approval_intro")]
        if spec.max_choices is None:
            return intro, None
        rule = tr("web.vote.max_choices", max=spec.max_choices)
        return intro + [rule], Counter("choices", spec.max_choices, rule,
                                       _says(tr, "choices"))
    if spec.method == VoteMethod.BUDGET:
        budget = tr.money(spec.budget_cents)
        intro = [tr("web.vote.budget_intro", budget=budget)]
        if spec.max_choices is not None:
            intro.append(tr("web.vote.max_choices", max=spec.max_choices))
        return intro, Counter("budget", spec.budget_cents,
                              tr("web.vote.budget_rule", budget=budget),
                              _says(tr, "budget"))
    return [tr("web.vote.scale_intro")], None


def _counted(spec: VoteSpec, snap: Snapshot, marks: dict[str, int], tr: Translator) -> str:
    """The server's word on what it holds: said after saving, so no phone has to guess."""
    if spec.method == VoteMethod.DOTS:
        return plural(tr, "web.vote.counted_dots", sum(marks.values()))
    if spec.method == VoteMethod.BUDGET:
        used = ballot_cost(snap.options, marks)
        left = spec.budget_cents - used
        if left < 0:
            return tr("web.vote.budget_over", total=tr.money(used), n=tr.money(-left))
        return " ".join([plural(tr, "web.vote.counted_choices", len(marks)),
                         tr("web.vote.counted_budget", total=tr.money(used),
                            n=tr.money(left))])
    if spec.method == VoteMethod.APPROVAL:
        return plural(tr, "web.vote.counted_choices", len(marks))
    return plural(tr, "web.vote.counted_scale", len(marks))


# -- results --------------------------------------------------------------------------------

def results_part(result: PhaseResult, snap: Snapshot, tr: Translator) -> ResultsPart:
    part = _results_part(result, snap, tr)
    # The snapshot's phase, not the result's: a live count is kept for a second.
    current = snap.phase
    if (current is not None and current.key == result.phase.key
            and current.spec.accepts_ballots and not snap.finished):
        part = replace(part, still_open=tr("web.results.still_open"))
    return part


def _results_part(result: PhaseResult, snap: Snapshot, tr: Translator) -> ResultsPart:
    spec = result.spec
    title = tr("web.results.title", phase=tr.text(result.phase.spec.title))
    groups: list[Group] = []
    if result.phase.kind == PhaseKind.FEEDBACK:
        summary = [plural(tr, "web.results.respondents", result.ballots)]
        texts = {q.key: tr.text(q.text) for q in result.questions}
        lines = [ResultLine(0, False, texts.get(i.target, i.label), _mean(i.mean, tr),
                             plural(tr, "web.results.answers", i.phone + i.paper))
                 for i in result.overall]
        return ResultsPart(title, [Group("", lines)], summary)
    summary = [plural(tr, "web.results.ballots", result.ballots)]
    themes = {t.key: tr.text(t.title) for t in snap.themes}
    status: dict[str, str] = {}
    if result.budget is not None:
        status = {line.target: tr(f"budget.{line.status}") for line in result.budget.lines}
        budget = result.budget
        summary.append(tr("web.results.budget", spent=tr.money(budget.spent_cents),
                          budget=tr.money(budget.budget_cents),
                          left=tr.money(max(budget.budget_cents - budget.spent_cents, 0))))
    def line(item: RankedItem) -> ResultLine:
        if spec.method == VoteMethod.SCALE:
            score, scored = _mean(item.mean, tr), item.mean is not None
        else:
            n = item.phone + item.paper
            score, scored = plural(tr, "web.results.votes", n), n > 0
        extra = ""
        if item.cost_cents is not None and result.budget is not None:
            extra = f"{tr.money(item.cost_cents)} · {status.get(item.target, '')}"
        # Ideas nobody voted for share the last place; "a tie" would say nothing there.
        return ResultLine(item.rank, item.tied and scored, item.label, score, extra,
                          number=f"#{item.target}" if item.idea is not None else "",
                          votes=item.phone + item.paper, target=item.target)

    def heading(theme_key: str | None) -> str:
        return themes.get(theme_key, "") if theme_key else (
            tr("web.ideas.no_theme") if len(result.by_theme) > 1 else "")

    for theme_key, items in result.by_theme.items():
        groups.append(Group(heading(theme_key), [line(i) for i in items[:RESULTS_PER_GROUP]]))
    top: list[Group] = []
    top_title = ""
    if len(result.by_theme) > 1 and result.budget is None:
        top_title = tr("web.results.top", n=result.top_per_theme)
        top = [Group(heading(key), [line(i) for i in items])
               for key, items in result.top().items()]
    scale = max((i.phone + i.paper for i in result.overall), default=0)
    return ResultsPart(title, groups, summary, top_title, top, scale, result.budget is not None)


def _mean(mean: float | None, tr: Translator) -> str:
    return tr("web.results.mean", mean=tr.number(round(mean, 1))) if mean is not None else "–"


def rules_for(snap: Snapshot, tr: Translator) -> tuple[str, ...]:
    return tuple(snap.rules.get(tr.lang) or snap.rules.get("fi") or ())

