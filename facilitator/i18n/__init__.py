"""One catalog mechanism for every text people see: CLI, TUI, phones and PDFs.

Catalogs are gettext PO files, one folder per language (``fi/``, ``sv/``,
``en/``), one file per area (``core.po``, ``web.po``, ``tui.po``, ``pdf.po``).
The msgid is a stable key such as ``error.unknown_template``; the msgstr is the
sentence, with ``{name}`` placeholders filled by ``str.format``. Finnish is the
default and the fallback. Dates and money are formatted with Babel in the
reader's locale (Finnish: 22.11.2026, 1 234,50 €).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_datetime, format_time
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal

LANGS: tuple[str, ...] = ("fi", "sv", "en")
DEFAULT_LANG = "fi"
LANG_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
CATALOG_DIR = Path(__file__).parent


def normalize_lang(lang: str | None) -> str:
    """`sv_FI.UTF-8`, `SV`, `sv-FI` → `sv`; anything unknown → Finnish."""
    if not lang:
        return DEFAULT_LANG
    short = lang.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    return short if short in LANGS else DEFAULT_LANG


@cache
def catalog(lang: str) -> Mapping[str, str]:
    """All messages of one language, merged from every PO file in its folder."""
    messages: dict[str, str] = {}
    for po in sorted((CATALOG_DIR / lang).glob("*.po")):
        with po.open("rb") as fh:
            for msg in read_po(fh):
                if msg.id and isinstance(msg.id, str) and msg.string:
                    messages[msg.id] = str(msg.string)
    return messages


class Translator:
    """`tr("key", name=value)` → the sentence in this translator's language."""

    def __init__(self, lang: str | None = None) -> None:
        self.lang = normalize_lang(lang)
        self.locale = _LOCALES[self.lang]

    def __call__(self, key: str, /, **params: Any) -> str:
        text = catalog(self.lang).get(key) or catalog(DEFAULT_LANG).get(key) or key
        if not params:
            return text
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text

    def has(self, key: str) -> bool:
        return key in catalog(self.lang) or key in catalog(DEFAULT_LANG)

    # -- formatting -------------------------------------------------------------
    def money(self, cents: int) -> str:
        """Euros from integer cents: `1 234,50 €` in Finnish and Swedish."""
        euros = cents / 100
        fmt = None if cents % 100 else "#,##0\xa0¤" if self.lang != "en" else "¤#,##0"
        return str(format_currency(euros, "EUR", format=fmt, locale=self.locale,
                                   currency_digits=fmt is None))

    def number(self, value: float) -> str:
        return str(format_decimal(value, locale=self.locale))

    def date(self, value: dt.date | str | None) -> str:
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            try:
                day = dt.date.fromisoformat(value[:10])
            except ValueError:
                return value
        else:
            day = value
        return str(format_date(day, "medium" if self.lang == "fi" else "long",
                               locale=self.locale))

    def time(self, value: dt.datetime | str | None) -> str:
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        return str(format_time(value.astimezone() if value.tzinfo else value, "short",
                               locale=self.locale))

    def datetime(self, value: dt.datetime | str | None) -> str:
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        value = value.astimezone() if value.tzinfo else value
        return str(format_datetime(value, "short", locale=self.locale))

    def text(self, localized: Mapping[str, str] | str | None) -> str:
        """Pick this language from a `{"fi": ..., "sv": ..., "en": ...}` text (template data)."""
        if localized is None:
            return ""
        if isinstance(localized, str):
            return localized
        return localized.get(self.lang) or localized.get(DEFAULT_LANG) or next(
            iter(localized.values()), "")
