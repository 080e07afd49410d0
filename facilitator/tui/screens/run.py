"""The run screen: agenda, the phase's script and countdown, and a live pane that fits the phase."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer

from facilitator.core.process import collection_of
from facilitator.core.workshop import PhaseState
from facilitator.errors import StoreError
from facilitator.kinds import PhaseKind, VoteMethod
from facilitator.store.process import ProcessCollectionRow
from facilitator.tui.dialogs import (
    ChoiceDialog,
    ConfirmDialog,
    DotsDialog,
    PeopleDialog,
    TextPrompt,
)
from facilitator.tui.screens.base import FacilitatorScreen
from facilitator.tui.screens.decisions import DecisionsScreen
from facilitator.tui.screens.export import ExportScreen
from facilitator.tui.screens.moderation import ModerationScreen
from facilitator.tui.screens.notes import NotesScreen
from facilitator.tui.screens.paper import PaperIdeasScreen, PaperTallyScreen
from facilitator.tui.screens.qr import QRScreen
from facilitator.tui.supervisor import FAILED, RUNNING, ServerState
from facilitator.tui.widgets.agenda import Agenda
from facilitator.tui.widgets.dialogue import DialoguePane
from facilitator.tui.widgets.ideas_board import BoardSection, IdeasBoard
from facilitator.tui.widgets.literal import Label, Static
from facilitator.tui.widgets.qr import QRCode
from facilitator.tui.widgets.questions import QuestionsPane
from facilitator.tui.widgets.ranking import RankingView
from facilitator.tui.widgets.script import ScriptView
from facilitator.tui.widgets.server_status import ServerStatus
from facilitator.tui.widgets.tally import TallyBars
from facilitator.tui.widgets.timer import OVERRUN, PhaseTimer

#: The live pane for each kind of phase.
PANES = {PhaseKind.IDEAS: "pane-ideas", PhaseKind.VOTE: "pane-vote",
         PhaseKind.FEEDBACK: "pane-vote", PhaseKind.DIALOGUE: "pane-dialogue",
         PhaseKind.ROUND: "pane-dialogue", PhaseKind.DECIDE: "pane-results",
         PhaseKind.QUESTIONS: "pane-questions"}
#: Phases where the room needs the code: a small QR stays in a corner when there is room.
QR_KINDS = (PhaseKind.IDEAS, PhaseKind.VOTE, PhaseKind.FEEDBACK, PhaseKind.QUESTIONS)
#: The screens a key opens over this one.
SCREENS: dict[str, type[Screen[None]]] = {
    "qr": QRScreen, "moderation": ModerationScreen, "paper_ideas": PaperIdeasScreen,
    "paper_tally": PaperTallyScreen, "decisions": DecisionsScreen, "notes": NotesScreen,
    "export": ExportScreen}


class RunScreen(FacilitatorScreen[None]):
    BINDINGS = [
        Binding("n", "next_phase", "tui.key.next_phase"),
        Binding("p", "prev_phase", "tui.key.prev_phase"),
        Binding("q", "open('qr')", "tui.key.qr"),
        Binding("r", "reveal", "tui.key.reveal"),
        Binding("m", "open('moderation')", "tui.key.moderate"),
        Binding("i", "open('paper_ideas')", "tui.key.paper_ideas"),
        Binding("t", "open('paper_tally')", "tui.key.paper_tally"),
        Binding("d", "open('decisions')", "tui.key.decisions"),
        Binding("o", "open('notes')", "tui.key.notes"),
        Binding("h", "people", "tui.key.people"),
        Binding("v", "dots", "tui.key.dots"),
        Binding("a", "question_status('answered')", "tui.key.question_answered"),
        Binding("x", "question_status('hidden')", "tui.key.question_hide"),
        Binding("k", "paper_question", "tui.key.paper_question"),
        Binding("e", "open('export')", "tui.key.export"),
        Binding("g", "goto_phase", "tui.key.goto", show=False),
        Binding("s", "toggle_script", "tui.key.script", show=False),
        Binding("plus", "add_minutes(1)", "tui.key.more_time", show=False, key_display="+"),
        Binding("minus", "add_minutes(-1)", "tui.key.less_time", show=False, key_display="-"),
        Binding("w", "close_session", "tui.key.close", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="run")
        self._can: dict[str, bool] = {}
        self._told = ""
        self._collection: ProcessCollectionRow | None = None

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Horizontal(id="status-bar"):
            yield Label(id="people")
            yield Label(id="join-url")
        yield Label(id="printed-moved")
        with Horizontal(id="run-body"):
            with Vertical(id="side"):
                yield Label(id="workshop-title")
                yield Agenda(tr, id="agenda")
                yield QRCode(id="corner-qr")
                yield ServerStatus(tr, id="server-status")
            with Vertical(id="main"):
                with Horizontal(id="phase-head"):
                    with Vertical(id="phase-titles"):
                        yield Label(id="phase-title")
                        yield Label(id="phase-kind")
                        yield Label(id="next-hint")
                    yield PhaseTimer(tr, id="timer")
                with VerticalScroll(id="script-scroll"):
                    yield ScriptView(tr, id="script")
                yield Label(id="pane-title")
                with ContentSwitcher(id="pane", initial="pane-info"):
                    with VerticalScroll(id="pane-info"):
                        yield Static(id="info")
                    yield IdeasBoard(tr, id="pane-ideas")
                    with VerticalScroll(id="pane-vote"):
                        yield TallyBars(tr, id="tally")
                    with VerticalScroll(id="pane-results"):
                        yield RankingView(tr, id="ranking")
                    yield DialoguePane(tr, id="pane-dialogue")
                    yield QuestionsPane(tr, id="pane-questions")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._collection = collection_of(self.ws)  # read once: it is prepared before the evening
        self.query_one("#workshop-title", Label).update(self.ws.info.title)
        self.watch(self.app, "server_state", self._show_server)
        self.set_interval(1.0, self.tick)
        self.refresh_data()

    # -- reading -------------------------------------------------------------------------
    def tick(self) -> None:
        """Once a second: the countdown (wall-clock time from the file, so it survives crashes)."""
        if self.fapp.ws is None:
            return
        try:
            current = self.ws.current()
            timer = self.ws.timer()
        except StoreError:  # a busy moment in the file: the next second reads again
            return
        self.query_one(PhaseTimer).show(timer, current.key if current else None)

    def refresh_data(self) -> None:
        ws, tr = self.ws, self.tr
        phases = ws.phases()
        current = next((p for p in phases if p.is_current), None)
        self.query_one(Agenda).show(phases)
        self._can = self._capabilities(phases)
        self._show_head(phases, current)
        self._show_people()
        self.tick()
        pane = self._pane_for(current)
        switcher = self.query_one(ContentSwitcher)
        moved = switcher.current != pane
        switcher.current = pane
        {"pane-info": self._fill_info, "pane-ideas": self._fill_ideas,
         "pane-vote": self._fill_vote, "pane-results": self._fill_results,
         "pane-dialogue": self._fill_dialogue, "pane-questions": self._fill_questions}[pane](
            current)
        if moved and pane == "pane-questions":
            self.query_one("#questions-table").focus()  # ↑↓ move among the questions
        corner = self.query_one("#corner-qr", QRCode)
        corner.show(self.fapp.join_url)
        corner.set_class(current is not None and current.kind in QR_KINDS, "-active")
        self.query_one("#join-url", Label).update(
            tr("tui.run.join", url=self.fapp.join_url) if self.fapp.reachable
            else tr("tui.run.join_unreachable", url=self.fapp.join_url))
        self.query_one("#join-url").set_class(not self.fapp.reachable, "-unreachable")
        self._show_printed()
        self.refresh_bindings()

    def _show_printed(self) -> None:
        """The poster's QR holds the address of the network it was printed on: say so
        plainly when the laptop has another one here."""
        printed = self.ws.printed_url()
        moved = self.query_one("#printed-moved", Label)
        differs = printed is not None and printed != self.fapp.join_url
        moved.display = differs
        if differs:
            moved.update(self.tr("tui.run.printed_moved", printed=printed,
                                 url=self.fapp.join_url))

    def _capabilities(self, phases: list[PhaseState]) -> dict[str, bool]:
        kinds = {p.kind for p in phases}
        ballots = self.ws.ballots
        return {
            "ideas": PhaseKind.IDEAS in kinds,
            "reveal": ballots.result_phase() is not None,
            "tally": ballots.idea_vote_phase() is not None,
            "decide": bool(kinds & {PhaseKind.VOTE, PhaseKind.DECIDE}),
            "dots": self._dots_vote() is not None,
            "questions": self.ws.questions.phase() is not None,
            "question_pane": any(p.is_current and p.kind == PhaseKind.QUESTIONS for p in phases),
            "started": self.ws.started,
            "open": not self.ws.finished,
        }

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open" and parameters:
            action = str(parameters[0])
        need = {"reveal": "reveal", "paper_tally": "tally", "moderation": "ideas",
                "paper_ideas": "ideas", "decisions": "decide", "prev_phase": "started",
                "add_minutes": "started", "next_phase": "open", "dots": "dots",
                "paper_question": "questions", "question_status": "question_pane"}.get(action)
        if need is None:
            return True
        return self._can.get(need, False)

    def _show_head(self, phases: list[PhaseState], current: PhaseState | None) -> None:
        tr, ws = self.tr, self.ws
        title = self.query_one("#phase-title", Label)
        kind = self.query_one("#phase-kind", Label)
        hint = self.query_one("#next-hint", Label)
        script = self.query_one(ScriptView)
        if ws.finished:
            title.update(tr("tui.run.finished_title"))
            kind.update(tr("tui.run.finished_kind"))
            hint.update(tr("tui.run.finished_hint"))
            script.show(None, tr("tui.run.finished_script"))
            return
        if current is None:
            title.update(tr("tui.run.not_started_title"))
            kind.update(tr("tui.run.not_started_kind", n=len(phases),
                           minutes=sum(p.minutes for p in phases)))
            hint.update(tr("tui.run.start_hint", title=tr.text(phases[0].spec.title)))
            script.show(None, tr("tui.run.not_started_script"))
            return
        pos = phases.index(current)
        title.update(f"{pos + 1}/{len(phases)} · {tr.text(current.spec.title)}")
        kind.update(tr("tui.run.kind", kind=tr(f"kind.{current.kind}"), minutes=current.minutes))
        if pos + 1 < len(phases):
            following = phases[pos + 1]
            hint.update(tr("tui.run.next_hint", title=tr.text(following.spec.title),
                           minutes=following.minutes))
        else:
            hint.update(tr("tui.run.last_hint"))
        script.show(current, extra=self._collection_line() if pos + 1 == len(phases) else "")

    def _collection_line(self) -> str:
        """In the closing phase: where and until when those who could not come can still
        send ideas, when the process has an online collection."""
        if self._collection is None:
            return ""
        return self.tr("tui.run.collection", url=self._collection.public_url,
                       until=self.tr.date(self._collection.until))

    def _show_people(self) -> None:
        info = self.ws.info
        self.query_one("#people", Label).update(self.tr(
            "tui.run.people", phones=self.ws.participants.count(), room=info.room_count,
            paper=info.paper_count))

    def _show_server(self, state: ServerState) -> None:
        self.query_one(ServerStatus).show(state)
        if state.status == FAILED and state.detail and state.detail != self._told:
            self._told = state.detail  # say it once, not every few seconds
            self.notify(self.tr("tui.run.server_failed", detail=state.detail),
                        severity="error", timeout=15)
        elif state.status == RUNNING:
            self._told = ""

    def _pane_for(self, current: PhaseState | None) -> str:
        if current is not None and current.kind in PANES:
            return PANES[current.kind]
        if self.ws.ballots.result_phase() is not None:
            return "pane-results"  # info phases after a vote, and the finished workshop
        if current is not None and self.ws.ideas.visible():
            return "pane-ideas"  # between writing and voting the ideas get sorted
        return "pane-info"

    # -- the live panes ----------------------------------------------------------------------
    def _pane_title(self, text: str) -> None:
        self.query_one("#pane-title", Label).update(text)

    def _fill_info(self, current: PhaseState | None) -> None:
        ws, tr = self.ws, self.tr
        self._pane_title(tr("tui.pane.room"))
        ideas = ws.ideas.visible()
        self.query_one("#info", Static).update(tr(
            "tui.pane.info", url=self.fapp.join_url, code=ws.join_code,
            phones=ws.participants.count(), ideas=len(ideas)))

    def _fill_ideas(self, current: PhaseState | None) -> None:
        ws, tr = self.ws, self.tr
        by_theme = ws.ideas.by_theme()
        notes = ws.ideas.build_ons()
        sections = [BoardSection(t.key, tr.text(t.title), by_theme.get(t.id, []), notes)
                    for t in ws.themes()]
        if by_theme.get(None):
            sections.append(BoardSection("", tr("tui.board.no_theme"), by_theme[None], notes))
        total = sum(len(s.ideas) for s in sections)
        self._pane_title(tr("tui.pane.ideas", n=total))
        self.query_one(IdeasBoard).show(sections)

    def _fill_vote(self, current: PhaseState | None) -> None:
        tr = self.tr
        assert current is not None
        result = self.ws.ballots.result(current.key)
        labels = {q.key: tr.text(q.text) for q in result.questions}
        shown = tr("tui.pane.revealed") if result.revealed else tr("tui.pane.not_revealed")
        self._pane_title(tr("tui.pane.vote", method=tr(f"method.{result.spec.method}"),
                            phone=result.tally.ballots_phone, paper=result.tally.ballots_paper,
                            shown=shown))
        self.query_one(TallyBars).show(result, labels)

    def _fill_results(self, current: PhaseState | None) -> None:
        ws, tr = self.ws, self.tr
        phase = ws.ballots.result_phase()
        ranking = self.query_one(RankingView)
        themes: dict[str | None, str] = {t.key: tr.text(t.title) for t in ws.themes()}
        if phase is None:
            self._pane_title(tr("tui.pane.no_results"))
            ranking.show(None, themes)
            return
        result = ws.ballots.result(phase.key)
        deciding = current is not None and current.kind == PhaseKind.DECIDE
        decided = {d.idea_id: tr(f"outcome.{d.outcome}") for d in ws.records.decisions()}
        top: int | None = None
        if deciding:
            assert current is not None
            top = current.spec.top
            self._pane_title(tr("tui.pane.top", n=top, decided=len(decided)))
        elif len(result.by_theme) > 1 and result.budget is None:
            # The wrap-up discusses each theme's top ideas (the template's number, ties in).
            top = result.top_per_theme
            self._pane_title(tr("tui.pane.results_top", phase=tr.text(phase.spec.title),
                                n=result.ballots, top=top))
        else:
            self._pane_title(tr("tui.pane.results", phase=tr.text(phase.spec.title),
                                n=result.ballots))
        ranking.show(result, themes, top=top, decided=decided)

    def _fill_dialogue(self, current: PhaseState | None) -> None:
        ws, tr = self.ws, self.tr
        insights = ws.records.insights()
        self._pane_title(tr("tui.pane.dialogue"))
        rules = ws.template.rules
        shown_rules: tuple[str, ...] = ()
        if current is not None and current.spec.show_rules and rules is not None:
            shown_rules = rules.rules.get(tr.lang) or rules.rules["fi"]
        self.query_one(DialoguePane).show(ws.template.summary_fields, ws.records.summary(),
                                          insights, shown_rules)

    def _fill_questions(self, current: PhaseState | None) -> None:
        questions = self.ws.questions.ranked(current, hidden=True)
        shown = [q for q in questions if not q.hidden]
        self._pane_title(self.tr("tui.pane.questions", n=len(shown),
                                 answered=sum(1 for q in shown if q.answered),
                                 votes=sum(q.votes for q in shown)))
        self.query_one(QuestionsPane).show(questions)

    # -- questions to officials -------------------------------------------------------------
    def action_question_status(self, status: str) -> None:
        """`a` marks the highlighted question answered (again: open); `x` hides it (again:
        shows it)."""
        question_id = self.query_one(QuestionsPane).highlighted
        if question_id is None:
            return
        ws, tr = self.ws, self.tr
        question = ws.questions.get(question_id)
        new = "open" if question.status == status else status
        done = self.attempt(ws.questions.set_status, question_id, new)
        if done.value is not None:
            self.notify(tr(f"tui.questions.now_{new}", question=question.text[:60]), timeout=4)
            self.refresh_data()

    def action_paper_question(self) -> None:
        tr = self.tr

        def save(text: str) -> str | None:
            return self.refusal(self.ws.questions.ask, text, source="paper")

        def done(text: str | None) -> None:
            if text is not None:
                self.notify(tr("tui.questions.paper_saved"), timeout=4)
                self.refresh_data()

        self.app.push_screen(TextPrompt(tr("tui.questions.paper_title"),
                                        tr("tui.questions.paper_label"),
                                        note=tr("tui.questions.paper_note"), save=save), done)

    # -- signals ------------------------------------------------------------------------------
    @on(PhaseTimer.Crossed)
    def _time_signal(self, event: PhaseTimer.Crossed) -> None:
        current = self.ws.current()
        title = self.tr.text(current.spec.title) if current else ""
        self.app.bell()
        if event.state == OVERRUN:
            self.notify(self.tr("tui.timer.zero", phase=title), severity="warning", timeout=15)
        else:
            self.notify(self.tr("tui.timer.two_minutes", phase=title), timeout=10)

    # -- moving through the evening ------------------------------------------------------------
    def action_next_phase(self) -> None:
        ws, tr = self.ws, self.tr
        if ws.finished:
            self.notify(tr("tui.run.already_finished"), severity="warning")
            return
        current = ws.current()
        phases = ws.phases()
        if current is not None and current.spec.accepts_ballots:
            self._confirm_leave_vote(current, ws.next)
        elif current is not None and phases[-1].key == current.key:
            self.app.push_screen(ConfirmDialog(
                tr("tui.confirm.finish_title"), tr("tui.confirm.finish_body"),
                tr("tui.confirm.finish_yes")),
                lambda yes: self._move(ws.next) if yes else None)
        else:
            self._move(ws.next)

    def action_prev_phase(self) -> None:
        current = self.ws.current()
        if current is not None and current.spec.accepts_ballots:
            self._confirm_leave_vote(current, self.ws.prev)
        else:
            self._move(self.ws.prev)

    def action_goto_phase(self) -> None:
        tr = self.tr
        options = [(p.key, f"{i}. {tr.text(p.spec.title)} ({tr(f'phase_status.{p.status}')})")
                   for i, p in enumerate(self.ws.phases(), 1)]
        current = self.ws.current()

        def chosen(key: str | None) -> None:
            if key is None or (current is not None and key == current.key):
                return
            if current is not None and current.spec.accepts_ballots:
                self._confirm_leave_vote(current, lambda: self.ws.goto(key))
            else:
                self._move(lambda: self.ws.goto(key))

        self.app.push_screen(ChoiceDialog(tr("tui.goto.title"), options,
                                          current=current.key if current else None), chosen)

    def _confirm_leave_vote(self, current: PhaseState, move: Callable[[], object]) -> None:
        tr = self.tr
        result = self.ws.ballots.result(current.key)
        body = tr("tui.confirm.leave_vote_body", phase=tr.text(current.spec.title),
                  phone=result.tally.ballots_phone, paper=result.tally.ballots_paper)
        self.app.push_screen(
            ConfirmDialog(tr("tui.confirm.leave_vote_title"), body,
                          tr("tui.confirm.leave_vote_yes"), tr("tui.confirm.leave_vote_no")),
            lambda yes: self._move(move) if yes else None)

    def _move(self, move: Callable[[], object]) -> None:
        before = self.ws.current()
        self.attempt(move)
        after = self.ws.current()
        if after is None and self.ws.finished:
            self.notify(self.tr("tui.run.finished_notice"), timeout=8)
        elif after is not None and (before is None or before.key != after.key):
            self.notify(self.tr("tui.run.moved", title=self.tr.text(after.spec.title)),
                        timeout=3)
            if self._dots_phase() is not None:
                self.action_dots()  # opening a dots vote: how many dots, before any ballot

    # -- a dots vote's numbers -----------------------------------------------------------------
    def _dots_vote(self) -> PhaseState | None:
        """The current phase when it is a dots vote."""
        current = self.ws.current()
        if (current is None or current.kind != PhaseKind.VOTE or current.spec.vote is None
                or current.spec.vote.method != VoteMethod.DOTS):
            return None
        return current

    def _dots_phase(self) -> PhaseState | None:
        """The current phase when it is a dots vote that has no ballot yet."""
        current = self._dots_vote()
        return None if current is None or self.ws.ballots.has_ballots(current) else current

    def action_dots(self) -> None:
        tr, ws = self.tr, self.ws
        phase = self._dots_vote()
        if phase is None or phase.spec.vote is None:
            return
        if self._dots_phase() is None:  # a ballot came in: the core's refusal says why
            self.attempt(ws.ballots.set_dots, phase.key, phase.spec.vote.dots,
                         phase.spec.vote.per_idea)
            return
        vote = phase.spec.vote
        base = ws.base_template.phase(phase.key)
        template = base.vote if base is not None and base.vote is not None else vote
        ideas = len(ws.ballots.options(phase))
        note = tr("tui.dots.note", dots=template.dots, per_idea=template.per_idea, ideas=ideas,
                  suggested=ws.ballots.suggested_dots(phase))

        def save(dots: str, per_idea: str) -> str | None:
            try:
                d, k = int(dots.strip()), int(per_idea.strip())
            except ValueError:
                return tr("tui.dots.not_number")
            return self.refusal(ws.ballots.set_dots, phase.key, d, k)

        def done(saved: bool | None) -> None:
            now = ws.current()
            if saved and now is not None and now.spec.vote is not None:
                self.notify(tr("tui.dots.saved", dots=now.spec.vote.dots,
                               per_idea=now.spec.vote.per_idea), timeout=5)
                self.refresh_data()

        self.app.push_screen(DotsDialog(tr("tui.dots.title", phase=tr.text(phase.spec.title)),
                                        note, vote.dots, vote.per_idea,
                                        ws.ballots.suggested_dots(phase), save), done)

    def action_add_minutes(self, delta: int) -> None:
        current = self.ws.current()
        if current is None:
            return
        minutes = max(0, current.minutes + delta)
        if self.attempt(self.ws.set_minutes, current.key, minutes):
            self.notify(self.tr("tui.run.minutes", title=self.tr.text(current.spec.title),
                                minutes=minutes), timeout=3)

    def action_toggle_script(self) -> None:
        """More room for the live pane (results, a long list) when the words are known."""
        self.toggle_class("-script-hidden")

    def action_reveal(self) -> None:
        phase = self.ws.ballots.result_phase()
        if phase is None:
            return
        if not phase.revealed and self.ws.ballots.voting_open(phase):
            # Live counts under a ballot people can still change pull votes to the leaders:
            # ask, and let Enter or Escape keep them hidden.
            tr = self.tr
            self.app.push_screen(
                ConfirmDialog(tr("tui.confirm.reveal_open_title"),
                              tr("tui.confirm.reveal_open_body",
                                 phase=tr.text(phase.spec.title)),
                              tr("tui.confirm.reveal_open_yes"),
                              tr("tui.confirm.reveal_open_no"), default_yes=False),
                lambda yes: self._reveal(phase, True) if yes else None)
            return
        self._reveal(phase, not phase.revealed)

    def _reveal(self, phase: PhaseState, shown: bool) -> None:
        done = self.attempt(self.ws.reveal, phase.key, shown)
        if done.value is not None:
            now = done.value
            self.notify(self.tr("tui.run.revealed" if now.revealed else "tui.run.unrevealed",
                                phase=self.tr.text(now.spec.title)), timeout=5)

    # -- other screens ---------------------------------------------------------------------------
    def action_open(self, name: str) -> None:
        self.app.push_screen(SCREENS[name]())

    def action_people(self) -> None:
        info = self.ws.info

        def save(room: str, paper: str) -> str | None:
            try:
                room_n, paper_n = int(room.strip() or 0), int(paper.strip() or 0)
            except ValueError:
                return self.tr("tui.people.not_number")
            # Only what changed goes to the event log (and so to the minutes).
            now = self.ws.info
            return ((room_n != now.room_count and self.refusal(self.ws.set_room_count, room_n))
                    or (paper_n != now.paper_count
                        and self.refusal(self.ws.set_paper_count, paper_n)) or None)

        self.app.push_screen(PeopleDialog(info.room_count, info.paper_count, save))

    def action_close_session(self) -> None:
        self.fapp.leave_session()
