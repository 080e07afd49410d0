"""Ballot rules per voting method, tallies, rankings with ties, and budget funding.

Pure functions, no storage: a ballot from a phone, from paper, or from a test
is validated here and nowhere else.

- ``dots``: N dots each, at most K on one idea.
- ``approval``: one mark each on any number of ideas, optionally at most N.
- ``budget``: choose costed ideas whose total fits the budget (Consul's
  knapsack ballot); the result funds the most-voted first while the money
  lasts, skipping an idea that no longer fits and trying the next (OmaStadi).
- ``scale``: a rating from min to max (1–5) on each item, e.g. feedback.

Rankings show ties as ties: tied items share a rank (1, 2, 2, 4), and a tie is
never broken silently, in a ranking or in the funded set of a budget.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from facilitator.core.templates import VoteSpec
from facilitator.errors import InvalidInput
from facilitator.kinds import Source, VoteMethod


@dataclass(frozen=True)
class Option:
    """One thing on a ballot: an idea (target = its id as text) or a feedback question."""

    target: str
    cost_cents: int | None = None
    theme: str | None = None


@dataclass(frozen=True)
class CastBallot:
    marks: Mapping[str, int]
    source: str = Source.PHONE   # phone | paper


#: A suggestion for a dots vote's dots: about a third of the ideas on the ballot, 3–10.
DOTS_SUGGESTED_MIN, DOTS_SUGGESTED_MAX = 3, 10
DOTS_MAX = 100


def suggest_dots(ideas: int) -> int:
    """Dots for a vote on `ideas` ideas: about a third of them, never under 3 or over 10."""
    return max(DOTS_SUGGESTED_MIN, min(DOTS_SUGGESTED_MAX, round(ideas / 3)))


def suggest_per_idea(dots: int) -> int:
    """At most about half of a ballot's dots on one idea."""
    return max(1, (dots + 1) // 2)


def check_dots(dots: object, per_idea: object) -> tuple[int, int]:
    """A dots vote's numbers as typed: 1–100 dots, 1–dots on one idea."""
    for value in (dots, per_idea):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput("error.bad_dots", max=DOTS_MAX)
    assert isinstance(dots, int) and isinstance(per_idea, int)
    if not 1 <= dots <= DOTS_MAX:
        raise InvalidInput("error.bad_dots", max=DOTS_MAX)
    if not 1 <= per_idea <= dots:
        raise InvalidInput("error.bad_per_idea", dots=dots)
    return dots, per_idea


def validate_ballot(spec: VoteSpec, options: Mapping[str, Option],
                    marks: Mapping[str, object]) -> dict[str, int]:
    """The ballot as it will be stored, or `InvalidInput` saying what is wrong.

    Zero marks are dropped (not chosen); an empty ballot is refused.
    """
    clean: dict[str, int] = {}
    for target, value in marks.items():
        if target not in options:
            raise InvalidInput("error.ballot_unknown_option", option=target)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput("error.ballot_not_number", option=target)
        if value < 0:
            raise InvalidInput("error.ballot_negative", option=target)
        if value or spec.method == VoteMethod.SCALE:
            clean[target] = value
    if not clean:
        raise InvalidInput("error.ballot_empty")
    if spec.method == VoteMethod.DOTS:
        for value in clean.values():
            if value > spec.per_idea:
                raise InvalidInput("error.ballot_per_idea", per_idea=spec.per_idea)
        if sum(clean.values()) > spec.dots:
            raise InvalidInput("error.ballot_too_many_dots", dots=spec.dots)
    elif spec.method in (VoteMethod.APPROVAL, VoteMethod.BUDGET):
        if any(v != 1 for v in clean.values()):
            raise InvalidInput("error.ballot_one_each")
        if spec.max_choices is not None and len(clean) > spec.max_choices:
            raise InvalidInput("error.ballot_too_many_choices", max=spec.max_choices)
        if spec.method == VoteMethod.BUDGET:
            costs = [options[t].cost_cents for t in clean]
            if any(c is None for c in costs):
                raise InvalidInput("error.ballot_no_cost")
            if sum(c or 0 for c in costs) > spec.budget_cents:
                raise InvalidInput("error.ballot_over_budget", budget_cents=spec.budget_cents)
    elif spec.method == VoteMethod.SCALE:
        for value in clean.values():
            if not spec.scale_min <= value <= spec.scale_max:
                raise InvalidInput("error.ballot_scale", min=spec.scale_min, max=spec.scale_max)
    return clean


def ballot_cost(options: Mapping[str, Option], marks: Mapping[str, int]) -> int:
    return sum((options[t].cost_cents or 0) for t in marks if t in options)


# -- counting ------------------------------------------------------------------------

Resolver = Callable[[str], "str | None"]


def _identity(target: str) -> str | None:
    return target


@dataclass
class Tally:
    """What a vote phase counted: phone and paper points per target, and scale ratings."""

    method: str
    phone: dict[str, int] = field(default_factory=dict)
    paper: dict[str, int] = field(default_factory=dict)
    ratings: dict[str, list[float]] = field(default_factory=dict)
    ballots_phone: int = 0
    ballots_paper: int = 0

    def total(self, target: str) -> int:
        return self.phone.get(target, 0) + self.paper.get(target, 0)

    @property
    def totals(self) -> dict[str, int]:
        keys = set(self.phone) | set(self.paper)
        return {k: self.total(k) for k in keys}

    def mean(self, target: str) -> float | None:
        values = self.ratings.get(target)
        return sum(values) / len(values) if values else None


def _cap(spec: VoteSpec) -> int | None:
    if spec.method == VoteMethod.DOTS:
        return spec.per_idea
    if spec.method in (VoteMethod.APPROVAL, VoteMethod.BUDGET):
        return 1
    return None


def tally(spec: VoteSpec, ballots: Iterable[CastBallot],
          paper_tallies: Mapping[str, int] | None = None,
          resolve: Resolver = _identity) -> Tally:
    """Count ballots and paper tallies.

    `resolve` maps a target to the one it counts for now: a merged idea to the
    idea it was merged into, a hidden idea to None (not counted). When merging
    puts two marks of one ballot on the same idea, they count up to the
    method's per-idea limit, never beyond: a device is not counted twice.
    """
    result = Tally(spec.method)
    cap = _cap(spec)
    for ballot in ballots:
        if ballot.source == Source.PAPER:
            result.ballots_paper += 1
        else:
            result.ballots_phone += 1
        points: dict[str, int] = defaultdict(int)
        ratings: dict[str, list[int]] = defaultdict(list)
        for target, value in ballot.marks.items():
            counted = resolve(target)
            if counted is None:
                continue
            points[counted] += value
            ratings[counted].append(value)
        bucket = result.paper if ballot.source == Source.PAPER else result.phone
        if spec.method == VoteMethod.SCALE:
            for counted, values in ratings.items():
                result.ratings.setdefault(counted, []).append(sum(values) / len(values))
                bucket[counted] = bucket.get(counted, 0) + 1
            continue
        for counted, value in points.items():
            bucket[counted] = bucket.get(counted, 0) + (min(value, cap) if cap else value)
    for target, count in (paper_tallies or {}).items():
        counted = resolve(target)
        if counted is not None and count:
            result.paper[counted] = result.paper.get(counted, 0) + count
    return result


# -- ranking ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Ranked:
    target: str
    score: float
    rank: int
    tied: bool


def rank(scores: Mapping[str, float], targets: Sequence[str] | None = None) -> list[Ranked]:
    """Highest first; equal scores share a rank and are marked tied.

    `targets` lists every candidate (those with no votes rank last, tied at 0);
    within a tie the order is the order of `targets`, which carries no meaning.
    """
    order = list(targets) if targets is not None else sorted(scores)
    position = {t: i for i, t in enumerate(order)}
    ordered = sorted(order, key=lambda t: (-scores.get(t, 0), position[t]))
    counts: dict[float, int] = defaultdict(int)
    for t in ordered:
        counts[scores.get(t, 0)] += 1
    out: list[Ranked] = []
    current_rank, previous = 0, None
    for i, t in enumerate(ordered, start=1):
        score = scores.get(t, 0)
        if score != previous:
            current_rank, previous = i, score
        out.append(Ranked(t, score, current_rank, counts[score] > 1))
    return out


# -- the top of a ranking ------------------------------------------------------------------

class _Placed(Protocol):
    @property
    def rank(self) -> int: ...
    @property
    def score(self) -> float: ...


P = TypeVar("P", bound=_Placed)


def top_with_ties(ranked: Sequence[P], n: int) -> list[P]:
    """The first `n` places of a ranking, ties at the edge included (never cut silently).

    If the 3rd and 4th share a rank, both are in the top 3; places with no votes (score 0)
    are not a "top" of anything and stay out. The one rule for the TUI, the phones, the
    wall and the documents.
    """
    return [item for item in ranked if item.rank <= n and item.score > 0]


# -- budget ------------------------------------------------------------------------------

FUNDED, SKIPPED, TIE, PENDING, NO_VOTES = "funded", "skipped", "tie", "pending", "no_votes"


@dataclass(frozen=True)
class BudgetLine:
    target: str
    votes: int
    cost_cents: int
    status: str               # funded | skipped | tie | pending | no_votes
    running_total_cents: int  # money spent after this line


@dataclass(frozen=True)
class BudgetResult:
    budget_cents: int
    lines: tuple[BudgetLine, ...]

    @property
    def spent_cents(self) -> int:
        return sum(line.cost_cents for line in self.lines if line.status == FUNDED)

    @property
    def left_cents(self) -> int:
        return self.budget_cents - self.spent_cents

    @property
    def funded(self) -> list[str]:
        return [line.target for line in self.lines if line.status == FUNDED]

    @property
    def undecided(self) -> bool:
        return any(line.status == TIE for line in self.lines)


def fund(votes: Mapping[str, int], costs: Mapping[str, int], budget_cents: int,
         targets: Sequence[str] | None = None) -> BudgetResult:
    """Fund the most-voted first while the money lasts; skip what no longer fits.

    Ideas with equal votes are a group. Members that cannot fit are skipped;
    if all the others fit together, they are funded. If they do not all fit,
    the order would decide, so they are marked `tie` and everything below is
    `pending` until the facilitator resolves the tie (a runoff): never broken
    silently. Ideas without votes are not funded.
    """
    order = list(targets) if targets is not None else sorted(costs)
    ranking = rank({t: votes.get(t, 0) for t in order}, order)
    groups: list[list[Ranked]] = []
    for r in ranking:
        if groups and groups[-1][0].score == r.score:
            groups[-1].append(r)
        else:
            groups.append([r])
    lines: list[BudgetLine] = []
    left = budget_cents
    blocked = False
    for group in groups:
        members = [(r.target, int(r.score), costs[r.target]) for r in group]
        if blocked:
            lines += [BudgetLine(t, v, c, PENDING, budget_cents - left) for t, v, c in members]
            continue
        if members[0][1] == 0:
            lines += [BudgetLine(t, v, c, NO_VOTES, budget_cents - left) for t, v, c in members]
            continue
        fitting = {t for t, _, c in members if c <= left}
        if sum(c for t, _, c in members if t in fitting) <= left:
            # Everyone in the group who can fit does fit: no order needed.
            for t, v, c in members:
                if t in fitting:
                    left -= c
                    lines.append(BudgetLine(t, v, c, FUNDED, budget_cents - left))
                else:
                    lines.append(BudgetLine(t, v, c, SKIPPED, budget_cents - left))
        else:
            # Only some of the tied ideas fit: choosing would break the tie. Stop and say so.
            lines += [BudgetLine(t, v, c, TIE if t in fitting else SKIPPED, budget_cents - left)
                      for t, v, c in members]
            blocked = True
    return BudgetResult(budget_cents, tuple(lines))
