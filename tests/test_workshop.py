"""The workshop's rules through core/: phases, ideas, ballots from every door, moderation."""

from __future__ import annotations

import pytest
from conftest import FakeClock, goto_kind, shipped

from facilitator.core.workshop import Workshop
from facilitator.errors import Closed, FacilitatorError, InvalidInput, NotFound, TooMany


def phone(ws: Workshop, lang: str = "fi") -> int:
    return ws.participants.join(lang)[1].id


# -- the phase state machine -------------------------------------------------------------

def test_phases_move_and_record_actual_times(palvelupaja: Workshop, clock: FakeClock) -> None:
    ws = palvelupaja
    assert ws.current() is None and not ws.started
    first = ws.next()
    assert first is not None and first.key == "kahvit" and ws.phase("kahvit").row.started_at
    clock.advance(minutes=31)
    ws.next()
    kahvit = ws.phase("kahvit")
    assert kahvit.status == "done" and kahvit.row.ended_at > kahvit.row.started_at
    assert ws.current().key == "avaussanat"
    ws.prev()
    assert ws.current().key == "kahvit"
    ws.goto("aanestys")
    assert [p.status for p in ws.phases()][:6] == ["done"] * 5 + ["current"]
    with pytest.raises(NotFound) as err:
        ws.goto("nope")
    assert "aanestys" in err.value.params["known"]


def test_last_next_finishes_and_prev_reopens(palvelupaja: Workshop) -> None:
    ws = palvelupaja
    ws.goto("eteenpain")
    assert ws.next() is None and ws.finished and ws.current() is None
    with pytest.raises(Closed):
        ws.next()
    assert ws.prev().key == "eteenpain" and not ws.finished
    ws.goto("kahvit")
    with pytest.raises(InvalidInput, match="no_previous_phase"):
        ws.prev()


def test_timer_counts_down_from_when_the_phase_became_current(palvelupaja: Workshop,
                                                              clock: FakeClock) -> None:
    ws = palvelupaja
    ws.goto("ideointi")  # 30 minutes
    clock.advance(minutes=28, seconds=30)
    timer = ws.timer()
    assert timer.remaining_seconds == 90 and timer.warning and not timer.overrun
    clock.advance(minutes=3)
    assert ws.timer().overrun and ws.timer().remaining_seconds == -90
    # The timer lives in the file: a reopened workshop continues where it was.
    path = ws.path
    again = Workshop.open(path, clock)
    assert again.timer().remaining_seconds == -90
    again.close()


# -- ideas -------------------------------------------------------------------------------

def test_phones_send_ideas_only_in_an_ideas_phase(palvelupaja: Workshop) -> None:
    ws = palvelupaja
    device = phone(ws)
    ws.goto("ohjeet")
    with pytest.raises(Closed, match="ideas_closed"):
        ws.ideas.submit("Skeittiramppi", theme="nuoret", device_id=device)
    ws.goto("ideointi")
    done = ws.ideas.submit("Skeittiramppi", theme="nuoret", device_id=device)
    idea = ws.ideas.get(done.id)
    assert (idea.text, idea.source, idea.phase_key) == ("Skeittiramppi", "phone", "ideointi")
    # Paper ideas are typed in whenever the facilitator has time, e.g. during current affairs.
    ws.goto("ajankohtaista")
    paper = ws.ideas.submit("Kyläapu", theme="ikaantyneet", source="paper")
    assert ws.ideas.get(paper.id).source == "paper"
    assert [e.kind for e in ws.store.events()].count("idea_added") == 1


def test_idea_input_is_checked(palvelupaja: Workshop) -> None:
    ws = palvelupaja
    ws.goto("ideointi")
    device = phone(ws)
    for text, key in [("", "text_empty"), ("x" * 501, "text_too_long"),
                      ("a\x00b", "text_control"), ("<script>alert(1)</script>", "text_markup")]:
        with pytest.raises(InvalidInput, match=key):
            ws.ideas.submit(text, theme="nuoret", device_id=device)
    with pytest.raises(NotFound, match="unknown_theme"):
        ws.ideas.submit("ok", theme="ei-ole", device_id=device)
    with pytest.raises(InvalidInput, match="theme_required"):
        ws.ideas.submit("ok", device_id=device)
    assert ws.ideas.all() == []
    # "3 < 5" is not markup; the facilitator may type anything as it was written.
    assert ws.ideas.submit("3 < 5 <3", theme="nuoret", device_id=device).id
    assert ws.ideas.submit("<b>paper</b>", theme="nuoret", source="paper").id


def test_retry_with_the_same_key_counts_once(palvelupaja: Workshop) -> None:
    ws = palvelupaja
    ws.goto("ideointi")
    device = phone(ws)
    a = ws.ideas.submit("Kesätori", theme="elinvoima", device_id=device, idem_key="k-1")
    b = ws.ideas.submit("Kesätori", theme="elinvoima", device_id=device, idem_key="k-1")
    assert a.id == b.id and b.duplicate and len(ws.ideas.all()) == 1
    # Even after the phase closed, a retry of what was saved is answered as saved.
    ws.next()
    assert ws.ideas.submit("Kesätori", theme="elinvoima", device_id=device,
                           idem_key="k-1").duplicate
    # Another device cannot reuse someone's key.
    with pytest.raises(InvalidInput, match="bad_form"):
        ws.ideas.submit("x", theme="elinvoima", device_id=phone(ws), idem_key="k-1")


def test_rate_limit_per_device_per_minute(palvelupaja: Workshop, clock: FakeClock) -> None:
    ws = palvelupaja
    ws.goto("ideointi")
    device = phone(ws)
    for n in range(10):
        ws.ideas.submit(f"idea {n}", theme="nuoret", device_id=device)
    with pytest.raises(TooMany):
        ws.ideas.submit("one more", theme="nuoret", device_id=device)
    ws.ideas.submit("someone else", theme="nuoret", device_id=phone(ws))
    clock.advance(seconds=61)
    ws.ideas.submit("later", theme="nuoret", device_id=device)
    assert len(ws.ideas.all()) == 12


# -- ballots -----------------------------------------------------------------------------

def _ideas(ws: Workshop, n: int, theme: str = "nuoret") -> list[int]:
    return [ws.ideas.submit(f"Idea {i}", theme=theme, source="paper").id for i in range(n)]


def test_phone_ballots_only_while_the_vote_is_open_and_a_new_one_replaces(
        palvelupaja: Workshop) -> None:
    ws = palvelupaja
    ids = _ideas(ws, 3)
    device = phone(ws)
    ws.goto("ideointi")
    with pytest.raises(Closed, match="voting_closed"):
        ws.ballots.cast({str(ids[0]): 1}, device_id=device)
    ws.goto("aanestys")
    ws.ballots.cast({str(ids[0]): 3, str(ids[1]): 2}, device_id=device)
    ws.ballots.cast({str(ids[2]): 1}, device_id=device)  # changed mind
    result = ws.ballots.result()
    assert result.tally.ballots_phone == 1
    assert {i.target: i.phone for i in result.overall} == {str(ids[0]): 0, str(ids[1]): 0,
                                                           str(ids[2]): 1}
    with pytest.raises(InvalidInput, match="too_many_dots"):
        ws.ballots.cast({str(ids[0]): 3, str(ids[1]): 3}, device_id=device)
    ws.next()
    with pytest.raises(Closed):
        ws.ballots.cast({str(ids[0]): 1}, device_id=device)
    # The refused ballots left the stored one alone.
    assert ws.ballots.result("aanestys").tally.phone == {str(ids[2]): 1}


def test_paper_counts_the_same_and_stays_marked_paper(palvelupaja: Workshop) -> None:
    ws = palvelupaja
    a, b = _ideas(ws, 2)
    with pytest.raises(Closed, match="voting_not_started"):
        ws.ballots.set_paper_tally(a, 3, phase="aanestys")
    ws.goto("aanestys")
    ws.ballots.cast({str(a): 2}, device_id=phone(ws))
    ws.ballots.cast({str(b): 3, str(a): 1}, source="paper")
    ws.ballots.set_paper_tally(b, 4)
    ws.ballots.set_paper_tally(b, 5)  # a correction replaces
    ws.next()  # paper can still be typed in after the vote closed
    ws.ballots.cast({str(a): 1}, source="paper", phase="aanestys")
    result = ws.ballots.result("aanestys")
    items = {i.target: i for i in result.overall}
    assert (items[str(a)].phone, items[str(a)].paper) == (2, 2)
    assert (items[str(b)].phone, items[str(b)].paper) == (0, 8)
    assert result.tally.ballots_paper == 2
    assert [r.target for r in result.overall] == [str(b), str(a)]
    kinds = [e.kind for e in ws.store.events()]
    assert kinds.count("paper_ballot") == 2 and kinds.count("paper_tally") == 2


def test_ranking_per_theme_shows_ties(palvelupaja: Workshop) -> None:
    ws = palvelupaja
    n1, n2 = _ideas(ws, 2, "nuoret")
    (p1,) = _ideas(ws, 1, "palvelut")
    ws.goto("aanestys")
    ws.ballots.cast({str(n1): 2, str(n2): 2, str(p1): 1}, device_id=phone(ws))
    result = ws.ballots.result()
    nuoret = result.by_theme["nuoret"]
    assert [(i.rank, i.tied) for i in nuoret] == [(1, True), (1, True)]
    assert result.by_theme["palvelut"][0].rank == 1
    assert [i.rank for i in result.overall] == [1, 1, 3]


def test_merge_moves_votes_and_hidden_ideas_take_none(palvelupaja: Workshop) -> None:
    ws = palvelupaja
    a, b, c = _ideas(ws, 3)
    ws.goto("aanestys")
    d1, d2 = phone(ws), phone(ws)
    ws.ballots.cast({str(a): 2, str(b): 2}, device_id=d1)
    ws.ballots.cast({str(b): 1, str(c): 2}, device_id=d2)
    ws.ballots.set_paper_tally(b, 3)
    ws.ideas.merge(b, a)
    ws.ideas.hide(c, "ei liity aiheeseen")
    result = ws.ballots.result()
    totals = {i.target: (i.phone, i.paper) for i in result.overall}
    # d1's 2+2 on a and b cap at 3 on a; d2's 1 moves to a; paper 3 moves too; c is gone.
    assert totals == {str(a): (4, 3)}
    with pytest.raises(InvalidInput, match="ballot_unknown_option"):
        ws.ballots.cast({str(c): 1}, device_id=phone(ws))
    with pytest.raises(InvalidInput, match="merge_into_hidden"):
        ws.ideas.merge(a, c)
    ws.ideas.restore(b)
    assert {i.target for i in ws.ballots.result().overall} == {str(a), str(b)}


def test_edit_keeps_the_original(palvelupaja: Workshop) -> None:
    ws = palvelupaja
    (a,) = _ideas(ws, 1)
    ws.ideas.edit(a, "Idea 0, tarkennettu")
    idea = ws.ideas.get(a)
    assert (idea.text, idea.original_text, idea.edited) == ("Idea 0, tarkennettu", "Idea 0", True)
    assert ws.store.events()[-1].data["before"] == "Idea 0"


def test_budget_vote_uses_costs_and_funds_in_vote_order(tmp_path, clock: FakeClock) -> None:
    ws = Workshop.create(tmp_path / "ob.db", shipped("osallistuva-budjetointi"), title="OB",
                         clock=clock)
    theme = ws.themes()[0].key
    a = ws.ideas.submit("Kuntoportaat", theme=theme, source="paper", cost_cents=12_000_00).id
    b = ws.ideas.submit("Penkit", theme=theme, source="paper", cost_cents=9_000_00).id
    c = ws.ideas.submit("Opasteet", theme=theme, source="paper", cost_cents=5_000_00).id
    uncosted = ws.ideas.submit("Ei hintaa", theme=theme, source="paper").id
    goto_kind(ws, "vote")
    options = ws.ballots.options(ws.current())
    assert str(uncosted) not in options
    with pytest.raises(InvalidInput, match="over_budget"):
        ws.ballots.cast({str(a): 1, str(b): 1}, device_id=phone(ws))
    for marks in ({str(a): 1, str(c): 1}, {str(a): 1}, {str(b): 1, str(c): 1}, {str(b): 1}):
        ws.ballots.cast(marks, device_id=phone(ws))
    ws.ballots.set_paper_tally(c, 1)
    budget = ws.ballots.result().budget
    # votes: a 2, b 2 (tie, 21 000 € together > 20 000 € budget), c 3
    assert [(ln.target, ln.status) for ln in budget.lines] == [
        (str(c), "funded"), (str(a), "tie"), (str(b), "tie")]
    ws.ballots.set_paper_tally(b, 1)  # a runoff on paper resolves it
    budget = ws.ballots.result().budget
    assert set(budget.funded) == {str(b), str(c)} and budget.left_cents == 6_000_00
    ws.close()


# -- the quiet channel, the record, reveal -------------------------------------------------------

def test_eratauko_insights_only_when_the_round_opens_them(tmp_path, clock: FakeClock) -> None:
    ws = Workshop.create(tmp_path / "e.db", shipped("eratauko"), title="Erätauko", clock=clock)
    assert not ws.template.has_votes
    device = phone(ws)
    ws.goto("yhteinen-keskustelu")
    with pytest.raises(Closed, match="insights_closed"):
        ws.records.add_insight("Tärkeintä oli kuulla toisia", device_id=device)
    ws.goto("oivallukset")
    ws.records.add_insight("Tärkeintä oli kuulla toisia", device_id=device)
    goto_kind(ws, "feedback")
    ws.ballots.cast({"heard": 5, "constructive": 4}, device_id=device)
    ws.ballots.cast({"heard": 3, "constructive": 4}, device_id=phone(ws))
    result = ws.ballots.result()
    means = {i.target: i.mean for i in result.overall}
    assert means == {"heard": 4.0, "constructive": 4.0}
    assert result.overall[0].distribution == {1: 0, 2: 0, 3: 1, 4: 0, 5: 1}
    ws.records.set_summary("main_topics", "Kylän tulevaisuus")
    with pytest.raises(NotFound):
        ws.records.set_summary("votes", "x")
    assert ws.records.summary() == {"main_topics": "Kylän tulevaisuus"}
    assert [i.text for i in ws.records.insights()] == ["Tärkeintä oli kuulla toisia"]
    ws.close()


def test_decisions_notes_and_reveal_go_to_the_event_log(palvelupaja: Workshop) -> None:
    ws = palvelupaja
    (a,) = _ideas(ws, 1)
    ws.goto("aanestys")
    assert not ws.ballots.result().revealed
    ws.reveal()
    assert ws.ballots.result().revealed
    ws.goto("eteenpain")
    ws.records.decide(a, outcome="joint_doing", owner="Kyläyhdistys", next_step="Talkoot",
                      due="2027-03-01")
    with pytest.raises(InvalidInput, match="bad_outcome"):
        ws.records.decide(a, outcome="maybe")
    ws.records.decide(a, outcome="budget", owner="Kunta")  # a second word replaces the first
    assert [(d.outcome, d.owner) for d in ws.records.decisions()] == [("budget", "Kunta")]
    ws.records.note("Seuraava kumppanuuspöytä 15.1.")
    kinds = [e.kind for e in ws.store.events()]
    assert {"reveal", "decision", "note", "phase", "created"} <= set(kinds)


def test_create_validates_its_input(tmp_path, clock: FakeClock) -> None:
    tpl = shipped("palvelupaja")
    with pytest.raises(InvalidInput, match="bad_date"):
        Workshop.create(tmp_path / "a.db", tpl, title="x", date="22.11.2026", clock=clock)
    with pytest.raises(InvalidInput, match="text_empty"):
        Workshop.create(tmp_path / "b.db", tpl, title="  ", clock=clock)
    assert not (tmp_path / "a.db").exists() and not (tmp_path / "b.db").exists()
    ws = Workshop.create(tmp_path / "c.db", tpl, title="  Kylän   ilta ", clock=clock)
    assert ws.info.title == "Kylän ilta" and len(ws.join_code) == 6
    ws.close()


def test_a_refusal_says_which_form_field_it_belongs_to(palvelupaja: Workshop) -> None:
    goto_kind(palvelupaja, "ideas")
    device = palvelupaja.participants.join("fi")[1].id
    cases = [("", "nuoret", "text"), ("x" * 501, "nuoret", "text"), ("<b>x", "nuoret", "text"),
             ("Hyvä idea", "ei-ole", "theme"), ("Hyvä idea", None, "theme")]
    for text, theme, field in cases:
        with pytest.raises(FacilitatorError) as refused:
            palvelupaja.ideas.submit(text, theme=theme, source="phone", device_id=device)
        assert refused.value.field == field, (text, theme, refused.value.key)
    with pytest.raises(FacilitatorError) as late:
        palvelupaja.ideas.submit("x", theme="nuoret", source="bogus")
    assert late.value.field is None


# -- a dots vote's numbers, chosen by the room --------------------------------------------

def test_suggested_dots_are_a_third_of_the_ideas_within_3_to_10() -> None:
    from facilitator.core.voting import suggest_dots
    assert [suggest_dots(n) for n in (0, 6, 12, 15, 21, 30, 31, 90)] == [3, 3, 4, 5, 7, 10, 10, 10]


def test_dots_change_before_the_first_ballot_and_never_after(palvelupaja: Workshop,
                                                             clock: FakeClock) -> None:
    ws = palvelupaja
    ids = _ideas(ws, 12)
    ws.goto("aanestys")
    phase = ws.phase("aanestys")
    assert (phase.spec.vote.dots, phase.spec.vote.per_idea) == (5, 3)
    assert ws.ballots.suggested_dots(phase) == 4
    with pytest.raises(InvalidInput, match="bad_per_idea"):
        ws.ballots.set_dots("aanestys", 2, 3)
    with pytest.raises(InvalidInput, match="bad_dots"):
        ws.ballots.set_dots("aanestys", 0, 1)
    with pytest.raises(InvalidInput, match="not_vote_phase"):
        ws.ballots.set_dots("ideointi", 4, 2)
    changed = ws.ballots.set_dots("aanestys", 4, 2)
    vote = changed.spec.vote
    assert (vote.dots, vote.per_idea) == (4, 2)
    assert "Jokaisella on 4 ääntä." in changed.spec.script["fi"]  # the script says it too
    assert ws.base_template.phase("aanestys").vote.dots == 5  # the template's, for reference
    # The rule follows the new numbers, and a second file handle (the server) sees them.
    device = phone(ws)
    with pytest.raises(InvalidInput, match="per_idea"):
        ws.ballots.cast({str(ids[0]): 3}, device_id=device)
    other = Workshop.open(ws.path, clock)
    assert other.phase("aanestys").spec.vote.dots == 4
    ws.ballots.cast({str(ids[0]): 2, str(ids[1]): 2}, device_id=device)
    with pytest.raises(Closed, match="dots_after_ballot"):
        other.ballots.set_dots("aanestys", 6, 3)
    other.close()
    assert ws.phase("aanestys").spec.vote.dots == 4
    assert [(e.data["dots"], e.data["per_idea"]) for e in ws.store.events(["dots"])] == [(4, 2)]


def test_a_paper_tally_also_closes_the_dots(palvelupaja: Workshop) -> None:
    ws = palvelupaja
    ids = _ideas(ws, 3)
    ws.goto("aanestys")
    ws.ballots.set_paper_tally(ids[0], 2)
    with pytest.raises(Closed, match="dots_after_ballot"):
        ws.ballots.set_dots("aanestys", 3, 1)
