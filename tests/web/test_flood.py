"""A phone that floods: every post has a per-device limit, and a refusal never reaches the writer.

The limits (core/limits.py, PHONE_RATES) are far above what a person does; a script
on the hall's wifi meets them at once. A refused post is answered 429 with a kind
message in the phone's language, on the same page with what the person chose or typed
still there, and costs no job in the single writer and no row in the file.
"""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from facilitator.core.limits import (
    BALLOTS_PER_10_SECONDS,
    IDEAS_PER_MINUTE,
    INSIGHTS_PER_MINUTE,
    JOINS_PER_MINUTE,
    LANGS_PER_MINUTE,
    PHONE_RATES,
    Rate,
    RateLimiter,
    TooFast,
)
from facilitator.errors import TooMany
from facilitator.web.server import Server
from tests.web.web_support import Hall, Phone


def server_of(hall: Hall) -> Server:
    return hall.client.app.state.server  # type: ignore[no-any-return]


class CountingWriter:
    """Wraps the writer's `submit`: how many jobs the edge handed to the writer."""

    def __init__(self, srv: Server) -> None:
        self.jobs = 0
        writer = srv.write
        original = writer.submit

        async def submit(run: Any) -> Any:
            self.jobs += 1
            return await original(run)

        writer.submit = submit  # type: ignore[method-assign]


def vote_ideas(hall: Hall) -> list[int]:
    ids = [hall.ws.ideas.submit(f"Idea {n}", theme=t, source="paper").id
           for n, t in enumerate(["nuoret", "ikaantyneet", "elinvoima"])]
    hall.goto("vote")
    return ids


def test_the_limiter_is_a_sliding_window_that_does_not_count_refusals() -> None:
    now = [0.0]
    limits = RateLimiter(lambda: now[0], {"x": Rate(3, 10, "error.too_many_ballots")})
    for at in (0.0, 1.0, 2.0):
        now[0] = at
        limits.admit("x", 1)
    with pytest.raises(TooMany) as refused:
        limits.admit("x", 1)
    assert refused.value.status == 429 and refused.value.params == {"seconds": 8}
    assert not refused.value.repeated
    limits.admit("x", 2)                    # another phone is not touched
    now[0] = 9.5
    for _ in range(100):                    # a script keeps trying: refused, not counted
        with pytest.raises(TooFast) as again:
            limits.admit("x", 1)
        assert again.value.repeated         # refused before, and has not waited
    now[0] = 10.0                           # the first post (only) has left the window
    limits.admit("x", 1)
    with pytest.raises(TooMany) as refused:
        limits.admit("x", 1)
    assert refused.value.params == {"seconds": 1}
    assert limits.refused == 102


def test_the_limiter_forgets_the_oldest_senders_first() -> None:
    limits = RateLimiter(lambda: 0.0, {"x": Rate(1, 60, "error.too_many_ballots")},
                         max_senders=100)
    for who in range(1000):
        limits.admit("x", who)
    assert len(limits._seen) == 100
    with pytest.raises(TooMany):
        limits.admit("x", 999)
    limits.admit("x", 0)  # long forgotten


def test_every_post_a_phone_can_make_has_a_limit_a_person_never_reaches() -> None:
    assert set(PHONE_RATES) == {"idea", "insight", "vote", "lang", "join", "question", "upvote"}
    assert PHONE_RATES["idea"].count == IDEAS_PER_MINUTE  # the rule core keeps in the file
    assert PHONE_RATES["insight"].count == INSIGHTS_PER_MINUTE
    per_minute = {k: r.count * 60 / r.seconds for k, r in PHONE_RATES.items()}
    assert per_minute["vote"] <= 60 and BALLOTS_PER_10_SECONDS >= 5  # a fix or two, fine
    assert LANGS_PER_MINUTE >= 6 and JOINS_PER_MINUTE >= 30


def test_a_flood_of_ballots_is_refused_before_the_writer_and_keeps_the_marks(
        hall: Hall) -> None:
    a, b, c = vote_ideas(hall)
    phone, other = hall.phone("fi"), hall.phone("en")
    srv = server_of(hall)
    writer = CountingWriter(srv)
    for n in range(BALLOTS_PER_10_SECONDS):
        hall.clock.advance(seconds=1)
        assert phone.post("vote", {f"m.{a}": str(n % 3 + 1)}).status_code == 303
    assert writer.jobs == BALLOTS_PER_10_SECONDS
    before, jobs = hall.counts(), srv.write.jobs
    stored = [x.marks for x in hall.ws.store.ballots(hall.ws.phase("aanestys").row.id)]
    refused = phone.post("vote", {f"m.{a}": "1", f"m.{b}": "3"})
    assert refused.status_code == 429
    html = refused.text
    assert "Tallensit äänesi monta kertaa hetkessä. Odota 5 s ja tallenna sitten" in html
    assert 'id="vote-err"' in html and 'role="alert"' in html
    assert refused.headers["retry-after"] == "5"
    # What the person chose is still on the page, ready to be sent again.
    assert re.search(rf'name="m\.{a}"><option>0</option><option selected>1</option>', html)
    assert re.search(rf'name="m\.{b}">.*<option selected>3</option>', html)
    assert re.search(rf'name="m\.{c}"><option selected>0</option>', html)
    # A script that keeps posting without waiting gets the short page: no form drawn for it.
    form = {"csrf": phone.field("csrf"), "phase": "aanestys", f"m.{a}": "1"}
    srv.throttle_seconds = 0  # its held answer is the next test's; here, fifty of them
    for n in range(50):
        again = phone.request("POST", f"/j/{hall.code}/vote", data={**form, "k": f"s-{n}"})
        assert again.status_code == 429 and "Odota 5 s" in again.text
        assert "<select" not in again.text and f'href="/j/{hall.code}"' in again.text
        assert again.headers["retry-after"] == "5"
    assert writer.jobs == BALLOTS_PER_10_SECONDS and srv.write.jobs == jobs  # no writer job
    assert hall.counts() == before
    assert [x.marks for x in hall.ws.store.ballots(hall.ws.phase("aanestys").row.id)] == stored
    # Another phone votes as if nothing happened.
    assert other.post("vote", {f"m.{c}": "2"}).status_code == 303
    hall.clock.advance(seconds=5)
    assert phone.post("vote", {f"m.{b}": "3"}).status_code == 303
    marks = {x.device_id: x.marks for x in hall.ws.store.ballots(
        hall.ws.phase("aanestys").row.id)}
    assert sorted(marks.values(), key=str) == sorted([{str(b): 3}, {str(c): 2}], key=str)


def test_ideas_and_insights_are_refused_at_the_edge_with_the_text_kept(hall_of: Any) -> None:
    hall = hall_of("palvelupaja")
    hall.goto("ideas")
    phone = hall.phone("sv")
    writer = CountingWriter(server_of(hall))
    for n in range(IDEAS_PER_MINUTE):
        assert phone.post("idea", {"text": f"Idé {n}", "theme": "nuoret"}).status_code == 303
    refused = phone.post("idea", {"text": "En för mycket [/] {0}", "theme": "nuoret"})
    assert refused.status_code == 429 and writer.jobs == IDEAS_PER_MINUTE
    assert "Du skickade många texter på en gång" in refused.text
    assert 'id="text-err"' in refused.text and ">En för mycket [/] {0}</textarea>" in refused.text
    hall = hall_of("eratauko")
    insight = next((p.key for p in hall.ws.phases() if p.spec.accepts_insights), None)
    assert insight is not None
    hall.ws.goto(insight)
    phone = hall.phone("fi")
    writer = CountingWriter(server_of(hall))
    for n in range(INSIGHTS_PER_MINUTE):
        assert phone.post("insight", {"text": f"Oivallus {n}"}).status_code == 303
    refused = phone.post("insight", {"text": "Liikaa"})
    assert refused.status_code == 429 and writer.jobs == INSIGHTS_PER_MINUTE
    assert "Lähetit monta tekstiä hetkessä" in refused.text and "Liikaa" in refused.text
    assert len(hall.ws.records.insights()) == INSIGHTS_PER_MINUTE


def test_language_changes_and_joins_have_limits_too(hall: Hall) -> None:
    phone = hall.phone("fi")
    writer = CountingWriter(server_of(hall))
    langs = ["sv", "en", "fi"]
    for n in range(LANGS_PER_MINUTE):
        assert phone.post("lang", {"lang": langs[n % 3]}).status_code == 303
    refused = phone.post("lang", {"lang": langs[LANGS_PER_MINUTE % 3]})
    assert refused.status_code == 429 and writer.jobs == LANGS_PER_MINUTE
    # In the language the phone has now (the tenth change made it Swedish).
    assert "Du bytte språk många gånger på kort tid. Vänta 60 s" in refused.text
    assert refused.headers["retry-after"] == "60" and "Traceback" not in refused.text
    devices = hall.ws.participants.count()
    for _ in range(JOINS_PER_MINUTE - devices):  # the hall so far came from this address
        hall.phone("fi")
    stranger = Phone(hall.client, hall.code)
    stranger.get()
    jobs = writer.jobs
    refused = stranger.request("POST", f"/j/{hall.code}/join",
                               data={"lang": "en", "csrf": stranger.field("csrf")})
    assert refused.status_code == 429 and writer.jobs == jobs
    assert "Many phones joined from this network in a moment" in refused.text
    assert hall.ws.participants.count() == JOINS_PER_MINUTE
    hall.clock.advance(minutes=1)
    assert stranger.request("POST", f"/j/{hall.code}/join",
                            data={"lang": "en", "csrf": stranger.field("csrf")}
                            ).status_code == 303


def test_a_phone_that_keeps_posting_is_answered_before_its_body_is_read(hall: Hall) -> None:
    """Once refused and not waiting, a post is turned away before its form is parsed or its
    token checked: a body that would be refused as malformed still gets the 429."""
    a, _, _ = vote_ideas(hall)
    phone = hall.phone("fi")
    for n in range(BALLOTS_PER_10_SECONDS):
        hall.clock.advance(seconds=1)
        assert phone.post("vote", {f"m.{a}": str(n % 3 + 1)}).status_code == 303
    assert phone.post("vote", {f"m.{a}": "1"}).status_code == 429  # the first refusal
    started = time.monotonic()
    garbage = phone.request("POST", f"/j/{hall.code}/vote", content=b"%ff%fe&&&=" * 3000,
                            headers={"content-type": "application/x-www-form-urlencoded"})
    assert garbage.status_code == 429 and "Odota" in garbage.text
    # held before its answer: a script posting as fast as it is answered is slowed down
    assert time.monotonic() - started >= server_of(hall).throttle_seconds == 1.0
    hall.clock.advance(seconds=10)  # waited: the same garbage is now read, and refused as such
    garbage = phone.request("POST", f"/j/{hall.code}/vote", content=b"%ff%fe&&&=" * 3000,
                            headers={"content-type": "application/x-www-form-urlencoded"})
    assert garbage.status_code in (400, 403, 413)
