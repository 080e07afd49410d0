"""The process screen: its workshops and the idea register, worked between meetings.

Filters (status, theme, outcome), two orders (votes, due date), overdue ideas marked, an
idea's whole journey (origins, votes, history) under the table, and one key per field of
the journey. Every change goes through `proc.register.change`, which says why when it
refuses; this screen only collects the facilitator's choice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer

from facilitator.core.process import Process
from facilitator.core.register import (
    NEEDS_OUTCOME,
    OUTCOME_LETTERS,
    SORTS,
    STATUSES,
    TRANSITIONS,
    RegisterIdea,
    is_overdue,
    sort_ideas,
)
from facilitator.errors import StoreError
from facilitator.tui.dialogs import ChoiceDialog, TextPrompt
from facilitator.tui.screens.base import FacilitatorScreen, date_for_input
from facilitator.tui.widgets.literal import DataTable, Label, Static
from facilitator.tui.widgets.tables import cursor_key, move_to_key, reset_columns
from facilitator.tui.widgets.textfit import fit

#: The status filter's extra choice: ideas past their due date.
OVERDUE = "overdue"
#: Shown for "no filter" in the filter dialogs (never a status, theme or outcome key).
ALL = "*"
#: Fields of a history row, in the words of the catalog.
FIELDS = ("status", "outcome", "owner", "owner_public", "next_step", "due", "public_note",
          "reason", "text", "theme", "votes", "rank", "tied", "linked_to")
ACTOR = "tui"


class ProcessScreen(FacilitatorScreen[None]):
    BINDINGS = [
        Binding("u", "status", "tui.key.process_status"),
        Binding("c", "outcome", "tui.key.process_outcome"),
        Binding("o", "owner", "tui.key.process_owner"),
        Binding("j", "owner_public", "tui.key.process_owner_public", show=False),
        Binding("x", "next_step", "tui.key.process_next", show=False),
        Binding("d", "due", "tui.key.process_due"),
        Binding("m", "note", "tui.key.process_note"),
        Binding("f", "filter_status", "tui.key.process_filter_status"),
        Binding("t", "filter_theme", "tui.key.process_filter_theme", show=False),
        Binding("k", "filter_outcome", "tui.key.process_filter_outcome", show=False),
        Binding("v", "sort", "tui.key.process_sort", show=False),
        Binding("s", "sync", "tui.key.process_sync"),
        Binding("escape", "back", "tui.key.back"),
    ]

    def __init__(self) -> None:
        super().__init__(id="process")
        self.status: str | None = None    # a status, OVERDUE, or None for all
        self.theme: str | None = None
        self.outcome: str | None = None
        self.sort = SORTS[0]
        self.ideas: dict[int, RegisterIdea] = {}

    @property
    def proc(self) -> Process:
        return self.fapp.process

    # -- layout -------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="process-body"):
            yield Label(id="process-title", classes="screen-title")
            yield DataTable(id="process-workshops", cursor_type="row", zebra_stripes=True)
            yield Static(id="register-bar", classes="screen-help")
            yield DataTable(id="register", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="journey-scroll"):
                yield Static(id="journey")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.refresh_data()
        self.query_one("#register", DataTable).focus()

    def on_resize(self, event: events.Resize) -> None:
        self.refresh_data()

    def on_screen_resume(self) -> None:
        if self.is_mounted and self.fapp.proc is not None:  # back from one of its workshops
            self.refresh_data()

    def _revised(self) -> None:  # the base re-reads only for an open workshop
        if self.fapp.proc is not None and self.is_mounted:
            try:
                self.refresh_data()
            except StoreError:
                return

    def today(self) -> dt.date:
        return self.fapp.clock().astimezone().date()

    def themes(self) -> dict[str, str]:
        return {t.key: self.tr.text(t.title) for t in self.proc.themes()}

    # -- reading ------------------------------------------------------------------------
    def shown_ideas(self) -> list[RegisterIdea]:
        """The register as filtered and ordered now."""
        status = self.status if self.status != OVERDUE else None
        ideas = self.proc.register.ideas(status=status, theme=self.theme, outcome=self.outcome)
        if self.status == OVERDUE:
            today = self.today()
            ideas = [i for i in ideas if is_overdue(i.entry, today)]
        return sort_ideas(ideas, self.sort)

    def refresh_data(self) -> None:
        tr, proc = self.tr, self.proc
        info = proc.info
        self.query_one("#process-title", Label).update(
            info.name + (f" · {info.municipality}" if info.municipality else ""))
        width = self.size.width or 80
        self._fill_workshops(width)
        table = self.query_one("#register", DataTable)
        keep = cursor_key(table)
        themes = self.themes()
        today = self.today()
        widths = reset_columns(table, [(tr("tui.col.id"), 4), (tr("tui.col.theme"), 12),
                                       (tr("tui.col.idea"), 0), (tr("tui.col.votes"), 5),
                                       (tr("tui.col.status"), 13),
                                       (tr("tui.process.col_due"), 11)], width)
        shown = self.shown_ideas()
        self.ideas = {i.id: i for i in shown}
        for idea in shown:
            e = idea.entry
            due = Text(fit(tr.date(e.due), widths[5]))
            if is_overdue(e, today):
                due = Text(fit("! " + tr.date(e.due), widths[5]), style="bold reverse")
            table.add_row(str(e.id), fit(themes.get(e.theme, e.theme) or "–", widths[1]),
                          fit(e.text, widths[2]), "" if idea.votes is None else str(idea.votes),
                          fit(tr("status." + e.status), widths[4]), due, key=str(e.id))
        move_to_key(table, keep)
        overdue = sum(is_overdue(i.entry, today) for i in proc.register.ideas())
        self.query_one("#register-bar", Static).update(tr(
            "tui.process.bar", shown=len(shown), status=self._status_label(self.status),
            theme=themes.get(self.theme, self.theme) if self.theme is not None
            else tr("tui.process.all"),
            outcome=tr(f"outcome.{self.outcome}") if self.outcome else tr("tui.process.all"),
            sort=tr(f"tui.process.sort_{self.sort}"), overdue=overdue))
        self._show_journey()

    def _fill_workshops(self, width: int) -> None:
        tr = self.tr
        table = self.query_one("#process-workshops", DataTable)
        keep = cursor_key(table)
        widths = reset_columns(table, [(tr("tui.start.col_date"), 11),
                                       (tr("tui.start.col_title"), 0),
                                       (tr("tui.process.col_kind"), 16),
                                       (tr("tui.process.col_people"), 8),
                                       (tr("tui.process.col_ideas"), 6)], width)
        templates = {e.template.key: tr.text(e.template.title) for e in self._templates()}
        stats = self.proc.workshop_stats()
        for w in stats:
            table.add_row(tr.date(w.date), fit(w.title, widths[1]),
                          fit(templates.get(w.template_key, w.template_key), widths[2]),
                          str(w.took_part), str(w.ideas), key=w.file)
        if not stats:
            table.add_row("", tr("tui.process.no_workshops"), "", "", "", key="")
        move_to_key(table, keep)

    def _templates(self) -> list[Any]:
        from facilitator.core.templates import scan_templates
        from facilitator.paths import shipped_templates_dir

        return [e for e in scan_templates(self.fapp.settings.template_dirs,
                                          shipped_templates_dir()) if e.template is not None]

    def _status_label(self, status: str | None) -> str:
        if status is None:
            return self.tr("tui.process.all")
        if status == OVERDUE:
            return self.tr("tui.process.overdue")
        return self.tr("status." + status)

    def selected(self) -> RegisterIdea | None:
        key = cursor_key(self.query_one("#register", DataTable))
        return self.ideas.get(int(key)) if key else None

    @on(DataTable.RowHighlighted, "#register")
    def _highlighted(self) -> None:
        self._show_journey()

    def _show_journey(self) -> None:
        journey = self.query_one("#journey", Static)
        idea = self.selected()
        if idea is None:
            journey.update(self.tr("tui.process.empty"))
            return
        journey.update("\n".join(self.journey_lines(idea)))

    def journey_lines(self, idea: RegisterIdea) -> list[str]:
        """Where the idea stands, where it came from (with votes), and every change."""
        tr, e = self.tr, idea.entry
        outcome = self._outcome_label(e.outcome) if e.outcome else "–"
        theme = self.themes().get(e.theme, e.theme) or "–"
        lines = [f"#{e.id} {e.text}",
                 tr("tui.process.stands", status=tr("status." + e.status), outcome=outcome,
                    theme=theme)]
        if e.owner:
            public = tr("tui.process.public" if e.owner_public else "tui.process.not_public")
            lines.append(tr("tui.process.owner_is", owner=e.owner, public=public))
        if e.next_step:
            lines.append(tr("tui.process.next_is", next=e.next_step))
        if e.due:
            late = is_overdue(e, self.today())
            lines.append(tr("tui.process.due_late" if late else "tui.process.due_is",
                            due=tr.date(e.due)))
        if e.public_note:
            lines.append(tr("tui.process.note_is", note=e.public_note))
        if e.reason:
            lines.append(tr("tui.process.reason_is", reason=e.reason))
        for o in idea.origins:
            w = o.workshop
            lines.append(tr("tui.process.origin", workshop=w.title if w else "–",
                            date=tr.date(w.date) if w and w.date else "–",
                            source=tr("source." + o.entry.source.replace("-", "_")),
                            votes="–" if o.entry.votes is None else o.entry.votes))
            if o.entry.text != e.text:
                lines.append("    " + o.entry.text)
        lines.append(tr("tui.process.history"))
        for h in self.proc.register.history(idea):
            changes = "; ".join(f"{self._field(k)}: {self._value(k, b)} → {self._value(k, a)}"
                                for k, (b, a) in h.changes.items())
            lines.append(f"  {tr.datetime(h.at)}  #{h.entry_id}  {changes}")
        return lines

    def _field(self, name: str) -> str:
        return self.tr(f"tui.process.field_{name}") if name in FIELDS else name

    def _value(self, field: str, value: object) -> str:
        if value in (None, ""):
            return "–"
        if field == "status" and value in STATUSES:
            return self.tr(f"status.{value}")
        if field == "outcome":
            return self._outcome_label(str(value))
        if field in ("owner_public", "tied"):
            return self.tr("tui.process.yes" if value else "tui.process.no")
        if field == "due":
            return self.tr.date(str(value))
        return str(value)

    def _outcome_label(self, outcome: str) -> str:
        letter = next((k for k, v in OUTCOME_LETTERS.items() if v == outcome), "")
        return f"{letter}) {self.tr(f'outcome.{outcome}')}" if letter else outcome

    # -- filters and order ----------------------------------------------------------------
    def _choose(self, title: str, options: list[tuple[str, str]], current: str | None,
                then: Callable[[str | None], None]) -> None:
        def chosen(key: str | None) -> None:
            if key is not None:
                then(None if key == ALL else key)
                self.refresh_data()

        self.app.push_screen(ChoiceDialog(title, [(ALL, self.tr("tui.process.all")), *options],
                                          current=current or ALL), chosen)

    def action_filter_status(self) -> None:
        options = [(s, self.tr(f"status.{s}")) for s in STATUSES]
        options.append((OVERDUE, self.tr("tui.process.overdue")))
        self._choose(self.tr("tui.process.filter_status"), options, self.status,
                     lambda key: setattr(self, "status", key))

    def action_filter_theme(self) -> None:
        themes = self.themes()
        for idea in self.proc.register.ideas():  # a theme only an idea still has
            themes.setdefault(idea.entry.theme, idea.entry.theme or "–")
        self._choose(self.tr("tui.process.filter_theme"), list(themes.items()), self.theme,
                     lambda key: setattr(self, "theme", key))

    def action_filter_outcome(self) -> None:
        options = [(str(o), self._outcome_label(o)) for o in OUTCOME_LETTERS.values()]
        self._choose(self.tr("tui.process.filter_outcome"), options, self.outcome,
                     lambda key: setattr(self, "outcome", key))

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refresh_data()

    # -- changing the journey ---------------------------------------------------------------
    def _change(self, idea: RegisterIdea, **fields: Any) -> None:
        self.attempt(self.proc.register.change, idea.id, actor=ACTOR, **fields,
                     done=self.tr("tui.process.saved", id=idea.id))

    def _saver(self, idea: RegisterIdea, field: str) -> Callable[[str], str | None]:
        return lambda value: self.refusal(self.proc.register.change, idea.id, actor=ACTOR,
                                          **{field: value})

    def _prompt(self, field: str, label_key: str, value: str, note: str = "",
                placeholder: str = "") -> None:
        idea = self.selected()
        if idea is None:
            return
        self.app.push_screen(TextPrompt(
            self.tr("tui.process.edit_title", id=idea.id), self.tr(label_key), value=value,
            note=note or idea.entry.text, save=self._saver(idea, field),
            placeholder=placeholder))

    def action_status(self) -> None:
        idea, tr = self.selected(), self.tr
        if idea is None:
            return
        e = idea.entry
        allowed = TRANSITIONS[e.status]
        if not allowed:
            self.notify(tr("tui.process.journey_ended", status=tr(f"status.{e.status}")))
            return

        def chosen(status: str | None) -> None:
            if status is None:
                return
            if status == "not_taken":
                self.app.push_screen(TextPrompt(
                    tr("tui.process.edit_title", id=e.id), tr("tui.process.reason"),
                    note=tr("tui.process.reason_note"),
                    save=lambda reason: self.refusal(self.proc.register.change, e.id,
                                                     status=status, reason=reason,
                                                     actor=ACTOR)))
            elif status in NEEDS_OUTCOME and not e.outcome:
                self._ask_outcome(idea, lambda o: self._change(idea, status=status, outcome=o))
            else:
                self._change(idea, status=status)

        self.app.push_screen(ChoiceDialog(
            tr("tui.process.status_title", id=e.id),
            [(s, tr(f"status.{s}")) for s in allowed],
            note=tr("tui.process.status_now", status=tr(f"status.{e.status}"))), chosen)

    def _ask_outcome(self, idea: RegisterIdea, then: Callable[[str], None]) -> None:
        def chosen(outcome: str | None) -> None:
            if outcome is not None:
                then(outcome)

        self.app.push_screen(ChoiceDialog(
            self.tr("tui.process.outcome_title", id=idea.id),
            [(str(o), self._outcome_label(o)) for o in OUTCOME_LETTERS.values()],
            note=idea.entry.text, current=idea.entry.outcome or None), chosen)

    def action_outcome(self) -> None:
        idea = self.selected()
        if idea is not None:
            self._ask_outcome(idea, lambda o: self._change(idea, outcome=o))

    def action_owner(self) -> None:
        idea = self.selected()
        if idea is not None:
            self._prompt("owner", "tui.process.owner", idea.entry.owner,
                         note=self.tr("tui.process.owner_note"))

    def action_owner_public(self) -> None:
        idea = self.selected()
        if idea is not None:
            self._change(idea, owner_public=not idea.entry.owner_public)

    def action_next_step(self) -> None:
        idea = self.selected()
        if idea is not None:
            self._prompt("next_step", "tui.process.next", idea.entry.next_step)

    def action_due(self) -> None:
        idea = self.selected()
        if idea is not None:
            self._prompt("due", "tui.process.due", date_for_input(idea.entry.due, self.tr.lang),
                         placeholder=self.tr("tui.decisions.due_placeholder"))

    def action_note(self) -> None:
        idea = self.selected()
        if idea is not None:
            self._prompt("note", "tui.process.note", idea.entry.public_note,
                         note=self.tr("tui.process.note_help"))

    def action_sync(self) -> None:
        done = self.attempt(self.proc.sync)
        if done and done.value is not None:
            r = done.value
            self.notify(self.tr("tui.process.synced", workshops=r.workshops, added=r.added,
                                updated=r.updated, decided=r.decided), timeout=6)
            for skipped in r.skipped:
                self.notify(self.tr("tui.process.skipped", file=skipped), severity="warning")

    # -- workshops ----------------------------------------------------------------------------
    @on(DataTable.RowSelected, "#process-workshops")
    def _open_workshop(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = cursor_key(self.query_one("#process-workshops", DataTable))
        if key:
            self.fapp.open_session(self.proc.folder / key)

    def action_back(self) -> None:
        self.fapp.close_process()
        self.dismiss(None)
