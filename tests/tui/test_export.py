"""Exports from the TUI: run in a worker with progress, and say where the files went."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Checkbox, Input, ProgressBar

from facilitator.paths import Settings
from facilitator.tui.screens.export import ExportScreen
from tests.export.pdf_tools import squeeze, text_of
from tests.tui.tui_support import make_app, palvelupaja_results, shown, wait_for

SIZE = (80, 24)


async def export(pilot: Any, key: str) -> ExportScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    await pilot.press(key)
    await wait_for(pilot, lambda: not screen.running, timeout=60)
    return screen


async def test_results_and_minutes(home: Settings, clock: Any) -> None:
    ws = palvelupaja_results(home, clock).ws
    assert ws.path is not None
    out = home.export_dir_for(ws.path)
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert str(out) in shown(app.screen.query_one("#export-folder"))
        screen = await export(pilot, "ctrl+r")
        listed = shown(screen.query_one("#export-result")).splitlines()
        bar = screen.query_one(ProgressBar)
        assert bar.progress == bar.total
        assert "Valmis" in shown(screen.query_one("#export-step"))
    files = sorted(p.name for p in out.iterdir())
    assert sorted(Path(p).name for p in listed) == files
    assert any(f.endswith(".pdf") for f in files)
    assert {f"{ws.path.stem}.csv", f"{ws.path.stem}.json"} <= set(files)
    assert all(Path(p).stat().st_size > 0 for p in listed)


async def test_handouts_with_the_wifi_on_the_poster(home: Settings, clock: Any) -> None:
    ws = palvelupaja_results(home, clock).ws
    assert ws.path is not None
    out = home.export_dir_for(ws.path)
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        app.screen.query_one("#wifi-ssid", Input).value = "Kylatalo"
        app.screen.query_one("#wifi-password", Input).value = "sauna123"
        screen = await export(pilot, "ctrl+e")
        listed = shown(screen.query_one("#export-result")).splitlines()
    assert len(listed) >= 3  # poster, table cards, paper ballots
    assert all(Path(p).parent == out and Path(p).exists() for p in listed)


async def test_a_failed_export_says_why(home: Settings, clock: Any) -> None:
    ws = palvelupaja_results(home, clock).ws
    home.exports_dir.parent.mkdir(parents=True, exist_ok=True)
    home.exports_dir.write_text("a file where the folder should be")
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        screen = await export(pilot, "ctrl+r")
        assert "Tiedostojen teko ei onnistunut" in shown(screen.query_one("#export-result"))
        assert any("Tiedostojen teko" in str(n.message) for n in app._notifications)


async def test_the_copy_to_publish_leaves_out_hidden_text(home: Settings, clock: Any) -> None:
    ws = palvelupaja_results(home, clock).ws
    assert ws.path is not None
    secret = "Naapurin Matti Meikäläinen varastaa polttopuita"
    idea = ws.ideas.submit(secret, theme=ws.themes()[0].key, source="paper").id
    ws.ideas.hide(idea, "Henkilötietoja")
    out = home.export_dir_for(ws.path)
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        box = app.screen.query_one("#leave-out-hidden", Checkbox)
        assert box.value is False and "piilotettujen ideoiden teksti pois" in str(box.label)
        box.focus()
        await pilot.press("space")
        assert box.value is True
        await export(pilot, "ctrl+r")
    csv = (out / f"{ws.path.stem}.csv").read_text(encoding="utf-8-sig")
    assert secret not in csv and "(piilotettu, teksti jätetty pois)" in csv
    minutes_pdf = next(out.glob("*-muistio.pdf"))
    flat = squeeze(text_of(minutes_pdf, raw=False))
    assert squeeze(secret) not in flat and squeeze("Piilotettuja ideoita 1") in flat
