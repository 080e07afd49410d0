"""The questions phase's pane: questions to officials, most supported first, with a cursor."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical

from facilitator.core.questions import RankedQuestion
from facilitator.i18n import Translator
from facilitator.kinds import Source
from facilitator.tui.widgets.literal import DataTable, Static


class QuestionsPane(Vertical):
    """A table (rank, supporters, status, the question) and the highlighted question whole.
    The run screen's keys act on the highlighted row: `highlighted` is its question's id."""

    DEFAULT_CSS = """
    QuestionsPane #questions-table { height: 1fr; }
    QuestionsPane #question-detail { height: auto; max-height: 5; padding: 0 1;
                                     background: $panel; }
    """

    def __init__(self, tr: Translator, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.tr = tr
        self.questions: list[RankedQuestion] = []

    def compose(self) -> ComposeResult:
        yield DataTable(id="questions-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="question-detail")

    def on_mount(self) -> None:
        tr = self.tr
        self.query_one(DataTable).add_columns(tr("tui.questions.col_rank"),
                                              tr("tui.questions.col_votes"),
                                              tr("tui.questions.col_status"),
                                              tr("tui.questions.col_text"))

    @property
    def highlighted(self) -> int | None:
        table = self.query_one(DataTable)
        if not self.questions or table.cursor_row is None:
            return None
        row = min(max(table.cursor_row, 0), len(self.questions) - 1)
        return self.questions[row].id

    def show(self, questions: Sequence[RankedQuestion]) -> None:
        tr = self.tr
        table = self.query_one(DataTable)
        keep = self.highlighted
        self.questions = list(questions)
        table.clear()
        for q in self.questions:
            status = tr(f"tui.questions.status_{q.row.status}")
            if q.row.source != Source.PHONE:
                status += " · " + tr("tui.questions.paper")
            style = "dim" if q.hidden else ""
            table.add_row(f"{q.rank}.{'=' if q.tied else ''}", str(q.votes),
                          Text(status, style=style),
                          Text(q.text.replace("\n", " "), style=style), key=str(q.id))
        if keep is not None:
            rows = [q.id for q in self.questions]
            if keep in rows:
                table.move_cursor(row=rows.index(keep))
        self._detail()

    @on(DataTable.RowHighlighted)
    def _moved(self, event: DataTable.RowHighlighted) -> None:
        self._detail()

    def _detail(self) -> None:
        detail = self.query_one("#question-detail", Static)
        current = self.highlighted
        question = next((q for q in self.questions if q.id == current), None)
        if question is None:
            detail.update(Text(self.tr("tui.questions.none"), style="italic"))
            return
        detail.update(Text(question.text))
