"""What a phone sees and sends in every kind of phase, and the rows it leaves behind."""

from __future__ import annotations

import re
import time

from tests.hostile import CASES
from tests.web.web_support import Hall


def ideas_of(hall: Hall) -> list[str]:
    return [i.text for i in hall.ws.ideas.all()]


def test_before_the_start_and_after_the_end(hall: Hall) -> None:
    phone = hall.phone("fi")
    assert "Odota hetki" in phone.html and "Työpaja alkaa pian" in phone.html
    hall.ws.start()
    assert "Kahvit" in phone.get().text
    hall.goto("ideas")
    phone.get()
    form = {"text": "Vähän myöhässä", "theme": "nuoret", "csrf": phone.field("csrf"),
            "k": phone.field("k")}
    hall.ws.finish()
    page = phone.get().text
    assert "Työpaja on päättynyt" in page and "<form method=\"post\" action=\"/j/" in page
    assert "/idea" not in page and "/vote" not in page
    late = phone.request("POST", f"/j/{hall.code}/idea", data=form)
    assert late.status_code == 409 and "Työpaja on päättynyt. Kiitos" in late.text
    assert "Vähän myöhässä" in late.text and hall.counts()[0] == 0


def test_ideas_phase_shows_the_prompt_themes_own_and_others_ideas(hall: Hall) -> None:
    hall.goto("ideas")
    me, other = hall.phone("fi"), hall.phone("fi")
    page = me.get().text
    assert "Valitse teema ja kirjoita ideasi" in page  # the prompt
    assert page.count('type="radio" name="theme"') == 6
    assert "Mitä nuoret tarvitsevat kunnassamme?" in page  # the theme's question
    assert "Voit kirjoittaa enintään 500 merkkiä." in page and 'maxlength="500"' in page
    response = me.post("idea", {"text": "Skeittiramppi kentän laitaan", "theme": "nuoret"})
    assert response.status_code == 303
    assert response.headers["location"] == f"/j/{hall.code}?ok=idea&t=nuoret"
    saved = me.get(response.headers["location"]).text
    assert "Ideasi on tallennettu" in saved
    assert re.search(r'value="nuoret" required checked', saved)  # same station, next idea
    assert "Lähettämäsi ideat (1)" in saved and "Skeittiramppi kentän laitaan" in saved
    other.post("idea", {"text": "Penkkejä kävelyreitille", "theme": "ikaantyneet"})
    mine = me.get().text
    assert "Muiden ideat" in mine and "Penkkejä kävelyreitille" in mine
    assert "<summary>Ikäihmiset (1)</summary>" in mine
    theirs = other.get().text
    assert "Skeittiramppi" in theirs and "Lähettämäsi ideat (1)" in theirs
    assert ideas_of(hall) == ["Skeittiramppi kentän laitaan", "Penkkejä kävelyreitille"]
    idea = hall.ws.ideas.all()[0]
    assert idea.source == "phone" and idea.device_id is not None


def test_others_ideas_stay_hidden_and_one_theme_needs_no_choice(hall_of) -> None:
    hall = hall_of("quiet")
    hall.goto("ideas")
    me, other = hall.phone("fi"), hall.phone("fi")
    other.post("idea", {"text": "Toisen idea", "theme": "nuoret"})
    page = me.get().text
    assert "Muiden ideat" not in page and "Toisen idea" not in page
    assert 'type="radio"' not in page
    assert '<input type="hidden" name="theme" value="nuoret">' in page
    assert "Mitä nuoret tarvitsevat kunnassamme?" in page
    closed = me.post("idea", {"text": "Väärä teema", "theme": "elinvoima"})
    assert closed.status_code == 409 and 'id="theme-err"' in closed.text
    assert [i.text for i in hall.ws.ideas.all()] == ["Toisen idea"]


def test_a_retried_idea_counts_once(hall: Hall) -> None:
    hall.goto("ideas")
    phone = hall.phone("fi")
    phone.get()
    data = {"text": "Kesäteatteri kirkonmäelle", "theme": "vapaat-ideat",
            "csrf": phone.field("csrf"), "k": phone.field("k")}
    for _ in range(3):  # the answer got lost on the wifi; the browser sends again
        response = phone.request("POST", f"/j/{hall.code}/idea", data=data)
        assert response.status_code == 303
    assert ideas_of(hall) == ["Kesäteatteri kirkonmäelle"]


def test_idea_errors_are_shown_next_to_the_field_and_store_nothing(hall: Hall) -> None:
    hall.goto("ideas")
    phone = hall.phone("en")
    cases = [("x" * 501, 400, "Too long"), ("a\x00b", 400, None), ("   ", 400, None)] + [
        (c.text, 400, "<") for c in CASES if not c.phone]  # the corpus's markup
    for text, status, _ in cases:
        response = phone.post("idea", {"text": text, "theme": "nuoret"})
        assert response.status_code == status, text
        html = response.text
        assert 'aria-invalid="true"' in html and 'id="text-err"' in html
        assert 'aria-describedby="text-hint text-err"' in html
        assert "<script>alert" not in html and "<b>&" not in html and "<font" not in html
    assert ideas_of(hall) == []


def test_idea_rate_limit_is_per_phone_and_per_minute(hall: Hall) -> None:
    hall.goto("ideas")
    phone, other = hall.phone("fi"), hall.phone("fi")
    for n in range(10):
        assert phone.post("idea", {"text": f"Idea {n}", "theme": "nuoret"}).status_code == 303
    refused = phone.post("idea", {"text": "Yksi liikaa", "theme": "nuoret"})
    assert refused.status_code == 429 and "Odota minuutti" in refused.text
    assert "Yksi liikaa" in refused.text  # the text is kept in the box
    assert other.post("idea", {"text": "Toinen puhelin", "theme": "nuoret"}).status_code == 303
    hall.clock.advance(minutes=1, seconds=1)
    assert phone.post("idea", {"text": "Nyt taas", "theme": "nuoret"}).status_code == 303
    assert len(ideas_of(hall)) == 12


def test_a_closed_phase_answers_kindly_and_gives_the_text_back(hall: Hall) -> None:
    hall.goto("ideas")
    phone = hall.phone("fi")
    phone.get()
    form = {"text": "Myöhässä tullut idea", "theme": "nuoret", "csrf": phone.field("csrf"),
            "k": phone.field("k")}
    hall.goto("vote")
    response = phone.request("POST", f"/j/{hall.code}/idea", data=form)
    assert response.status_code == 409
    assert "Ideoita ei kerätä juuri nyt" in response.text and 'role="alert"' in response.text
    assert "Myöhässä tullut idea" in response.text  # to copy, not lost
    assert "<h1>Äänestys</h1>" in response.text    # and the page is the vote now
    assert ideas_of(hall) == []


def add_ideas(hall: Hall, *texts_by_theme: tuple[str, str], cost: int | None = None) -> list[int]:
    ids = [hall.ws.ideas.submit(text, theme=theme, source="paper").id
           for theme, text in texts_by_theme]
    if cost is not None:
        for n, idea_id in enumerate(ids):
            hall.ws.ideas.set_cost(idea_id, cost * (n + 1))
    return ids


def test_dots_ballot_shows_dots_left_and_the_limit_and_replaces_the_old_one(hall: Hall) -> None:
    a, b, c = add_ideas(hall, ("nuoret", "Nuorisotila"), ("ikaantyneet", "Tuolijumppa"),
                        ("elinvoima", "Kesätori"))
    key = hall.goto("vote")
    phone = hall.phone("fi")
    page = phone.get().text
    assert "Sinulla on 5 ääntä. Yhdelle idealle voit antaa 1–3." in page
    # Without JavaScript the page cannot count choices made after it was drawn: the
    # counter states the rule, and JavaScript gets the sentences for what is left.
    assert '<p class="count" data-live-count data-left="Voit antaa vielä {n} ääntä."' in page
    assert ">Sinulla on 5 ääntä.</p>" in page
    assert page.count("<select") == 3 and page.count("<option") == 3 * 4
    assert f'<label for="i{a}">Nuorisotila</label>' in page
    response = phone.post("vote", {f"m.{a}": "3", f"m.{b}": "2", f"m.{c}": "0"})
    assert response.status_code == 303 and response.headers["location"].endswith("?ok=vote")
    page = phone.get(response.headers["location"]).text
    assert "Äänesi on tallennettu. Annoit 5 ääntä." in page  # what the server counted
    assert re.search(rf'name="m\.{a}"><option>0</option><option>1</option><option>2</option>'
                     r'<option selected>3</option>', page)
    ballots = hall.ws.store.ballots(hall.ws.phase(key).row.id)
    assert [b_.marks for b_ in ballots] == [{str(a): 3, str(b): 2}]
    phone.post("vote", {f"m.{c}": "1"})
    ballots = hall.ws.store.ballots(hall.ws.phase(key).row.id)
    assert [b_.marks for b_ in ballots] == [{str(c): 1}]  # one phone, one ballot


def test_bad_ballots_of_every_kind_are_refused_and_store_nothing(hall: Hall) -> None:
    a, b = add_ideas(hall, ("nuoret", "Nuorisotila"), ("ikaantyneet", "Tuolijumppa"))
    hidden = add_ideas(hall, ("nuoret", "Piilotettu"))[0]
    hall.ws.ideas.hide(hidden, "testi")
    hall.goto("vote")
    phone = hall.phone("fi")
    before = hall.counts()
    cases = {
        "over the per-idea limit": ({f"m.{a}": "4"}, "enintään 3"),
        "too many dots": ({f"m.{a}": "3", f"m.{b}": "3"}, "Sinulla on 5 ääntä"),
        "unknown idea": ({"m.99999": "1"}, "Valitsemaasi ideaa ei ole"),
        "hidden idea": ({f"m.{hidden}": "1"}, "Valitsemaasi ideaa ei ole"),
        "not a number": ({f"m.{a}": "kolme"}, "numero"),
        "negative": ({f"m.{a}": "-1"}, "alle nolla"),
        "huge": ({f"m.{a}": "9" * 5000}, "numero"),
        "empty": ({}, "Et valinnut mitään"),
    }
    for name, (marks, words) in cases.items():
        hall.clock.advance(seconds=2)  # a person's pace: read the message, fix, send again
        response = phone.post("vote", marks)
        assert response.status_code == 400, name
        assert words in response.text and 'role="alert"' in response.text, name
    assert hall.counts() == before


def test_a_ballot_from_an_old_phase_or_a_closed_vote_is_refused(hall: Hall) -> None:
    (a,) = add_ideas(hall, ("nuoret", "Nuorisotila"))
    hall.goto("vote")
    phone = hall.phone("fi")
    old = phone.post("vote", {f"m.{a}": "1", "phase": "ideointi"})
    assert old.status_code == 409 and "Äänestys ei ole nyt auki" in old.text
    hall.goto("info", 3)
    closed = phone.post("vote", {f"m.{a}": "1", "phase": "aanestys"})
    assert closed.status_code == 409
    assert hall.counts()[1] == 0


def test_approval_ballot(hall_of) -> None:
    hall = hall_of("kumppanuuspoyta")
    ids = add_ideas(hall, *[(hall.ws.themes()[0].key, f"Idea {n}") for n in range(5)])
    hall.goto("vote")
    phone = hall.phone("fi")
    page = phone.get().text
    assert "Valitse ideat, joita kannatat." in page and "Voit valita enintään 3 ideaa." in page
    assert page.count('type="checkbox"') == 5 and 'data-left="Voit valita vielä {n} ideaa."' in page
    assert phone.post("vote", {f"m.{i}": "1" for i in ids[:4]}).status_code == 400
    assert phone.post("vote", {f"m.{ids[0]}": "2"}).status_code == 400  # one each
    assert phone.post("vote", {f"m.{i}": "1" for i in ids[:2]}).status_code == 303
    assert "Valitsit 2 ideaa." in phone.get().text


def test_budget_ballot_shows_costs_and_the_running_total_in_finnish_money(hall_of) -> None:
    hall = hall_of("osallistuva-budjetointi")
    theme = hall.ws.themes()[0].key
    ids = add_ideas(hall, (theme, "Kuntoportaat"), (theme, "Laavu"), (theme, "Katos"),
                    cost=7_500_00)
    uncosted = add_ideas(hall, (theme, "Ei hintaa"))[0]
    hall.goto("vote")
    phone = hall.phone("fi")
    page = phone.get().text
    assert "Rahaa on 20\xa0000\xa0€" in page
    assert "Maksaa 7\xa0500\xa0€" in page and "Maksaa 15\xa0000\xa0€" in page
    assert "Ei hintaa" not in page  # not on the ballot without a cost
    assert 'data-left="Valintasi maksavat {total}. Rahaa jää {n}."' in page
    over = phone.post("vote", {f"m.{ids[1]}": "1", f"m.{ids[2]}": "1"})
    assert over.status_code == 400 and "enemmän kuin rahaa on" in over.text
    assert "Se on 17\xa0500\xa0€ liikaa" in over.text  # the choice is kept and counted
    assert phone.post("vote", {f"m.{uncosted}": "1"}).status_code == 400
    ok = phone.post("vote", {f"m.{ids[0]}": "1"})
    assert ok.status_code == 303
    assert "Valitsit 1 idean. Ne maksavat 7\xa0500\xa0€. Rahaa jää 12\xa0500\xa0€." in (
        phone.get().text)
    assert re.search(r'type="checkbox" name="m\.\d+" value="1" checked data-cost="750000"',
                     phone.html)
    english = hall.phone("en")
    assert "There is €20,000 to spend" in english.get().text
    assert "Costs €7,500" in english.html


def test_scale_ballot_rates_each_idea(hall_of) -> None:
    hall = hall_of("scale")
    a, b = add_ideas(hall, ("nuoret", "Nuorisotila"), ("elinvoima", "Kesätori"))
    key = hall.goto("vote")
    phone = hall.phone("fi")
    page = phone.get().text
    assert "Valitse jokaiseen kohtaan yksi numero." in page
    assert page.count(f'name="m.{a}"') == 6  # 1..5 and "no answer"
    assert phone.post("vote", {f"m.{a}": "6"}).status_code == 400
    assert phone.post("vote", {f"m.{a}": "5", f"m.{b}": ""}).status_code == 303
    assert hall.ws.store.ballots(hall.ws.phase(key).row.id)[0].marks == {str(a): 5}


def test_dialogue_shows_the_ground_rules_and_round_takes_anonymous_insights(hall_of) -> None:
    hall = hall_of("eratauko")
    hall.ws.goto("pelisaannot")
    phone = hall.phone("fi")
    page = phone.get().text
    assert "Pelisäännöt" in page and 'class="rules"' in page
    for rule in hall.ws.template.rules.rules["fi"]:
        assert rule in page
    assert "/insight" not in page
    phone.post("lang", {"lang": "sv"})
    assert hall.ws.template.rules.rules["sv"][0] in phone.get().text
    hall.ws.goto("oivallukset")
    page = phone.get().text
    assert 'action="/j/' in page and "/insight" in page and "Ingen ser vem som skrev den" in page
    response = phone.post("insight", {"text": "Kuuntelu auttoi ymmärtämään."})
    assert response.status_code == 303
    page = phone.get(response.headers["location"]).text
    assert "Din insikt är sparad" in page
    # Listed back like sent ideas, and only this phone's own.
    assert "Insikter som du har skickat (1)" in page and "Kuuntelu auttoi ymmärtämään." in page
    assert "Kuuntelu auttoi" not in hall.phone("fi").get().text
    (insight,) = hall.ws.records.insights()
    assert insight.text == "Kuuntelu auttoi ymmärtämään." and insight.source == "phone"
    assert phone.post("insight", {"text": "<i>x</i>"}).status_code == 400
    hall.ws.goto("yhteinen-keskustelu")
    closed = phone.post("insight", {"text": "Liian myöhään"})
    assert closed.status_code == 409 and len(hall.ws.records.insights()) == 1


def test_feedback_scale_with_questions(hall_of) -> None:
    hall = hall_of("eratauko")
    hall.ws.goto("palaute")
    phone = hall.phone("en")
    page = phone.get().text
    assert "I was heard." in page and "The discussion was constructive." in page
    assert "Send my answer" in page
    assert phone.post("vote", {"m.heard": "4"}).status_code == 303
    assert phone.post("vote", {"m.nosuch": "4"}).status_code == 400
    assert hall.ws.ballots.result("palaute").tally.ballots_phone == 1


def test_results_only_when_revealed(hall: Hall) -> None:
    a, b = add_ideas(hall, ("nuoret", "Nuorisotila"), ("nuoret", "Skeittiramppi"))
    key = hall.goto("vote")
    phone, other = hall.phone("fi"), hall.phone("en")
    phone.post("vote", {f"m.{a}": "3", f"m.{b}": "2"})
    other.post("vote", {f"m.{b}": "3"})
    assert "Tulokset" not in phone.get().text
    hall.goto("info", 3)
    assert "Tulokset" not in phone.get().text
    hall.ws.reveal(key)
    page = phone.get().text
    assert "Tulokset: Äänestys" in page and "2 ihmistä äänesti." in page
    # each with its number: what further ideation's `#N: ...` starts with
    assert re.search(rf"<b>1\.</b><span><b class=\"num\">#{b}</b> Skeittiramppi</span>"
                     r"<span class=\"n\">5 ääntä", page)
    assert re.search(rf"<b>2\.</b><span><b class=\"num\">#{a}</b> Nuorisotila</span>"
                     r"<span class=\"n\">3 ääntä", page)
    assert "Results: Voting" in other.get().text and "5 votes" in other.html
    hall.ws.reveal(key, shown=False)
    assert "Tulokset" not in phone.get().text


def test_results_show_ties_as_ties_and_budget_funding(hall_of) -> None:
    hall = hall_of("osallistuva-budjetointi")
    theme = hall.ws.themes()[0].key
    a, b = add_ideas(hall, (theme, "Laavu"), (theme, "Katos"), cost=5_000_00)
    key = hall.goto("vote")
    c, d = add_ideas(hall, (theme, "Kota"), (theme, "Grilli"), cost=1_000_00)
    for idea in (a, b):
        hall.phone("fi").post("vote", {f"m.{idea}": "1"})
    hall.ws.reveal(key)
    page = hall.phone("fi").get().text
    assert page.count("(tasapeli)") == 2  # Laavu and Katos; not Kota and Grilli (no votes)
    assert ("Rahaa oli 20\xa0000\xa0€. Ideoihin käytetään 15\xa0000\xa0€. "
            "Rahaa jäi 5\xa0000\xa0€.") in page
    assert "rahoitetaan" in page


def test_feedback_results_show_the_average(hall_of) -> None:
    hall = hall_of("eratauko")
    hall.ws.goto("palaute")
    hall.phone("fi").post("vote", {"m.heard": "4", "m.constructive": "5"})
    hall.phone("fi").post("vote", {"m.heard": "5"})
    hall.ws.reveal("palaute")
    page = hall.phone("fi").get().text
    assert "Tulin kuulluksi." in page and "keskiarvo 4,5" in page and "2 vastausta" in page


def test_further_ideation_builds_on_a_voted_idea_from_the_phone(hall: Hall) -> None:
    a, b = add_ideas(hall, ("nuoret", "Nuorisotila"), ("ikaantyneet", "Tuolijumppa"))
    key = hall.goto("vote")
    voter = hall.phone("fi")
    voter.post("vote", {f"m.{a}": "3"})
    hall.ws.reveal(key)
    hall.clock.advance(minutes=3)
    late = hall.ws.ideas.submit("Myöhästynyt", theme="nuoret", source="paper").id
    hall.goto("ideas", 1)   # jatkoideointi
    phone, swede = hall.phone("fi"), hall.phone("sv")
    page = phone.get().text
    assert 'id="build-hint"' in page and "Aloita sen numerolla" in page
    assert 'aria-describedby="text-hint build-hint"' in page
    assert f'<b class="num">#{a}</b> Nuorisotila' in page   # the numbers are on the page
    ideas_before = len(hall.ws.ideas.all())
    sent = phone.post("idea", {"text": f"#{a}: Koulu antaa luokan iltaisin"})
    assert sent.status_code == 303 and "ok=build_on" in sent.headers["location"]
    page = phone.get(sent.headers["location"]).text
    assert "Jatkoideasi tallentui" in page
    assert f"jatkoidea ideaan #{a}" in page                  # in the phone's own list
    assert len(hall.ws.ideas.all()) == ideas_before          # not a new idea
    assert [n.text for n in hall.ws.ideas.build_ons()[a]] == ["Koulu antaa luokan iltaisin"]
    other = hall.phone("fi").get().text                       # others see it under #a
    assert re.search(rf'#{a}</b> Nuorisotila<ul class="build-ons"[^>]*><li>Koulu antaa', other)
    for number, said in ((999, "Det finns ingen idé #999"),
                         (late, f"Idé #{late} fanns inte med i omröstningen")):
        refused = swede.post("idea", {"text": f"#{number}: tillägg", "theme": "nuoret"})
        assert refused.status_code in (400, 404, 409)
        assert re.search(r'<p id="text-err" class="err">' + re.escape(said), refused.text)
        assert 'aria-invalid="true"' in refused.text
        assert f"#{number}: tillägg" in refused.text          # the text is kept to fix
    assert len(hall.ws.store.build_ons()) == 1


def test_results_list_the_top_three_of_each_theme_with_a_tie_at_third(hall: Hall) -> None:
    a, b, c, d, e, f = add_ideas(hall, ("nuoret", "Nuorisotila"), ("nuoret", "Skeittiramppi"),
                                 ("nuoret", "Iltabussi"), ("nuoret", "Kesätyöt"),
                                 ("nuoret", "Frisbeegolf"), ("ikaantyneet", "Tuolijumppa"))
    key = hall.goto("vote")
    for marks in ({a: 3, b: 2}, {a: 1, c: 2, d: 2}, {b: 1, c: 1, d: 1, e: 1, f: 1}):
        hall.phone("fi").post("vote", {f"m.{k}": str(v) for k, v in marks.items()})
    hall.ws.reveal(key)
    page = hall.phone("fi").get().text
    top = page[page.index("3 suosituinta teemaa kohden"):page.index("Kaikki ideat teemoittain")]
    # Nuorisotila 4, then Skeittiramppi, Iltabussi and Kesätyöt all 3: a tie at 2nd takes all.
    assert re.search(r"<b>1\.</b><span>Nuorisotila</span><span class=\"n\">4 ääntä", top)
    for idea in ("Skeittiramppi", "Iltabussi", "Kesätyöt"):
        assert re.search(rf"<b>2\.</b><span>{idea}<span class=\"meta\"> \(tasapeli\)", top)
    assert "Frisbeegolf" not in top and "Tuolijumppa" in top
    assert top.index("Nuoret") < top.index("Ikäihmiset")


def test_results_revealed_while_voting_is_open_say_they_may_change(hall: Hall) -> None:
    a, b = add_ideas(hall, ("nuoret", "Nuorisotila"), ("nuoret", "Skeittiramppi"))
    key = hall.goto("vote")
    phone, other, swede = hall.phone("fi"), hall.phone("en"), hall.phone("sv")
    phone.post("vote", {f"m.{a}": "3"})
    hall.ws.reveal(key)  # the facilitator said yes to "Äänestys on vielä auki"
    page = phone.get().text
    assert "Tulokset: Äänestys" in page
    assert "Äänestys on vielä auki: tulokset voivat vielä muuttua." in page
    assert "<select" in page  # and the ballot can still be changed under them
    assert "Voting is still open: the results may still change." in other.get().text
    assert "Röstningen pågår ännu: resultaten kan ännu ändras." in swede.get().text
    other.post("vote", {f"m.{b}": "2"})
    deadline = time.monotonic() + 3  # live counts are recounted at most once a second
    while not re.search(r"Skeittiramppi</span><span class=\"n\">2 ääntä", phone.get().text):
        assert time.monotonic() < deadline, "the new ballot never reached the live results"
    hall.goto("info", 3)  # voting closes: the same results, no longer "may change"
    page = phone.get().text
    assert "Tulokset: Äänestys" in page and "vielä auki" not in page


def test_the_dots_the_room_chose_are_what_phones_say_and_count(hall: Hall) -> None:
    a, b, c = add_ideas(hall, ("nuoret", "Nuorisotila"), ("ikaantyneet", "Tuolijumppa"),
                        ("elinvoima", "Kesätori"))
    key = hall.goto("vote")
    phone = hall.phone("fi")
    assert "Sinulla on 5 ääntä. Yhdelle idealle voit antaa 1–3." in phone.get().text
    hall.ws.ballots.set_dots(key, 4, 2)  # the facilitator's change, before any ballot
    page = phone.get().text
    assert "Sinulla on 4 ääntä. Yhdelle idealle voit antaa 1–2." in page
    assert ">Sinulla on 4 ääntä.</p>" in page and 'data-limit="4"' in page
    assert page.count("<option") == 3 * 3  # 0, 1 or 2 on each idea
    assert "You have 4 votes" in hall.phone("en").get().text
    refused = phone.post("vote", {f"m.{a}": "3"})
    assert refused.status_code == 400 and "enintään 2" in refused.text
    assert phone.post("vote", {f"m.{a}": "2", f"m.{b}": "2"}).status_code == 303
