"""One catalog mechanism: every language has every text, placeholders agree, formats are Finnish."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from facilitator.i18n import CATALOG_DIR, LANGS, Translator, catalog, normalize_lang

PACKAGE = Path(__file__).resolve().parent.parent / "facilitator"
KEY_PREFIXES = ("error", "expected", "cli", "csv", "outcome", "kind", "method", "source",
                "status", "phase_status", "budget", "web", "tui", "pdf")


def placeholders(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_language_has_the_same_keys_and_placeholders() -> None:
    fi = catalog("fi")
    assert len(fi) > 200
    for lang in LANGS:
        cat = catalog(lang)
        assert set(cat) == set(fi), (lang, sorted(set(cat) ^ set(fi))[:10])
        for key, text in cat.items():
            assert text.strip(), (lang, key)
            assert placeholders(text) == placeholders(fi[key]), (lang, key)


def test_every_area_has_its_file_in_every_language() -> None:
    areas = {p.name for p in (CATALOG_DIR / "fi").glob("*.po")}
    for lang in LANGS:
        assert {p.name for p in (CATALOG_DIR / lang).glob("*.po")} == areas


def test_every_key_the_code_uses_is_in_the_catalog() -> None:
    prefixes = "|".join(KEY_PREFIXES)
    pattern = re.compile(rf"""["']((?:{prefixes})\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)["']""")
    fi = catalog("fi")
    missing = set()
    for path in PACKAGE.rglob("*.py"):
        for key in pattern.findall(path.read_text(encoding="utf-8")):
            if key not in fi and not key.endswith("."):
                missing.add(f"{path.relative_to(PACKAGE)}: {key}")
    assert not missing, sorted(missing)


def test_money_dates_and_fallbacks() -> None:
    fi, sv, en = Translator("fi"), Translator("sv"), Translator("en")
    assert fi.money(123450) == "1\xa0234,50\xa0€"
    assert fi.money(2_000_000) == "20\xa0000\xa0€"
    assert sv.money(123450) == "1\xa0234,50\xa0€"
    assert en.money(123450) == "€1,234.50"
    assert fi.date("2026-11-22") == "22.11.2026"
    assert en.date("2026-11-22") == "22 November 2026"
    assert fi.text({"fi": "Nuoret", "en": "Youth"}) == "Nuoret"
    assert sv.text({"fi": "Nuoret", "en": "Youth"}) == "Nuoret"  # Swedish missing → Finnish
    assert fi("no.such.key") == "no.such.key"


@pytest.mark.parametrize("raw, lang", [("sv_FI.UTF-8", "sv"), ("EN", "en"), ("de", "fi"),
                                       (None, "fi"), ("fi-FI", "fi")])
def test_normalize_lang(raw: str | None, lang: str) -> None:
    assert normalize_lang(raw) == lang
