"""The ideas board: every visible idea, theme by theme, newest first; build-on notes under it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual.containers import VerticalScroll

from facilitator.i18n import Translator
from facilitator.kinds import Source
from facilitator.store.records import BuildOnRow, IdeaRow
from facilitator.tui.widgets.literal import Static


@dataclass(frozen=True)
class BoardSection:
    key: str
    title: str
    ideas: Sequence[IdeaRow]
    #: further ideation's notes, by the idea they build on (shown under it)
    build_ons: Mapping[int, Sequence[BuildOnRow]] = field(default_factory=dict)


class ThemeCard(Static):
    DEFAULT_CSS = "ThemeCard { height: auto; margin: 0 0 1 0; }"


class IdeasBoard(VerticalScroll):
    """One card per theme; cards line up in columns when the screen is wide."""

    def __init__(self, tr: Translator, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.tr = tr
        self._keys: list[str] = []
        self._cards: list[ThemeCard] = []

    def show(self, sections: Sequence[BoardSection]) -> None:
        keys = [s.key for s in sections]
        if keys != self._keys:
            self.remove_children()
            self._cards = [ThemeCard(classes="theme-card") for _ in sections]
            self.mount_all(self._cards)
            self._keys = keys
        for card, section in zip(self._cards, sections, strict=True):
            card.update(self._card(section))

    def _card(self, section: BoardSection) -> Text:
        text = Text()
        text.append(f"{section.title} · {len(section.ideas)}", style="bold underline")
        if not section.ideas:
            text.append("\n" + self.tr("tui.board.empty_theme"), style="italic")
        for idea in sorted(section.ideas, key=lambda i: i.id, reverse=True):
            text.append(f"\n#{idea.id} ", style="bold")
            text.append(idea.text.replace("\n", " "))
            if idea.source != Source.PHONE:
                text.append(f" ({self.tr(f'source.{idea.source}')})", style="italic")
            for note in section.build_ons.get(idea.id, ()):
                text.append("\n  ↳ ", style="bold")
                text.append(note.text.replace("\n", " "))
                if note.source != Source.PHONE:
                    text.append(f" ({self.tr(f'source.{note.source}')})", style="italic")
        return text
