"""Checking that a page shows a text literally: escaped in the HTML, whole in the text, no tag made.

Used with the one corpus (tests/hostile.py) by the phone-page, wall and browser tests.
"""

from __future__ import annotations

import unicodedata
from html.parser import HTMLParser

from markupsafe import escape

from facilitator.core.templates import ThemeSpec
from tests.hostile import Case

#: Elements no page of ours has: if one exists, a text became markup.
INJECTED = ("img", "font", "iframe", "object", "embed", "math", "style")
INJECTED_CSS = ("img, font, iframe, object, embed, math, style, script:not([src]), "
                "a[href^='file:'], a[href^='http://example.invalid']")


def stored(text: str) -> str:
    """A text as core/limits.clean_text keeps it (NFC, trimmed)."""
    return unicodedata.normalize("NFC", text).strip()


def themes_for(case: Case) -> list[ThemeSpec]:
    """The hostile text as a theme's title and question, next to a plain theme."""
    t = {lang: case.line for lang in ("fi", "sv", "en")}
    return [ThemeSpec("oma", t, t), ThemeSpec("muut", {"fi": "Muut", "sv": "Övrigt",
                                                       "en": "Other"})]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.data: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def injected(html: str) -> list[str]:
    page = _Page()
    page.feed(html)
    bad = []
    for tag, attrs in page.tags:
        href = attrs.get("href") or ""
        if (tag in INJECTED or (tag == "script" and not attrs.get("src"))
                or (tag == "a" and href.startswith(("file:", "http://example.invalid")))):
            bad.append(f"<{tag} {attrs}>")
    return bad


def assert_literal(html: str, text: str, where: str = "") -> None:
    """`text` is on the page as text: escaped in the source, whole in one text node."""
    assert str(escape(text)) in html, (where, text[:60])
    page = _Page()
    page.feed(html)
    assert any(text in d for d in page.data), (where, text[:60])
    if "<" in text:
        assert text not in html, (where, "raw markup", text[:60])
    assert not injected(html), (where, injected(html))
