"""The participant server's state in a few words: running, starting, restarting, failed, off."""

from __future__ import annotations

from typing import Any

from facilitator.i18n import Translator
from facilitator.tui.supervisor import FAILED, OFF, RESTARTING, RUNNING, STARTING, ServerState
from facilitator.tui.widgets.literal import Static, literal

_MARKS = {RUNNING: "●", STARTING: "◌", RESTARTING: "↻", FAILED: "✕", OFF: "–"}


class ServerStatus(Static):
    DEFAULT_CSS = """
    ServerStatus { width: 100%; height: auto; max-height: 5; }
    ServerStatus.-running { color: $success; }
    ServerStatus.-starting, ServerStatus.-restarting { color: $warning; }
    ServerStatus.-failed { color: $error; text-style: bold; }
    """

    def __init__(self, tr: Translator, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.tr = tr

    def show(self, state: ServerState) -> None:
        status = state.status
        for name in (RUNNING, STARTING, RESTARTING, FAILED, OFF, "stopped"):
            self.set_class(name == status, f"-{name}")
        words = {
            RUNNING: self.tr("tui.server.running"),
            STARTING: self.tr("tui.server.starting"),
            RESTARTING: self.tr("tui.server.restarting"),
            FAILED: self.tr("tui.server.failed"),
        }.get(status, self.tr("tui.server.off"))
        text = f"{_MARKS.get(status, '–')} {words}"
        if status == FAILED and state.detail:
            text += f"\n{state.detail}"
        self.update(text)
        self.tooltip = literal(state.detail) if state.detail else None
