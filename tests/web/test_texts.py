"""The phones' texts: every key the pages use is in every catalog, and Finnish stays plain."""

from __future__ import annotations

import re
from pathlib import Path

from facilitator.i18n import LANGS, Translator, catalog
from facilitator.web.templating import PAGES_DIR

KEY = re.compile(r"""(?<![\w.])tl?\(\s*['"]([a-z0-9_.]+)['"]""")


def test_every_text_the_pages_use_is_in_every_language() -> None:
    used = {key for page in PAGES_DIR.glob("*.html") for key in KEY.findall(page.read_text())}
    used |= {"web.feedback.send", "web.vote.send"}  # chosen inside an expression
    assert len(used) > 30
    for lang in LANGS:
        missing = sorted(k for k in used if k not in catalog(lang))
        assert not missing, (lang, missing)


def phone_texts(lang: str) -> dict[str, str]:
    return {k: v for k, v in catalog(lang).items() if k.startswith("web.")}


def test_finnish_for_phones_is_short_sentences() -> None:
    """Plain language (selkokieli): short sentences; a phone screen shows few words a line."""
    texts = phone_texts("fi")
    assert len(texts) > 60
    for key, text in texts.items():
        for sentence in re.split(r"(?<=[.!?:])\s+", text):
            assert len(sentence.split()) <= 9 and len(sentence) <= 72, (key, sentence)
    for lang in ("sv", "en"):
        for key, text in phone_texts(lang).items():
            for sentence in re.split(r"(?<=[.!?:])\s+", text):
                assert len(sentence.split()) <= 14, (lang, key, sentence)


#: A label read out with the idea by a screen reader ("Idea X: 2 ääntä"), as #13 asks,
#: and a heading that names its phase.
LABELS = {"web.vote.less", "web.vote.more", "web.vote.idea_dots", "web.vote.idea_dots_one",
          "web.results.title"}


def test_phones_speak_to_the_person_in_plain_words() -> None:
    """No "Label: number", the person addressed, one word for each thing (#13)."""
    for lang in LANGS:
        for key, text in phone_texts(lang).items():
            if key not in LABELS:
                assert not re.search(r":\s*(\{\w+\}|\d)", text), (lang, key, text)
    fi = Translator("fi")
    assert fi("web.vote.dots_intro", dots=5, per_idea=3) == (
        "Sinulla on 5 ääntä. Yhdelle idealle voit antaa 1–3.")
    assert fi("web.vote.choices_left", n=2) == "Voit valita vielä 2 ideaa."
    assert fi("web.vote.dots_over_one").startswith("Annoit 1 äänen liikaa.")
    assert fi("web.error.csrf") == (
        "Sivu oli auki liian kauan. Paina Päivitä sivu ja yritä uudelleen.")
    assert fi("web.insight.label") == "Kirjoita oivalluksesi"
    assert (fi("web.vote.scale_low", min=1), fi("web.vote.scale_high", max=5)) == (
        "1 = ei lainkaan totta", "5 = täysin totta")
    words = {lang: " ".join(phone_texts(lang).values()).lower() for lang in LANGS}
    assert "eväste" not in words["fi"] and "tunnus" not in words["fi"]
    assert not re.search(r"\bjoku\b", words["fi"])  # jokin, for things
    assert "verkstad" not in words["sv"] and "workshop" in words["sv"]  # not a repair shop
    assert "omröstning" not in words["sv"] and "röstningen" in words["sv"]
    assert "kaka" not in words["sv"] and "cookie" not in words["en"]


#: What Chrome 70 (Android 9 WebView) and iOS 12 Safari do not know, or read otherwise.
OLD_PHONES_LACK = [r"(?<![\w-])(row-|column-)?gap\s*:", r"overflow-wrap\s*:\s*anywhere",
                   r":is\(", r":where\(", r":has\(", r"aspect-ratio", r"(?<![\w-])inset\s*:",
                   r"\b(clamp|min|max)\(", r"\bdvh\b|\bsvh\b", r"@container", r"text-wrap"]


def test_the_stylesheet_uses_only_what_old_phones_know() -> None:
    css = re.sub(r"/\*.*?\*/", "", (Path(PAGES_DIR).parent / "static" / "app.css").read_text(),
                 flags=re.S)
    for feature in OLD_PHONES_LACK:
        assert not re.search(feature, css), feature
    # sticky with its iOS 12 prefix first; :focus-visible only on top of a :focus style
    for rule in re.findall(r"position:sticky", css):
        assert "position:-webkit-sticky;position:sticky" in css, rule
    for sel in re.findall(r"([^{}]*:focus-visible[^{}]*)\{", css):
        assert ":not(:focus-visible)" in sel, sel
    assert re.search(r"(^|})\s*:focus\{", css)
    assert "word-wrap:break-word" in css


def test_the_javascript_is_small_plain_and_needs_no_inline_code() -> None:
    js = (Path(PAGES_DIR).parent / "static" / "live.js").read_text()
    assert len(js) < 9000  # the dot ballot's buttons and the held phase change included
    assert "eval(" not in js and "innerHTML" not in js  # the page is parsed, never injected
    for page in PAGES_DIR.glob("*.html"):
        html = page.read_text()
        assert "<script>" not in html and "style=" not in html and " on" + "click" not in html
