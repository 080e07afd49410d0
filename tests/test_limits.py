"""What participants may send: text cleaning and money as people type it (core/limits.py)."""

from __future__ import annotations

import pytest

from facilitator.core.limits import clean_text, parse_money
from facilitator.errors import InvalidInput


@pytest.mark.parametrize("typed, cents", [("1500", 150000), ("1 500,50", 150050),
                                          ("1500.5 €", 150050), ("0", 0), (" 12,05 ", 1205),
                                          ("3000 eur", 300000), (25, 2500)])
def test_parse_money(typed: object, cents: int) -> None:
    assert parse_money(typed) == cents


@pytest.mark.parametrize("typed", ["", "-5", "1,234,5", "abc", "1.999", None, -1, "1e5"])
def test_parse_money_refuses(typed: object) -> None:
    with pytest.raises(InvalidInput, match="bad_cost"):
        parse_money(typed)


def test_clean_text_normalises() -> None:
    assert clean_text("  a\r\n\r\n\r\n\r\nb  ", max_chars=10) == "a\n\nb"
    assert clean_text("Kyl\u0061\u0308", max_chars=10) == "Kylä"  # NFC
    assert clean_text("a\n b", max_chars=10, multiline=False) == "a b"
    with pytest.raises(InvalidInput, match="text_control"):
        clean_text("a\x1bb", max_chars=10)
