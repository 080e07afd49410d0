"""Phones as residents hold them (#13), in Debian's Chromium: words typed are never lost, a dot
ballot with − and + buttons, large text and old browsers, focus never under the sticky
counter, each phone's own order of ideas, and the small things people notice.

One Chromium for the module; "JS off" is a real `java_script_enabled=False` where the test
only clicks and reads, and the page with its script blocked where the test measures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator.i18n import Translator
from facilitator.web.templating import STATIC_DIR
from tests import machine
from tests.web.browser_support import Served, serve
from tests.web.test_accessibility import SMALL_TARGETS, pages_of

pytestmark = pytest.mark.browser

FI = Translator("fi")
LONG_WORD = "Kirjastoautopysäkkikatoskunnostushanke"  # one compound word, 38 letters
SMALL_PHONE = {"width": 320, "height": 640}


@pytest.fixture(scope="module")
def chromium() -> Iterator[tuple[Any, Any]]:
    with machine.chromium() as launched:
        yield launched


def phone(chromium: tuple[Any, Any], *, js: bool = True, script: bool = True,
          viewport: dict[str, int] | None = None, **extra: Any) -> Any:
    """A Pixel 5 (or its profile at another size); `script=False` blocks live.js only."""
    p, browser = chromium
    options = {**p.devices["Pixel 5"], "java_script_enabled": js, "locale": "fi-FI", **extra}
    if viewport:
        options["viewport"] = viewport
    context = browser.new_context(**options)
    context.set_default_timeout(5000)
    if not script:
        context.route("**/static/live.js*", lambda route: route.abort())
    return context.new_page()


def join(page: Any, served: Served) -> None:
    page.goto(served.join)
    page.get_by_role("button", name=FI("web.join.continue")).click()
    page.wait_for_load_state()


def add_ideas(ws: Any, n: int, theme: str | None = None) -> list[int]:
    themes = [t.key for t in ws.themes()]
    return [ws.ideas.submit(f"Idea numero {i + 1}", theme=theme or themes[i % len(themes)],
                            source="paper").id for i in range(n)]


# -- 1. nothing typed is lost when the room moves on ----------------------------------------

@pytest.mark.parametrize(("key", "writing", "next_key"),
                         [("palvelupaja", "ideointi", "ajankohtaista"),
                          ("eratauko", "oivallukset", None)])
def test_unsent_text_stays_on_the_screen_when_the_phase_changes(
        chromium: Any, tmp_path: Path, key: str, writing: str, next_key: str | None) -> None:
    with serve(tmp_path / f"{key}.db", key) as served:
        ws = served.ws
        ws.goto(writing)
        page = phone(chromium)
        join(page, served)
        words = "Kirjoitan vielä tätä ajatusta, älä vie sitä"
        page.locator("textarea").fill(words)
        page.evaluate("() => { window.__sameDocument = true; }")
        if next_key:
            ws.goto(next_key)
        else:
            ws.next()
        page.wait_for_timeout(4000)  # the live update comes within 3 s
        assert page.locator("textarea").input_value() == words
        held = page.locator("#held")
        assert held.is_visible()
        assert FI("web.unsent") in held.inner_text()  # the no-JS path's own words
        assert FI("web.moved_on") in held.inner_text()
        assert page.evaluate("() => window.__sameDocument") is True
        # The person decides: the next phase comes when asked for (or the field is empty).
        page.get_by_role("button", name=FI("web.go_on")).click()
        assert page.get_by_role("heading", level=1).inner_text() == FI.text(
            ws.current().spec.title)
        assert page.locator("#held").count() == 0
        page.context.close()


def test_an_empty_field_lets_the_page_follow_the_room(chromium: Any, tmp_path: Path) -> None:
    with serve(tmp_path / "p.db", "palvelupaja") as served:
        served.ws.goto("ideointi")
        page = phone(chromium)
        join(page, served)
        page.locator("textarea").fill("   ")
        served.ws.goto("aanestys")  # (current affairs has a question box of its own)
        page.locator("textarea").wait_for(state="detached", timeout=3000)
        assert page.locator("#held").count() == 0
        page.context.close()


# -- 4. the dot ballot ------------------------------------------------------------------------

def stepper_state(page: Any, idea_id: int) -> dict[str, Any]:
    return page.evaluate("""(id) => {
        const sel = document.getElementById('i' + id), row = sel.closest('.row');
        const dots = row.querySelector('.dots');
        return {value: sel.value, seen: dots.querySelector('[aria-hidden]').textContent,
                heard: dots.querySelector('.sr-only').textContent,
                live: dots.getAttribute('aria-live'),
                count: document.querySelector('[data-live-count]').textContent};
    }""", idea_id)


@pytest.mark.parametrize("size", ["pixel5", "320"])
def test_the_dot_ballot_has_big_steppers_that_post_the_same_form(
        chromium: Any, tmp_path: Path, size: str) -> None:
    with serve(tmp_path / "d.db", "palvelupaja") as served:
        ws = served.ws
        a, b, c, *_ = add_ideas(ws, 6)
        title = {i.id: i.text for i in ws.ideas.all()}
        ws.goto("aanestys")
        page = phone(chromium, viewport=SMALL_PHONE if size == "320" else None)
        join(page, served)
        more = page.get_by_role("button", name=FI("web.vote.more", idea=title[a]))
        less = page.get_by_role("button", name=FI("web.vote.less", idea=title[a]))
        # A target for a thumb, not a "0 ▾" list: − and + of at least 44 × 44 px each.
        assert page.locator(".step button").count() == 12
        for box in page.locator(".step button").evaluate_all(
                "bs => bs.map(b => b.getBoundingClientRect())"):
            assert box["width"] >= 44 and box["height"] >= 44, box
        assert page.evaluate(SMALL_TARGETS) == []
        assert page.locator("select").first.get_attribute("aria-hidden") == "true"
        more.click()
        more.click()
        state = stepper_state(page, a)
        assert state == {"value": "2", "seen": "●●○", "heard": f"{title[a]}: 2 ääntä",
                         "live": "polite", "count": "Voit antaa vielä 3 ääntä."}
        more.click()
        assert more.get_attribute("aria-disabled") == "true"  # 3 is the most for one idea
        more.click(force=True)  # a tap on it anyway gives nothing
        assert stepper_state(page, a)["value"] == "3"
        less.click()
        assert stepper_state(page, a)["heard"] == f"{title[a]}: 2 ääntä"
        for _ in range(3):
            page.get_by_role("button", name=FI("web.vote.more", idea=title[b])).click()
        assert stepper_state(page, b)["count"] == "Olet antanut kaikki äänesi."
        # No dot left: + gives none (the counter never goes over by a tap).
        page.get_by_role("button", name=FI("web.vote.more", idea=title[c])).click(force=True)
        assert stepper_state(page, c)["value"] == "0"
        page.get_by_role("button", name=FI("web.vote.send")).click()
        page.get_by_text(FI("web.vote.saved")).wait_for()
        (ballot,) = ws.store.ballots(ws.phase("aanestys").row.id)
        assert ballot.marks == {str(a): 2, str(b): 3}
        assert FI("web.vote.counted_dots", n=5) in page.locator(".note").first.inner_text()
        assert stepper_state(page, a)["seen"] == "●●○"  # drawn again from what was stored
        page.context.close()


def test_without_javascript_the_ballot_states_the_rule_and_the_answer_what_was_counted(
        chromium: Any, tmp_path: Path) -> None:
    with serve(tmp_path / "n.db", "palvelupaja") as served:
        ws = served.ws
        a, b, *_ = add_ideas(ws, 4)
        ws.goto("aanestys")
        page = phone(chromium, js=False, viewport=SMALL_PHONE)
        join(page, served)
        counter = page.locator("[data-live-count]")
        assert counter.inner_text() == "Sinulla on 5 ääntä."
        page.locator(f"#i{a}").select_option("3")
        page.locator(f"#i{b}").select_option("1")
        assert counter.inner_text() == "Sinulla on 5 ääntä."  # the rule, not a stale "5 left"
        assert "jäljellä" not in page.locator("main").inner_text()
        save = page.get_by_role("button", name=FI("web.vote.send"))
        # "Päivitä sivu" is a plain link, well away from the save button: a slip of the
        # thumb below "Tallenna äänet" does not throw the choices away.
        refresh = page.get_by_role("link", name=FI("web.refresh"))
        assert "btn" not in (refresh.get_attribute("class") or "")
        gap = refresh.bounding_box()["y"] - (save.bounding_box()["y"] + save.bounding_box()[
            "height"])
        assert gap >= 44, gap
        save.click()
        note = page.get_by_role("status")
        assert note.inner_text() == "Kiitos! Äänesi on tallennettu. Annoit 4 ääntä."
        page.context.close()


# -- 3. the sticky counter never hides what has focus ----------------------------------------

@pytest.mark.parametrize("text", ["100%", "225%"])
def test_tabbing_through_a_25_idea_ballot_keeps_every_control_in_sight(
        chromium: Any, tmp_path: Path, text: str) -> None:
    with serve(tmp_path / "f.db", "palvelupaja") as served:
        ws = served.ws
        add_ideas(ws, 25)
        ws.goto("aanestys")
        page = phone(chromium, viewport=SMALL_PHONE, bypass_csp=True)
        join(page, served)
        page.add_style_tag(content=f"html{{font-size:{text} !important}}")
        hidden: list[str] = []
        seen = 0
        page.locator("h1").focus()
        for _ in range(200):
            page.keyboard.press("Tab")
            got = page.evaluate("""() => {
                const el = document.activeElement;
                if (!el || el === document.body || !el.closest('form[action$="/vote"]'))
                    return null;
                const r = el.getBoundingClientRect();
                const c = document.querySelector('[data-live-count]').getBoundingClientRect();
                const under = Math.max(0, Math.min(r.bottom, c.bottom) - Math.max(r.top, c.top));
                const out = Math.max(0, r.bottom - innerHeight) + Math.max(0, -r.top);
                return {name: el.getAttribute('aria-label') || el.textContent.trim(),
                        hidden: (under + out) / r.height, last: el.classList.contains('big')};
            }""")
            if got is None:
                if seen:
                    break
                continue
            seen += 1
            if got["hidden"] > 0:
                hidden.append(f"{got['name']}: {got['hidden']:.0%}")
            if got["last"]:
                break
        assert seen >= 51, seen  # − and + of 25 ideas, and the save button
        assert not hidden, hidden
        page.context.close()


# -- 5. no position bias ---------------------------------------------------------------------

def ballot_order(page: Any) -> list[list[str]]:
    return page.eval_on_selector_all("form[action$='/vote'] fieldset", """fs => fs.map(f =>
        [...f.querySelectorAll('select')].map(s => s.name))""")


def test_each_phone_has_its_own_stable_order_of_the_same_ideas(
        chromium: Any, tmp_path: Path) -> None:
    with serve(tmp_path / "o.db", "palvelupaja") as served:
        ws = served.ws
        themes = [t.key for t in ws.themes()][:2]
        for theme in themes:
            add_ideas(ws, 8, theme)
        ws.goto("aanestys")
        first, second = phone(chromium), phone(chromium, js=False)
        join(first, served)
        join(second, served)
        one, two = ballot_order(first), ballot_order(second)
        assert [sorted(g) for g in one] == [sorted(g) for g in two]  # the same ideas
        assert len(one) == 2 and all(len(g) == 8 for g in one)
        assert one != two  # in each phone's own order (8! orders a theme: never equal)
        oldest_first = [sorted(g, key=lambda name: int(name[2:])) for g in one]
        assert one != oldest_first
        first.reload()
        assert ballot_order(first) == one  # stable for the phone
        first.context.close()
        second.context.close()


# -- 8. small things people notice -----------------------------------------------------------

def test_small_things(chromium: Any, tmp_path: Path) -> None:
    with serve(tmp_path / "s.db", "palvelupaja") as served:
        ws = served.ws
        page = phone(chromium, viewport=SMALL_PHONE)
        # A mistyped code stays in the field, with the reason beside it.
        page.goto(served.base + "/")
        page.get_by_label(FI("web.home.code")).fill("ABC-12X")
        page.get_by_role("button", name=FI("web.home.go")).click()
        assert page.get_by_label(FI("web.home.code")).input_value() == "ABC-12X"
        assert page.locator("#code-err").inner_text() == FI("web.error.bad_code")
        page.get_by_label(FI("web.home.code")).fill("ab c!")
        page.get_by_role("button", name=FI("web.home.go")).click()
        assert page.get_by_label(FI("web.home.code")).input_value() == "ab c!"
        assert page.locator("#code-err").inner_text() == FI("web.home.bad_code")

        join(page, served)
        ws.goto("ideointi")
        ws.ideas.submit("Toisen idea", theme="nuoret", source="paper")
        page.goto(served.join)
        # Others' ideas keep the ▶ of their <details>: a summary is still a list item.
        assert page.locator("summary").first.evaluate(
            "s => getComputedStyle(s).display") == "list-item"
        # A theme's title and its question are separate lines, even without the CSS.
        page.evaluate("() => document.querySelector('link[rel=stylesheet]').disabled = true")
        label = page.locator("label.pick").first.inner_text()
        title, question = (FI.text(ws.themes()[0].title), FI.text(ws.themes()[0].question))
        assert re.fullmatch(rf"\s*{re.escape(title)}\s*\n\s*{re.escape(question)}\s*", label)
        page.context.close()

    with serve(tmp_path / "b.db", "osallistuva-budjetointi") as served:
        ws = served.ws
        theme = ws.themes()[0].key
        ids = [ws.ideas.submit(t, theme=theme, source="paper").id
               for t in ("Laavu", "Katos", "Kota")]
        for idea, cost in zip(ids, (5_000_00, 9_500_00, 1_000_00), strict=True):
            ws.ideas.set_cost(idea, cost)
        ws.goto("aanestys")
        page = phone(chromium)
        join(page, served)
        page.get_by_role("checkbox", name="Laavu").check()
        page.get_by_role("checkbox", name="Katos").check()
        page.get_by_role("button", name=FI("web.vote.send")).click()
        page.get_by_text(FI("web.vote.saved")).wait_for()
        ws.reveal("aanestys")
        page.goto(served.join)
        results = page.locator("#results-h").locator("xpath=..").inner_text()
        assert "Rahaa jäi 5\xa0500\xa0€." in results  # 20 000 € − 14 500 €, as promised
        kota = page.locator("ul.rank li", has_text="Kota").inner_text()
        assert FI("web.results.tie") not in kota and "0 ääntä" in kota  # no "(tasapeli)"
        assert page.get_by_text(f"({FI('web.results.tie')})").count() == 2  # Laavu, Katos
        page.context.close()

    with serve(tmp_path / "e.db", "eratauko") as served:
        served.ws.goto("oivallukset")
        page = phone(chromium, js=False)
        join(page, served)
        page.get_by_label(FI("web.insight.label")).fill("Kuunteleminen auttoi.")
        page.get_by_role("button", name=FI("web.insight.send")).click()
        page.get_by_text(FI("web.insight.saved")).wait_for()
        mine = page.get_by_role("heading", name=FI("web.insight.mine", n=1))
        assert mine.is_visible()
        assert page.locator("h2 + ul.ideas li").all_inner_texts() == ["Kuunteleminen auttoi."]
        page.context.close()


# -- 2 and 6. large text, small screens, old browsers ------------------------------------------

def old_phone_css() -> str:
    """app.css as Chrome 70 / Android 9 WebView and iOS 12 Safari read it: no flex gap, no
    overflow-wrap:anywhere, no :focus-visible, scroll-padding ignored."""
    css = (STATIC_DIR / "app.css").read_text()
    css = re.sub(r"(?<![\w-])(?:row-|column-)?gap:[^;}]*;?", "", css)
    css = re.sub(r"overflow-wrap:anywhere;?", "", css)
    css = re.sub(r"[^{}]*:focus-visible[^{}]*\{[^}]*\}", "", css)
    return re.sub(r"scroll-padding[\w-]*:[^;}]*;?", "", css)


#: (name, viewport, root font size, old browser?): the root size doubled as phones' large
#: text does; 400 % zoom at 1280 × 1024 is a 320 × 256 CSS px window.
LAYOUTS = [("320 large", (320, 640), "225%", False), ("360 large", (360, 740), "225%", False),
           ("393 large", (393, 851), "225%", False), ("400% zoom", (320, 256), "112.5%", False),
           ("old 320", (320, 640), "112.5%", True), ("old 320 large", (320, 640), "225%", True)]

# A phone's browser widens its window to fit what sticks out (innerWidth grows with it):
# the width asked for is the measure, not innerWidth.
LAYOUT_CHECK = """(width) => {
  const out = [];
  const de = document.documentElement;
  const wide = Math.max(de.scrollWidth, innerWidth);
  if (wide > width) out.push(`sideways: ${wide} > ${width}`);
  const px = (el, p) => parseFloat(getComputedStyle(el)[p]) || 0;
  const inner = el => el.clientWidth - px(el, 'paddingLeft') - px(el, 'paddingRight');
  const main = document.querySelector('main');
  const page = main ? inner(main) : innerWidth;
  const shown = el => {
    const r = el.getBoundingClientRect();
    const shut = el.closest('details:not([open])');
    return r.width > 0 && r.height > 0 && !el.closest('.sr-only') &&
      !(shut && !el.closest('summary')) && getComputedStyle(el).visibility !== 'hidden';
  };
  // Whole words: a word may break only where it is wider than a column of at least half
  // the page (a 38-letter compound word); a narrow column breaking words is the fault.
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('.sr-only, select, textarea, svg, script') || !shown(el)) continue;
    const re = /[^\\s\\-\\u2013]+/g;
    for (let m = re.exec(n.textContent); m; m = re.exec(n.textContent)) {
      range.setStart(n, m.index);
      range.setEnd(n, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                              .map(r => Math.round(r.top)));
      if (tops.size < 2) continue;
      let box = el;
      while (box.parentElement && getComputedStyle(box).display === 'inline')
        box = box.parentElement;
      if (inner(box) < page / 2)
        out.push(`"${m[0]}" broken in a ${Math.round(inner(box))} px column`);
    }
  }
  // Nothing overlaps, and no two controls touch.
  const sel = 'button, a, select, textarea, input:not([type=hidden]), label, summary, ' +
              'h1, h2, h3, legend, p, li, .dots, .rank b, .rank span';
  const els = [...document.querySelectorAll(sel)].filter(el => shown(el) &&
      !el.closest('[data-live-count]') && !(el.tagName === 'INPUT' && el.closest('label')));
  const controls = new Set(document.querySelectorAll(
      'button, select, textarea, input[type=text], .pick, .scale label, summary, .btn'));
  const boxes = els.map(el => el.getBoundingClientRect());
  for (let i = 0; i < els.length; i++) {
    for (let j = i + 1; j < els.length; j++) {
      const a = els[i], b = els[j];
      if (a.contains(b) || b.contains(a)) continue;
      const p = boxes[i], q = boxes[j];
      const pad = controls.has(a) && controls.has(b) ? 1 : -1;
      const w = Math.min(p.right, q.right) - Math.max(p.left, q.left) + pad;
      const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) + pad;
      if (w > 0 && h > 0) {
        const name = e => e.tagName + ' ' + (e.textContent || e.name || '').trim().slice(0, 20);
        out.push(`${pad > 0 ? 'touch' : 'overlap'}: ${name(a)} / ${name(b)}`);
      }
    }
  }
  return out;
}"""

SETUP = """([size, old, css]) => {
  let s = document.getElementById('t-size');
  if (!s) { s = document.createElement('style'); s.id = 't-size'; document.head.append(s); }
  s.textContent = `html{font-size:${size} !important}`;
  const link = document.querySelector('link[rel=stylesheet]');
  let o = document.getElementById('t-old');
  if (old && !o) { o = document.createElement('style'); o.id = 't-old'; o.textContent = css;
                   document.head.prepend(o); }
  if (o) o.disabled = !old;
  if (link) link.disabled = old;
}"""


@pytest.mark.parametrize(("key", "script"), [
    ("palvelupaja", True), ("palvelupaja", False), ("eratauko", True),
    ("kumppanuuspoyta", True), ("osallistuva-budjetointi", True),
    ("osallistuva-budjetointi", False), ("scale", True)],
    ids=lambda v: v if isinstance(v, str) else "js" if v else "nojs")
def test_every_page_at_large_text_small_screens_and_on_old_browsers(
        chromium: Any, tmp_path: Path, key: str, script: bool) -> None:
    old_css = old_phone_css()
    problems: dict[str, list[str]] = {}
    checked = 0
    with serve(tmp_path / f"{key}.db", key) as served:
        ws = served.ws
        themes = [t.key for t in ws.themes()] or [None]
        long_one = ws.ideas.submit(f"{LONG_WORD} ja kävelyreitin penkit", theme=themes[0],
                                   source="paper")
        if key == "osallistuva-budjetointi":
            ws.ideas.set_cost(long_one.id, 1_250_000)
        page = phone(chromium, script=script, viewport=SMALL_PHONE, bypass_csp=True)
        for name in pages_of(served, page):
            if name == "wall":  # the projector's page, never on a phone
                continue
            page.wait_for_load_state()
            for layout, (width, height), size, old in LAYOUTS:
                page.set_viewport_size({"width": width, "height": height})
                page.evaluate(SETUP, [size, old, old_css])
                found = page.evaluate(LAYOUT_CHECK, width)
                if size == "225%" or old:
                    found += [f"small target {t}" for t in page.evaluate(SMALL_TARGETS)]
                checked += 1
                if found:
                    problems[f"{name} / {layout}"] = found[:6]
            page.evaluate(SETUP, ["112.5%", False, old_css])
        page.context.close()
    assert checked > 60, checked
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())
