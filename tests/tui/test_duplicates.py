"""The moderation screen's duplicate suggestions: they appear as ideas arrive, `j` merges,
`x` dismisses, and a dismissed pair stays dismissed after the session is opened again."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable

from facilitator.core.workshop import Workshop
from facilitator.paths import Settings
from facilitator.tui.screens.moderation import ModerationScreen
from tests.tui.tui_support import make_app, palvelupaja_ideas, shown, wait_for

SIZE = (80, 24)


def pairs_listed(screen: ModerationScreen) -> list[str]:
    table = screen.query_one("#duplicates", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_a_look_alike_is_suggested_merged_with_j_and_dismissed_with_x(
        home: Settings, clock: Any) -> None:
    evening = palvelupaja_ideas(home, clock)
    ws, ids = evening.ws, evening.ideas
    club, ramp = ids["Nuorisotila koulun tyhjään luokkaan"], ids["Skeittiramppi urheilukentälle"]
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, ModerationScreen)
        assert screen.suggestions == []  # the evening's ideas are all different
        assert not screen.query_one("#duplicates").display

        # Two phones send look-alikes of ideas already on the board (another connection,
        # as the participant server would): the screen lists them on its next refresh.
        twin = ws.ideas.submit("Nuorten tila koulun tyhjään luokkaan", theme="nuoret",
                               device_id=evening.devices[0]).id
        await wait_for(pilot, lambda: len(screen.suggestions) == 1)
        assert screen.query_one("#duplicates").display
        assert "Näyttävät samalta (1)" in shown(screen.query_one("#duplicates-title"))
        (row,) = pairs_listed(screen)
        assert row.startswith(f"#{club} ja #{twin} näyttävät samalta: Nuorisotila koulun")
        ramps = ws.ideas.submit("Skeittirampit urheilukentän viereen", theme="nuoret",
                                device_id=evening.devices[1]).id
        await wait_for(pilot, lambda: len(screen.suggestions) == 2)
        assert ws.ideas.get(twin).status == "visible"  # suggested, never merged by itself

        # Tab to the pairs: the detail pane shows the highlighted pair's two ideas whole.
        await pilot.press("tab")
        assert screen.query_one("#duplicates").has_focus
        first = screen.selected_pair()
        assert first is not None
        detail = shown(screen.query_one("#idea-detail"))
        assert f"#{first.earlier} {ws.ideas.get(first.earlier).text}" in detail
        assert f"#{first.later} {ws.ideas.get(first.later).text}" in detail

        # x on the highlighted pair (the first): not the same, remembered in the file.
        await pilot.press("x")
        await wait_for(pilot, lambda: len(screen.suggestions) == 1)
        assert first is not None and first.pair not in [s.pair for s in screen.suggestions]
        assert ws.store.not_duplicates() == {first.pair}
        (event,) = ws.store.events(["ideas_not_duplicates"])
        assert event.data == {"ideas": list(first.pair)}

        # j merges the other pair: the newer idea into the older one.
        (left,) = screen.suggestions
        await pilot.press("j")
        await wait_for(pilot, lambda: screen.suggestions == [])
        assert ws.ideas.get(left.later).merged_into == left.earlier
        assert not screen.query_one("#duplicates").display
        table = screen.query_one("#ideas", DataTable)
        assert str(table.get_row(str(left.later))[4]).strip() == f"yhdistetty → #{left.earlier}"
        await pilot.press("j")  # nothing left to merge: a notice, nothing changes
        await wait_for(pilot, lambda: any("Ei ehdotettuja" in str(n.message)
                                          for n in app._notifications))
    merged = {club: twin, ramp: ramps}
    assert {first.pair, left.pair} == {tuple(sorted(p)) for p in merged.items()}
    ws.close()

    # Opened again (a restart): the dismissed pair is not suggested; restoring the merged
    # idea brings its pair back, since that one was never dismissed.
    again = Workshop.open(home.sessions_dir / "palvelupaja.db", clock)
    again.ideas.restore(left.later)
    again.close()
    app = make_app(home, clock, home.sessions_dir / "palvelupaja.db")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, ModerationScreen)
        assert [s.pair for s in screen.suggestions] == [left.pair]
        assert len(pairs_listed(screen)) == 1


async def test_hidden_ideas_are_not_suggested(home: Settings, clock: Any) -> None:
    evening = palvelupaja_ideas(home, clock)
    ws = evening.ws
    twin = ws.ideas.submit("Kesätori satamaan lauantaisin", theme="elinvoima",
                           source="paper").id
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, ModerationScreen)
        assert [s.later for s in screen.suggestions] == [twin]
        ws.ideas.hide(twin, "sama kuin toinen")
        await wait_for(pilot, lambda: screen.suggestions == [])
