"""The voting rules of core/voting.py: one ballot's limits, tallies, ties and budget funding."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.core import voting
from facilitator.core.templates import VoteSpec
from facilitator.errors import InvalidInput

DOTS = VoteSpec("dots", dots=5, per_idea=3)
APPROVAL = VoteSpec("approval", max_choices=3)
BUDGET = VoteSpec("budget", budget_cents=10_000_00, max_choices=5)
SCALE = VoteSpec("scale", scale_min=1, scale_max=5)


def opts(n: int, costs: list[int] | None = None) -> dict[str, voting.Option]:
    return {str(i): voting.Option(str(i), costs[i - 1] if costs else None) for i in range(1, n + 1)}


# -- one ballot ------------------------------------------------------------------------------

def test_dots_within_limits_is_kept_and_zero_marks_dropped() -> None:
    assert voting.validate_ballot(DOTS, opts(4), {"1": 3, "2": 2, "3": 0}) == {"1": 3, "2": 2}


@pytest.mark.parametrize("marks, key", [
    ({"1": 4}, "error.ballot_per_idea"),
    ({"1": 3, "2": 3}, "error.ballot_too_many_dots"),
    ({"9": 1}, "error.ballot_unknown_option"),
    ({"1": -1}, "error.ballot_negative"),
    ({"1": "2"}, "error.ballot_not_number"),
    ({"1": True}, "error.ballot_not_number"),
    ({}, "error.ballot_empty"),
    ({"1": 0}, "error.ballot_empty"),
])
def test_dots_refused(marks: dict, key: str) -> None:
    with pytest.raises(InvalidInput) as err:
        voting.validate_ballot(DOTS, opts(4), marks)
    assert err.value.key == key


def test_approval_one_each_and_at_most_n() -> None:
    assert voting.validate_ballot(APPROVAL, opts(5), {"1": 1, "4": 1}) == {"1": 1, "4": 1}
    with pytest.raises(InvalidInput, match="ballot_one_each"):
        voting.validate_ballot(APPROVAL, opts(5), {"1": 2})
    with pytest.raises(InvalidInput, match="too_many_choices"):
        voting.validate_ballot(APPROVAL, opts(5), {str(i): 1 for i in range(1, 5)})
    unlimited = VoteSpec("approval")
    assert len(voting.validate_ballot(unlimited, opts(5), {str(i): 1 for i in range(1, 6)})) == 5


def test_budget_ballot_must_fit_the_money_and_have_costs() -> None:
    options = opts(3, [6_000_00, 4_000_00, 1_00])
    assert voting.validate_ballot(BUDGET, options, {"1": 1, "2": 1}) == {"1": 1, "2": 1}
    with pytest.raises(InvalidInput, match="over_budget"):
        voting.validate_ballot(BUDGET, options, {"1": 1, "2": 1, "3": 1})
    uncosted = {"1": voting.Option("1", None)}
    with pytest.raises(InvalidInput, match="no_cost"):
        voting.validate_ballot(BUDGET, uncosted, {"1": 1})


def test_scale_keeps_values_in_range_only() -> None:
    assert voting.validate_ballot(SCALE, opts(2), {"1": 5, "2": 1}) == {"1": 5, "2": 1}
    for bad in (0, 6):
        with pytest.raises(InvalidInput, match="ballot_scale"):
            voting.validate_ballot(SCALE, opts(2), {"1": bad})


# -- counting --------------------------------------------------------------------------------

def test_tally_adds_phone_and_paper_separately() -> None:
    ballots = [voting.CastBallot({"1": 2, "2": 1}), voting.CastBallot({"1": 1}, "paper")]
    t = voting.tally(DOTS, ballots, {"2": 4})
    assert t.phone == {"1": 2, "2": 1}
    assert t.paper == {"1": 1, "2": 4}
    assert t.total("2") == 5 and t.ballots_phone == 1 and t.ballots_paper == 1


def test_merge_moves_votes_without_counting_a_device_twice_beyond_its_limit() -> None:
    # Ballot A put 2 dots on idea 1 and 2 on idea 2; idea 2 is merged into 1.
    ballots = [voting.CastBallot({"1": 2, "2": 2}), voting.CastBallot({"2": 1})]
    t = voting.tally(DOTS, ballots, resolve=lambda x: "1" if x in ("1", "2") else x)
    assert t.phone == {"1": 3 + 1}  # min(2+2, per_idea=3) + 1
    approval = [voting.CastBallot({"1": 1, "2": 1})]
    t2 = voting.tally(APPROVAL, approval, resolve=lambda x: "1")
    assert t2.phone == {"1": 1}


def test_hidden_ideas_are_not_counted() -> None:
    t = voting.tally(DOTS, [voting.CastBallot({"1": 2, "2": 1})], {"2": 5},
                     resolve=lambda x: None if x == "2" else x)
    assert t.totals == {"1": 2}


# -- ranking -------------------------------------------------------------------------------

def test_ties_share_a_rank_and_are_marked() -> None:
    ranked = voting.rank({"a": 5, "b": 7, "c": 5, "d": 1}, ["a", "b", "c", "d", "e"])
    assert [(r.target, r.rank, r.tied) for r in ranked] == [
        ("b", 1, False), ("a", 2, True), ("c", 2, True), ("d", 4, False), ("e", 5, False)]


# -- budget ---------------------------------------------------------------------------------

def test_budget_funds_most_voted_first_and_skips_what_no_longer_fits() -> None:
    # OmaStadi's rule: A funded; B does not fit any more and is skipped; C still fits.
    res = voting.fund({"A": 10, "B": 8, "C": 5, "D": 0},
                      {"A": 600, "B": 500, "C": 300, "D": 10}, 1000, ["A", "B", "C", "D"])
    assert res.funded == ["A", "C"]
    assert [line.status for line in res.lines] == ["funded", "skipped", "funded", "no_votes"]
    assert res.spent_cents == 900 and res.left_cents == 100
    assert [line.running_total_cents for line in res.lines] == [600, 600, 900, 900]


def test_budget_tie_that_the_money_cannot_hold_is_not_broken_silently() -> None:
    res = voting.fund({"A": 5, "B": 5, "C": 1}, {"A": 600, "B": 600, "C": 100}, 1000)
    assert [(line.target, line.status) for line in res.lines] == [
        ("A", "tie"), ("B", "tie"), ("C", "pending")]
    assert res.undecided and res.funded == []


def test_budget_tie_where_one_cannot_fit_anyway_is_no_tie() -> None:
    res = voting.fund({"A": 5, "B": 5}, {"A": 600, "B": 1200}, 1000)
    assert [(line.target, line.status) for line in res.lines] == [("A", "funded"), ("B", "skipped")]
    assert not res.undecided


# -- properties ----------------------------------------------------------------------------

N_OPTIONS = 8


@st.composite
def dot_ballots(draw: st.DrawFn) -> dict[str, int]:
    return draw(st.dictionaries(st.sampled_from([str(i) for i in range(1, N_OPTIONS + 2)]),
                                st.integers(-1, 6), max_size=6))


@given(marks=dot_ballots(), dots=st.integers(1, 6), per_idea=st.integers(1, 6))
def test_no_accepted_ballot_exceeds_its_limits(marks: dict[str, int], dots: int,
                                                per_idea: int) -> None:
    spec = VoteSpec("dots", dots=dots, per_idea=min(per_idea, dots))
    try:
        clean = voting.validate_ballot(spec, opts(N_OPTIONS), marks)
    except InvalidInput:
        return
    assert 0 < sum(clean.values()) <= spec.dots
    assert all(0 < v <= spec.per_idea for v in clean.values())
    assert set(clean) <= set(opts(N_OPTIONS))


@st.composite
def valid_dot_ballots(draw: st.DrawFn) -> list[dict[str, int]]:
    out = []
    for _ in range(draw(st.integers(0, 30))):
        left, marks = DOTS.dots, {}
        for target in draw(st.lists(st.sampled_from([str(i) for i in range(1, 7)]),
                                    min_size=1, max_size=5, unique=True)):
            v = draw(st.integers(1, min(DOTS.per_idea, left))) if left else 0
            if v:
                marks[target] = v
                left -= v
        out.append(marks)
    return out


@given(ballots=valid_dot_ballots(), paper=st.dictionaries(
    st.sampled_from([str(i) for i in range(1, 7)]), st.integers(0, 20)))
def test_total_counted_equals_total_cast(ballots: list[dict[str, int]],
                                         paper: dict[str, int]) -> None:
    t = voting.tally(DOTS, [voting.CastBallot(b) for b in ballots], paper)
    assert sum(t.totals.values()) == sum(sum(b.values()) for b in ballots) + sum(paper.values())


@given(ballots=valid_dot_ballots(), seed=st.integers(0, 10_000))
def test_ranking_does_not_depend_on_ballot_order(ballots: list[dict[str, int]], seed: int) -> None:
    def ranking(bs: list[dict[str, int]]) -> list[tuple[str, int, bool]]:
        t = voting.tally(DOTS, [voting.CastBallot(b) for b in bs])
        targets = [str(i) for i in range(1, 7)]
        return [(r.target, r.rank, r.tied) for r in voting.rank(t.totals, targets)]

    shuffled = list(ballots)
    random.Random(seed).shuffle(shuffled)
    assert ranking(ballots) == ranking(shuffled)


@settings(max_examples=300)
@given(votes=st.lists(st.integers(0, 12), min_size=1, max_size=10),
       costs=st.lists(st.integers(1, 5000), min_size=10, max_size=10),
       budget=st.integers(1, 15000))
def test_budget_never_overspends_and_funds_in_vote_order_with_skips(
        votes: list[int], costs: list[int], budget: int) -> None:
    targets = [f"i{n}" for n in range(len(votes))]
    vmap = dict(zip(targets, votes, strict=True))
    cmap = dict(zip(targets, costs, strict=False))
    res = voting.fund(vmap, cmap, budget, targets)
    assert res.spent_cents <= budget
    assert res.left_cents == budget - res.spent_cents
    # Walk the lines: every funded idea fitted at its turn; every skipped one did not;
    # nothing after an unresolved tie is decided.
    left, tie_votes = budget, None
    seen_votes = None
    for line in res.lines:
        assert seen_votes is None or line.votes <= seen_votes  # most votes first
        seen_votes = line.votes
        if tie_votes is not None and line.votes < tie_votes:
            assert line.status == voting.PENDING
            continue
        if line.status == voting.FUNDED:
            assert line.cost_cents <= left and line.votes > 0
            left -= line.cost_cents
        elif line.status == voting.SKIPPED:
            assert line.cost_cents > left or any(
                o.status == voting.TIE and o.votes == line.votes for o in res.lines)
        elif line.status == voting.TIE:
            # Tied ideas that each fit but not all together: the order would decide.
            tied = [o for o in res.lines if o.votes == line.votes and o.status == voting.TIE]
            assert line.cost_cents <= left and len(tied) > 1
            assert sum(o.cost_cents for o in tied) > left
            tie_votes = line.votes
        elif line.status == voting.NO_VOTES:
            assert line.votes == 0
    # Without ties in the votes the result is plain OmaStadi greedy.
    if len(set(votes)) == len(votes):
        expected, money = [], budget
        for t in sorted(targets, key=lambda t: -vmap[t]):
            if vmap[t] > 0 and cmap[t] <= money:
                expected.append(t)
                money -= cmap[t]
        assert res.funded == expected


# -- the top of each theme ------------------------------------------------------------------

def _top(scores: dict[str, float], n: int) -> list[tuple[str, int]]:
    return [(r.target, r.rank) for r in voting.top_with_ties(voting.rank(scores, list(scores)), n)]


def test_top_three_takes_a_tie_at_third_place_whole() -> None:
    assert _top({"a": 9, "b": 7, "c": 5, "d": 5, "e": 2}, 3) == [
        ("a", 1), ("b", 2), ("c", 3), ("d", 3)]


def test_top_three_with_a_tie_at_first_place_skips_to_the_next_rank() -> None:
    # 1, 1, 1, 4: three share first place, the fourth is not in the top 3.
    assert _top({"a": 4, "b": 4, "c": 4, "d": 3}, 3) == [("a", 1), ("b", 1), ("c", 1)]
    assert _top({"a": 4, "b": 4, "c": 3, "d": 3, "e": 1}, 3) == [
        ("a", 1), ("b", 1), ("c", 3), ("d", 3)]


def test_top_leaves_out_ideas_nobody_voted_for_and_keeps_fewer_than_n() -> None:
    assert _top({"a": 2, "b": 0, "c": 0}, 3) == [("a", 1)]
    assert _top({"a": 0, "b": 0}, 3) == []
    assert _top({"a": 1, "b": 1}, 1) == [("a", 1), ("b", 1)]
