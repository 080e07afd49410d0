"""Moderation from the keyboard: edit, merge, hide, restore, move, cost — and the event log."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable, Input

from facilitator.paths import Settings
from facilitator.tui.dialogs import ChoiceDialog, TextPrompt
from facilitator.tui.screens.moderation import ModerationScreen
from facilitator.tui.screens.run import RunScreen
from tests.tui.tui_support import (
    budget_results,
    make_app,
    palvelupaja_ideas,
    palvelupaja_vote,
    shown,
)

SIZE = (80, 24)


async def open_moderation(pilot: Any, idea_id: int) -> ModerationScreen:
    await pilot.press("m")
    screen = pilot.app.screen
    assert isinstance(screen, ModerationScreen)
    table = screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(str(idea_id)))
    await pilot.pause()
    return screen


async def test_edit_keeps_the_original(home: Settings, clock: Any) -> None:
    evening = palvelupaja_ideas(home, clock)
    ws, idea = evening.ws, evening.ideas["Kyläapu kauppamatkoille"]
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_moderation(pilot, idea)
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, TextPrompt)
        assert dialog.query_one(Input).value == "Kyläapu kauppamatkoille"
        dialog.query_one(Input).value = "Kyläapu: vapaaehtoiset auttavat kaupassa"
        await pilot.press("enter")
        assert app.screen is screen
        assert "Alkuperäinen: Kyläapu kauppamatkoille" in shown(screen.query_one("#idea-detail"))
        await pilot.press("escape")
        assert isinstance(app.screen, RunScreen)
    row = ws.ideas.get(idea)
    assert (row.text, row.original_text) == ("Kyläapu: vapaaehtoiset auttavat kaupassa",
                                             "Kyläapu kauppamatkoille")
    (event,) = ws.store.events(["idea_edited"])
    assert event.data["before"] == "Kyläapu kauppamatkoille"


async def test_merge_moves_the_votes_and_counts_nothing_twice(home: Settings, clock: Any
                                                              ) -> None:
    evening = palvelupaja_vote(home, clock)
    ws, ids = evening.ws, evening.ideas
    twin, into = ids["Tuolijumppa kylätalolla"], ids["Nuorisotila koulun tyhjään luokkaan"]
    before = {int(i.target): i.phone + i.paper for i in ws.ballots.result("aanestys").overall}
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "escape")  # the vote stays open while the room merges
        await open_moderation(pilot, twin)
        await pilot.press("y")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press(*"nuorisotila", "enter")
        assert isinstance(app.screen, ModerationScreen)
        table = app.screen.query_one(DataTable)
        status = str(table.get_row(str(twin))[4]).strip()
        assert status == f"yhdistetty → #{into}"
    after = {int(i.target): i.phone + i.paper for i in ws.ballots.result("aanestys").overall}
    assert twin not in after
    # One ballot had marks on both (1 + 1): merged they count once per ballot, capped at 3.
    assert after[into] == before[into] + before[twin]
    assert ws.ideas.get(twin).merged_into == into
    assert ws.store.events(["idea_merged"])[0].data == {
        "idea": twin, "into": into, "text": "Tuolijumppa kylätalolla",
        "into_text": "Nuorisotila koulun tyhjään luokkaan"}


async def test_hide_needs_a_reason_and_restore_brings_it_back(home: Settings, clock: Any
                                                              ) -> None:
    evening = palvelupaja_ideas(home, clock)
    ws, idea = evening.ws, evening.ideas["Skeittiramppi urheilukentälle"]
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_moderation(pilot, idea)
        await pilot.press("h", "enter")  # no reason: refused, the dialog stays
        assert isinstance(app.screen, TextPrompt)
        assert shown(app.screen.query_one("#prompt-error"))
        await pilot.press(*"toistaa toista ideaa", "enter")
        assert isinstance(app.screen, ModerationScreen)
        row = ws.ideas.get(idea)
        assert (row.status, row.hide_reason) == ("hidden", "toistaa toista ideaa")
        assert idea not in {i.id for i in ws.ideas.visible()}
        await pilot.press("r")
        assert ws.ideas.get(idea).status == "visible"
    assert [e.kind for e in ws.store.events(["idea_hidden", "idea_restored"])] == [
        "idea_hidden", "idea_restored"]


async def test_move_to_another_theme(home: Settings, clock: Any) -> None:
    evening = palvelupaja_ideas(home, clock)
    ws, idea = evening.ws, evening.ideas["Vanha koulu harrastuskäyttöön"]
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_moderation(pilot, idea)
        await pilot.press("t", *"nuor", "enter")
    assert ws.ideas.get(idea).theme_id == ws.theme_by_key("nuoret").id
    assert ws.store.events(["idea_moved"])[0].data == {"idea": idea, "theme": "nuoret"}


async def test_cost_in_euros_as_people_type_it(home: Settings, clock: Any) -> None:
    ws = budget_results(home, clock)
    idea = ws.ideas.all()[-1].id
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await open_moderation(pilot, idea)
        await pilot.press("c")
        dialog = app.screen
        assert isinstance(dialog, TextPrompt)
        dialog.query_one(Input).value = "kolme tonnia"
        await pilot.press("enter")
        assert isinstance(app.screen, TextPrompt) and shown(dialog.query_one("#prompt-error"))
        dialog.query_one(Input).value = "1 750,50 €"
        await pilot.press("enter")
        assert isinstance(app.screen, ModerationScreen)
        assert "Hinta: 1 750,50 €" in shown(app.screen.query_one("#idea-detail")).replace(
            "\xa0", " ")
    assert ws.ideas.get(idea).cost_cents == 175050


async def test_add_an_idea_from_moderation(home: Settings, clock: Any) -> None:
    evening = palvelupaja_ideas(home, clock)
    app = make_app(home, clock, evening.ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "a", *"Uimaranta kuntoon", "enter", "escape")
        assert isinstance(app.screen, ModerationScreen)
        table = app.screen.query_one(DataTable)
        assert any("Uimaranta kuntoon" in str(table.get_row_at(i)[2])
                   for i in range(table.row_count))
