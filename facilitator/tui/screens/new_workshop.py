"""A new workshop from a template: everything `facilitator new` asks, in one form."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Input, TextArea

from facilitator.core.limits import parse_date
from facilitator.core.templates import Template, themes_from_titles
from facilitator.core.workshop import Workshop
from facilitator.errors import FacilitatorError
from facilitator.i18n import LANG_NAMES, LANGS
from facilitator.tui.screens.base import FacilitatorScreen, date_for_input
from facilitator.tui.widgets.literal import Button, Label, Select, Static


class NewWorkshopScreen(FacilitatorScreen[None]):
    BINDINGS = [
        Binding("ctrl+s", "create", "tui.key.create", priority=True),
        Binding("escape", "cancel", "tui.key.back"),
    ]

    def __init__(self, templates: Sequence[Template], chosen: str | None = None) -> None:
        super().__init__(id="new-workshop")
        self.templates = list(templates)
        self.chosen = chosen if any(t.key == chosen for t in templates) else (
            self.templates[0].key if self.templates else None)

    def compose(self) -> ComposeResult:
        tr = self.tr
        with VerticalScroll(id="new-form"):
            yield Label(tr("tui.new.title"), id="new-title")
            yield Label(tr("tui.new.template"), classes="field-label")
            yield Select([(tr.text(t.title), t.key) for t in self.templates],
                         value=self.chosen or Select.NULL, allow_blank=False, id="template")
            yield Static("", id="template-about", classes="field-help")
            yield Label(tr("tui.new.name"), classes="field-label")
            yield Input(id="title", placeholder=tr("tui.new.name_placeholder"))
            yield Static("", id="title-error", classes="field-error")
            yield Label(tr("tui.new.place"), classes="field-label")
            yield Input(id="place", placeholder=tr("tui.new.place_placeholder"))
            yield Label(tr("tui.new.date"), classes="field-label")
            today = self.fapp.clock().astimezone().date().isoformat()
            yield Input(date_for_input(today, tr.lang), id="date")
            yield Static("", id="date-error", classes="field-error")
            yield Label(tr("tui.new.facilitator"), classes="field-label")
            yield Input(id="facilitator")
            yield Label(tr("tui.new.lang"), classes="field-label")
            yield Select([(LANG_NAMES[code], code) for code in LANGS], value=tr.lang,
                         allow_blank=False, id="lang")
            yield Label(tr("tui.new.themes"), classes="field-label")
            yield Static(tr("tui.new.themes_help"), classes="field-help")
            yield TextArea(id="themes", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="themes-error", classes="field-error")
            yield Static("", id="form-error", classes="field-error")
            yield Button(tr("tui.new.create"), id="create", variant="primary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._template_changed()
        self.query_one("#title", Input).focus()

    def template(self) -> Template | None:
        key = self.query_one("#template", Select).value
        return next((t for t in self.templates if t.key == key), None)

    @on(Select.Changed, "#template")
    def _template_changed(self) -> None:
        t = self.template()
        if t is None:
            return
        tr = self.tr
        minutes = sum(p.minutes for p in t.phases)
        self.query_one("#template-about", Static).update(
            tr.text(t.description) + "\n" + tr("tui.new.phases", n=len(t.phases),
                                                 minutes=minutes))
        self.query_one("#themes", TextArea).text = "\n".join(tr.text(th.title)
                                                              for th in t.themes)

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#create")
    def _pressed(self) -> None:
        self.action_create()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_create(self) -> None:
        for field in ("title-error", "date-error", "themes-error", "form-error"):
            self.query_one(f"#{field}", Static).update("")
        template = self.template()
        if template is None:
            return
        tr = self.tr
        title = self.query_one("#title", Input).value
        if not title.strip():
            self._error("title", tr("tui.new.name_required"))
            return
        try:
            date = parse_date(self.query_one("#date", Input).value)
        except FacilitatorError as exc:
            self._error("date", exc.message(tr))
            return
        lang = str(self.query_one("#lang", Select).value)
        lines = self.query_one("#themes", TextArea).text.splitlines()
        try:
            themes = themes_from_titles(template, lines, tr.lang)
        except FacilitatorError as exc:
            self._error("themes", exc.message(tr))
            return
        settings = self.fapp.settings
        path = settings.new_session_path(title, date or None)
        try:
            ws = Workshop.create(path, template, title=title,
                                 place=self.query_one("#place", Input).value, date=date,
                                 lang=lang,
                                 facilitator=self.query_one("#facilitator", Input).value,
                                 themes=themes, clock=self.fapp.clock)
        except FacilitatorError as exc:
            self._error("form", exc.message(tr))
            return
        ws.close()
        self.notify(tr("tui.new.created", title=title.strip(), path=str(path)), timeout=6)
        self.dismiss(None)
        self.fapp.open_session(path)

    def _error(self, field: str, text: str) -> None:
        self.query_one(f"#{field}-error", Static).update(text)
        target = {"title": "#title", "date": "#date", "themes": "#themes"}.get(field)
        if target:
            self.query_one(target).focus()
