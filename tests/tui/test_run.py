"""The run screen, used as a facilitator would: keys in, state on screen and in the session file."""

from __future__ import annotations

from typing import Any

from textual.widgets import ContentSwitcher, Digits, Input, Label

from facilitator.core.workshop import Workshop
from facilitator.paths import Settings
from facilitator.tui.dialogs import (
    ChoiceDialog,
    ConfirmDialog,
    DotsDialog,
    PeopleDialog,
    TextPrompt,
)
from facilitator.tui.screens.moderation import ModerationScreen
from facilitator.tui.screens.qr import QRScreen
from facilitator.tui.screens.run import RunScreen
from facilitator.tui.screens.start import StartScreen
from facilitator.tui.widgets.agenda import Agenda
from facilitator.tui.widgets.dialogue import DialoguePane
from facilitator.tui.widgets.ideas_board import IdeasBoard
from facilitator.tui.widgets.questions import QuestionsPane
from facilitator.tui.widgets.ranking import RankingView
from facilitator.tui.widgets.tally import TallyBars
from facilitator.tui.widgets.timer import PhaseTimer
from tests.tui.tui_support import (
    BASE,
    JOIN,
    URL,
    eratauko_feedback,
    eratauko_insights,
    goto,
    make_app,
    new_session,
    notices,
    palvelupaja_ideas,
    palvelupaja_results,
    palvelupaja_vote,
    phones,
    shown,
    wait_for,
)

SIZE = (80, 24)


def current(ws: Workshop) -> str | None:
    phase = ws.current()
    return phase.key if phase else None


async def test_next_and_previous_move_the_workshop_in_the_file(home: Settings, clock: Any
                                                               ) -> None:
    ws = new_session(home, "palvelupaja", clock)
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        assert "Työpaja ei ole vielä alkanut" in shown(screen.query_one("#phase-title", Label))
        await pilot.press("n")
        assert current(ws) == "kahvit"
        await pilot.press("n")
        assert current(ws) == "avaussanat"
        assert "▶ Avaussanat" in shown(screen.query_one(Agenda))
        assert "✓ Kahvit" in shown(screen.query_one(Agenda))
        assert "Seuraavaksi: Ohjeet (15 min)" in shown(screen.query_one("#next-hint", Label))
        await pilot.press("p")
        assert current(ws) == "kahvit"
        assert "1/9 · Kahvit" in shown(screen.query_one("#phase-title", Label))
    moves = [e.data["to"] for e in ws.store.events(["phase"])]
    assert moves == ["kahvit", "avaussanat", "kahvit"]


async def test_leaving_an_open_vote_asks_first(home: Settings, clock: Any) -> None:
    ws = palvelupaja_vote(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, ConfirmDialog)
        assert "5 puhelimella" in shown(app.screen.query_one(".dialog-body"))
        await pilot.press("escape")
        assert isinstance(app.screen, RunScreen) and current(ws) == "aanestys"
        await pilot.press("n", "n")  # a double press by accident closes nothing
        assert isinstance(app.screen, RunScreen) and current(ws) == "aanestys"
        await pilot.press("p", "y")  # back out of the vote, confirmed
        assert current(ws) == "ajankohtaista"
        await pilot.press("n")  # into the vote again: no question
        assert current(ws) == "aanestys"
        await pilot.press("n", "enter")  # Enter on the focused "close and move on"
        assert current(ws) == "yhteenveto"


async def test_the_last_phase_asks_before_ending(home: Settings, clock: Any) -> None:
    ws = new_session(home, "palvelupaja", clock)
    goto(ws, "eteenpain")
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        assert "Viimeinen vaihe" in shown(app.screen.query_one("#next-hint", Label))
        await pilot.press("n")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        assert ws.finished
        assert "Työpaja on päättynyt" in shown(app.screen.query_one("#phase-title", Label))
        keys = {b.binding.key for b in app.screen.active_bindings.values()}
        assert "n" not in keys and "p" in keys  # nothing after the end; back is possible
        await pilot.press("p")
        assert current(ws) == "eteenpain" and not ws.finished


async def test_go_to_a_phase_by_typing_its_name(home: Settings, clock: Any) -> None:
    ws = new_session(home, "palvelupaja", clock)
    goto(ws, "kahvit")
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press(*"äänes", "enter")
        assert current(ws) == "aanestys"


async def test_reveal_shows_and_hides_the_results(home: Settings, clock: Any) -> None:
    ws = palvelupaja_vote(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        title = app.screen.query_one("#pane-title", Label)
        assert "piilossa" in shown(title)
        await pilot.press("r", "y")  # voting is open: asked first (see the test below)
        assert ws.phase("aanestys").revealed
        assert "Tulokset näkyvät" in shown(title)
        assert [e.kind for e in ws.store.events(["reveal", "unreveal"])] == ["reveal"]
        await pilot.press("r")
        assert not ws.phase("aanestys").revealed


async def test_reveal_and_paper_tallies_are_not_offered_before_a_vote(home: Settings,
                                                                      clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        keys = {b.binding.key for b in app.screen.active_bindings.values()}
        assert "r" not in keys and "t" not in keys and "n" in keys
        await pilot.press("r", "t")
        assert isinstance(app.screen, RunScreen)


async def test_more_or_less_time_for_the_phase(home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("plus", "plus", "minus", "plus")
        assert ws.phase("ideointi").minutes == 32
        assert app.screen.query_one(Digits).value == "14:19"
    assert [e.data["minutes"] for e in ws.store.events(["minutes"])] == [31, 32, 31, 32]


async def test_people_in_the_room_and_on_paper(home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        assert "Puhelimia 12 · salissa 31" in shown(app.screen.query_one("#people", Label))
        await pilot.press("h")
        dialog = app.screen
        assert isinstance(dialog, PeopleDialog)
        dialog.query_one("#people-room", Input).value = ""
        await pilot.press(*"42", "enter", "backspace", *"7", "enter")
        assert isinstance(app.screen, RunScreen)
        assert (ws.info.room_count, ws.info.paper_count) == (42, 7)
        assert "salissa 42" in shown(app.screen.query_one("#people", Label))
        await pilot.press("h")
        app.screen.query_one("#people-paper", Input).value = "-3"
        app.screen.query_one("#people-room", Input).focus()
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, PeopleDialog)  # refused, stays with what was typed
        assert shown(app.screen.query_one("#people-error"))
        await pilot.press("escape")
    assert ws.info.paper_count == 7
    logged = [(e.kind, e.data["count"]) for e in ws.store.events(["room_count", "paper_count"])]
    assert logged == [("room_count", 31), ("room_count", 42), ("paper_count", 7)]


async def test_the_countdown_warns_at_two_minutes_and_at_zero(home: Settings, clock: Any
                                                              ) -> None:
    ws = palvelupaja_ideas(home, clock).ws  # 12:19 left
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        timer = screen.query_one(PhaseTimer)
        assert timer.query_one(Digits).value == "12:19"
        clock.advance(minutes=10, seconds=20)
        screen.tick()
        await pilot.pause()
        assert timer.query_one(Digits).value == "01:59" and timer.has_class("-warning")
        assert any("Kaksi minuuttia jäljellä" in n for n in notices(app))
        clock.advance(minutes=2, seconds=5)
        screen.tick()
        await pilot.pause()
        assert timer.query_one(Digits).value == "+00:06" and timer.has_class("-overrun")
        assert "YLI AJAN" in shown(timer.query_one("#timer-label", Label))
        assert any("Aika on täynnä" in n for n in notices(app))
        count = len(notices(app))
        clock.advance(seconds=30)
        screen.tick()
        await pilot.pause()
        assert len(notices(app)) == count  # said once


async def test_a_phone_idea_shows_on_the_board_within_a_second(home: Settings, clock: Any
                                                                ) -> None:
    evening = palvelupaja_ideas(home, clock)
    ws = evening.ws  # the test's own connection plays the participant server
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        board = app.screen.query_one(IdeasBoard)
        ws.ideas.submit("Pingispöytä nuorisotilaan", theme="nuoret", source="phone",
                        device_id=evening.devices[0])
        took = await wait_for(pilot, lambda: "Pingispöytä nuorisotilaan" in
                              " ".join(shown(card) for card in board.children), timeout=1.0)
        assert took < 1.0
        assert "Ideat teemoittain · 11" in shown(app.screen.query_one("#pane-title", Label))


async def test_no_idea_is_cut_off_the_board_narrow_or_wide(home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    app = make_app(home, clock, ws.path)
    for size in (SIZE, (130, 42)):
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            cards = list(app.screen.query_one(IdeasBoard).children)
            assert len(cards) == 6
            for card in cards:
                assert card.region.height == len(shown(card).splitlines()), shown(card)
        app = make_app(home, clock, ws.path)


async def test_phone_ballots_move_the_bars(home: Settings, clock: Any) -> None:
    evening = palvelupaja_vote(home, clock)
    ws = evening.ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        bars = app.screen.query_one(TallyBars)
        assert bars.result is not None and bars.result.tally.ballots_phone == 5
        target = evening.ideas["Tuolijumppa kylätalolla"]
        ws.ballots.cast({str(target): 3}, source="phone", device_id=evening.devices[7])
        await wait_for(pilot, lambda: bars.result is not None
                       and bars.result.tally.ballots_phone == 6, timeout=1.0)
        assert "äänestäneitä 6 + 0 paperilla" in shown(app.screen.query_one("#pane-title"))
        line = next(ln for ln in shown(bars).splitlines() if "Tuolijumppa" in ln)
        assert line.split()[1] == "4"  # 1 + 3 dots


async def test_eratauko_shows_the_summary_and_insights_arriving(home: Settings, clock: Any
                                                                ) -> None:
    ws = eratauko_insights(home, clock)
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.screen.query_one(DialoguePane)
        summary = shown(pane.query_one("#dialogue-summary"))
        assert "Keskeiset aiheet ja yhteinen näkemys" in summary
        assert "Laajasti samaa mieltä" in summary
        assert "(tyhjä – paina o ja kirjoita)" in summary  # additions, who continues
        keys = {b.binding.key for b in app.screen.active_bindings.values()}
        assert not keys & {"r", "t", "d", "m", "i"}  # no vote, no decisions in Erätauko
        (device,) = phones(ws, 1)
        ws.records.add_insight("Hiljaisetkin tulivat kuulluiksi.", source="phone",
                               device_id=device)
        await wait_for(pilot, lambda: "Hiljaisetkin tulivat kuulluiksi." in
                       shown(pane.query_one("#dialogue-insights")), timeout=1.0)
        assert "Oivallukset puhelimista · 4" in shown(pane.query_one("#dialogue-insights"))


async def test_feedback_shows_the_means_and_asks_before_closing(home: Settings, clock: Any
                                                               ) -> None:
    ws = eratauko_feedback(home, clock)
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        text = shown(app.screen.query_one(TallyBars))
        assert "Tulin kuulluksi." in text and "Keskustelu oli rakentavaa." in text
        assert "4,2" in text and "4,5" in text  # means in Finnish: (5+4+3+5)/4, (4+4+5+5)/4
        assert "3:1  4:1  5:2" in text  # how the answers spread
        await pilot.press("n")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        assert current(ws) == "kiitos"


async def test_between_writing_and_voting_the_board_stays(home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    goto(ws, "ajankohtaista")  # officials talk, the organisers sort the ideas meanwhile
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        # The room's questions to officials are the pane; the ideas are a key away.
        assert app.screen.query_one(ContentSwitcher).current == "pane-questions"
        await pilot.press("m")
        assert isinstance(app.screen, ModerationScreen)
    ws.store.update_workshop(current_phase="yhteenveto")  # an info phase after the vote
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE):
        assert app.screen.query_one(ContentSwitcher).current == "pane-ideas"


async def test_ctrl_c_says_how_to_quit_in_finnish(home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+c")
        assert any("Ctrl+Q" in n for n in notices(app))
        assert app.is_running


async def test_the_join_address_and_the_qr_code(home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        assert shown(app.screen.query_one("#join-url", Label)) == URL
        await pilot.press("q")
        assert isinstance(app.screen, QRScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, RunScreen)


async def test_an_unreachable_address_is_flagged(home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    app = make_app(home, clock, ws.path, reachable=False)
    async with app.run_test(size=SIZE):
        label = app.screen.query_one("#join-url", Label)
        assert shown(label).startswith("⚠ Ei verkkoa") and label.has_class("-unreachable")


async def test_every_action_is_in_the_command_palette(home: Settings, clock: Any) -> None:
    ws = palvelupaja_vote(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for words in ("Seuraava", "Edellinen", "QR-koodi", "Näytä tulokset", "Ideat",
                      "Paperi-ideat", "Paperiäänet", "Päätökset", "Muistiinpanot",
                      "Osallistujat", "Tiedostot", "Siirry vaiheeseen", "Minuutti lisää",
                      "Minuutti vähemmän", "Sulje työpaja", "Vaalea tai tumma", "Lopeta"):
            assert words in titles, words
        await pilot.press("ctrl+p")
        await pilot.press(*"QR-koodi")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, QRScreen))


async def test_results_show_ties_as_ties_with_room_for_them(home: Settings, clock: Any
                                                            ) -> None:
    ws = palvelupaja_results(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        ranking = app.screen.query_one(RankingView)
        text = shown(ranking)
        tied = [ln for ln in text.splitlines() if "tasapeli" in ln]
        assert len(tied) == 4 and all(ln.split()[0] in ("1.=", "2.=") for ln in tied)
        assert any("5 (0+5)" in ln and "Pankkiautomaatti" in ln for ln in tied)
        pane = app.screen.query_one("#pane")
        before = pane.region.height
        await pilot.press("s")
        assert pane.region.height > before
        await pilot.press("s")
        assert pane.region.height == before


async def test_close_the_workshop_back_to_the_start_screen(home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        assert isinstance(app.screen, StartScreen) and app.ws is None


async def test_light_and_dark_themes(home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "facilitator-dark"
        await pilot.press("f2")
        assert app.theme == "facilitator-light"


async def test_swedish_and_english(tmp_path: Any, clock: Any) -> None:
    for lang, words, next_key in (("sv", "Omröstningen är öppen", "Nästa"),
                                  ("en", "Voting is open", "Next")):
        settings = Settings.load(home=tmp_path / lang, lang=lang, env={})
        ws = palvelupaja_vote(settings, clock).ws
        app = make_app(settings, clock, ws.path)
        async with app.run_test(size=SIZE) as pilot:
            descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
            assert next_key in descriptions
            await pilot.press("n")
            assert words in shown(app.screen.query_one(".dialog-title"))
        ws.close()


async def test_a_poster_printed_on_another_network_is_called_out(home: Settings, clock: Any
                                                                 ) -> None:
    """Printed at the office with one address (`facilitator handouts --url`), run in the hall
    with another: the run screen says so, with what to do; printed again here, it goes."""
    from typer.testing import CliRunner

    from facilitator.cli import build_app

    ws = palvelupaja_ideas(home, clock).ws
    assert ws.path is not None
    ws.close()

    def handouts(url: str) -> None:
        result = CliRunner().invoke(build_app("fi"), [
            "--home", str(home.home), "--lang", "fi", "handouts", ws.path.stem, "--url", url],
            env={"FACILITATOR_HOME": "", "FACILITATOR_LANG": ""})
        assert result.exit_code == 0, result.output

    handouts("http://10.1.2.3:8000")
    office = f"http://10.1.2.3:8000/j/{JOIN}"
    with Workshop.open(ws.path, clock) as again:
        assert again.printed_url() == office
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE):
        moved = app.screen.query_one("#printed-moved", Label)
        assert moved.display and moved.region.height >= 1
        text = " ".join(shown(moved).split())
        assert text.startswith(f"Julisteen osoite on {office}, kone on nyt {URL}")
        assert "näytä QR ruudulla (q) tai seinällä, tai tulosta juliste uudelleen" in text
        assert shown(app.screen.query_one("#join-url", Label)) == URL
    handouts(BASE)
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE):
        assert not app.screen.query_one("#printed-moved", Label).display


async def test_no_printed_poster_no_warning(home: Settings, clock: Any) -> None:
    ws = palvelupaja_ideas(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE):
        assert ws.printed_url() is None
        assert not app.screen.query_one("#printed-moved", Label).display


async def test_reveal_while_voting_is_open_asks_and_defaults_to_not_showing(
        home: Settings, clock: Any) -> None:
    ws = palvelupaja_vote(home, clock).ws
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert ("Äänestys on vielä auki — näytetäänkö tulokset nyt?"
                in shown(dialog.query_one(".dialog-title")))
        assert "muuttaa ääniään" in shown(dialog.query_one(".dialog-body"))
        await pilot.press("enter")  # Enter on the focused "wait": nothing is shown
        assert isinstance(app.screen, RunScreen) and not ws.phase("aanestys").revealed
        await pilot.press("r", "escape")
        assert isinstance(app.screen, RunScreen) and not ws.phase("aanestys").revealed
        await pilot.press("r", "y")
        assert ws.phase("aanestys").revealed
        await pilot.press("r")  # hiding again needs no question
        assert isinstance(app.screen, RunScreen) and not ws.phase("aanestys").revealed
    assert [e.kind for e in ws.store.events(["reveal", "unreveal"])] == ["reveal", "unreveal"]


async def test_reveal_after_voting_closed_asks_nothing(home: Settings, clock: Any) -> None:
    ws = palvelupaja_vote(home, clock).ws
    goto(ws, "yhteenveto")
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, RunScreen) and ws.phase("aanestys").revealed


async def test_opening_a_dots_vote_asks_how_many_dots_before_the_first_ballot(
        home: Settings, clock: Any) -> None:
    evening = palvelupaja_ideas(home, clock)
    ws = evening.ws
    goto(ws, "ajankohtaista")
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        dialog = app.screen
        assert isinstance(dialog, DotsDialog) and current(ws) == "aanestys"
        note = shown(dialog.query_one("#dots-note"))
        assert "Pohjassa: 5 ääntä, enintään 3 yhdelle idealle." in note
        assert f"Äänestettäviä ideoita on {len(evening.ideas)}" in note
        assert "eli 3 ääntä" in note  # a third of 10 ideas
        assert dialog.query_one("#dots-dots", Input).value == "5"
        await pilot.press("ctrl+s")  # the suggestion into the fields
        assert dialog.query_one("#dots-dots", Input).value == "3"
        assert dialog.query_one("#dots-per-idea", Input).value == "2"
        dialog.query_one("#dots-per-idea", Input).value = "7"
        await pilot.press("enter", "enter")  # dots → per idea → save: refused, 7 > 3
        assert isinstance(app.screen, DotsDialog)
        assert "1–3" in shown(dialog.query_one("#dots-error"))
        dialog.query_one("#dots-per-idea", Input).value = "2"
        dialog.query_one("#dots-per-idea", Input).focus()
        await pilot.press("enter")
        assert isinstance(app.screen, RunScreen)
        vote = ws.phase("aanestys").spec.vote
        assert (vote.dots, vote.per_idea) == (3, 2)
        assert "Jokaisella on 3 ääntä" in shown(app.screen.query_one("#script"))
        assert any("Jokaisella on 3 ääntä" in n for n in notices(app))
        # The key opens it again while no ballot has come in.
        await pilot.press("v")
        assert isinstance(app.screen, DotsDialog)
        await pilot.press("escape")
        # After the first ballot: refused, with the reason.
        ws.ballots.cast({str(evening.ideas["Kesätori satamaan"]): 2}, source="phone",
                        device_id=evening.devices[0])
        await pilot.press("v")
        assert isinstance(app.screen, RunScreen)
        assert any("on jo annettu ääniä" in n for n in notices(app))
    assert ws.phase("aanestys").spec.vote.dots == 3


async def test_questions_phase_lists_questions_by_support_and_marks_them(
        home: Settings, clock: Any) -> None:
    evening = palvelupaja_ideas(home, clock)
    ws = evening.ws
    goto(ws, "ajankohtaista")
    roof = ws.questions.ask("Milloin koulun katto korjataan?", source="phone",
                            device_id=evening.devices[0]).id
    bus = ws.questions.ask("Tuleeko kirjastoauto takaisin?", source="phone",
                           device_id=evening.devices[1]).id
    for device in evening.devices[:3]:
        ws.questions.upvote(bus, device_id=device)
    ws.questions.upvote(roof, device_id=evening.devices[4])
    app = make_app(home, clock, ws.path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert screen.query_one(ContentSwitcher).current == "pane-questions"
        assert "2 kpl, vastattu 0, kannatuksia 4" in shown(screen.query_one("#pane-title"))
        pane = screen.query_one(QuestionsPane)
        assert [q.text for q in pane.questions] == ["Tuleeko kirjastoauto takaisin?",
                                                    "Milloin koulun katto korjataan?"]
        assert pane.highlighted == bus
        await pilot.press("a")  # the most supported was answered
        assert ws.questions.get(bus).status == "answered"
        await pilot.press("down", "x")  # the roof one hidden
        assert ws.questions.get(roof).status == "hidden"
        assert "vastattu 1" in shown(screen.query_one("#pane-title"))
        await pilot.press("x")  # and shown again
        assert ws.questions.get(roof).status == "open"
        await pilot.press("k")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"Paperilta: <b>ok</b>", "enter")
        assert isinstance(app.screen, RunScreen)
        await wait_for(pilot, lambda: len(pane.questions) == 3)
        paper = [q for q in ws.questions.all() if q.source == "paper"]
        assert [q.text for q in paper] == ["Paperilta: <b>ok</b>"]  # as typed, marked paper
        assert "paperilta" in " ".join(str(c) for c in
                                       pane.query_one("#questions-table").get_row(str(paper[0].id)))
    assert [e.data["status"] for e in ws.store.events(["question"])] == [
        "answered", "hidden", "open"]
