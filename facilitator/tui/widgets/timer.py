"""The current phase's countdown in big digits: amber at two minutes left, red in overrun."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Digits

from facilitator.core.workshop import Timer
from facilitator.i18n import Translator
from facilitator.tui.widgets.literal import Label

OK, WARNING, OVERRUN = "ok", "warning", "overrun"


def clock_text(seconds: int) -> str:
    """Seconds as m:ss; overrun (negative) as +m:ss, the time past the plan."""
    sign = "+" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 60:02d}:{seconds % 60:02d}"


def timer_state(timer: Timer) -> str:
    if timer.overrun:
        return OVERRUN
    if timer.warning:
        return WARNING
    return OK


class PhaseTimer(Widget):
    """Shows a `Timer`; announces when it crosses two minutes left and zero."""

    class Crossed(Message):
        """The timer entered `state` (warning or overrun) while the facilitator watched."""

        def __init__(self, state: str, phase: str) -> None:
            super().__init__()
            self.state = state
            self.phase = phase

    def __init__(self, tr: Translator, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.tr = tr
        self._seen: tuple[str | None, str] | None = None

    def compose(self) -> ComposeResult:
        yield Digits("--:--", id="timer-digits")
        yield Label("", id="timer-label")

    def show(self, timer: Timer | None, phase: str | None) -> None:
        digits = self.query_one(Digits)
        label = self.query_one(Label)
        if timer is None:
            digits.update("--:--")
            label.update("")
            self.set_class(False, "-warning", "-overrun")
            self._seen = (phase, OK)
            return
        state = timer_state(timer)
        digits.update(clock_text(timer.remaining_seconds))
        if state == OVERRUN:
            label.update(self.tr("tui.timer.overrun", minutes=timer.planned_seconds // 60))
        else:
            label.update(self.tr("tui.timer.left", minutes=timer.planned_seconds // 60))
        self.set_class(state == WARNING, "-warning")
        self.set_class(state == OVERRUN, "-overrun")
        previous = self._seen
        self._seen = (phase, state)
        # Signal only a crossing seen live: not on opening a phase already late (after a
        # restart the colour says it), and once per threshold.
        if previous is not None and previous[0] == phase and previous[1] != state and (
                state == OVERRUN or (state == WARNING and previous[1] == OK)):
            self.post_message(self.Crossed(state, phase or ""))
