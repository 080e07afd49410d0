"""Exports from the TUI: results and minutes after, handouts before; in a worker, with progress."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Input, ProgressBar

from facilitator.core.workshop import Workshop
from facilitator.errors import FacilitatorError
from facilitator.qr import join_url
from facilitator.tui.screens.base import FacilitatorScreen
from facilitator.tui.screens.details import DetailsScreen
from facilitator.tui.widgets.literal import Button, Checkbox, Label, Static

BUNDLE = "facilitator.export.bundle"


class ExportScreen(FacilitatorScreen[None]):
    BINDINGS = [
        Binding("ctrl+r", "results", "tui.key.export_results", priority=True),
        Binding("ctrl+e", "handouts", "tui.key.export_handouts", priority=True),
        Binding("ctrl+t", "details", "tui.key.minutes_details", priority=True),
        Binding("escape", "back", "tui.key.back"),
    ]

    class Progress(Message):
        def __init__(self, done: int, total: int, label: str) -> None:
            super().__init__()
            self.done, self.total, self.label = done, total, label

    class Finished(Message):
        def __init__(self, paths: list[Path], error: str = "") -> None:
            super().__init__()
            self.paths, self.error = paths, error

    def __init__(self) -> None:
        super().__init__(id="export")
        self.running = False

    @property
    def out_dir(self) -> Path:
        assert self.ws.path is not None
        return self.fapp.settings.export_dir_for(self.ws.path)

    def compose(self) -> ComposeResult:
        tr = self.tr
        with VerticalScroll(id="export-body"):
            yield Label(tr("tui.export.title"), classes="screen-title")
            yield Static(tr("tui.export.folder", folder=str(self.out_dir)), id="export-folder")
            with Horizontal(classes="export-buttons"):
                yield Button(tr("tui.export.results"), id="results", variant="primary")
                yield Button(tr("tui.export.handouts"), id="handouts")
                yield Button(tr("tui.export.details"), id="details")
            yield Static(tr("tui.export.results_help"), classes="field-help")
            yield Checkbox(tr("tui.export.leave_out_hidden"), id="leave-out-hidden")
            yield Static(tr("tui.export.leave_out_hidden_help"), classes="field-help")
            yield Label(tr("tui.export.wifi_ssid"), classes="field-label")
            yield Input(id="wifi-ssid", placeholder=tr("tui.export.wifi_placeholder"))
            yield Label(tr("tui.export.wifi_password"), classes="field-label")
            yield Input(id="wifi-password", password=True)
            yield ProgressBar(id="export-progress", total=1, show_eta=False)
            yield Static("", id="export-step")
            yield Static("", id="export-result")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False  # shown while files are being made
        self.query_one("#results", Button).focus()

    @on(Button.Pressed, "#results")
    def action_results(self) -> None:
        self._start("export_all")

    @on(Button.Pressed, "#handouts")
    def action_handouts(self) -> None:
        self._start("export_handouts")

    @on(Button.Pressed, "#details")
    def action_details(self) -> None:
        """The minutes' details (organiser, writer, ...) before the minutes are made."""
        if not self.running:
            self.app.push_screen(DetailsScreen())

    def _start(self, what: str) -> None:
        if self.running:
            return
        tr = self.tr
        try:
            bundle = importlib.import_module(BUNDLE)
            func = getattr(bundle, what)
        except (ImportError, AttributeError):
            self.query_one("#export-result", Static).update(tr("tui.export.unavailable"))
            return
        assert self.ws.path is not None
        kwargs: dict[str, object] = {}
        if what == "export_all":
            kwargs = {"leave_out_hidden": self.query_one("#leave-out-hidden", Checkbox).value}
        if what == "export_handouts":
            kwargs = {"base_url": self.fapp.base_url,
                      "wifi_ssid": self.query_one("#wifi-ssid", Input).value.strip() or None,
                      "wifi_password": self.query_one("#wifi-password", Input).value or None}
        self.running = True
        self.query_one("#export-result", Static).update("")
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self.query_one("#export-step", Static).update(tr("tui.export.working"))
        self._export(func, self.ws.path, self.out_dir, kwargs)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, func: Callable[..., list[Path]], session: Path, out_dir: Path,
                kwargs: dict[str, object]) -> None:
        """In a thread with its own connection: the screen stays live while PDFs are drawn."""
        def progress(done: int, total: int, label: str) -> None:
            self.post_message(self.Progress(done, total, label))

        try:
            with Workshop.open(session, self.fapp.clock) as ws:
                paths = list(func(ws, out_dir, progress=progress, **kwargs))
                if "base_url" in kwargs:  # handouts: remember the address on the paper
                    ws.remember_printed_url(join_url(str(kwargs["base_url"]), ws.join_code))
        except Exception as exc:
            detail = (exc.message(self.tr) if isinstance(exc, FacilitatorError)
                      else self.tr("tui.export.failed", detail=str(exc) or type(exc).__name__))
            self.post_message(self.Finished([], detail))
            return
        self.post_message(self.Finished(paths))

    @on(Progress)
    def _progress(self, event: Progress) -> None:
        self.query_one(ProgressBar).update(total=max(1, event.total), progress=event.done)
        self.query_one("#export-step", Static).update(event.label)

    @on(Finished)
    def _finished(self, event: Finished) -> None:
        self.running = False
        tr = self.tr
        result = self.query_one("#export-result", Static)
        bar = self.query_one(ProgressBar)
        if event.error:
            bar.update(total=1, progress=0)
            self.query_one("#export-step", Static).update("")
            result.update(event.error)
            self.notify(event.error, severity="error", timeout=10)
            return
        bar.update(total=1, progress=1)
        self.query_one("#export-step", Static).update(tr("tui.export.done", n=len(event.paths),
                                                         folder=str(self.out_dir)))
        result.update("\n".join(str(p) for p in event.paths))
        self.notify(tr("tui.export.done", n=len(event.paths), folder=str(self.out_dir)),
                    timeout=8)

    def action_back(self) -> None:
        self.dismiss(None)
