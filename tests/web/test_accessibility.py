"""WCAG 2.1 AA in Chromium: axe-core on every participant page in every phase, JS on and off,
and the page at 320 px and at 200 % text with touch targets of at least 44 px.

"JS off" here is the page exactly as the server sends it, with its script
blocked (axe itself needs JavaScript to run); the flows in test_browser.py
run with JavaScript really disabled.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser_support import Served, axe_violations, phone_context, serve

pytestmark = pytest.mark.browser

TEMPLATES = ["palvelupaja", "eratauko", "kumppanuuspoyta", "osallistuva-budjetointi", "scale"]


def seed_ideas(ws: Any, costed: bool) -> None:
    themes = [t.key for t in ws.themes()] or [None]
    for n, text in enumerate(["Nuorisotila vanhaan kouluun", "Penkkejä kävelyreitille",
                              "Kesätori satamaan", "Kirjastoauto syrjäkylille"]):
        idea = ws.ideas.submit(text, theme=themes[n % len(themes)], source="paper")
        if costed:
            ws.ideas.set_cost(idea.id, (n + 1) * 450_050)


def pages_of(served: Served, page: Any) -> Iterator[str]:
    """Walk one phone through every page it can meet; yields a name after each is drawn."""
    ws = served.ws
    page.goto(served.base + "/")
    yield "home"
    page.goto(served.base + "/j/WRONG1")
    yield "wrong code"
    page.goto(served.base + "/no/such/page")
    yield "not found"
    page.goto(served.join)
    yield "join"
    page.get_by_role("button", name="Jatka suomeksi").click()
    page.wait_for_load_state()
    yield "waiting"
    seeded = False
    for phase in ws.phases():
        if phase.kind == "vote" and not seeded:
            seed_ideas(ws, costed=phase.spec.vote.method == "budget")
            seeded = True
        ws.goto(phase.key)
        page.goto(served.join)
        yield phase.key
        if phase.kind == "ideas":
            page.get_by_role("textbox").fill("<b>ei kelpaa</b>")
            if page.get_by_role("radio").count():
                page.get_by_role("radio").first.check()
            page.get_by_role("button", name="Lähetä idea").click()
            page.wait_for_load_state()
            yield f"{phase.key}: idea refused"
        if phase.kind in ("vote", "feedback"):
            form = page.locator("form[action$='/vote']")
            if phase.spec.vote.method == "budget":
                for box in form.get_by_role("checkbox").all():
                    box.check()
                form.get_by_role("button").click()
                page.wait_for_load_state()
                yield f"{phase.key}: over budget"
            ws.reveal(phase.key)
            page.goto(served.join)
            yield f"{phase.key}: results"
        if phase.spec.accepts_insights:
            page.get_by_role("textbox").fill("x" * 10)
            page.get_by_role("button", name="Lähetä").click()
            page.wait_for_load_state()
            yield f"{phase.key}: insight saved"
        if phase.spec.accepts_questions:
            page.get_by_role("textbox").fill("<b>ei kelpaa</b>")
            page.get_by_role("button", name="Lähetä kysymys").click()
            page.wait_for_load_state()
            yield f"{phase.key}: question refused"
            ws.questions.ask("Milloin koulun katto korjataan?", source="paper")
            page.get_by_role("textbox").fill("Tuleeko kirjastoauto takaisin?")
            page.get_by_role("button", name="Lähetä kysymys").click()
            page.wait_for_load_state()
            yield f"{phase.key}: question saved"
            page.get_by_role("button", name="Kannatan").first.click()
            page.wait_for_load_state()
            yield f"{phase.key}: question supported"
    page.goto(served.base + "/wall")
    yield "wall"
    ws.finish()
    page.goto(served.join)
    yield "finished"


@pytest.mark.parametrize("key", TEMPLATES)
def test_axe_finds_nothing_on_any_page_js_on_and_off(playwright_: Any, browser: Any,
                                                     tmp_path: Path, key: str) -> None:
    found: dict[str, Any] = {}
    checked = 0
    for js in (True, False):
        with serve(tmp_path / f"{key}-{js}.db", key) as served:
            context = phone_context(playwright_, browser, bypass_csp=True)  # to inject axe
            if not js:
                context.route("**/static/live.js*", lambda route: route.abort())
            page = context.new_page()
            for name in pages_of(served, page):
                page.wait_for_load_state()
                violations = axe_violations(page)
                checked += 1
                if violations:
                    found[f"{'js' if js else 'no js'} / {name}"] = violations
            context.close()
    assert checked > 20
    assert not found, found


LAYOUT_PAGES = ["join", "ideointi", "ideointi: idea refused", "ajankohtaista", "aanestys",
                "aanestys: results",
                "tulokset", "pelisaannot", "oivallukset", "palaute", "wall"]


@pytest.mark.parametrize("key", ["palvelupaja", "eratauko", "osallistuva-budjetointi"])
def test_usable_at_320_px_and_at_200_percent_text_with_44_px_targets(
        playwright_: Any, browser: Any, tmp_path: Path, key: str) -> None:
    problems: dict[str, Any] = {}
    checked = set()
    for width, text_scale in ((320, 1), (400, 2)):
        with serve(tmp_path / f"{key}-{width}.db", key) as served:
            context = phone_context(playwright_, browser, viewport={"width": width,
                                                                    "height": 640},
                                    bypass_csp=True)
            page = context.new_page()
            for name in pages_of(served, page):
                if not any(name == p or name.startswith(p) for p in LAYOUT_PAGES):
                    continue
                checked.add(name)
                page.wait_for_load_state()
                if text_scale != 1:  # the reader's text size doubled (WCAG 1.4.4)
                    page.add_style_tag(content="html{font-size:225% !important}")
                # innerWidth grows on a phone to fit what sticks out: measure by `width`.
                overflow = page.evaluate(
                    "(w) => Math.max(document.documentElement.scrollWidth, innerWidth) - w",
                    width)
                small = page.evaluate(SMALL_TARGETS) if name != "wall" else []
                if overflow > 0 or small:
                    problems[f"{width}px x{text_scale} / {name}"] = {"overflow": overflow,
                                                                     "small": small}
            context.close()
    assert len(checked) >= 4, checked
    assert not problems, problems


# Controls smaller than 44x44 CSS px. A checkbox or radio counts with its label (the label
# is part of the target); links inside running text are exempt, as WCAG allows.
SMALL_TARGETS = """() => {
  const out = [];
  const els = document.querySelectorAll(
    'button, select, textarea, input:not([type=hidden]), a, summary');
  for (const el of els) {
    if (el.closest('[aria-hidden=true], .sr-only')) continue;  // no target: the − and + are
    let box = el;
    if (el.type === 'checkbox' || el.type === 'radio') box = el.closest('label') || el;
    if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') continue;
    const r = box.getBoundingClientRect();
    if (r.width < 44 || r.height < 44)
      out.push(`${el.tagName} ${el.name || el.textContent.trim().slice(0, 30)}: `
               + `${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  return out;
}"""
