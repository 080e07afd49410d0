"""The start screen: the workshops, the processes, and the templates to make a new workshop."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer

from facilitator.core.process import Process, list_processes
from facilitator.core.templates import TemplateEntry, scan_templates
from facilitator.core.workshop import Workshop
from facilitator.errors import FacilitatorError
from facilitator.paths import shipped_templates_dir, slugify
from facilitator.tui.dialogs import TextPrompt
from facilitator.tui.screens.base import FacilitatorScreen
from facilitator.tui.widgets.literal import DataTable, Label, Static
from facilitator.tui.widgets.tables import cursor_key
from facilitator.tui.widgets.textfit import fit


class StartScreen(FacilitatorScreen[None]):
    BINDINGS = [
        Binding("enter", "open", "tui.key.open", priority=False),
        Binding("n", "new", "tui.key.new_workshop"),
        Binding("p", "new_process", "tui.key.new_process"),
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
            # Shown once there is a process: a first evening needs only workshops.
            yield Label(self.tr("tui.start.processes",
                                folder=str(self.fapp.settings.processes_dir)),
                        classes="section-title", id="processes-title")
            yield DataTable(id="processes", cursor_type="row", zebra_stripes=True)
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
        processes = self.query_one("#processes", DataTable)
        processes.add_columns(tr("tui.start.col_process"), tr("tui.start.col_workshops"),
                              tr("tui.start.col_ideas"), tr("tui.start.col_file"))
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
        processes = self.query_one("#processes", DataTable)
        processes.clear()
        for folder in list_processes(self.fapp.settings.processes_dir):
            processes.add_row(*self._process_row(folder), key=str(folder))
        for widget in (processes, self.query_one("#processes-title")):
            widget.display = bool(processes.row_count)
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

    def _process_row(self, folder: Path) -> tuple[str, str, str, str]:
        try:
            with Process.open(folder) as proc:
                info = proc.info
                name = info.name + (f" · {info.municipality}" if info.municipality else "")
                return (name, str(len(proc.workshop_files())),
                        str(len(proc.register.ideas())), folder.name)
        except FacilitatorError as exc:
            return "! " + self.error_text(exc), "", "", folder.name

    def action_open(self) -> None:
        focused = self.focused
        if focused is self.query_one("#templates", DataTable):
            self._new_from(self._row_key(focused))
            return
        if focused is self.query_one("#processes", DataTable):
            key = self._row_key(focused)
            if key:
                self.fapp.open_process(Path(key))
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

    def action_new_process(self) -> None:
        """A new process folder: its name is asked, the folder is named after it."""
        settings = self.fapp.settings

        def create(name: str) -> str | None:
            folder = settings.process_dir(slugify(name) or "prosessi")
            return self.refusal(lambda: Process.create(folder, name=name,
                                                       clock=self.fapp.clock).close())

        def created(name: str | None) -> None:
            if name is not None:
                self.action_reload()
                self.fapp.open_process(settings.process_dir(slugify(name) or "prosessi"))

        self.app.push_screen(TextPrompt(self.tr("tui.start.new_process"),
                                        self.tr("tui.start.process_name"),
                                        note=self.tr("tui.start.process_note"), save=create),
                             created)

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
