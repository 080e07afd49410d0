"""The start screen: the workshops in the sessions folder and the templates to make a new one."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer

from facilitator.core.templates import TemplateEntry, scan_templates
from facilitator.core.workshop import Workshop
from facilitator.errors import FacilitatorError
from facilitator.paths import shipped_templates_dir
from facilitator.tui.screens.base import FacilitatorScreen
from facilitator.tui.widgets.literal import DataTable, Label, Static
from facilitator.tui.widgets.tables import cursor_key
from facilitator.tui.widgets.textfit import fit


class StartScreen(FacilitatorScreen[None]):
    BINDINGS = [
        Binding("enter", "open", "tui.key.open", priority=False),
        Binding("n", "new", "tui.key.new_workshop"),
        Binding("r", "reload", "tui.key.reload", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="start")
        self.templates: list[TemplateEntry] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="start-body"):
            yield Label(self.tr("tui.start.title"), id="start-title")
            yield Label(self.tr("tui.start.sessions", folder=str(self.fapp.settings.sessions_dir)),
                        classes="section-title")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            yield Label(self.tr("tui.start.templates"), classes="section-title")
            yield DataTable(id="templates", cursor_type="row", zebra_stripes=True)
            yield Static(self.tr("tui.start.help"), id="start-help")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        tr = self.tr
        sessions = self.query_one("#sessions", DataTable)
        sessions.add_columns(tr("tui.start.col_title"), tr("tui.start.col_date"),
                             tr("tui.start.col_phase"), tr("tui.start.col_file"))
        templates = self.query_one("#templates", DataTable)
        templates.add_columns(tr("tui.start.col_template"), tr("tui.start.col_people"),
                              tr("tui.start.col_length"), tr("tui.start.col_about"))
        self.action_reload()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.action_reload()

    def action_reload(self) -> None:
        tr = self.tr
        sessions = self.query_one("#sessions", DataTable)
        sessions.clear()
        for path in self.fapp.settings.list_sessions():
            sessions.add_row(*self._session_row(path), key=str(path))
        if not sessions.row_count:
            sessions.add_row(tr("tui.start.no_sessions"), "", "", "", key="")
        templates = self.query_one("#templates", DataTable)
        templates.clear()
        settings = self.fapp.settings
        self.templates = scan_templates(settings.template_dirs, shipped_templates_dir())
        for entry in self.templates:
            t = entry.template
            if t is None:
                assert entry.error is not None
                templates.add_row(entry.path.name, "", "", "! " + entry.error.message(tr),
                                  key=f"!{entry.path}")
                continue
            size = f"{t.group_size[0]}–{t.group_size[1]}" if t.group_size else ""
            minutes = sum(p.minutes for p in t.phases)
            about = fit(tr.text(t.description).split(". ")[0],
                        max(12, (self.app.size.width or 80) - 64))
            templates.add_row(tr.text(t.title), size, tr("tui.start.minutes", minutes=minutes),
                              about, key=t.key)
        (sessions if self.fapp.settings.list_sessions() else templates).focus()

    def _session_row(self, path: Path) -> tuple[str, str, str, str]:
        tr = self.tr
        try:
            with Workshop.open(path) as ws:
                info = ws.info
                current = ws.current()
                state = (tr("tui.start.finished") if ws.finished else
                         tr.text(current.spec.title) if current else tr("tui.start.not_started"))
                return info.title, tr.date(info.date), state, path.stem
        except FacilitatorError as exc:  # one broken file must not hide the rest
            return "! " + self.error_text(exc), "", "", path.stem

    def action_open(self) -> None:
        focused = self.focused
        if focused is self.query_one("#templates", DataTable):
            self._new_from(self._row_key(focused))
            return
        key = self._row_key(self.query_one("#sessions", DataTable))
        if key:
            self.fapp.open_session(Path(key))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_new(self) -> None:
        templates = self.query_one("#templates", DataTable)
        self._new_from(self._row_key(templates) if templates.row_count else None)

    def _new_from(self, key: str | None) -> None:
        from facilitator.tui.screens.new_workshop import NewWorkshopScreen

        if key and key.startswith("!"):
            self.notify(self.tr("tui.start.broken_template"), severity="error")
            return
        self.app.push_screen(NewWorkshopScreen([e.template for e in self.templates
                                                if e.template is not None], key))

    @staticmethod
    def _row_key(table: DataTable) -> str | None:
        return cursor_key(table)
