"""Decisions on the top ideas: outcome, owner, next step and date, typed and kept."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, OptionList, Select

from facilitator.paths import Settings
from facilitator.tui.screens.decisions import DecisionsScreen
from tests.tui.tui_support import goto, make_app, palvelupaja_results, shown

SIZE = (80, 24)


async def open_decisions(pilot: Any) -> DecisionsScreen:
    await pilot.press("d")
    screen = pilot.app.screen
    assert isinstance(screen, DecisionsScreen)
    return screen


async def test_record_a_decision_with_the_keyboard(home: Settings, clock: Any) -> None:
    evening = palvelupaja_results(home, clock)
    ws = evening.ws
    goto(ws, "eteenpain")
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_decisions(pilot)
        options = screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt)
                  for i in range(options.option_count)]
        assert labels[0].startswith("· #1 Nuorisotila")  # top of the first theme
        assert not any("Iltabussi" in label for label in labels)  # 4th of its theme, no votes
        assert sum("Nuorten kesätyöt" in label or "Skeittiramppi" in label
                   for label in labels) == 2  # tied for 2nd: both are taken forward
        await pilot.press("enter")             # choose the highlighted idea: to the form
        assert screen.query_one("#outcome", Select).has_focus
        await pilot.press("enter", "down", "down", "enter")  # open, second outcome, choose
        assert screen.query_one("#outcome", Select).value == "joint_doing"
        await pilot.press("tab", *"Nuorisoseura", "enter", *"Kysytään tilaa", "enter",
                          *"31.1.2027", "enter")
        assert options.has_focus
        assert str(options.get_option_at_index(0).prompt).startswith("✓ #1")
    (decision,) = ws.records.decisions()
    assert (decision.idea_id, decision.outcome, decision.owner, decision.next_step,
            decision.due) == (evening.ideas["Nuorisotila koulun tyhjään luokkaan"],
                              "joint_doing", "Nuorisoseura", "Kysytään tilaa", "2027-01-31")
    assert ws.store.events(["decision"])[0].data["owner"] == "Nuorisoseura"


async def test_where_it_goes_must_be_chosen(home: Settings, clock: Any) -> None:
    ws = palvelupaja_results(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_decisions(pilot)
        screen.query_one("#owner", Input).value = "Kunta"
        await pilot.press("ctrl+s")
        assert "Valitse, minne idea menee." in shown(screen.query_one("#decision-error"))
        assert screen.query_one("#owner", Input).value == "Kunta"  # nothing typed is lost
        screen.query_one("#outcome", Select).value = "budget"
        screen.query_one("#due", Input).value = "huomenna"
        await pilot.press("ctrl+s")
        assert "huomenna" in shown(screen.query_one("#decision-error"))
    assert ws.records.decisions() == []


async def test_change_and_remove_a_decision(home: Settings, clock: Any) -> None:
    evening = palvelupaja_results(home, clock)
    ws = evening.ws
    idea = evening.ideas["Kyläapu kauppamatkoille"]
    ws.records.decide(idea, outcome="resources", owner="Kyläyhdistys")
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_decisions(pilot)
        options = screen.query_one(OptionList)
        index = next(i for i in range(options.option_count)
                     if options.get_option_at_index(i).id == str(idea))
        options.highlighted = index
        await pilot.pause()
        assert screen.query_one("#owner", Input).value == "Kyläyhdistys"
        assert screen.query_one("#outcome", Select).value == "resources"
        screen.query_one("#owner", Input).value = "Kyläyhdistys ja seurakunta"
        await pilot.press("ctrl+s")
        assert ws.records.decisions()[0].owner == "Kyläyhdistys ja seurakunta"
        await pilot.press("ctrl+d")
        assert ws.records.decisions() == []


async def test_a_phone_idea_arriving_does_not_wipe_the_form(home: Settings, clock: Any
                                                            ) -> None:
    evening = palvelupaja_results(home, clock)
    ws = evening.ws
    goto(ws, "jatkoideointi")  # phones write ideas while the core group decides
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_decisions(pilot)
        screen.query_one("#owner", Input).value = "Vapaa-aikalautakunta"
        ws.ideas.submit("Uusi idea kesken päätösten", theme="nuoret", source="phone",
                        device_id=evening.devices[0])
        revision = app.revision
        await pilot.pause(0.8)
        assert app.revision > revision  # the change was noticed ...
        assert screen.query_one("#owner", Input).value == "Vapaa-aikalautakunta"  # ... kept


async def test_all_ideas_when_the_top_is_not_enough(home: Settings, clock: Any) -> None:
    ws = palvelupaja_results(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_decisions(pilot)
        top = screen.query_one(OptionList).option_count
        await pilot.press("ctrl+a")
        assert screen.query_one(OptionList).option_count == len(ws.ideas.visible()) > top
        assert "Kaikki ideat" in shown(screen.query_one("#decisions-help"))
