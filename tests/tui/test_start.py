"""The start screen and the new-workshop form: open a session, or make one from a template."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable, Input, Select, TextArea

from facilitator.core.workshop import Workshop
from facilitator.paths import Settings
from facilitator.tui.screens.new_workshop import NewWorkshopScreen
from facilitator.tui.screens.run import RunScreen
from facilitator.tui.screens.start import StartScreen
from tests.tui.tui_support import goto, make_app, new_session, shown

SIZE = (80, 24)


def rows(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_lists_sessions_and_templates_and_opens_one(home: Settings, clock: Any) -> None:
    ws = new_session(home, "palvelupaja", clock)
    goto(ws, "ideointi")
    ws.close()
    (home.sessions_dir / "rikki.db").write_bytes(b"not a session at all")
    app = make_app(home, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, StartScreen)
        sessions = rows(screen.query_one("#sessions", DataTable))
        good = next(r for r in sessions if r[3] == "palvelupaja")
        assert good[:3] == ["Kirkonkylän palvelupaja", "22.11.2026", "Ideointi teemapisteillä"]
        broken = next(r for r in sessions if r[3] == "rikki")
        assert broken[0].startswith("! ")  # listed with what is wrong, not a crash
        templates = [r[0] for r in rows(screen.query_one("#templates", DataTable))]
        assert {"Palvelupaja", "Erätauko-keskustelu", "Osallistuva budjetointi",
                "Kumppanuuspöytä"} <= set(templates)
        table = screen.query_one("#sessions", DataTable)
        table.focus()
        table.move_cursor(row=[r[3] for r in sessions].index("palvelupaja"))
        await pilot.press("enter")
        assert isinstance(app.screen, RunScreen)
        assert app.ws is not None and app.ws.path == home.sessions_dir / "palvelupaja.db"
        await pilot.press("w")  # close: back to the list
        assert isinstance(app.screen, StartScreen)


async def test_a_broken_session_is_refused_with_a_sentence(home: Settings, clock: Any) -> None:
    home.sessions_dir.mkdir(parents=True)
    (home.sessions_dir / "rikki.db").write_bytes(b"not a session at all")
    app = make_app(home, clock)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#sessions", DataTable)
        table.focus()
        await pilot.press("enter")
        assert isinstance(app.screen, StartScreen)
        assert app.ws is None
        assert any("rikki.db" in str(n.message) for n in app._notifications)


async def test_new_workshop_from_a_template_with_edited_themes(home: Settings, clock: Any
                                                               ) -> None:
    app = make_app(home, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, NewWorkshopScreen)
        form.query_one("#template", Select).value = "palvelupaja"
        await pilot.pause()
        themes = form.query_one("#themes", TextArea)
        assert themes.text.splitlines()[:2] == ["Nuoret", "Ikäihmiset"]
        await pilot.press(*"Syysilta", "enter", *"Seurantalo", "enter")
        date = form.query_one("#date", Input)
        assert date.value == "22.11.2026"  # today by the app's clock, as Finns write it
        date.value = "5.12.2026"
        themes.text = "Nuoret\nKirjasto ja kulttuuri\n\nIkäihmiset"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, RunScreen)
    path = home.sessions_dir / "syysilta-2026-12-05.db"
    with Workshop.open(path) as ws:
        info = ws.info
        assert (info.title, info.place, info.date, info.lang) == (
            "Syysilta", "Seurantalo", "2026-12-05", "fi")
        themes_ = ws.themes()
        assert [t.key for t in themes_] == ["nuoret", "kirjasto-ja-kulttuuri", "ikaantyneet"]
        assert themes_[0].title["sv"] == "Unga"  # a kept template theme keeps its translations
        assert themes_[1].title == {"fi": "Kirjasto ja kulttuuri"}
        assert ws.template.key == "palvelupaja"


async def test_new_workshop_says_what_is_wrong_next_to_the_field(home: Settings, clock: Any
                                                                 ) -> None:
    app = make_app(home, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        form = app.screen
        await pilot.press("ctrl+s")
        assert "Anna työpajalle nimi." in shown(form.query_one("#title-error"))
        form.query_one("#title", Input).value = "Ilta"
        form.query_one("#date", Input).value = "31.2.2026"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, NewWorkshopScreen)
        assert "31.2.2026" in shown(form.query_one("#date-error"))
        assert form.query_one("#date", Input).has_focus
        form.query_one("#date", Input).value = ""
        form.query_one("#themes", TextArea).text = "Nuoret\nnuoret"
        await pilot.press("ctrl+s")
        assert shown(form.query_one("#form-error"))  # two themes with one key
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen)
    assert not list(home.sessions_dir.glob("*.db"))


async def test_a_template_row_opens_the_form_with_that_template(home: Settings, clock: Any
                                                                ) -> None:
    app = make_app(home, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        table = app.screen.query_one("#templates", DataTable)
        table.focus()
        names = [r[0] for r in rows(table)]
        table.move_cursor(row=names.index("Erätauko-keskustelu"))
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, NewWorkshopScreen)
        assert form.query_one("#template", Select).value == "eratauko"
        assert form.query_one("#themes", TextArea).text == ""  # a dialogue has no themes
