"""The minutes' details typed in the TUI: organiser, writer, core group, contact, next meeting,
the online collection, what happens next for residents, the approval. Prefilled with what
is stored; saved all at once through the same core function as `facilitator details`."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Input

from facilitator.core.proceedings import DATE_DETAILS, MINUTES_DETAILS
from facilitator.errors import FacilitatorError
from facilitator.tui.screens.base import FacilitatorScreen, date_for_input
from facilitator.tui.widgets.literal import Button, Label, Static


class DetailsScreen(FacilitatorScreen[bool]):
    """One line per detail; Ctrl+S or the button saves, Escape goes back without saving."""

    BINDINGS = [
        Binding("ctrl+s", "save", "tui.key.save", priority=True),
        Binding("escape", "back", "tui.key.back"),
    ]

    def __init__(self) -> None:
        super().__init__(id="details")

    def compose(self) -> ComposeResult:
        tr = self.tr
        stored = self.ws.records.details()
        with VerticalScroll(id="details-body"):
            yield Label(tr("tui.details.title"), classes="screen-title")
            yield Static(tr("tui.details.help"), classes="screen-help")
            for key in MINUTES_DETAILS:
                value = stored.get(key, "")
                if key in DATE_DETAILS:
                    value = date_for_input(value, tr.lang)
                yield Label(tr(f"pdf.detail.{key}"), classes="field-label")
                yield Input(value, id=f"detail-{key}",
                            placeholder=tr(f"tui.details.placeholder.{key}"))
            yield Static("", id="details-status", classes="field-error")
            yield Button(tr("tui.details.save"), id="details-save", variant="primary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(f"#detail-{MINUTES_DETAILS[0]}", Input).focus()

    def typed(self) -> dict[str, str]:
        return {key: self.query_one(f"#detail-{key}", Input).value for key in MINUTES_DETAILS}

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        """Enter moves to the next line; on the last line it saves."""
        event.stop()
        self.focus_next(Input)
        if event.input.id == f"detail-{MINUTES_DETAILS[-1]}":
            self.action_save()

    @on(Button.Pressed, "#details-save")
    def action_save(self) -> None:
        status = self.query_one("#details-status", Static)
        try:
            self.ws.records.set_details(self.typed())
        except FacilitatorError as exc:
            status.update(self.error_text(exc))
            field = exc.field
            if field in MINUTES_DETAILS:
                self.query_one(f"#detail-{field}", Input).focus()
            return
        self.fapp.bump()
        status.update("")
        self.notify(self.tr("tui.details.saved"), timeout=4)
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
