"""The evening's agenda: every phase with its planned minutes; done, now and next marked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text

from facilitator.core.workshop import PhaseState
from facilitator.i18n import Translator
from facilitator.tui.widgets.literal import Static


class Agenda(Static):
    """Shows phases; the screen decides what moving between them means."""

    def __init__(self, tr: Translator, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.tr = tr
        self._phases: Sequence[PhaseState] = ()

    def show(self, phases: Sequence[PhaseState]) -> None:
        self._phases = list(phases)
        self.refresh(layout=True)

    def render(self) -> Text:
        width = max(10, self.content_region.width or self.size.width or 24)
        out = Text(no_wrap=True, overflow="ellipsis")
        current = next((i for i, p in enumerate(self._phases) if p.is_current), None)
        for i, phase in enumerate(self._phases):
            if phase.status == "done":
                marker, style = "✓", "agenda--done"
            elif phase.is_current:
                marker, style = "▶", "agenda--current"
            elif current is not None and i == current + 1 or current is None and (
                    i == 0 and all(p.status == "upcoming" for p in self._phases)):
                marker, style = "›", "agenda--next"
            else:
                marker, style = " ", "agenda--upcoming"
            minutes = f"{phase.minutes:>3}"
            title = self.tr.text(phase.spec.title)
            room = width - len(minutes) - 3
            if len(title) > room:
                title = title[: max(1, room - 1)] + "…"
            line = Text(f"{marker} {title.ljust(room)} {minutes}",
                        style=self.get_component_rich_style(style, partial=True))
            if i:
                out.append("\n")
            out.append_text(line)
        return out

    COMPONENT_CLASSES = {"agenda--done", "agenda--current", "agenda--next", "agenda--upcoming"}

    DEFAULT_CSS = """
    Agenda { height: auto; }
    Agenda > .agenda--done { color: $secondary; }
    Agenda > .agenda--current { background: $primary; color: $background; text-style: bold; }
    Agenda > .agenda--next { text-style: bold; }
    """
