"""Questions to officials on a phone: ask, see them most supported first, support and take
back, without JavaScript (plain forms, POST-redirect-GET), with refusals in place."""

from __future__ import annotations

import re

from tests.web.web_support import Hall


def order(html: str) -> list[str]:
    return re.findall(r'<p id="qt\d+" class="qtext">([^<]*)</p>', html)


def test_phones_ask_support_and_take_back_and_the_list_follows_the_votes(hall: Hall) -> None:
    key = hall.goto("questions")
    assert key == "ajankohtaista"
    asker, fan, other = hall.phone("fi"), hall.phone("sv"), hall.phone("en")
    page = asker.get().text
    assert "<h1>Paikkakunnan ajankohtaiset</h1>" in page
    assert "Kysymyksiä ei ole vielä. Kysy ensimmäisenä." in page
    response = asker.post("question", {"text": "Milloin koulun katto korjataan?"})
    assert response.status_code == 303 and response.headers["location"].endswith("?ok=question")
    page = asker.get(response.headers["location"]).text
    assert "Kysymyksesi on lähetetty." in page
    assert "0 kannatusta · sinun kysymyksesi" in page
    assert other.post("question", {"text": "Is the library bus coming back?"}).status_code == 303
    # A retried post (same key) counts once.
    other.get()
    k = other.field("k")
    other.post("question", {"text": "Once only", "k": k}, fresh=False)
    other.post("question", {"text": "Once only", "k": k}, fresh=False)
    assert [q.text for q in hall.ws.questions.all()].count("Once only") == 1
    bus = next(q.id for q in hall.ws.questions.all() if "library" in q.text)
    # Support: the list reorders, the button turns into "take back".
    response = fan.post("upvote", {"q": str(bus), "up": "1"})
    assert response.status_code == 303 and response.headers["location"].endswith(f"#q{bus}")
    asker.post("upvote", {"q": str(bus), "up": "1"})
    page = fan.get().text
    assert order(page)[0] == "Is the library bus coming back?"
    assert re.search(rf'name="q" value="{bus}">\s*<input type="hidden" name="up" value="0">\s*'
                     rf'<button class="alt" aria-describedby="qt{bus}" aria-pressed="true">'
                     r'Ta tillbaka stödet', page)
    assert "2 stöder" in page
    fan.post("upvote", {"q": str(bus), "up": "0"})
    fan.post("upvote", {"q": str(bus), "up": "0"})   # twice is once
    assert hall.ws.questions.get(bus).votes == 1
    assert "1 supporter" in other.get().text
    # Answered and hidden, as the facilitator marks them.
    roof = next(q.id for q in hall.ws.questions.all() if "katto" in q.text)
    hall.ws.questions.set_status(roof, "answered")
    hall.ws.questions.set_status(bus, "hidden")
    page = asker.get().text
    assert "library" not in page and "0 kannatusta · vastattu · sinun kysymyksesi" in page


def test_question_refusals_are_shown_in_place_and_store_nothing(hall: Hall) -> None:
    hall.goto("ideas")
    phone = hall.phone("fi")
    refused = phone.post("question", {"text": "Liian aikaisin"}, fresh=False)
    assert refused.status_code == 409 and "Kysymyksiä ei voi nyt lähettää" in refused.text
    hall.goto("questions")
    page = phone.post("question", {"text": "<b>lihavoitu</b>"})
    assert page.status_code == 400 and 'id="text-err"' in page.text
    assert "&lt;b&gt;lihavoitu&lt;/b&gt;" in page.text  # the text back to fix, as text
    for bad in ("abc", "-1", "99999"):
        refused = phone.post("upvote", {"q": bad, "up": "1"})
        assert refused.status_code in (400, 404), bad
        assert 'class="alert" role="alert"' in refused.text
    assert hall.ws.questions.all() == []
    hall.goto("vote")
    assert "Kannatan" not in phone.get().text
