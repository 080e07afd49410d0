"""The minutes' details typed in the TUI: prefilled, saved through core, and in the export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Input

from facilitator.export import minutes
from facilitator.paths import Settings
from facilitator.tui.screens.details import DetailsScreen
from facilitator.tui.screens.export import ExportScreen
from tests.export.pdf_tools import squeeze, text_of
from tests.tui.tui_support import make_app, palvelupaja_results, shown

TYPED = {"organiser": "Kirkonkylän kyläyhdistys ry", "writer": "Liisa Kirjuri",
         "core_group": "Aino, Pekka, Sami", "contact": "Aino Virtanen, 040 123 4567",
         "next_meeting": "Kumppanuuspöytä 3.12.2026 kunnantalolla",
         "collection": "https://osallistu.example.fi/kirkonkyla",
         "collection_until": "15.1.2027",
         "next_for_residents": "Tulokset kyläyhdistyksen sivuilla joulukuussa",
         "approval": "Hyväksytty kumppanuuspöydässä 3.12.2026"}


async def test_typed_details_are_saved_and_in_the_minutes(home: Settings, clock: Any,
                                                          tmp_path: Path) -> None:
    ws = palvelupaja_results(home, clock).ws
    assert ws.path is not None
    ws.records.set_detail("organiser", "Vanha järjestäjä")
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "ctrl+t")
        screen = app.screen
        assert isinstance(screen, DetailsScreen)
        organiser = screen.query_one("#detail-organiser", Input)
        assert organiser.value == "Vanha järjestäjä"          # prefilled with what is stored
        assert app.focused is organiser
        await pilot.press("ctrl+a", "ctrl+k")                  # cleared, as a person would
        await pilot.press(*TYPED["organiser"], "enter")
        assert app.focused is screen.query_one("#detail-writer", Input)   # Enter: next line
        for key, value in TYPED.items():
            screen.query_one(f"#detail-{key}", Input).value = value
        screen.query_one("#detail-collection_until", Input).value = "32.13.2027"
        await pilot.press("ctrl+s")
        assert app.screen is screen                             # refused: stays, says why
        assert "32.13.2027" in shown(screen.query_one("#details-status"))
        assert app.focused is screen.query_one("#detail-collection_until", Input)
        app.focused.value = TYPED["collection_until"]
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("ctrl+t")                             # opens again with the values
        assert app.screen.query_one("#detail-collection_until", Input).value == "15.1.2027"
        await pilot.press("escape")
        assert isinstance(app.screen, ExportScreen)
    stored = ws.records.details()
    assert stored == {**TYPED, "collection_until": "2027-01-15"}
    # the minutes as the export screen's Ctrl+R writes them (tests/tui/test_export.py)
    flat = squeeze(text_of(minutes.write(ws, tmp_path / "muistio.pdf"), raw=False))
    for key, value in TYPED.items():
        if key != "collection_until":
            assert squeeze(value) in flat, key
    assert squeeze("auki 15.1.2027 asti") in flat
    assert squeeze("Muistio hyväksytty: ____") not in flat     # approved: no blank line
