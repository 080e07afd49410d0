"""Questions to officials through core/: who may ask and vote when, limits, order, status."""

from __future__ import annotations

import pytest
from conftest import FakeClock

from facilitator.core.workshop import Workshop
from facilitator.errors import Closed, InvalidInput, NotFound, TooMany
from tests.hostile import CASES


def phone(ws: Workshop, lang: str = "fi") -> int:
    return ws.participants.join(lang)[1].id


def test_palvelupaja_current_affairs_is_a_questions_phase(palvelupaja: Workshop) -> None:
    phase = palvelupaja.phase("ajankohtaista")
    assert phase.kind == "questions" and phase.spec.accepts_questions
    assert phase.spec.title["fi"] == "Paikkakunnan ajankohtaiset"


def test_phones_ask_and_upvote_only_in_the_questions_phase(palvelupaja: Workshop) -> None:
    ws = palvelupaja
    a, b, c = phone(ws), phone(ws), phone(ws)
    ws.goto("ideointi")
    with pytest.raises(Closed, match="questions_closed"):
        ws.questions.ask("Milloin koulu remontoidaan?", device_id=a)
    with pytest.raises(Closed, match="no_questions_phase"):
        ws.questions.ask("Paperilta", source="paper")
    ws.goto("ajankohtaista")
    q1 = ws.questions.ask("Milloin koulu remontoidaan?", device_id=a).id
    q2 = ws.questions.ask("Tuleeko kirjastoauto takaisin?", device_id=b).id
    q3 = ws.questions.ask("Paperilta: mihin kylätalon rahat menevät?", source="paper").id
    for device in (a, b, c):
        ws.questions.upvote(q2, device_id=device)
    ws.questions.upvote(q2, device_id=c)          # twice is once
    ws.questions.upvote(q3, device_id=c)
    ws.questions.upvote(q1, device_id=a)
    ws.questions.upvote(q1, device_id=b)
    ws.questions.upvote(q1, False, device_id=b)   # taken back
    ranked = ws.questions.ranked()
    assert [(q.id, q.votes, q.rank, q.tied) for q in ranked] == [
        (q2, 3, 1, False), (q1, 1, 2, True), (q3, 1, 2, True)]
    assert ws.questions.votes_of(c) == {q2, q3}
    assert ws.questions.get(q3).source == "paper"
    ws.goto("aanestys")
    with pytest.raises(Closed, match="questions_closed"):
        ws.questions.upvote(q1, device_id=c)
    # Paper questions typed in later still go to the questions phase, marked paper.
    late = ws.questions.ask("Myöhässä paperilta", source="paper").id
    assert ws.questions.get(late).phase_id == ws.phase("ajankohtaista").row.id


def test_questions_are_cleaned_limited_and_retried_once(palvelupaja: Workshop,
                                                        clock: FakeClock) -> None:
    ws = palvelupaja
    ws.goto("ajankohtaista")
    device = phone(ws)
    with pytest.raises(InvalidInput, match="text_empty"):
        ws.questions.ask("   ", device_id=device)
    with pytest.raises(InvalidInput, match="too_long"):
        ws.questions.ask("x" * 501, device_id=device)
    with pytest.raises(InvalidInput, match="markup"):
        ws.questions.ask("<script>alert(1)</script>", device_id=device)
    first = ws.questions.ask("Kysymys", device_id=device, idem_key="k-1")
    again = ws.questions.ask("Kysymys", device_id=device, idem_key="k-1")
    assert again.duplicate and again.id == first.id
    for n in range(4):
        ws.questions.ask(f"Kysymys {n}", device_id=device)
    with pytest.raises(TooMany):
        ws.questions.ask("Yksi liikaa", device_id=device)
    clock.advance(minutes=1, seconds=1)
    ws.questions.ask("Minuutin päästä", device_id=device)
    assert len(ws.questions.all()) == 6
    # Hostile text from paper is stored as typed (the screens show it literally).
    for case in CASES:
        ws.questions.ask(case.text, source="paper")
    assert [q.text for q in ws.questions.all()][-len(CASES):] == [c.text for c in CASES]


def test_the_facilitator_answers_and_hides_and_the_log_keeps_it(palvelupaja: Workshop) -> None:
    ws = palvelupaja
    ws.goto("ajankohtaista")
    a, b = phone(ws), phone(ws)
    q1 = ws.questions.ask("Vastataan", device_id=a).id
    q2 = ws.questions.ask("Piilotetaan", device_id=b).id
    ws.questions.upvote(q2, device_id=a)
    assert ws.questions.set_status(q1, "answered").status == "answered"
    ws.questions.set_status(q2, "hidden")
    assert [q.id for q in ws.questions.ranked()] == [q1]
    assert [q.id for q in ws.questions.ranked(hidden=True)] == [q2, q1]  # by votes
    with pytest.raises(NotFound):
        ws.questions.upvote(q2, device_id=b)   # a hidden question takes no votes
    with pytest.raises(InvalidInput):
        ws.questions.set_status(q1, "deleted")
    with pytest.raises(NotFound):
        ws.questions.set_status(999, "answered")
    assert [(e.data["question"], e.data["status"]) for e in ws.store.events(["question"])] == [
        (q1, "answered"), (q2, "hidden")]
    assert ws.questions.counts() == {"open": 0, "answered": 1, "hidden": 1, "total": 2,
                                     "votes": 1}


def test_top_questions_for_the_wall_put_open_ones_first(palvelupaja: Workshop) -> None:
    ws = palvelupaja
    ws.goto("ajankohtaista")
    devices = [phone(ws) for _ in range(3)]
    ids = [ws.questions.ask(f"K{n}", source="paper").id for n in range(4)]
    for n, q in enumerate(ids):
        for device in devices[:n]:
            ws.questions.upvote(q, device_id=device)
    ws.questions.set_status(ids[3], "answered")
    assert [q.text for q in ws.questions.top(3)] == ["K2", "K1", "K0"]
    assert [q.text for q in ws.questions.top(10)] == ["K2", "K1", "K0", "K3"]
