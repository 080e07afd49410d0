"""The process screen with Pilot: open it from the start screen, filter, sort, update an idea's
journey with the keyboard, and read the register back after each key."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable, Input

from facilitator.core.process import Process
from facilitator.paths import Settings
from facilitator.tui.dialogs import ChoiceDialog, TextPrompt
from facilitator.tui.screens.process import ProcessScreen
from facilitator.tui.screens.run import RunScreen
from facilitator.tui.screens.start import StartScreen
from tests.tui.tui_support import kirkonkyla_process, make_app, notices, shown, wait_for

SIZE = (80, 24)
SKATE, CLUB, BUS, SCHOOL, LIBRARY = (
    "Skeittiramppi urheilukentälle", "Nuorisotila koulun tyhjään luokkaan",
    "Iltabussi kaupunkiin", "Vanha koulu kylätaloksi", "Kirjastoauto syrjäkylille")


def register_rows(screen: ProcessScreen) -> list[list[str]]:
    table = screen.query_one("#register", DataTable)
    return [[str(c).strip() for c in table.get_row_at(i)] for i in range(table.row_count)]


def texts(screen: ProcessScreen) -> list[str]:
    return [screen.ideas[int(r[0])].entry.text for r in register_rows(screen)]


def entry(settings: Settings, text: str) -> Any:
    """The idea as the process file holds it now (read with a connection of its own)."""
    with Process.open(settings.process_dir("kirkonkyla")) as proc:
        return next(e for e in proc.store.entries() if e.text == text)


async def open_process(app: Any, pilot: Any) -> ProcessScreen:
    start = app.screen
    assert isinstance(start, StartScreen)
    table = start.query_one("#processes", DataTable)
    assert table.display and table.row_count == 1
    assert str(table.get_row_at(0)[0]) == "Kirkonkylän osallisuus 2027 · Mansikkala"
    table.focus()
    await pilot.press("enter")
    assert isinstance(app.screen, ProcessScreen)
    return app.screen


async def on_row(pilot: Any, screen: ProcessScreen, text: str) -> None:
    table = screen.query_one("#register", DataTable)
    table.focus()
    table.move_cursor(row=texts(screen).index(text))
    await pilot.pause()
    assert screen.selected() is not None and screen.selected().entry.text == text


async def choose(pilot: Any, app: Any, label: str) -> None:
    """In a ChoiceDialog: type to narrow, Enter takes the first match."""
    assert isinstance(app.screen, ChoiceDialog), app.screen
    await pilot.press(*label, "enter")
    await pilot.pause()


async def type_in(pilot: Any, app: Any, value: str) -> None:
    assert isinstance(app.screen, TextPrompt), app.screen
    app.screen.query_one(Input).value = value
    await pilot.press("enter")
    await pilot.pause()


async def test_start_lists_the_process_and_opens_it(home: Settings, clock: Any) -> None:
    kirkonkyla_process(home, clock).close()
    app = make_app(home, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_process(app, pilot)
        assert app.proc is not None and app.ws is None  # a process, no workshop, no server
        workshops = screen.query_one("#process-workshops", DataTable)
        assert [str(c).strip() for c in workshops.get_row_at(0)][:5] == [
            "1.10.2026", "Syksyn palvelupaja", "Palvelupaja", "23", "5"]
        # By votes: 9, 7, 5, 2, none.
        assert texts(screen) == [SKATE, CLUB, SCHOOL, BUS, LIBRARY]
        rows = {screen.ideas[int(r[0])].entry.text: r for r in register_rows(screen)}
        assert rows[SKATE][3:] == ["9", "päätetty", "! 1.11.2026"]  # past due: marked
        assert rows[SCHOOL][5] == "1.3.2027"                       # not yet due
        assert "Myöhässä: 1" in shown(screen.query_one("#register-bar"))
        # The journey of the idea under the cursor: where it stands, its origin, its history.
        journey = shown(screen.query_one("#journey"))
        assert journey.startswith(f"#1 {SKATE}\nTila: päätetty · Mihin etenee: a) Kunnan "
                                  "talousarvioon · Teema: Nuoret")
        assert "Vastuutaho: Nuorisotoimi (julkinen)" in journey
        assert "Määräpäivä: 1.11.2026 – myöhässä" in journey
        assert "Mistä: Syksyn palvelupaja 1.10.2026 (paperi, ääniä 9)" in journey
        assert "tila: harkinnassa → päätetty" in journey
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen) and app.proc is None


async def test_filters_and_orders(home: Settings, clock: Any) -> None:
    kirkonkyla_process(home, clock).close()
    app = make_app(home, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_process(app, pilot)
        await pilot.press("f")
        await choose(pilot, app, "harkinnassa")
        assert texts(screen) == [CLUB]
        await pilot.press("f")
        await choose(pilot, app, "myöhässä")
        assert texts(screen) == [SKATE]
        await pilot.press("f")
        await choose(pilot, app, "kaikki")
        await pilot.press("t")
        await choose(pilot, app, "Tyhjät")
        assert texts(screen) == [SCHOOL, LIBRARY]
        await pilot.press("t")
        await choose(pilot, app, "kaikki")
        await pilot.press("k")
        await choose(pilot, app, "b) Yhteiseen")
        assert texts(screen) == [SCHOOL]
        await pilot.press("k")
        await choose(pilot, app, "kaikki")
        await pilot.press("v")  # nearest due date first, none last (then by number)
        assert texts(screen) == [SKATE, SCHOOL, CLUB, BUS, LIBRARY]
        assert "Järjestys: määräpäivä" in shown(screen.query_one("#register-bar"))
        await pilot.press("v")
        assert texts(screen)[0] == SKATE and texts(screen)[1] == CLUB


async def test_keys_change_the_journey_through_the_register(home: Settings, clock: Any
                                                           ) -> None:
    kirkonkyla_process(home, clock).close()
    app = make_app(home, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_process(app, pilot)
        await on_row(pilot, screen, CLUB)
        # considering → decided asks where it goes first (core refuses a decision without).
        await pilot.press("u")
        assert isinstance(app.screen, ChoiceDialog)
        await choose(pilot, app, "päätetty")
        await choose(pilot, app, "c) Hankkeeseen")
        e = entry(home, CLUB)
        assert (e.status, e.outcome) == ("decided", "project_funding")
        # The owner, public or not; the next step; the due date; the public note.
        await pilot.press("o")
        await type_in(pilot, app, "Kylätoimikunta")
        assert entry(home, CLUB).owner == "Kylätoimikunta"
        assert not entry(home, CLUB).owner_public
        await pilot.press("j")
        assert entry(home, CLUB).owner_public
        await pilot.press("x")
        await type_in(pilot, app, "Haetaan Leader-rahoitusta")
        assert entry(home, CLUB).next_step == "Haetaan Leader-rahoitusta"
        await pilot.press("d")
        await type_in(pilot, app, "31.13.2027")          # refused: the dialog stays, says why
        assert isinstance(app.screen, TextPrompt)
        assert "31.13.2027" in shown(app.screen.query_one("#prompt-error"))
        await type_in(pilot, app, "15.4.2027")
        assert isinstance(app.screen, ProcessScreen)
        assert entry(home, CLUB).due == "2027-04-15"
        await pilot.press("m")
        await type_in(pilot, app, "Haku on auki toukokuuhun asti.")
        assert entry(home, CLUB).public_note == "Haku on auki toukokuuhun asti."
        # decided → in_progress → done, each one key and one choice.
        await pilot.press("u")
        await choose(pilot, app, "työn alla")
        await pilot.press("u")
        await choose(pilot, app, "valmis")
        assert entry(home, CLUB).status == "done"
        await pilot.press("u")                          # done is done: said, not a dialog
        assert isinstance(app.screen, ProcessScreen)
        assert "Tilaa ei voi enää vaihtaa" in notices(app)[-1]
        # Every change is one dated history row by the TUI, shown in the journey.
        with Process.open(home.process_dir("kirkonkyla")) as proc:
            history = proc.register.history(proc.register.idea(entry(home, CLUB).id))
        assert [h.actor for h in history][-8:] == ["tui"] * 8
        journey = shown(screen.query_one("#journey"))
        assert "tila: työn alla → valmis" in journey
        assert "julkinen tiedote: – → Haku on auki toukokuuhun asti." in journey


async def test_not_taken_needs_a_reason_said_in_the_dialog(home: Settings, clock: Any) -> None:
    kirkonkyla_process(home, clock).close()
    app = make_app(home, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_process(app, pilot)
        await on_row(pilot, screen, BUS)
        await pilot.press("u")
        await choose(pilot, app, "ei viedä")
        assert isinstance(app.screen, TextPrompt)
        await type_in(pilot, app, "   ")                  # core: a reason is required
        assert isinstance(app.screen, TextPrompt)
        assert shown(app.screen.query_one("#prompt-error"))
        await type_in(pilot, app, "Vuoro on jo olemassa.")
        assert isinstance(app.screen, ProcessScreen)
        e = entry(home, BUS)
        assert (e.status, e.reason) == ("not_taken", "Vuoro on jo olemassa.")
        assert not any("Traceback" in n for n in notices(app))


async def test_sync_reads_a_workshop_changed_since(home: Settings, clock: Any) -> None:
    from facilitator.core.workshop import Workshop

    kirkonkyla_process(home, clock).close()
    app = make_app(home, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_process(app, pilot)
        with Workshop.open(home.process_dir("kirkonkyla") / "palvelupaja.db", clock) as ws:
            ws.ideas.submit("Kesätori satamaan", theme="tilat", source="paper")
        await pilot.press("s")
        await wait_for(pilot, lambda: "Kesätori satamaan" in texts(screen))
        assert "1 uutta ideaa" in notices(app)[-1]
        # Enter on a workshop opens it; closing it comes back to the process.
        screen.query_one("#process-workshops", DataTable).focus()
        await pilot.press("enter")
        assert isinstance(app.screen, RunScreen)
        assert app.proc is not None
        await pilot.press("w")
        assert isinstance(app.screen, ProcessScreen) and app.ws is None


async def test_p_makes_a_process_from_the_start_screen(home: Settings, clock: Any) -> None:
    app = make_app(home, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await type_in(pilot, app, "Kylä 2028")
        assert isinstance(app.screen, ProcessScreen)
        assert app.process.info.name == "Kylä 2028"
        assert (home.processes_dir / "kyla-2028" / "process.db").is_file()
        await pilot.press("escape")
        await pilot.press("p")
        await type_in(pilot, app, "Kylä 2028")            # the folder is taken: said, kept
        assert isinstance(app.screen, TextPrompt)
        assert "kyla-2028" in shown(app.screen.query_one("#prompt-error"))
