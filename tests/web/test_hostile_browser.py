"""The whole hostile corpus in Debian's Chromium: the DOM's text is exactly what was typed.

One page per kind (join, ideas with own and others' ideas, ballot, results, insight,
wall) with every text of tests/hostile.py on it at once: each comes back from
`textContent` (or a textarea's value) exactly, no element was injected, and no script
ran (no dialog opened, nothing on `window` changed).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from facilitator.core.templates import ThemeSpec
from tests.hostile import BY_NAME, CASES, PHONE_TEXTS
from tests.web.browser_support import Served, phone_context, serve
from tests.web.hostile_support import INJECTED_CSS, stored

pytestmark = pytest.mark.browser

TITLE = " ".join(BY_NAME[n].line for n in ("click-action", "html", "rtl-override"))[:200]
THEME_A, THEME_B = BY_NAME["html-link"].line, BY_NAME["bold-unclosed"].line
THEMES = [ThemeSpec("a", {"fi": THEME_A}, {"fi": BY_NAME["script"].line}),
          ThemeSpec("b", {"fi": THEME_B}, {"fi": BY_NAME["emoji"].line})]
TEXTS = [stored(c.text) for c in CASES]


class FakeClock:
    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)

    def __call__(self) -> dt.datetime:
        return self.now


def texts(page: Any, css: str) -> list[str]:
    return page.eval_on_selector_all(css, "els => els.map(e => e.textContent)")


def unnumbered(shown: list[str]) -> list[str]:
    """An idea list's items without the idea's number in front ("#12 text" → "text")."""
    return [re.sub(r"^#\d+ ", "", t, count=1) for t in shown]


def labels_of(page: Any, css: str) -> list[str]:
    """The first text node of each element: a result's label without its tie note (and
    without the idea's number in front of it)."""
    return page.eval_on_selector_all(css, """els => els.map(e => {
        var n = e.firstChild;
        if (n && n.nodeType === 1 && n.classList.contains('num')) n = n.nextSibling;
        return n.textContent.replace(/^ /, ''); })""")


def clean(page: Any, dialogs: list[str]) -> None:
    assert page.locator(INJECTED_CSS).count() == 0
    assert not dialogs
    assert page.evaluate("() => typeof window.pwned === 'undefined'")


@pytest.fixture
def evening(tmp_path: Path) -> Any:
    clock = FakeClock()
    with serve(tmp_path / "ilta.db", "palvelupaja", clock, title=TITLE, themes=THEMES) as s:
        yield s, clock


def test_the_corpus_is_literal_on_every_phone_page_and_the_wall(
        playwright_: Any, browser: Any, evening: tuple[Served, FakeClock]) -> None:
    served, clock = evening
    ws = served.ws
    page = phone_context(playwright_, browser).new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    page.goto(served.join)
    assert page.locator("p.ws").text_content() == TITLE  # the join page
    clean(page, dialogs)
    page.get_by_role("button", name="Jatka suomeksi").click()
    ws.goto("ideointi")

    # Own ideas: one typed into the real form, the rest sent as this phone (at a
    # person's pace on the facilitator's clock: the ideas-per-minute rule holds).
    page.goto(served.join)
    page.get_by_role("radio", name=THEME_A, exact=False).check()
    typed = BY_NAME["entities"].text
    page.locator("textarea").fill(typed)
    page.get_by_role("button", name="Lähetä idea").click()
    page.get_by_text("Ideasi on tallennettu").wait_for()
    (device,) = [i.device_id for i in ws.ideas.all()]
    own = [t for t in PHONE_TEXTS if t != typed]
    for n, text in enumerate(own):
        clock.now += dt.timedelta(seconds=7)
        ws.ideas.submit(text, theme="ab"[n % 2], source="phone", device_id=device)
    page.goto(served.join)
    mine = unnumbered(texts(page, "h2 + ul.ideas > li"))  # "#12 text (theme)"
    sent = [(typed, THEME_A)] + [(t, (THEME_A, THEME_B)[n % 2]) for n, t in enumerate(own)]
    assert sorted(mine) == sorted(f"{stored(t)} ({theme})" for t, theme in sent)
    labels = texts(page, "label.pick span")
    assert any(x.startswith(THEME_A) for x in labels) and any(
        x.startswith(THEME_B) for x in labels)
    clean(page, dialogs)

    # Others' ideas: the whole corpus, from paper (markup included).
    for n, text in enumerate(TEXTS):
        ws.ideas.submit(text, theme="ab"[n % 2], source="paper")
    page.goto(served.join)
    others = unnumbered(texts(page, "details ul.ideas > li"))
    assert sorted(others) == sorted(TEXTS)
    summaries = texts(page, "details summary")
    assert sorted(summaries) == sorted([f"{THEME_A} ({(len(TEXTS) + 1) // 2})",
                                        f"{THEME_B} ({len(TEXTS) // 2})"])
    clean(page, dialogs)

    # The refused form keeps the text: the textarea's value is exactly what was typed.
    script = BY_NAME["script"].text
    page.get_by_role("radio", name=THEME_B, exact=False).check()
    page.locator("textarea").fill(script)
    page.get_by_role("button", name="Lähetä idea").click()
    page.locator("#text-err").wait_for()
    assert page.locator("textarea").input_value() == script
    clean(page, dialogs)

    # The ballot: every idea's label, every theme's legend.
    ws.goto("aanestys")
    page.goto(served.join)
    on_ballot = texts(page, "div.row label")
    everything = sorted(TEXTS + [stored(t) for t in [typed] + own])
    assert sorted(on_ballot) == everything
    assert sorted(texts(page, "legend h2")) == sorted([THEME_A, THEME_B])
    clean(page, dialogs)
    first = ws.ideas.all()[-1]
    page.locator(f"#i{first.id}").select_option("3")
    page.get_by_role("button", name="Tallenna äänet").click()
    page.get_by_text("Äänesi on tallennettu").wait_for()

    # The results, on the phone and on the wall.
    ws.reveal("aanestys")
    page.goto(served.join)
    ranked = labels_of(page, "ul.rank:not(.top) > li > span:first-of-type")  # not "(tie)"
    assert ranked[0] == TEXTS[-1] and set(ranked) <= set(everything)
    assert len(ranked) == min(20, (len(everything) + 1) // 2) + min(20, len(everything) // 2)
    assert sorted(texts(page, "#results-h ~ h3:not(.top-h)")) == sorted([THEME_A, THEME_B])
    assert sorted(texts(page, "#results-h ~ h4")) == sorted([THEME_A, THEME_B])  # the top 3
    assert set(labels_of(page, "ul.rank.top > li > span:first-of-type")) <= set(everything)
    clean(page, dialogs)
    page.goto(served.base + "/wall")
    assert page.locator("p.ws").text_content() == TITLE
    assert TEXTS[-1] in labels_of(page, ".bars .lb")   # the most voted, in its theme's top
    assert set(labels_of(page, ".bars .lb")) <= set(everything)
    clean(page, dialogs)
    page.context.close()


def test_the_insight_page_keeps_a_refused_text_exactly(playwright_: Any, browser: Any,
                                                      tmp_path: Path) -> None:
    with serve(tmp_path / "e.db", "eratauko", title=TITLE) as served:
        served.ws.goto("oivallukset")
        page = phone_context(playwright_, browser).new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(served.join)
        page.get_by_role("button", name="Jatka suomeksi").click()
        assert page.locator("p.ws").text_content() == TITLE
        # Phones refuse markup: the text stays in the box. (Under the insights-per-minute
        # limit: three refused, one saved.)
        tried = [c for c in CASES if not c.phone] + [BY_NAME["newlines"]]
        for case in tried:
            page.locator("textarea").fill(case.text)
            page.locator("form[action$='/insight'] button").click()
            page.wait_for_load_state()
            if not case.phone:
                page.locator("#text-err").wait_for()
                assert page.locator("textarea").input_value() == case.text, case.name
            clean(page, dialogs)
        assert [i.text for i in served.ws.records.insights()] == [
            stored(BY_NAME["newlines"].text)]
        page.context.close()
