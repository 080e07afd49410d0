"""Erätauko's pane: the note-taker's summary fields and the anonymous insights from phones."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll

from facilitator.core.templates import SummaryField
from facilitator.i18n import Translator
from facilitator.store.records import InsightRow
from facilitator.tui.widgets.literal import Static


class DialoguePane(Horizontal):
    """Read-only here; the notes screen is where the fields are written."""

    def __init__(self, tr: Translator, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.tr = tr

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary-scroll"):
            yield Static(id="dialogue-summary")
        with VerticalScroll(id="insights-scroll"):
            yield Static(id="dialogue-insights")

    def show(self, fields: Sequence[SummaryField], summary: dict[str, str],
             insights: Sequence[InsightRow], rules: Sequence[str] = ()) -> None:
        text = Text()
        if rules:
            text.append(self.tr("tui.dialogue.rules") + "\n", style="bold underline")
            for n, rule in enumerate(rules, 1):
                text.append(f"{n}. {rule}\n")
            text.append("\n")
        text.append(self.tr("tui.dialogue.summary") + "\n", style="bold underline")
        for f in fields:
            text.append(self.tr.text(f.title) + "\n", style="bold")
            body = summary.get(f.key, "").strip()
            if body:
                text.append(body + "\n")
            else:
                text.append(self.tr("tui.dialogue.empty_field") + "\n", style="italic")
        self.query_one("#dialogue-summary", Static).update(text)
        side = Text()
        side.append(self.tr("tui.dialogue.insights", n=len(insights)) + "\n",
                    style="bold underline")
        if not insights:
            side.append(self.tr("tui.dialogue.no_insights"), style="italic")
        for insight in reversed(insights):
            side.append("• ", style="bold")
            side.append(insight.text.replace("\n", " ") + "\n")
        self.query_one("#dialogue-insights", Static).update(side)
