"""The projector wall in Chromium at 1280x720 and 1920x1080, in every state of an evening.

Each state is photographed at both sizes (set WALL_SHOTS=folder to keep the pictures) and
measured by machine: the smallest text, the contrast of every text's colour on its
background, no horizontal overflow, no word broken across lines, the join code on one line.
One browser for the module; the pages are the real server's.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator.core.workshop import Workshop
from tests import machine
from tests.hostile import CASES
from tests.web.browser_support import Requests, serve

pytestmark = pytest.mark.browser

SIZES = [(1280, 720), (1920, 1080)]

#: Measures what a person at the back of the hall would meet (visible text only).
MEASURE = (Path(__file__).parent / "wall_measure.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with machine.chromium() as (_, browser):
        yield browser


def shots_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("WALL_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Wall:
    """One page per size, both following the same served workshop."""

    def __init__(self, browser: Any, base: str, folder: Path, *, js: bool = True) -> None:
        self.requests = Requests()
        self.folder = folder
        self.pages = []
        for w, h in SIZES:
            ctx = browser.new_context(viewport={"width": w, "height": h}, locale="fi-FI",
                                      java_script_enabled=js)
            ctx.set_default_timeout(5000)
            ctx.route("**/*", self.requests.route)
            page = ctx.new_page()
            page.goto(base + "/wall")
            self.pages.append(page)

    def check(self, name: str, state: str, code: str, *, hostile: bool = False
              ) -> list[dict[str, Any]]:
        """Wait until both pages show `state`, photograph them and measure them."""
        found = []
        for page, (w, h) in zip(self.pages, SIZES, strict=True):
            page.wait_for_selector(f"#main[data-state={state}]", timeout=5000)
            if page.evaluate("!!window.wallFit"):
                page.evaluate("window.wallFit()")   # what wall.js does each second
            page.screenshot(path=str(self.folder / f"wall-{name}-{w}x{h}.png"))
            m = page.evaluate(MEASURE)
            where = f"{name} at {w}x{h}"
            assert m["minFont"] >= 28, (where, m["minFont"], m["minWhere"])
            assert not m["lowContrast"], (where, m["lowContrast"][:5])
            assert not m["overflowX"] and not m["overflowY"], where
            assert not m["broken"], (where, m["broken"][:5])
            assert not m["outside"], (where, m["outside"][:5])
            if not hostile:
                assert not m["clipped"], (where, m["clipped"][:5])
            assert m["codeLines"] == 1 and m["code"] == code and m["codeInside"], (where, m)
            found.append(m)
        return found

    def text(self, size: int = 0) -> str:
        return str(self.pages[size].locator("#main").inner_text())

    def close(self) -> None:
        for page in self.pages:
            page.context.close()
        assert not self.requests.blocked, self.requests.blocked


def ideas_of_an_evening(ws: Workshop) -> dict[str, int]:
    texts = {
        "nuoret": ["Nuorisotila koulun tyhjään luokkaan", "Skeittiramppi urheilukentälle",
                   "Iltabussi kaupunkiin viikonloppuisin", "Nuorten kesätyöt kunnalta"],
        "ikaantyneet": ["Kyläapu kauppamatkoille", "Tuolijumppa kylätalolla"],
        "palvelut": ["Kirjastoauto syrjäkylille", "Pankkiautomaatti takaisin kylälle"],
        "tyhjat-tilat": ["Vanha koulu harrastuskäyttöön"],
        "elinvoima": ["Kesätori satamaan"],
    }
    ids = {}
    for theme, items in texts.items():
        for text in items:
            ids[text] = ws.ideas.submit(text, theme=theme, source="paper").id
    return ids


def test_a_palvelupaja_evening_on_the_wall(chromium: Any, tmp_path: Path) -> None:
    folder = shots_dir(tmp_path)
    with serve(tmp_path / "p.db", "palvelupaja") as served:
        ws = served.ws
        code = ws.join_code
        wall = Wall(chromium, served.base, folder)
        wall.check("join", "join", code)
        assert "Osallistu puhelimella" in wall.text()
        ws.goto("ajankohtaista")  # questions to officials: the most supported first
        asked = [ws.questions.ask(text, source="paper").id for text in (
            "Milloin koulun remontti alkaa?", "Aukeaako kirjasto lauantaisin?",
            "Kuka hoitaa kylätien aurauksen?")]
        for n in range(3):
            _, device = ws.participants.join("fi")
            for question in asked[1:n + 2]:
                ws.questions.upvote(question, device_id=device.id)
        ws.questions.set_status(asked[2], "answered")
        wall.check("questions", "questions", code)
        text = wall.text(1)
        assert "Kysymykset (3)" in text and "3 kannatusta" in text and "vastattu" in text
        # open ones first, the answered one (2 supports) after them
        assert (text.index("Aukeaako kirjasto") < text.index("Milloin koulun")
                < text.index("Kuka hoitaa"))
        ws.goto("ideointi")
        ids = ideas_of_an_evening(ws)
        shown = wall.check("ideas", "ideas", code)
        text = wall.text(1)
        assert "Kyläapu kauppamatkoille" in text and "jäljellä" in text
        # newest first within a theme; what does not fit is left out whole
        assert text.index("Nuorten kesätyöt kunnalta") < text.index("Iltabussi")
        for page in wall.pages:
            nuoret = page.locator(".col", has_text="Nuoret")
            assert page.evaluate("""col => { var b = col.getBoundingClientRect().bottom;
                return [].every.call(col.querySelectorAll('li'), function (li) {
                  var r = li.getBoundingClientRect();
                  return r.height === 0 || r.bottom <= b + 1; }); }""",
                                 nuoret.element_handle())
        assert shown[0]["state"] == "ideas"

        # A hidden idea leaves the wall within a second (JavaScript, the live stream).
        gone = "Nuorten kesätyöt kunnalta"
        page = wall.pages[0]
        assert page.get_by_text(gone).count() == 1
        ws.ideas.hide(ids[gone], "testi")
        start = time.monotonic()
        page.get_by_text(gone).wait_for(state="detached", timeout=1000)
        assert time.monotonic() - start < 1.0
        ws.ideas.merge(ids["Pankkiautomaatti takaisin kylälle"], ids["Kirjastoauto syrjäkylille"])
        page.get_by_text("Pankkiautomaatti takaisin kylälle").wait_for(state="detached",
                                                                      timeout=1000)

        ws.goto("aanestys")
        ballots = [{str(ids["Nuorisotila koulun tyhjään luokkaan"]): 3,
                    str(ids["Kyläapu kauppamatkoille"]): 2},
                   {str(ids["Nuorisotila koulun tyhjään luokkaan"]): 2,
                    str(ids["Iltabussi kaupunkiin viikonloppuisin"]): 2,
                    str(ids["Skeittiramppi urheilukentälle"]): 1},
                   {str(ids["Iltabussi kaupunkiin viikonloppuisin"]): 1,
                    str(ids["Skeittiramppi urheilukentälle"]): 2,
                    str(ids["Kesätori satamaan"]): 2}]
        for marks in ballots:
            ws.ballots.cast(marks, source="paper")
        wall.pages[0].get_by_text("3 on äänestänyt").wait_for(timeout=2000)
        wall.check("vote", "vote", code)
        text = wall.text()
        assert "3 on äänestänyt" in text and "ääntä" not in text  # never the counts
        assert "Nuorisotila" not in text

        ws.reveal("aanestys")
        wall.check("results", "results", code)
        text = wall.text(1)
        assert "3 suosituinta teemaa kohden" in text
        # Nuoret: 5, then Iltabussi and Skeittiramppi tied at 3 (ties as ties).
        nuoret = wall.pages[1].locator(".col", has_text="Nuoret").inner_text()
        assert nuoret.index("Nuorisotila") < nuoret.index("tasapeli")
        tied = wall.pages[1].locator(".col", has_text="Nuoret").locator("li.tied")
        assert tied.count() == 2   # both tied at 2nd are in the top 3 (what fits is shown)
        assert wall.pages[1].locator(".col").count() >= 4  # the themes side by side
        assert wall.pages[1].locator(".bars svg.bar rect").count() >= 5
        ws.goto("yhteenveto")
        wall.check("after", "results", code)
        wall.close()


def test_eratauko_and_feedback_on_the_wall(chromium: Any, tmp_path: Path) -> None:
    folder = shots_dir(tmp_path)
    with serve(tmp_path / "e.db", "eratauko") as served:
        ws = served.ws
        code = ws.join_code
        wall = Wall(chromium, served.base, folder)
        ws.goto("pelisaannot")
        wall.check("eratauko", "dialogue", code)
        text = wall.text()
        rules = ws.template.rules
        assert rules is not None and rules.rules["fi"][0] in text
        assert "ääni" not in text.lower()
        ws.goto("palaute")
        questions = ws.current().spec.questions  # type: ignore[union-attr]
        for n in range(4):
            ws.ballots.cast({q.key: 1 + (n + i) % 5 for i, q in enumerate(questions)},
                            source="paper")
        wall.check("feedback-open", "vote", code)
        assert "4 on äänestänyt" in wall.text() or "4 on vastannut" in wall.text()
        ws.reveal("palaute")
        wall.check("feedback", "feedback", code)
        assert wall.pages[0].locator(".bars li").count() >= 5
        wall.close()


def test_a_budget_shows_the_funded_set_and_the_money_left(chromium: Any, tmp_path: Path
                                                          ) -> None:
    folder = shots_dir(tmp_path)
    with serve(tmp_path / "b.db", "osallistuva-budjetointi") as served:
        ws = served.ws
        ws.goto("ideointi")
        themes = [t.key for t in ws.themes()]
        ids = []
        for n, (text, cost) in enumerate([("Ulkokuntosali rannalle", 8_000_00),
                                          ("Kylätalon keittiö kuntoon", 6_000_00),
                                          ("Kesäteatterin katos", 5_000_00)]):
            made = ws.ideas.submit(text, theme=themes[n % len(themes)], source="paper")
            ws.ideas.set_cost(made.id, cost)
            ids.append(str(made.id))
        ws.goto("aanestys")
        ws.ballots.cast({ids[0]: 1}, source="paper")
        ws.ballots.cast({ids[0]: 1, ids[2]: 1}, source="paper")
        ws.reveal("aanestys")
        wall = Wall(chromium, served.base, folder)
        wall.check("budget", "results", ws.join_code)
        text = wall.text()
        assert "Rahoitetaan" in text and "jäljellä" in text.lower()
        funded = wall.pages[0].locator(".col", has_text="Rahoitetaan").inner_text()
        assert "Ulkokuntosali rannalle" in funded
        wall.close()


def test_without_javascript_the_wall_reloads_itself(chromium: Any, tmp_path: Path) -> None:
    with serve(tmp_path / "n.db", "palvelupaja") as served:
        ws = served.ws
        wall = Wall(chromium, served.base, shots_dir(tmp_path), js=False)
        wall.pages = wall.pages[:1]
        page = wall.pages[0]
        page.wait_for_selector("#main[data-state=join]")
        ws.goto("ideointi")
        ws.ideas.submit("Ilman skriptiä näkyvä idea", theme="nuoret", source="paper")
        page.wait_for_selector("#main[data-state=ideas]", timeout=8000)
        page.get_by_text("Ilman skriptiä näkyvä idea").wait_for(timeout=8000)
        wall.close()


def test_the_hostile_corpus_is_shown_as_typed_on_the_wall(chromium: Any, tmp_path: Path
                                                          ) -> None:
    with serve(tmp_path / "h.db", "palvelupaja") as served:
        ws = served.ws
        ws.goto("ajankohtaista")
        for case in CASES:
            ws.questions.ask(case.text, source="paper")
        wall = Wall(chromium, served.base, shots_dir(tmp_path))
        page = wall.pages[1]
        page.wait_for_selector("#main[data-state=questions]")
        asked = page.locator(".bars .lb").all_inner_texts()
        assert asked
        for text in asked:
            assert any(" ".join(text.split()) == " ".join(c.text.split()) for c in CASES), text
        ws.goto("ideointi")
        ids = []
        for case in CASES:
            ids.append(ws.ideas.submit(case.text, theme="nuoret", source="paper").id)
        page.wait_for_selector("#main[data-state=ideas]")
        assert page.evaluate("document.querySelectorAll('#main script, #main img, "
                             "#main font, #main a').length") == 0
        # The newest that fit are shown; each one shown is shown literally.
        shown = page.locator(".col .ideas li").all_inner_texts()
        assert shown
        for text in shown:
            assert any(" ".join(c.text.split()) == " ".join(text.split()) for c in CASES), text
        ws.goto("aanestys")
        for n in range(0, len(ids), 3):
            ws.ballots.cast({str(ids[n]): 1}, source="paper")
        ws.reveal("aanestys")
        page.wait_for_selector("#main[data-state=results]")
        labels = page.locator(".bars .lb").all_inner_texts()
        assert labels
        for text in labels:
            assert any(" ".join(text.split()).startswith(" ".join(c.text.split()))
                       for c in CASES), text
        wall.close()
