"""Screenshots of the key screens at 80x24 (and one wide), from fixed evenings and a fixed clock.

Update after a deliberate change with `make snapshots`, then look at the SVGs.
"""

from __future__ import annotations

from typing import Any

from facilitator.paths import Settings
from tests.tui.tui_support import (
    budget_results,
    eratauko_insights,
    goto,
    make_app,
    new_session,
    palvelupaja_ideas,
    palvelupaja_results,
    palvelupaja_vote,
)

SMALL = (80, 24)


def test_start(snap_compare: Any, fixed_home: Settings, clock: Any) -> None:
    ws = new_session(fixed_home, "palvelupaja", clock)
    goto(ws, "ideointi")
    ws.close()
    assert snap_compare(make_app(fixed_home, clock), terminal_size=SMALL)


def test_run_ideas(snap_compare: Any, home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    assert snap_compare(make_app(home, clock, ws.path), terminal_size=SMALL)


def test_run_ideas_wide_with_corner_qr(snap_compare: Any, home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    assert snap_compare(make_app(home, clock, ws.path), terminal_size=(130, 42))


def test_run_vote(snap_compare: Any, home: Settings, clock: Any) -> None:
    ws = palvelupaja_vote(home, clock).ws
    assert snap_compare(make_app(home, clock, ws.path), terminal_size=SMALL)


def test_run_results(snap_compare: Any, home: Settings, clock: Any) -> None:
    ws = palvelupaja_results(home, clock).ws
    # s hides the script: room for the ranking, with its ties
    assert snap_compare(make_app(home, clock, ws.path), press=["s"], terminal_size=SMALL)


def test_run_budget_results(snap_compare: Any, home: Settings, clock: Any) -> None:
    ws = budget_results(home, clock)
    assert snap_compare(make_app(home, clock, ws.path), terminal_size=SMALL)


def test_run_eratauko(snap_compare: Any, home: Settings, clock: Any) -> None:
    ws = eratauko_insights(home, clock)
    assert snap_compare(make_app(home, clock, ws.path), terminal_size=SMALL)


def test_qr(snap_compare: Any, home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    assert snap_compare(make_app(home, clock, ws.path), press=["q"], terminal_size=SMALL)


def test_moderation(snap_compare: Any, home: Settings, clock: Any) -> None:
    evening = palvelupaja_ideas(home, clock)
    ws, ids = evening.ws, evening.ideas
    ws.ideas.edit(ids["Kyläapu kauppamatkoille"], "Kyläapu: vapaaehtoiset auttavat kaupassa")
    ws.ideas.merge(ids["Iltabussi kaupunkiin viikonloppuisin"],
                   ids["Nuorisotila koulun tyhjään luokkaan"])
    ws.ideas.hide(ids["Skeittiramppi urheilukentälle"], "kaksoiskappale")
    # A look-alike from paper: the pane of pairs that look alike appears under the table.
    ws.ideas.submit("Kesätori satamaan lauantaisin", theme="elinvoima", source="paper")
    assert snap_compare(make_app(home, clock, ws.path), press=["m"], terminal_size=SMALL)


def test_decisions(snap_compare: Any, home: Settings, clock: Any) -> None:
    evening = palvelupaja_results(home, clock)
    ws = evening.ws
    goto(ws, "eteenpain")
    ws.records.decide(evening.ideas["Nuorisotila koulun tyhjään luokkaan"],
                      outcome="joint_doing", owner="Nuorisoseura",
                      next_step="Kysytään koululta tilaa", due="2027-01-31")
    assert snap_compare(make_app(home, clock, ws.path), press=["d"], terminal_size=SMALL)


def test_process(snap_compare: Any, home: Settings, clock: Any) -> None:
    from tests.tui.tui_support import kirkonkyla_process

    kirkonkyla_process(home, clock).close()

    async def open_it(pilot: Any) -> None:
        pilot.app.screen.query_one("#processes").focus()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(home, clock), run_before=open_it, terminal_size=SMALL)
