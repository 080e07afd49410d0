"""A very large evening: 1,000 ideas of hostile text and 300 ballots export without error."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.core.workshop import Workshop
from facilitator.export.bundle import export_all, export_handouts

from . import export_builders as builders
from .pdf_tools import body_text, pages_of, poppler, squeeze, text_of


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workshop, dict[str, Path]]]:
    ws = builders.big(tmp_path_factory.mktemp("big") / "iso.db")
    out = tmp_path_factory.mktemp("big-out")
    paths = export_all(ws, out) + export_handouts(
        ws, out, base_url=builders.BASE_URL, wifi_ssid=builders.SSID,
        wifi_password=builders.PASSWORD)
    yield ws, {p.name: p for p in paths}
    ws.close()


def test_everything_is_written(big: tuple[Workshop, dict[str, Path]]) -> None:
    ws, files = big
    assert sorted(files) == sorted([
        "iso-tulokset.pdf", "iso-muistio.pdf", "iso-tulokset.docx", "iso-muistio.docx",
        "iso.csv", "iso.json", "iso-juliste.pdf",
        "iso-poytakortit.pdf", "iso-aanestysliput.pdf"])
    assert len(ws.ideas.all()) == 1000
    result = ws.ballots.result("aanestys")
    assert result.tally.ballots_phone + result.tally.ballots_paper == 300


def test_every_idea_is_in_the_minutes_and_on_the_ballot(
        big: tuple[Workshop, dict[str, Path]]) -> None:
    ws, files = big
    minutes = squeeze(body_text(text_of(files["iso-muistio.pdf"])))
    ballots = squeeze(body_text(text_of(files["iso-aanestysliput.pdf"]),
                                  header_first=False))
    checked = 0
    for idea in ws.ideas.all():
        # RTL, emoji, direction controls and stacked marks: test_published.py checks those.
        if all(ord(ch) < 0x0590 and not unicodedata.combining(ch) for ch in idea.text):
            assert squeeze(f"#{idea.id} {idea.text}") in minutes, idea.id
            assert squeeze(f"{idea.id} {idea.text}") in ballots, idea.id
            checked += 1
    assert checked > 700


def test_many_pages_all_numbered_and_rendered(big: tuple[Workshop, dict[str, Path]],
                                              tmp_path: Path) -> None:
    _, files = big
    for name in ("iso-tulokset.pdf", "iso-muistio.pdf"):
        path = files[name]
        pages = pages_of(path)
        assert pages > 20
        text = text_of(path)
        for page in range(1, pages + 1):
            assert f"sivu {page} / {pages}" in text, (name, page)
        out = tmp_path / name
        out.mkdir()
        poppler("pdftoppm", "-r", "12", "-png", str(path), str(out / "p"))
        assert len(list(out.glob("*.png"))) == pages
