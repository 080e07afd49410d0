"""The phones' texts: every key the pages use is in every catalog, and Finnish stays plain."""

from __future__ import annotations

import re
from pathlib import Path

from facilitator.i18n import LANGS, catalog
from facilitator.web.templating import PAGES_DIR

KEY = re.compile(r"""(?<![\w.])tl?\(\s*['"]([a-z0-9_.]+)['"]""")


def test_every_text_the_pages_use_is_in_every_language() -> None:
    used = {key for page in PAGES_DIR.glob("*.html") for key in KEY.findall(page.read_text())}
    used |= {"web.feedback.send", "web.vote.send"}  # chosen inside an expression
    assert len(used) > 30
    for lang in LANGS:
        missing = sorted(k for k in used if k not in catalog(lang))
        assert not missing, (lang, missing)


def test_finnish_for_phones_is_short_sentences() -> None:
    """Plain language (selkokieli): short sentences; a phone screen shows few words a line."""
    texts = {k: v for k, v in catalog("fi").items() if k.startswith("web.")}
    assert len(texts) > 60
    for key, text in texts.items():
        for sentence in re.split(r"(?<=[.!?:])\s+", text):
            assert len(sentence.split()) <= 12, (key, sentence)


def test_the_javascript_is_small_plain_and_needs_no_inline_code() -> None:
    js = (Path(PAGES_DIR).parent / "static" / "live.js").read_text()
    assert len(js) < 5000
    assert "eval(" not in js and "innerHTML" not in js  # the page is parsed, never injected
    for page in PAGES_DIR.glob("*.html"):
        html = page.read_text()
        assert "<script>" not in html and "style=" not in html and " on" + "click" not in html
