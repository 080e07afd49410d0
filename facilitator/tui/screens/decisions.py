"""Decisions on the top ideas: who takes each forward, the next step, and where it goes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input

from facilitator.core.limits import parse_date
from facilitator.errors import FacilitatorError
from facilitator.kinds import Outcome, PhaseKind
from facilitator.store.records import DecisionRow, IdeaRow
from facilitator.tui.screens.base import FacilitatorScreen, date_for_input
from facilitator.tui.widgets.literal import Label, Option, OptionList, Select, Static
from facilitator.tui.widgets.ranking import votes_text

DEFAULT_TOP = 3


class DecisionsScreen(FacilitatorScreen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "tui.key.save", priority=True),
        Binding("ctrl+a", "toggle_all", "tui.key.all_ideas", priority=True),
        Binding("ctrl+d", "remove", "tui.key.remove_decision", priority=True),
        Binding("escape", "back", "tui.key.back"),
    ]

    def __init__(self) -> None:
        super().__init__(id="decisions")
        self.show_all = False
        self.ideas: dict[int, IdeaRow] = {}
        self.decided: dict[int, DecisionRow] = {}
        self.idea_id: int | None = None
        self._loaded: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(id="decisions-body"):
            yield Label(tr("tui.decisions.title"), classes="screen-title")
            yield Static(id="decisions-help", classes="screen-help")
            with Horizontal(id="decisions-columns"):
                yield OptionList(id="candidates")
                with VerticalScroll(id="decision-form"):
                    yield Static(id="decision-idea")
                    yield Label(tr("tui.decisions.outcome"), classes="field-label")
                    yield Select([(tr(f"outcome.{o}"), o) for o in Outcome],
                                 prompt=tr("tui.decisions.outcome_prompt"), id="outcome",
                                 compact=True)
                    yield Label(tr("tui.decisions.owner"), classes="field-label")
                    yield Input(id="owner", placeholder=tr("tui.decisions.owner_placeholder"),
                                compact=True)
                    yield Label(tr("tui.decisions.next_step"), classes="field-label")
                    yield Input(id="next-step", compact=True)
                    yield Label(tr("tui.decisions.due"), classes="field-label")
                    yield Input(id="due", placeholder=tr("tui.decisions.due_placeholder"),
                                compact=True)
                    yield Static("", id="decision-error", classes="field-error")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one(OptionList).focus()

    # -- which ideas ---------------------------------------------------------------------
    def candidates(self) -> list[tuple[IdeaRow, str]]:
        """The top ideas of each theme (ties at the edge included), or every visible idea."""
        ws = self.ws
        phase = ws.ballots.idea_vote_phase()
        visible = {i.id: i for i in ws.ideas.visible()}
        if phase is None or self.show_all:
            votes = {}
            if phase is not None:
                votes = {int(i.target): votes_text(i) for i in ws.ballots.result(phase.key).overall}
            return [(i, votes.get(i.id, "")) for i in visible.values()]
        decide = next((p for p in ws.phases() if p.kind == PhaseKind.DECIDE), None)
        top = decide.spec.top if decide is not None else DEFAULT_TOP
        out: list[tuple[IdeaRow, str]] = []
        for items in ws.ballots.result(phase.key).top(top).values():
            for item in items:
                if item.idea is not None and item.idea.id in visible:
                    out.append((visible[item.idea.id], votes_text(item)))
        return out

    def refresh_data(self) -> None:
        tr = self.tr
        self.decided = {d.idea_id: d for d in self.ws.records.decisions()}
        candidates = self.candidates()
        self.ideas = {i.id: i for i, _ in candidates}
        options = self.query_one(OptionList)
        keep = self.idea_id
        options.clear_options()
        for idea, votes in candidates:
            mark = "✓" if idea.id in self.decided else "·"
            votes_part = f" ({tr('tui.decisions.votes', n=votes)})" if votes else ""
            options.add_option(Option(f"{mark} #{idea.id} {idea.text}{votes_part}",
                                      id=str(idea.id)))
        help_key = "tui.decisions.help_all" if self.show_all else "tui.decisions.help_top"
        self.query_one("#decisions-help", Static).update(
            tr(help_key, decided=len(self.decided), n=len(candidates)))
        if not candidates:
            self.query_one("#decision-idea", Static).update(tr("tui.decisions.none"))
            self.idea_id = None
            return
        ids = [str(i.id) for i, _ in candidates]
        index = ids.index(str(keep)) if keep is not None and str(keep) in ids else 0
        typing = int(ids[index]) == keep and self._form_values() != self._loaded
        options.highlighted = index
        if not typing:  # a phone's idea arriving must not wipe what is being typed
            self._load(int(ids[index]))

    @on(OptionList.OptionHighlighted, "#candidates")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None and int(event.option.id) != self.idea_id:
            self._load(int(event.option.id))

    @on(OptionList.OptionSelected, "#candidates")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#outcome", Select).focus()

    def _load(self, idea_id: int) -> None:
        """Show the chosen idea and its decision so far in the form."""
        self.idea_id = idea_id
        idea = self.ideas.get(idea_id)
        decision = self.decided.get(idea_id)
        self.query_one("#decision-idea", Static).update(f"#{idea_id} {idea.text if idea else ''}")
        outcome = self.query_one("#outcome", Select)
        if decision is not None:
            outcome.value = decision.outcome
        else:
            outcome.clear()
        self.query_one("#owner", Input).value = decision.owner if decision else ""
        self.query_one("#next-step", Input).value = decision.next_step if decision else ""
        self.query_one("#due", Input).value = (date_for_input(decision.due, self.tr.lang)
                                               if decision else "")
        self.query_one("#decision-error", Static).update("")
        self._loaded = self._form_values()

    def _form_values(self) -> tuple[object, ...]:
        inputs = ("owner", "next-step", "due")
        return (self.query_one("#outcome", Select).value,
                *(self.query_one(f"#{name}", Input).value for name in inputs))

    # -- saving ----------------------------------------------------------------------------
    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "due":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        if self.idea_id is None:
            return
        tr = self.tr
        error = self.query_one("#decision-error", Static)
        outcome = self.query_one("#outcome", Select).value
        if self.query_one("#outcome", Select).is_blank():
            error.update(tr("tui.decisions.outcome_required"))
            self.query_one("#outcome", Select).focus()
            return
        try:
            due = parse_date(self.query_one("#due", Input).value)
        except FacilitatorError as exc:
            error.update(exc.message(tr))
            return
        refusal = self.refusal(self.ws.records.decide, self.idea_id, outcome=str(outcome),
                               owner=self.query_one("#owner", Input).value,
                               next_step=self.query_one("#next-step", Input).value, due=due)
        if refusal:
            error.update(refusal)
            return
        self._load(self.idea_id)
        self.notify(tr("tui.decisions.saved", id=self.idea_id, outcome=tr(f"outcome.{outcome}")),
                    timeout=4)
        self.query_one(OptionList).focus()

    def action_remove(self) -> None:
        if self.idea_id is not None and self.idea_id in self.decided:
            self.attempt(self.ws.records.undecide, self.idea_id,
                         done=self.tr("tui.decisions.removed", id=self.idea_id))

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self.refresh_data()

    def action_back(self) -> None:
        self.dismiss(None)
