"""Nothing a person typed can break or steer the facilitator's screen.

One workshop holds the whole hostile corpus (tests/hostile.py) in every place the TUI shows
text: the workshop's title, a facilitator's own template (its title, description, phase
titles and script), theme names, ideas from phones and paper, notes, decisions (owner, next
step), Erätauko insights and summary fields. A tour opens every screen and dialog at 80x24
and at a wide size, and after each step checks that

- the app is still running and the expected screen is on top (no `[@click=app.quit]` ran,
  no screen changed behind the facilitator's back),
- the texts are on the rendered screen exactly as typed (at the wide size every case the
  screen shows; at 80x24 the ones that fit),
- no character on screen carries a link or a click action.

`SCREENS` lists every screen and dialog class of the TUI; a new one without a step here fails
`test_every_screen_and_dialog_is_toured`.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.screen import Screen

import facilitator.tui
from facilitator.paths import Settings
from facilitator.tui.dialogs import (
    ChoiceDialog,
    ConfirmDialog,
    DotsDialog,
    PeopleDialog,
    TextPrompt,
)
from facilitator.tui.screens.base import FacilitatorModal, FacilitatorScreen
from facilitator.tui.screens.decisions import DecisionsScreen
from facilitator.tui.screens.details import DetailsScreen
from facilitator.tui.screens.export import ExportScreen
from facilitator.tui.screens.moderation import ModerationScreen
from facilitator.tui.screens.new_workshop import NewWorkshopScreen
from facilitator.tui.screens.notes import NotesScreen
from facilitator.tui.screens.paper import PaperIdeasScreen, PaperTallyScreen
from facilitator.tui.screens.process import ProcessScreen
from facilitator.tui.screens.qr import QRScreen
from facilitator.tui.screens.run import RunScreen
from facilitator.tui.screens.start import StartScreen
from facilitator.tui.widgets.questions import QuestionsPane
from tests.hostile import BY_NAME, CASES, RICH, Case
from tests.tui.tui_support import (
    decide,
    goto,
    hostile_eratauko,
    hostile_palvelupaja,
    hostile_process,
    make_app,
    phones,
    vote,
    wait_for,
)

NARROW = (80, 24)
WIDE = (200, 90)  # room for every case at once: the read-back is complete here


#: Every screen and dialog of the TUI, each opened by the tour below.
SCREENS: set[type[Screen[Any]]] = {
    StartScreen, NewWorkshopScreen, RunScreen, QRScreen, ModerationScreen, PaperIdeasScreen,
    PaperTallyScreen, DecisionsScreen, NotesScreen, ExportScreen, ConfirmDialog, TextPrompt,
    ChoiceDialog, PeopleDialog, CommandPalette, ProcessScreen, DetailsScreen, DotsDialog,
}


# -- reading the screen ----------------------------------------------------------------------

def screen_lines(app: Any) -> list[str]:
    """What the terminal shows now for the top screen, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def _squeeze(text: str) -> str:
    # Wrapping and column padding move spaces around; the characters stay in order.
    return re.sub(r"\s+", "", text)


def missing(app: Any, cases: Iterable[Case]) -> list[str]:
    """The cases whose text is not on the screen exactly as typed."""
    lines = screen_lines(app)
    flat = _squeeze("".join(line.rstrip() for line in lines))
    return [c.name for c in cases if _squeeze(c.probe) not in flat]


def no_actions_on_screen(app: Any) -> None:
    """No character drawn carries a link or a click action (markup that leaked through)."""
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            if style is None:
                continue
            assert not style.link, (segment.text, style.link)
            meta = style.meta or {}
            assert "@click" not in meta, (segment.text, meta)


class Tour:
    """Walks the app screen by screen; records what it saw."""

    def __init__(self, app: Any, pilot: Any, wide: bool) -> None:
        self.app, self.pilot, self.wide = app, pilot, wide
        self.seen: set[type[Screen[Any]]] = set()

    async def at(self, cls: type[Screen[Any]], cases: Iterable[Case] = (), *,
                 narrow: Iterable[Case] = ()) -> Screen[Any]:
        """The top screen is a `cls`; it shows `cases` (wide) or `narrow` (80x24) as typed."""
        await self.pilot.pause()
        app = self.app
        assert app.is_running, "the app exited"
        assert isinstance(app.screen, cls), (cls, app.screen)
        self.seen.add(cls)
        expected = list(cases) if self.wide else list(narrow)
        assert missing(app, expected) == [], (cls.__name__, "\n".join(screen_lines(app)))
        no_actions_on_screen(app)
        return app.screen

    async def press(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.pilot.pause()

    async def back_to(self, cls: type[Screen[Any]]) -> None:
        for _ in range(4):
            if isinstance(self.app.screen, cls):
                return
            await self.press("escape")
        assert isinstance(self.app.screen, cls), self.app.screen


@pytest.fixture
def hostile_home(tmp_path: Path) -> Settings:
    (tmp_path / "omat-pohjat").mkdir()
    return Settings.load(home=tmp_path, lang="fi", templates=tmp_path / "omat-pohjat", env={})


TITLE_CASES = [BY_NAME["close-nothing"]]
#: Cases typed in twice (from paper, in the same theme): the pairs that look alike list them.
TWINS = ("bold-unclosed", "click-action", "html-link", "typst", "swedish", "arabic", "emoji",
         "long-word", "newlines", "rtl-override")


def _twins(ws: Any, ids: dict[str, int]) -> dict[int, Case]:
    """Each of `TWINS` once more; the twin's id -> its case."""
    keys = {t.id: t.key for t in ws.themes()}
    return {ws.ideas.submit(BY_NAME[name].text, source="paper",
                            theme=keys[ws.ideas.get(ids[name]).theme_id]).id: BY_NAME[name]
            for name in TWINS}
#: Theme names as one-line fields keep them, and the ideas, are what the boards show.
ALL = CASES


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "wide"])
async def test_every_screen_shows_hostile_text_as_typed(hostile_home: Settings, clock: Any,
                                                       size: tuple[int, int]) -> None:
    wide = size == WIDE
    ws, ids = hostile_palvelupaja(hostile_home, clock)
    twins = _twins(ws, ids)
    ws.close()
    seen: set[type[Screen[Any]]] = set()

    # -- the start screen and a new workshop from the hostile template -----------------------
    app = make_app(hostile_home, clock)
    async with app.run_test(size=size) as pilot:
        tour = Tour(app, pilot, wide)
        await tour.at(StartScreen, TITLE_CASES, narrow=TITLE_CASES)
        screen = app.screen
        screen.query_one("#templates").focus()
        await tour.press("end", "n")
        new = await tour.at(NewWorkshopScreen)
        new.query_one("#template").focus()
        await tour.press("enter")  # the template list opens
        assert "oma pohja" in "".join(screen_lines(app))
        await tour.press("escape")
        await tour.back_to(StartScreen)
        seen |= tour.seen

    # -- the evening ---------------------------------------------------------------------------
    app = make_app(hostile_home, clock, hostile_home.sessions_dir / "vihamielinen.db")
    async with app.run_test(size=size) as pilot:
        tour = Tour(app, pilot, wide)
        run = await tour.at(RunScreen, ALL, narrow=TITLE_CASES)
        await pilot.click("#workshop-title")  # [@click=app.quit] shown as markup would quit here
        await tour.at(RunScreen)
        await tour.press("q")
        await tour.at(QRScreen, TITLE_CASES, narrow=TITLE_CASES)
        await tour.back_to(RunScreen)

        await tour.press("m")
        moderation = await tour.at(ModerationScreen, ALL if wide else ())
        # Every row once under the cursor: the detail pane shows each idea whole.
        for case in CASES:
            moderation.query_one("#ideas").move_cursor(
                row=moderation.query_one("#ideas").get_row_index(str(ids[case.name])))
            await tour.at(ModerationScreen, [case], narrow=[case])
        for key, dialog in (("e", TextPrompt), ("h", TextPrompt), ("c", TextPrompt),
                            ("y", ChoiceDialog), ("t", ChoiceDialog)):
            await tour.press(key)
            await tour.at(dialog, [CASES[-1]] if dialog is TextPrompt else ALL if key == "y"
                          else (), narrow=[CASES[-1]] if dialog is TextPrompt else ())
            await tour.back_to(ModerationScreen)
        # The pairs that look alike: every twin is suggested with its original; each pair
        # under the cursor shows both texts whole; x and j act on them and nothing breaks.
        pairs = moderation.query_one("#duplicates")
        assert {s.later for s in moderation.suggestions} >= set(twins)
        pairs.focus()
        for row in range(pairs.row_count):
            pairs.move_cursor(row=row)
            pair = moderation.selected_pair()
            assert pair is not None
            cases = [twins[pair.later]] if pair.later in twins else []
            await tour.at(ModerationScreen, cases, narrow=cases)
        pairs.move_cursor(row=0)
        before = len(moderation.suggestions)
        await tour.press("x")
        await tour.at(ModerationScreen)
        await tour.press("j")
        await tour.at(ModerationScreen, ALL if wide else ())
        assert len(moderation.suggestions) == before - 2
        await tour.back_to(RunScreen)

        await tour.press("i")
        await tour.at(PaperIdeasScreen, ALL)
        await tour.back_to(RunScreen)
        await tour.press("h")
        await tour.at(PeopleDialog)
        await tour.back_to(RunScreen)
        await tour.press("g")
        await tour.at(ChoiceDialog, RICH, narrow=RICH[:1])
        await tour.back_to(RunScreen)
        await tour.press("o")
        await tour.at(NotesScreen, CASES[-3:], narrow=[CASES[-1]])
        await tour.back_to(RunScreen)
        details = [BY_NAME["close-nothing"], BY_NAME["click-action"]]
        app.workshop.records.set_details({"organiser": details[0].text,
                                          "writer": details[1].text})
        await tour.press("e")
        await tour.at(ExportScreen)
        await tour.press("ctrl+t")
        await tour.at(DetailsScreen, details, narrow=details[:1])
        await tour.back_to(RunScreen)
        await tour.press("ctrl+p")
        await tour.at(CommandPalette)
        await tour.back_to(RunScreen)

        # Questions to officials: the corpus from phones and paper, most supported first.
        goto(app.workshop, "ajankohtaista")
        askers = phones(app.workshop, len(CASES))  # one each: a phone asks 5 a minute
        for case, asker in zip(CASES, askers, strict=True):
            app.workshop.questions.ask(case.text, source="phone" if case.phone else "paper",
                                       device_id=asker if case.phone else None)
        app.bump()
        run_now = await tour.at(RunScreen, ALL if wide else ())
        table = run_now.query_one("#questions-table")
        for n in range(len(CASES)):  # each question whole in the detail line, as typed
            table.move_cursor(row=n)
            await tour.at(RunScreen)
            assert missing(app, [c for c in CASES if c.text == run_now.query_one(
                QuestionsPane).questions[n].text]) == []
        await tour.press("a", "x")
        await tour.press("k")
        await tour.at(TextPrompt)
        await tour.back_to(RunScreen)

        # How many dots, asked when the dots vote opens (before any ballot).
        goto(app.workshop, "aanestys")
        app.bump()
        await tour.at(RunScreen)
        await tour.press("v")
        await tour.at(DotsDialog, RICH[:1], narrow=RICH[:1])  # the phase's hostile title
        await tour.back_to(RunScreen)

        # The vote: live bars, paper votes, and leaving an open vote asks first.
        vote(app.workshop, ids)
        app.bump()
        await tour.at(RunScreen, ALL if wide else ())
        await tour.press("t")
        await tour.at(PaperTallyScreen, ALL if wide else ())
        await tour.back_to(RunScreen)
        await tour.press("n")
        await tour.at(ConfirmDialog, RICH[:1], narrow=RICH[:1])  # the phase's hostile title
        await tour.press("y")
        await tour.at(RunScreen)
        await wait_for(pilot, lambda: len(app._notifications) > 0)
        moved_to = app.workshop.current()
        assert moved_to is not None
        title = moved_to.spec.title["fi"]  # a hostile phase title: the toast quotes it as typed
        assert any(title in str(n.message) for n in app._notifications), (
            title, [str(n.message) for n in app._notifications])
        assert _squeeze(title[:14]) in _squeeze("".join(screen_lines(app)))

        # Results and decisions.
        decide(app.workshop, ids)
        app.workshop.reveal("aanestys")
        goto(app.workshop, "yhteenveto")
        app.bump()
        await tour.at(RunScreen)
        await tour.press("d")
        await tour.at(DecisionsScreen, CASES[:8], narrow=CASES[:1])
        await tour.back_to(RunScreen)
        assert run is app.screen
        seen |= tour.seen

    # -- Erätauko: insights and the summary -------------------------------------------------------
    hostile_eratauko(hostile_home, clock).close()
    app = make_app(hostile_home, clock, hostile_home.sessions_dir / "dialogi.db")
    async with app.run_test(size=size) as pilot:
        tour = Tour(app, pilot, wide)
        phone_cases = [c for c in CASES if c.phone]
        await tour.at(RunScreen, phone_cases[-6:] if wide else (), narrow=[BY_NAME["link"]])
        await tour.press("o")
        await tour.at(NotesScreen, phone_cases[-4:] if wide else ())
        await tour.back_to(RunScreen)
        await tour.press("n")  # the last phase's hostile title in the finish question
        await tour.at(ConfirmDialog if isinstance(app.screen, ConfirmDialog) else RunScreen)
        await tour.back_to(RunScreen)
        seen |= tour.seen

    # -- a process: the register and each idea's journey ---------------------------------------
    proc, entries = hostile_process(hostile_home, clock)
    proc.close()
    app = make_app(hostile_home, clock)
    async with app.run_test(size=size) as pilot:
        tour = Tour(app, pilot, wide)
        start = await tour.at(StartScreen, TITLE_CASES, narrow=TITLE_CASES)
        start.query_one("#processes").focus()
        await tour.press("enter")
        process = await tour.at(ProcessScreen, ALL if wide else TITLE_CASES,
                                narrow=TITLE_CASES)
        register = process.query_one("#register")
        for case in CASES:  # each idea under the cursor: its whole journey, as typed
            register.move_cursor(row=register.get_row_index(str(entries[case.name])))
            await tour.at(ProcessScreen, [case], narrow=[case])
        for key, dialog, cases in (("x", TextPrompt, [CASES[-1]]), ("m", TextPrompt, []),
                                   ("o", TextPrompt, []), ("u", ChoiceDialog, []),
                                   ("c", ChoiceDialog, [CASES[-1]]),
                                   ("t", ChoiceDialog, ALL), ("f", ChoiceDialog, [])):
            await tour.press(key)
            await tour.at(dialog, cases if wide or dialog is TextPrompt else ())
            await tour.back_to(ProcessScreen)
        await tour.press("s")
        await tour.at(ProcessScreen)
        await tour.press("escape")
        await tour.at(StartScreen)
        seen |= tour.seen

    assert seen == SCREENS, f"not toured: {SCREENS - seen}"


def tui_screen_classes() -> set[type[Screen[Any]]]:
    """Every screen and dialog class defined in facilitator.tui."""
    for module in pkgutil.walk_packages(facilitator.tui.__path__, "facilitator.tui."):
        if not module.name.endswith("server_child"):
            importlib.import_module(module.name)
    found: set[type[Screen[Any]]] = set()
    stack: list[type[Any]] = [FacilitatorScreen, FacilitatorModal]
    while stack:
        for sub in stack.pop().__subclasses__():
            stack.append(sub)
            if not inspect.isabstract(sub) and sub.__module__.startswith("facilitator.tui"):
                found.add(sub)
    return found


def test_every_screen_and_dialog_is_toured() -> None:
    assert tui_screen_classes() <= SCREENS, tui_screen_classes() - SCREENS

