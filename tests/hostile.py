"""The one hostile corpus: text a person can type that a careless surface would interpret.

Every test that shows participant or facilitator text (the TUI's screens and dialogs,
the phone pages, the wall, the CLI's output, every export) takes its cases from here,
so a new trick is added once and reaches every surface.

Each case says whether a phone may send it: phones refuse anything that looks like an
HTML tag (core/limits.py), paper and the facilitator may type it, and all of it must be
shown exactly as typed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    phone: bool = True  # a phone may send it (no HTML-looking tag)

    @property
    def line(self) -> str:
        """The text as a one-line field stores it (titles, names, themes): spaces folded."""
        return " ".join(unicodedata.normalize("NFC", self.text).split())[:200]

    @property
    def probe(self) -> str:
        """A piece short enough to stay whole in a narrow column: found on screen = literal."""
        return self.line[:14]


ARABIC = "نريد مكتبة جديدة للأطفال"
HEBREW = "ספרייה חדשה לילדים"
MARKUP = '<b>&<img src="/etc/passwd"/>'

CASES: list[Case] = [
    # Textual / Rich markup: shown with markup on, these crash the app or become actions.
    Case("close-nothing", "[/]"),
    Case("close-unknown", "[/x] suljettu"),
    Case("bold-unclosed", "[bold]unclosed lihava"),
    Case("click-action", "[@click=app.quit]x[/] lopeta"),
    Case("link", "[link=http://example.invalid]x[/link] linkki"),
    Case("escaped", r"\[escaped] kenoviiva"),
    Case("colour", "[red on white]punainen[/] väri"),
    Case("emoji-code", ":thumbs_up: :emoji_name: koodi"),
    # Format strings: must never be filled in by a catalog or a logger.
    Case("format", "{placeholder} {0} %s %(name)s %d muoto"),
    # HTML and document-engine markup (paper and the facilitator only).
    Case("html", MARKUP, phone=False),
    Case("html-link", '<font size=40>iso</font> & <a href="file:///etc/passwd">linkki</a> '
                      "<unclosed", phone=False),
    Case("script", "<script>alert(1)</script> skripti", phone=False),
    Case("entities", "&amp; &lt; &#x41; ]]> \\ % {title} {0} 3 < 5 entiteetit"),
    Case("typst", "#set text(red) $x$ *lihava* _kursiivi_ `koodi` @viite // kommentti"),
    # Spreadsheet formulas: the CSV must not run them.
    Case("formula", '=HYPERLINK("http://example.invalid";"klikkaa")'),
    Case("formula-plus", "+1+1 -2 @SUM(A1) laskukaava"),
    # Scripts and directions.
    Case("sami", "Sámi: Mii háliidit čoahkkinsaji gillii, đ ŋ š ŧ ž á"),
    Case("russian", "Русский: Нужна новая библиотека для детей"),
    Case("swedish", "Svenska: Vi behöver ett nytt bibliotek, åäö ÅÄÖ"),
    Case("arabic", ARABIC),
    Case("hebrew", HEBREW),
    Case("mixed-rtl", "Kirjasto " + ARABIC + " 2026"),
    Case("rtl-override", "oikealta \u202evasemmalle\u202c takaisin \u2067eristys\u2069"),
    Case("combining", "yhdistelmä q\u0301\u0302 Z\u0324\u0342 merkit"),
    Case("emoji", "Emoji: kiva 👍 juhla 🥳 👍🏽 👨‍👩‍👧 🇫🇮 ❤️"),
    # Shape: a word longer than any screen, and text over several lines.
    Case("long-word", "x" * 500),
    Case("newlines", "rivi yksi\nrivi kaksi\n\nrivi neljä"),
]

BY_NAME: dict[str, Case] = {c.name: c for c in CASES}
#: Every text, as typed.
TEXTS: list[str] = [c.text for c in CASES]
#: The texts a phone may send.
PHONE_TEXTS: list[str] = [c.text for c in CASES if c.phone]
#: The cases that are markup in Textual/Rich: the TUI's own danger.
RICH = [BY_NAME[n] for n in ("close-nothing", "close-unknown", "bold-unclosed", "click-action",
                             "link", "escaped", "colour", "emoji-code")]
