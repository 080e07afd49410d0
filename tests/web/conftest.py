"""Fixtures for the participant server's tests (the helpers live in web_support.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.web_support import Hall, open_hall


@pytest.fixture
def hall(tmp_path: Path, clock: Any) -> Iterator[Hall]:
    """A palvelupaja evening, served."""
    yield from open_hall(tmp_path / "paja.db", "palvelupaja", clock)


@pytest.fixture
def hall_of(tmp_path: Path, clock: Any) -> Iterator[Any]:
    """Any template's evening: `hall_of("eratauko")`, `hall_of("scale")`."""
    opened: list[Iterator[Hall]] = []

    def make(key: str, **client_kw: Any) -> Hall:
        gen = open_hall(tmp_path / f"{key}-{len(opened)}.db", key, clock, **client_kw)
        opened.append(gen)
        return next(gen)

    yield make
    for gen in opened:
        for _ in gen:
            pass


# Browser fixtures (function-scoped; used only by tests marked `browser`).
from tests.web.browser_support import browser, playwright_  # noqa: E402, F401
