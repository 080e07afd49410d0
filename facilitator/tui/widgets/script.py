"""The current phase's script for the facilitator, and what the phones show meanwhile."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from facilitator.core.workshop import PhaseState
from facilitator.i18n import Translator
from facilitator.tui.widgets.literal import Static


class ScriptView(Static):
    def __init__(self, tr: Translator, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.tr = tr

    def show(self, phase: PhaseState | None, hint: str = "", extra: str = "") -> None:
        """`extra`: one more thing to say in this phase (e.g. where ideas can still go)."""
        text = Text()
        if phase is None:
            text.append(hint, style="bold")
            self.update(text)
            return
        lines = [ln.strip() for ln in self.tr.text(phase.spec.script).splitlines() if ln.strip()]
        for i, line in enumerate(lines):
            if i:
                text.append("\n")
            text.append("▸ ", style="dim")
            text.append(line, style="bold")
        if extra:
            text.append("\n" if lines else "")
            text.append("▸ ", style="dim")
            text.append(extra, style="bold")
        prompt = self.tr.text(phase.spec.prompt)
        if prompt:
            text.append("\n")
            text.append(self.tr("tui.run.phones_see"), style="italic dim")
            text.append(" " + prompt, style="italic")
        self.update(text)
