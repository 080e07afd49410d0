"""Notes at any time and the Erätauko summary that saves itself: nothing typed is lost."""

from __future__ import annotations

from typing import Any

from textual.widgets import TextArea

from facilitator.paths import Settings
from facilitator.tui.screens.notes import AUTOSAVE_S, NotesScreen
from facilitator.tui.screens.run import RunScreen
from tests.tui.tui_support import (
    eratauko_insights,
    goto,
    make_app,
    palvelupaja_ideas,
    phones,
    shown,
    wait_for,
)

SIZE = (80, 24)


async def test_a_note_at_any_time(home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        await pilot.press(*"Mikki ei toimi", "enter")
        assert "Mikki ei toimi" in shown(screen.query_one("#notes-list"))
        assert shown(screen.query_one("#note")) == "" or screen.query_one("#note").value == ""
        await pilot.press("escape")
        assert isinstance(app.screen, RunScreen)
    (note,) = ws.records.notes()
    assert (note.text, note.phase_key) == ("Mikki ei toimi", "ideointi")


async def test_the_summary_saves_itself_after_a_pause(home: Settings, clock: Any) -> None:
    ws = eratauko_insights(home, clock)
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("o")
        screen = app.screen
        area = screen.query_one("#summary-additions", TextArea)
        area.focus()
        await pilot.press(*"Nuoret toivat esiin bussit.")
        assert ws.records.summary().get("additions", "") == ""
        await wait_for(pilot, lambda: ws.records.summary().get("additions") ==
                       "Nuoret toivat esiin bussit.", timeout=AUTOSAVE_S + 1.5)
        assert "Tallennettu" in shown(screen.query_one("#saved-additions"))


async def test_leaving_a_field_or_the_screen_saves_it(home: Settings, clock: Any) -> None:
    ws = eratauko_insights(home, clock)
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("o")
        screen = app.screen
        screen.query_one("#summary-continues", TextArea).focus()
        await pilot.press(*"Kunnanvaltuusto", "tab")  # leave the field at once
        assert ws.records.summary()["continues"] == "Kunnanvaltuusto"
        screen.query_one("#summary-additions", TextArea).focus()
        await pilot.press(*"Lisäys", "escape")  # leave the screen at once
        assert isinstance(app.screen, RunScreen)
        assert ws.records.summary()["additions"] == "Lisäys"
        # and the run screen's pane shows it
        assert "Lisäys" in shown(app.screen.query_one("#dialogue-summary"))


async def test_quitting_while_typing_keeps_the_text(home: Settings, clock: Any) -> None:
    ws = eratauko_insights(home, clock)
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("o")
        app.screen.query_one("#summary-main_topics", TextArea).focus()
        await pilot.press("end", *" Lisää.")
        await pilot.press("ctrl+q")
    assert ws.records.summary()["main_topics"].endswith("kylätalo on tärkeä. Lisää.")


async def test_insights_from_phones_arrive_while_writing(home: Settings, clock: Any) -> None:
    ws = eratauko_insights(home, clock)
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("o")
        screen = app.screen
        area = screen.query_one("#summary-differences", TextArea)
        area.focus()
        await pilot.press("end", *" Kesken")
        (device,) = phones(ws, 1)
        ws.records.add_insight("Kuuntelu kannattaa.", source="phone", device_id=device)
        await wait_for(pilot, lambda: "Kuuntelu kannattaa." in shown(screen.query_one("#insights")),
                       timeout=1.0)
        assert area.text.endswith("Kesken")  # the field being typed in was left alone


async def test_insight_slips_from_paper_are_typed_in_and_marked(home: Settings,
                                                                clock: Any) -> None:
    ws = eratauko_insights(home, clock)
    goto(ws, "palaute")  # the round is over; the slips are typed in afterwards
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("o")
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        screen.query_one("#paper-insight").focus()
        await pilot.press(*"Kylätalo [on] meidän", "enter")
        await pilot.pause()
        assert "tallennettu paperilta" in shown(screen.query_one("#paper-insight-status"))
        assert "Kylätalo [on] meidän (paperi)" in shown(screen.query_one("#insights"))
    paper = [i for i in ws.records.insights() if i.source == "paper"]
    assert [i.text for i in paper] == ["Kylätalo [on] meidän"]
    # The last round that asked for insights (jatko), not the feedback phase it was typed in.
    assert paper[0].phase_id == ws.phase("jatko").row.id
