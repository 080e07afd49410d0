"""Fixtures for the printed documents: finished sessions, their files, and poppler to read them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.core.workshop import Workshop
from facilitator.export.bundle import export_all, export_handouts

from . import export_builders as builders
from .export_builders import BASE_URL, PASSWORD, SSID


@pytest.fixture(scope="module")
def paja(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workshop]:
    ws = builders.palvelupaja(tmp_path_factory.mktemp("paja") / "kirkonkyla.db")
    yield ws
    ws.close()


def everything(ws: Workshop, out: Path, **wifi: str) -> dict[str, Path]:
    """Every file of a session by name: what `export` and `handouts` write."""
    paths = export_all(ws, out) + export_handouts(ws, out, base_url=BASE_URL, **wifi)
    return {p.name: p for p in paths}


@pytest.fixture(scope="module")
def paja_files(paja: Workshop, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return everything(paja, tmp_path_factory.mktemp("paja-out"), wifi_ssid=SSID,
                      wifi_password=PASSWORD)


@pytest.fixture(scope="module")
def era(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workshop]:
    ws = builders.eratauko(tmp_path_factory.mktemp("era") / "eratauko.db")
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def era_files(era: Workshop, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return everything(era, tmp_path_factory.mktemp("era-out"))


@pytest.fixture(scope="module")
def budget(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workshop]:
    ws = builders.budget(tmp_path_factory.mktemp("budget") / "kylarahat.db")
    yield ws
    ws.close()
