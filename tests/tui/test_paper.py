"""Typing in paper: post-it ideas theme by theme, and paper vote tallies, without the mouse."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable

from facilitator.paths import Settings
from facilitator.tui.screens.paper import PaperIdeasScreen, PaperTallyScreen
from tests.tui.tui_support import make_app, palvelupaja_ideas, palvelupaja_vote, shown

SIZE = (80, 24)


async def test_post_its_theme_by_theme(home: Settings, clock: Any) -> None:
    evening = palvelupaja_ideas(home, clock)
    ws = evening.ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        screen = app.screen
        assert isinstance(screen, PaperIdeasScreen)
        assert "Idea teemaan: Nuoret" in shown(screen.query_one("#entry-label"))
        await pilot.press(*"Frisbee", "enter", *"Kahvila", "enter")
        await pilot.press("enter")  # an empty Enter saves nothing
        await pilot.press("down", *"Ruoka", "enter")
        await pilot.press("up", "up")  # round to the last theme
        await pilot.press(*"Lumityö", "enter")
        assert "Tallennettu" in shown(screen.query_one("#entry-status"))
        assert "Lumityö" in shown(screen.query_one("#theme-ideas"))
    themes = {t.id: t.key for t in ws.themes()}
    added = [(themes[i.theme_id], i.text, i.source) for i in ws.ideas.all()
             if i.id not in evening.ideas.values()]
    assert added == [("nuoret", "Frisbee", "paper"),
                     ("nuoret", "Kahvila", "paper"),
                     ("ikaantyneet", "Ruoka", "paper"),
                     ("vapaat-ideat", "Lumityö", "paper")]
    assert len(ws.store.events(["idea_added"])) == 5  # the evening's one, and these four


async def test_a_refused_idea_stays_in_the_line(home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        entry = app.screen.query_one("#entry")
        entry.value = "x" * 501  # longer than an idea may be
        await pilot.press("enter")
        assert entry.value == "x" * 501
        assert any("500" in str(n.message) for n in app._notifications)


async def test_paper_tallies_idea_by_idea(home: Settings, clock: Any) -> None:
    evening = palvelupaja_vote(home, clock)
    ws, ids = evening.ws, evening.ideas
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        screen = app.screen
        assert isinstance(screen, PaperTallyScreen)
        assert "Paperiäänet: Äänestys (pisteäänestys)" in shown(screen.query_one("#tally-title"))
        table = screen.query_one(DataTable)
        first, second, third = (int(str(table.get_row_at(i)[0])) for i in range(3))
        await pilot.press(*"5", "enter")          # first idea: 5, then the cursor moves on
        await pilot.press("enter")                 # second: skipped
        await pilot.press(*"12", "enter")         # third: 12
        await pilot.press("up", "up", "up", *"2", "enter")  # back to the first: replaced
        assert "Idea #" in shown(screen.query_one("#entry-status"))
        row = table.get_row(str(first))
        assert str(row[4]) == "2"
    tallies = ws.store.paper_tallies(ws.phase("aanestys").row.id)
    assert tallies[first] == 2 and tallies[third] == 12 and second not in tallies
    assert tallies[ids["Pankkiautomaatti takaisin"]] == 5  # untouched
    assert [e.data["count"] for e in ws.store.events(["paper_tally"])][-3:] == [5, 12, 2]


async def test_paper_tallies_before_any_vote(home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # not offered before a vote ...
        assert not isinstance(app.screen, PaperTallyScreen)
        app.screen.action_open("paper_tally")  # ... and says so if opened anyway
        await pilot.pause()
        assert "Äänestys ei ole vielä alkanut" in shown(app.screen.query_one("#tally-title"))


async def test_a_further_idea_from_paper_is_kept_under_its_idea(home: Settings,
                                                                clock: Any) -> None:
    from tests.tui.tui_support import goto

    evening = palvelupaja_vote(home, clock)
    ws = evening.ws
    youth = evening.ideas["Nuorisotila koulun tyhjään luokkaan"]
    goto(ws, "jatkoideointi")
    before = len(ws.ideas.all())
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("i")
        screen = app.screen
        assert "#20" in shown(screen.query_one(".screen-help"))   # how to write one
        entry = screen.query_one("#entry")
        entry.value = f"#{youth}: Vanhempainyhdistys auttaa"
        await pilot.press("enter")
        assert f"idean #{youth} alle" in shown(screen.query_one("#entry-status"))
        entry.value = "#999: ei tällaista"
        await pilot.press("enter")
        assert entry.value == "#999: ei tällaista"                # kept to fix
        said = [str(n.message) for n in app._notifications]
        assert any("Ideaa #999 ei ole" in m and "ilman #-numeroa" in m for m in said)
        await pilot.press("escape")
        await pilot.pause()
        board = "\n".join(shown(c) for c in app.screen.query(".theme-card"))
        assert "↳ Vanhempainyhdistys auttaa (paperi)" in board
        await pilot.press("m")
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(str(youth)))
        await pilot.pause()
        detail = shown(app.screen.query_one("#idea-detail"))
        assert "Jatkoideoita tälle idealle: 1" in detail and "↳ Vanhempainyhdistys" in detail
    assert len(ws.ideas.all()) == before
