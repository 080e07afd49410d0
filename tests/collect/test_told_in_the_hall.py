"""The palvelupaja tells the room where ideas can still go: the closing phase's script on
the facilitator's screen and the minutes name the online collection and its last day."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from facilitator.core.templates import load_template
from facilitator.export import minutes
from facilitator.paths import Settings, shipped_templates_dir
from facilitator.tui.screens.run import RunScreen
from facilitator.tui.widgets.script import ScriptView
from tests.collect.support import PUBLIC, make_collection, make_process
from tests.export.pdf_tools import contains, text_of
from tests.tui.tui_support import make_app, shown


def evening(tmp_path: Path, clock: Any, *, with_collection: bool) -> Path:
    folder = tmp_path / "processes" / "kirkonkyla-2027"
    proc = make_process(folder, clock)
    if with_collection:
        make_collection(proc, until="2026-12-31")
    ws = proc.new_workshop(folder / "paja.db",
                           load_template(shipped_templates_dir() / "palvelupaja.toml"),
                           title="Kirkonkylän palvelupaja", date="2026-11-22")
    last = ws.phases()[-1].key
    for phase in ws.phases():
        ws.goto(phase.key)
        if phase.key == last:
            break
    path = ws.path
    assert path is not None
    proc.close()
    ws.close()
    return path


async def test_the_closing_phase_and_the_minutes_name_the_collection(tmp_path: Path,
                                                                   clock: Any) -> None:
    path = evening(tmp_path, clock, with_collection=True)
    settings = Settings.load(home=tmp_path, lang="fi", env={})
    app = make_app(settings, clock, path)
    async with app.run_test(size=(100, 32)):
        assert isinstance(app.screen, RunScreen)
        script = shown(app.screen.query_one(ScriptView))
        assert f"osoitteessa {PUBLIC} 31.12.2026 asti" in script
        pdf = minutes.write(app.workshop, tmp_path / "muistio.pdf")
    assert contains(text_of(pdf), f"Sähköinen ideankeruu {PUBLIC}, auki 31.12.2026 asti")


async def test_without_a_collection_nothing_is_said(tmp_path: Path, clock: Any) -> None:
    path = evening(tmp_path, clock, with_collection=False)
    settings = Settings.load(home=tmp_path, lang="fi", env={})
    app = make_app(settings, clock, path)
    async with app.run_test(size=(100, 32)):
        script = shown(app.screen.query_one(ScriptView))
        assert PUBLIC not in script and "ideoita voi lähettää vielä" not in script
        pdf = minutes.write(app.workshop, tmp_path / "muistio.pdf")
    assert "ideankeruu" not in text_of(pdf).lower()
