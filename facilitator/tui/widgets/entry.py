"""A one-line input for typing fast: Enter saves, ↑ and ↓ move to the previous or next target."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from facilitator.tui.keys import translate_bindings


class EntryLine(Input):
    """Announces ↑/↓ so the screen can change theme or idea without leaving the keyboard row."""

    BINDINGS = [
        Binding("up", "step(-1)", "tui.key.previous_target", show=False),
        Binding("down", "step(1)", "tui.key.next_target", show=False),
    ]

    class Step(Message):
        def __init__(self, entry: EntryLine, delta: int) -> None:
            super().__init__()
            self.entry = entry
            self.delta = delta

        @property
        def control(self) -> EntryLine:
            return self.entry

    def on_mount(self) -> None:
        translate_bindings(self, self.app.tr)  # type: ignore[attr-defined]

    def action_step(self, delta: int) -> None:
        self.post_message(self.Step(self, delta))
