"""The phone's way in Debian's Chromium: join → idea → vote → results, fi and en, JS on and off.

The test plays the facilitator on its own connection to the file (as the TUI
does). With JavaScript on, the page must follow the phase change and the
reveal by itself within 3 s, without a reload; with JavaScript off, the
"refresh" link does it. Every request is recorded: none may leave the laptop.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser_support import Requests, Served, phone_context, serve

pytestmark = pytest.mark.browser

WORDS = {
    "fi": {"join": "Jatka suomeksi", "send": "Lähetä idea", "saved": "Ideasi on tallennettu",
           "vote": "Äänestys", "save_vote": "Tallenna äänet", "voted": "Äänesi on tallennettu",
           "none": "Olet antanut kaikki äänesi.", "more": "Anna ääni: {idea}",
           "results": "Tulokset: Äänestys", "refresh":
           "Päivitä sivu", "votes": "{n} ääntä", "idea": "Nuorisotila vanhaan kouluun"},
    "en": {"join": "Continue in English", "send": "Send the idea", "saved": "Your idea is saved",
           "vote": "Voting", "save_vote": "Save my votes", "voted": "Your vote is saved",
           "none": "You have given all your votes.", "more": "Give a vote: {idea}",
           "results": "Results: Voting", "refresh":
           "Refresh the page", "votes": "{n} votes", "idea": "A youth club in the old school"},
}


def follow(page: Any, served: Served, js: bool, w: dict[str, str], text: str) -> None:
    """After the facilitator acted: JS pages update by themselves, others via the link."""
    if js:
        page.get_by_text(text, exact=False).first.wait_for(timeout=3000)  # within 3 s
        assert page.evaluate("() => window.__sameDocument") is True  # and no reload
    else:
        page.get_by_role("link", name=w["refresh"]).click()
        page.get_by_text(text, exact=False).first.wait_for()


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_join_idea_vote_results(playwright_: Any, browser: Any, tmp_path: Path, lang: str,
                                js: bool) -> None:
    w = WORDS[lang]
    requests = Requests()
    with serve(tmp_path / "ilta.db", "palvelupaja") as served:
        served.ws.goto("ideointi")
        context = phone_context(playwright_, browser, js=js, requests=requests,
                                lang="fi-FI" if lang == "fi" else "en-GB")
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.goto(served.join)
        assert page.title()
        page.get_by_role("button", name=w["join"]).click()
        assert page.locator("html").get_attribute("lang") == lang

        # -- an idea ----------------------------------------------------------------
        page.get_by_role("radio").first.check()
        page.get_by_role("textbox").fill(w["idea"])
        page.get_by_role("button", name=w["send"]).click()
        page.get_by_text(w["saved"]).wait_for()
        assert w["idea"] in page.content()
        (idea,) = served.ws.ideas.all()
        assert idea.text == w["idea"] and idea.source == "phone"

        # -- the facilitator opens the vote --------------------------------------------
        other = served.ws.ideas.submit("Kesätori satamaan", theme="elinvoima", source="paper")
        if js:
            page.evaluate("() => { window.__sameDocument = true; }")
        served.ws.goto("aanestys")
        follow(page, served, js, w, w["save_vote"])
        assert page.get_by_role("heading", level=1).inner_text() == w["vote"]
        if js:  # − and + beside each idea; the count follows the taps
            for idea_text, n in ((w["idea"], 3), ("Kesätori satamaan", 2)):
                for _ in range(n):
                    page.get_by_role("button", name=w["more"].format(idea=idea_text)).click()
            page.get_by_text(w["none"]).wait_for(timeout=1000)
        else:  # the select of each idea
            page.get_by_label(w["idea"], exact=True).select_option("3")
            page.get_by_label("Kesätori satamaan", exact=True).select_option("2")
        page.get_by_role("button", name=w["save_vote"]).click()
        page.get_by_text(w["voted"]).wait_for()
        (ballot,) = served.ws.store.ballots(served.ws.phase("aanestys").row.id)
        assert ballot.marks == {str(idea.id): 3, str(other.id): 2}

        # -- the facilitator shows the results ---------------------------------------------
        if js:
            page.evaluate("() => { window.__sameDocument = true; }")
        served.ws.reveal("aanestys")
        follow(page, served, js, w, w["results"])
        results = page.locator("#results-h").locator("xpath=..").inner_text()
        assert re.search(rf"1\.\s*{re.escape(w['idea'])}\s*{w['votes'].format(n=3)}", results)
        context.close()
    assert not requests.blocked, requests.blocked
    assert requests.seen and all(u.startswith(served.base) for u in requests.seen)
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems


def test_nothing_ever_leaves_the_laptop(playwright_: Any, browser: Any, tmp_path: Path) -> None:
    """Every page of every phase (the wall too) makes only requests to this laptop."""
    requests = Requests()
    with serve(tmp_path / "b.db", "osallistuva-budjetointi") as served:
        ws = served.ws
        context = phone_context(playwright_, browser, requests=requests)
        page = context.new_page()
        page.goto(served.base + "/")
        page.goto(served.join)
        page.get_by_role("button", name="Jatka suomeksi").click()
        for phase in ws.phases():
            if phase.kind == "vote":
                for n in range(3):
                    theme = ws.themes()[n].key
                    made = ws.ideas.submit(f"Idea {n}", theme=theme, source="paper")
                    ws.ideas.set_cost(made.id, 500_000)
            ws.goto(phase.key)
            if phase.kind in ("vote", "feedback"):
                ws.reveal(phase.key)
            page.goto(served.join)
            page.wait_for_load_state("networkidle")
        page.goto(served.base + "/wall")
        page.wait_for_load_state("networkidle")
        assert page.locator("svg title").count() == 1   # the QR (the others are bars)
        page.goto(served.base + "/j/WRONG1")
        context.close()
    assert not requests.blocked, requests.blocked
    assert len(requests.seen) > 10
