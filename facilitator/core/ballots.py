"""Ballots: when they are accepted, from which door, and what a vote phase's result is.

Phone ballots only while their vote phase is the open, current phase; one per
device per phase, a new one replacing the old. Paper ballots and paper tallies
(typed in by the facilitator) are accepted for any vote phase that has begun,
count the same, and stay marked as paper. Every ballot is validated by
core.voting, whichever door it came in by.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from facilitator.core import voting
from facilitator.core.ideas import resolve_in
from facilitator.core.receipts import PhoneGate, Submitted, submit_once
from facilitator.core.templates import Question, VoteSpec
from facilitator.errors import Closed, InvalidInput, NotFound
from facilitator.kinds import BALLOT_KINDS, IdeaStatus, PhaseKind, Source, VoteMethod
from facilitator.store.records import BallotRow, IdeaRow

if TYPE_CHECKING:
    from facilitator.core.workshop import PhaseState, Workshop

BALLOT_SOURCES = (Source.PHONE, Source.PAPER)
_BALLOT_GATE = PhoneGate(lambda s: s.accepts_ballots, "error.voting_closed")


@dataclass(frozen=True)
class RankedItem:
    """One line of a result: an idea (or a feedback question) with its votes and rank."""

    target: str
    label: str
    theme: str | None
    rank: int
    tied: bool
    score: float
    phone: int
    paper: int
    cost_cents: int | None = None
    idea: IdeaRow | None = None
    mean: float | None = None          # scale: average rating
    distribution: dict[int, int] = field(default_factory=dict)  # scale: rating → count


@dataclass(frozen=True)
class PhaseResult:
    phase: PhaseState
    spec: VoteSpec
    tally: voting.Tally
    overall: list[RankedItem]
    by_theme: dict[str | None, list[RankedItem]]
    budget: voting.BudgetResult | None = None
    questions: tuple[Question, ...] = ()

    @property
    def revealed(self) -> bool:
        return self.phase.revealed

    @property
    def ballots(self) -> int:
        return self.tally.ballots_phone + self.tally.ballots_paper

    @property
    def top_per_theme(self) -> int:
        """How many places of each theme the wrap-up discusses (the template's number)."""
        return self.spec.top_per_theme

    def top(self, n: int | None = None) -> dict[str | None, list[RankedItem]]:
        """The top n (default: the template's) of each theme, ties at the edge included."""
        n = self.top_per_theme if n is None else n
        return {theme: voting.top_with_ties(items, n) for theme, items in self.by_theme.items()}


class BallotBox:
    def __init__(self, workshop: Workshop) -> None:
        self.ws = workshop

    # -- which phase -----------------------------------------------------------------
    def vote_phases(self, kinds: tuple[str, ...] = BALLOT_KINDS) -> list[PhaseState]:
        return [p for p in self.ws.phases() if p.kind in kinds]

    def result_phase(self, kinds: tuple[str, ...] = BALLOT_KINDS) -> PhaseState | None:
        """The current ballot phase, else the last one that has begun."""
        phases = self.vote_phases(kinds)
        current = next((p for p in phases if p.is_current), None)
        if current:
            return current
        begun = [p for p in phases if p.row.started_at is not None]
        return begun[-1] if begun else None

    def voting_open(self, phase: PhaseState) -> bool:
        """Phones can still cast or change a ballot in this phase (it is the current one)."""
        return phase.is_current and phase.spec.accepts_ballots and not self.ws.finished

    def idea_vote_phase(self) -> PhaseState | None:
        """The vote on ideas to show and count now: the current vote phase, else the last
        that has begun (feedback questionnaires rate the evening, not ideas)."""
        return self.result_phase((PhaseKind.VOTE,))

    def _phase(self, key: str | None, kinds: tuple[str, ...] = BALLOT_KINDS
               ) -> PhaseState:
        if key is None:
            phase = self.result_phase(kinds)
            if phase is None:
                raise NotFound("error.no_vote_phase")
            return phase
        phase = self.ws.phase(key)
        if phase.kind not in kinds:
            raise InvalidInput("error.not_vote_phase", key=key)
        return phase

    # -- what is on the ballot ---------------------------------------------------------
    def options(self, phase: PhaseState) -> dict[str, voting.Option]:
        spec = phase.spec
        if phase.kind == PhaseKind.FEEDBACK:
            return {q.key: voting.Option(q.key) for q in spec.questions}
        assert spec.vote is not None
        themes = {t.id: t.key for t in self.ws.themes()}
        out = {}
        for idea in self.ws.store.ideas(statuses=[IdeaStatus.VISIBLE]):
            theme = themes.get(idea.theme_id) if idea.theme_id is not None else None
            if spec.vote.themes and theme not in spec.vote.themes:
                continue
            if spec.vote.method == VoteMethod.BUDGET and idea.cost_cents is None:
                continue
            out[str(idea.id)] = voting.Option(str(idea.id), idea.cost_cents, theme)
        return out

    def ballot_of(self, phase: PhaseState, device_id: int) -> BallotRow | None:
        return self.ws.store.ballot_of(phase.row.id, device_id)

    # -- a dots vote's numbers --------------------------------------------------------
    def has_ballots(self, phase: PhaseState) -> bool:
        """Any ballot or paper tally at all in this phase, from any door."""
        return bool(self.ws.store.count_ballots(phase.row.id)
                    or self.ws.store.paper_tallies(phase.row.id))

    def suggested_dots(self, phase: PhaseState) -> int:
        """About a third of the ideas now on this phase's ballot, 3–10."""
        return voting.suggest_dots(len(self.options(phase)))

    def set_dots(self, key: str | None, dots: int, per_idea: int) -> PhaseState:
        """The room's own numbers for a dots vote (by default the current or last begun
        vote), before its first ballot (never after: ballots cast were made under the old
        numbers)."""
        phase = self._phase(key, kinds=(PhaseKind.VOTE,))
        if phase.spec.vote is None or phase.spec.vote.method != VoteMethod.DOTS:
            raise InvalidInput("error.dots_not_dots_vote", key=phase.key)
        dots, per_idea = voting.check_dots(dots, per_idea)
        with self.ws.store.write():
            if self.has_ballots(phase):
                raise Closed("error.dots_after_ballot", key=phase.key)
            template = self.ws.base_template.phase(phase.key)
            base = template.vote if template is not None else None
            same = base is not None and (base.dots, base.per_idea) == (dots, per_idea)
            self.ws.store.set_phase_vote(
                phase.key, None if same else {"dots": dots, "per_idea": per_idea})
            self.ws.log("dots", phase=phase.key, dots=dots, per_idea=per_idea)
        return self.ws.phase(phase.key)

    # -- casting -------------------------------------------------------------------------
    def cast(self, marks: dict[str, object], *, phase: str | None = None,
             source: str = Source.PHONE, device_id: int | None = None,
             idem_key: str | None = None) -> Submitted:
        """Validate and store one ballot; a retry with the same key counts once."""
        if source not in BALLOT_SOURCES:
            raise InvalidInput("error.bad_source")
        ws = self.ws

        def save(phone_phase: PhaseState | None, idem_key: str | None) -> int:
            if phone_phase is not None:
                target = phone_phase
                if phase is not None and phase != target.key:
                    raise Closed("error.voting_closed")
            else:
                target = self._phase(phase)
                if target.row.started_at is None:
                    raise Closed("error.voting_not_started", key=target.key)
            spec = target.spec.vote
            assert spec is not None
            clean = voting.validate_ballot(spec, self.options(target), marks)
            ballot_id = ws.store.cast_ballot(
                phase_id=target.row.id, marks=clean, source=source, at=ws.now(),
                device_id=device_id if source == Source.PHONE else None, idem_key=idem_key)
            if source == Source.PAPER:
                ws.log("paper_ballot", phase=target.key, ballot=ballot_id, marks=clean)
            return ballot_id

        return submit_once(ws, "ballot", source=source, device_id=device_id, idem_key=idem_key,
                           gate=_BALLOT_GATE, save=save)

    def remove_paper_ballot(self, ballot_id: int) -> None:
        """Take back a paper ballot typed in by mistake."""
        rows = [b for p in self.vote_phases() for b in self.ws.store.ballots(p.row.id)
                if b.id == ballot_id and b.source == Source.PAPER]
        if not rows:
            raise NotFound("error.unknown_ballot", ballot=ballot_id)
        with self.ws.store.write():
            self.ws.store.delete_ballot(ballot_id)
            self.ws.log("paper_ballot_removed", ballot=ballot_id, marks=rows[0].marks)

    def set_paper_tally(self, idea_id: int, count: int, *, phase: str | None = None) -> int:
        """Paper votes for one idea in a vote phase (replaces the earlier number)."""
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= 100_000:
            raise InvalidInput("error.bad_tally")
        target = self._phase(phase, kinds=(PhaseKind.VOTE,))
        if target.row.started_at is None:
            raise Closed("error.voting_not_started", key=target.key)
        assert target.spec.vote is not None
        if target.spec.vote.method == VoteMethod.SCALE:
            raise InvalidInput("error.tally_scale")
        idea = self.ws.ideas.get(idea_id)
        if str(idea.id) not in self.options(target):
            raise InvalidInput("error.tally_not_on_ballot", idea=idea_id)
        with self.ws.store.write():
            self.ws.store.set_paper_tally(target.row.id, idea.id, count, self.ws.now())
            self.ws.log("paper_tally", phase=target.key, idea=idea.id, count=count)
        return count

    # -- results ---------------------------------------------------------------------------
    def result(self, phase: str | None = None) -> PhaseResult:
        target = self._phase(phase)
        spec = target.spec.vote
        assert spec is not None
        ballots = [voting.CastBallot(b.marks, b.source)
                   for b in self.ws.store.ballots(target.row.id)]
        paper = {str(k): v for k, v in self.ws.store.paper_tallies(target.row.id).items()}
        if target.kind == PhaseKind.FEEDBACK:
            return self._feedback_result(target, spec, ballots)
        ideas = {i.id: i for i in self.ws.store.ideas()}
        themes = {t.id: t.key for t in self.ws.themes()}

        def resolve(t: str) -> str | None:
            found = resolve_in(ideas, int(t)) if t.isdigit() else None
            return str(found.id) if found else None

        tally = voting.tally(spec, ballots, paper, resolve)
        options = self.options(target)
        order = list(options)
        scores = {t: float(tally.total(t)) for t in order}
        if spec.method == VoteMethod.SCALE:
            scores = {t: (tally.mean(t) or 0.0) for t in order}

        def item(r: voting.Ranked) -> RankedItem:
            idea = ideas[int(r.target)]
            return RankedItem(
                target=r.target, label=idea.text, theme=options[r.target].theme, rank=r.rank,
                tied=r.tied, score=r.score, phone=tally.phone.get(r.target, 0),
                paper=tally.paper.get(r.target, 0), cost_cents=idea.cost_cents, idea=idea,
                mean=tally.mean(r.target))

        overall = [item(r) for r in voting.rank(scores, order)]
        by_theme: dict[str | None, list[RankedItem]] = {}
        for theme_key in [themes[t.id] for t in self.ws.themes()] + [None]:
            members = [t for t in order if options[t].theme == theme_key]
            if members:
                by_theme[theme_key] = [item(r) for r in voting.rank(scores, members)]
        budget = None
        if spec.method == VoteMethod.BUDGET:
            budget = voting.fund({t: tally.total(t) for t in order},
                                 {t: options[t].cost_cents or 0 for t in order},
                                 spec.budget_cents, order)
        return PhaseResult(target, spec, tally, overall, by_theme, budget)

    def _feedback_result(self, phase: PhaseState, spec: VoteSpec,
                         ballots: list[voting.CastBallot]) -> PhaseResult:
        questions = phase.spec.questions
        tally = voting.tally(spec, ballots)
        items = []
        for q in questions:
            dist: dict[int, int] = {v: 0 for v in range(spec.scale_min, spec.scale_max + 1)}
            for b in ballots:
                if q.key in b.marks:
                    dist[b.marks[q.key]] = dist.get(b.marks[q.key], 0) + 1
            mean = tally.mean(q.key)
            items.append(RankedItem(
                target=q.key, label=q.text.get("fi", q.key), theme=None, rank=0, tied=False,
                score=mean or 0.0, phone=tally.phone.get(q.key, 0),
                paper=tally.paper.get(q.key, 0), mean=mean, distribution=dist))
        return PhaseResult(phase, spec, tally, items, {None: items}, None, questions)
