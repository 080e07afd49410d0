"""The join QR code full screen, as large as the terminal allows, with the address in text."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle

from facilitator.tui.screens.base import FacilitatorScreen
from facilitator.tui.widgets.literal import Label
from facilitator.tui.widgets.qr import QRCode, best_scale

TEXT_ROWS = 3  # the workshop's title above the code, the address and the hint under it


class QRScreen(FacilitatorScreen[None]):
    BINDINGS = [
        Binding("escape,q,enter", "close", "tui.key.back"),
    ]

    def __init__(self) -> None:
        super().__init__(id="qr")

    def compose(self) -> ComposeResult:
        url = self.fapp.join_url
        with Middle():
            with Center():
                yield Label(self.ws.info.title, id="qr-title")
            with Center():
                yield QRCode(url, id="big-qr")
            with Center():
                yield Label(url, id="qr-url")
            with Center():
                yield Label(self.tr("tui.qr.hint", code=self.ws.join_code), id="qr-hint")

    def on_mount(self) -> None:
        self._fit(self.app.size.width, self.app.size.height)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        url = self.fapp.join_url
        self.query_one(QRCode).show(url, best_scale(url, width, height - TEXT_ROWS))

    def action_close(self) -> None:
        self.dismiss(None)
