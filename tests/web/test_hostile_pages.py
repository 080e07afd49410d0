"""The one hostile corpus (tests/hostile.py) through every phone page and the wall, as typed.

Each case goes in as the workshop's title, a theme's title and question, an idea (from a
phone where phones may send it, on paper otherwise) and an insight, and must come back
literally on the join page, the ideas page (own and others' ideas), the ballot, the
results, the insight page, the questions to officials, a refused form (the text kept to
fix), a late form (the text given back to copy) and the wall. Chromium's view of the
same: test_hostile_browser.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape
from starlette.testclient import TestClient

from tests.hostile import CASES, Case
from tests.web.hostile_support import assert_literal, stored, themes_for
from tests.web.web_support import BASE, Hall, Phone, open_hall


@pytest.fixture
def hall_for(tmp_path: Path, clock: Any) -> Iterator[Any]:
    opened: list[Iterator[Hall]] = []

    def make(key: str, case: Case) -> Hall:
        gen = open_hall(tmp_path / f"{key}.db", key, clock,
                        create={"title": case.line, "themes": themes_for(case)})
        opened.append(gen)
        return next(gen)

    yield make
    for gen in opened:
        for _ in gen:
            pass


def wall(hall: Hall) -> str:
    local = TestClient(hall.client.app, base_url=BASE, client=("127.0.0.1", 50000))
    page = local.get("/wall")
    assert page.status_code == 200
    return page.text


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_palvelupaja_evening_shows_the_text_as_typed_on_every_page(hall_for: Any,
                                                                    case: Case) -> None:
    hall = hall_for("palvelupaja", case)
    text, line = stored(case.text), case.line
    stranger = Phone(hall.client, hall.code)
    assert_literal(stranger.get().text, line, "join page: the workshop's title")
    assert_literal(wall(hall), line, "wall: the workshop's title")

    hall.goto("ideas")
    me, other = hall.phone("fi"), hall.phone("sv")
    page = me.get().text
    assert_literal(page, line, "ideas page: the theme's title and question")
    sent = me.post("idea", {"text": case.text, "theme": "oma"})
    if case.phone:
        assert sent.status_code == 303
        assert_literal(me.get().text, text, "own ideas")
    else:  # refused (markup), and the text is kept in the box to fix
        assert sent.status_code == 400 and 'id="text-err"' in sent.text
        assert_literal(sent.text, case.text, "refused idea: the text kept")
        hall.ws.ideas.submit(case.text, theme="oma", source="paper")
    page = other.get().text
    assert_literal(page, text, "others' ideas")
    assert f"<summary>{escape(line)} (1)</summary>" in page  # the theme's group
    (idea,) = hall.ws.ideas.all()

    hall.goto("questions")  # questions to officials: asked, listed, supported, as typed
    asked = me.post("question", {"text": case.text})
    if case.phone:
        assert asked.status_code == 303
        assert_literal(me.get().text, text, "own question")
    else:
        assert asked.status_code == 400 and 'id="text-err"' in asked.text
        assert_literal(asked.text, case.text, "refused question: the text kept")
        hall.ws.questions.ask(case.text, source="paper")
    (question,) = hall.ws.questions.all()
    assert question.text == text
    assert other.post("upvote", {"q": str(question.id), "up": "1"}).status_code == 303
    page = other.get().text
    assert_literal(page, text, "others' questions")
    assert "1 stöder" in page

    other.get()
    late = {"text": case.text, "theme": "oma", "csrf": other.field("csrf"), "k": other.field("k")}
    hall.goto("vote")
    given_back = other.request("POST", f"/j/{hall.code}/idea", data=late)
    assert given_back.status_code == 409
    assert_literal(given_back.text, case.text, "a late idea, given back to copy")
    ballot = other.get().text
    assert_literal(ballot, text, "ballot: the idea")
    assert_literal(ballot, line, "ballot: the theme")
    assert other.post("vote", {f"m.{idea.id}": "3"}).status_code == 303
    hall.ws.reveal("aanestys")
    results = other.get().text
    assert 'id="results-h"' in results
    assert_literal(results, text, "results: the idea")
    assert_literal(results, line, "results: the theme")
    shown = wall(hall)
    assert_literal(shown, text, "wall: the results")
    assert_literal(shown, line, "wall: the title")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_an_eratauko_evening_insights_and_feedback_show_the_text_as_typed(hall_for: Any,
                                                                         case: Case) -> None:
    hall = hall_for("eratauko", case)
    hall.ws.goto("oivallukset")
    phone = hall.phone("en")
    page = phone.get().text
    assert 'action="/j/' in page and "/insight" in page
    assert_literal(page, case.line, "insight page: the workshop's title")
    sent = phone.post("insight", {"text": case.text})
    if case.phone:
        assert sent.status_code == 303
        assert [i.text for i in hall.ws.records.insights()] == [stored(case.text)]
    else:
        assert sent.status_code == 400
        assert_literal(sent.text, case.text, "refused insight: the text kept")
        assert hall.ws.records.insights() == []
    hall.ws.goto("palaute")
    assert_literal(phone.get().text, case.line, "feedback page: the workshop's title")
    hall.ws.reveal("palaute")
    assert_literal(phone.get().text, case.line, "feedback results")
    assert_literal(wall(hall), case.line, "wall in feedback")
