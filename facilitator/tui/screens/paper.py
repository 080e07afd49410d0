"""Paper input, fast and keyboard only: post-it ideas theme by theme, and paper vote tallies.

Both screens keep the cursor in one typing line: Enter saves, ↑ and ↓ move
to the previous or next theme (ideas) or idea (tallies).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input

from facilitator.kinds import Source
from facilitator.store.records import ThemeRow
from facilitator.tui.screens.base import FacilitatorScreen
from facilitator.tui.widgets.entry import EntryLine
from facilitator.tui.widgets.literal import DataTable, Label, Static
from facilitator.tui.widgets.tables import cursor_key, move_to_key, reset_columns
from facilitator.tui.widgets.textfit import fit


class PaperIdeasScreen(FacilitatorScreen[None]):
    BINDINGS = [Binding("escape", "back", "tui.key.back")]

    def __init__(self) -> None:
        super().__init__(id="paper-ideas")
        self.index = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="paper-body"):
            yield Label(self.tr("tui.paper.ideas_title"), classes="screen-title")
            yield Static(self.tr("tui.paper.ideas_help"), classes="screen-help")
            with Horizontal(id="paper-columns"):
                yield Static(id="theme-list")
                with VerticalScroll(id="theme-ideas-scroll"):
                    yield Static(id="theme-ideas")
            yield Label(id="entry-label", classes="field-label")
            yield EntryLine(id="entry", placeholder=self.tr("tui.paper.idea_placeholder"))
            yield Static("", id="entry-status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one(EntryLine).focus()

    def themes(self) -> list[ThemeRow | None]:
        themes: list[ThemeRow | None] = list(self.ws.themes())
        return themes or [None]

    def theme(self) -> ThemeRow | None:
        themes = self.themes()
        self.index = max(0, min(self.index, len(themes) - 1))
        return themes[self.index]

    def refresh_data(self) -> None:
        tr = self.tr
        by_theme = self.ws.ideas.by_theme()
        current = self.theme()
        listing = Text(no_wrap=True, overflow="ellipsis")
        for n, theme in enumerate(self.themes()):
            title = tr.text(theme.title) if theme else tr("tui.board.no_theme")
            count = len(by_theme.get(theme.id if theme else None, []))
            mark = "▶ " if n == self.index else "  "
            if n:
                listing.append("\n")
            listing.append(f"{mark}{fit(title, 20)} {count:>3}",
                           style="reverse bold" if n == self.index else "")
        self.query_one("#theme-list", Static).update(listing)
        ideas = sorted(by_theme.get(current.id if current else None, []),
                       key=lambda i: i.id, reverse=True)
        shown = Text()
        for n, idea in enumerate(ideas):
            if n:
                shown.append("\n")
            shown.append(f"#{idea.id} ", style="bold")
            shown.append(idea.text.replace("\n", " "))
            if idea.source != Source.PHONE:
                shown.append(f" ({tr(f'source.{idea.source}')})", style="italic")
        if not ideas:
            shown.append(tr("tui.board.empty_theme"), style="italic")
        self.query_one("#theme-ideas", Static).update(shown)
        title = tr.text(current.title) if current else tr("tui.board.no_theme")
        self.query_one("#entry-label", Label).update(tr("tui.paper.idea_to", theme=title))

    @on(EntryLine.Step)
    def _step(self, event: EntryLine.Step) -> None:
        self.index = (self.index + event.delta) % len(self.themes())
        self.refresh_data()

    @on(Input.Submitted, "#entry")
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        theme = self.theme()
        status = self.query_one("#entry-status", Static)
        if not event.value.strip():
            return
        done = self.attempt(self.ws.ideas.submit, event.value,
                            theme=theme.key if theme else None, source=Source.PAPER)
        if done.value is not None:
            title = self.tr.text(theme.title) if theme else ""
            if done.value.builds_on is not None:   # `#20: ...`: kept with idea 20
                status.update(self.tr("tui.paper.built_on", idea=done.value.builds_on))
            else:
                status.update(self.tr("tui.paper.saved", id=done.value.id, theme=title))
            event.input.value = ""

    def action_back(self) -> None:
        self.dismiss(None)


class PaperTallyScreen(FacilitatorScreen[None]):
    BINDINGS = [Binding("escape", "back", "tui.key.back")]

    def __init__(self) -> None:
        super().__init__(id="paper-tally")

    def compose(self) -> ComposeResult:
        with Vertical(id="paper-body"):
            yield Label(id="tally-title", classes="screen-title")
            yield Static(self.tr("tui.paper.tally_help"), classes="screen-help")
            yield DataTable(id="tally-table", cursor_type="row", zebra_stripes=True)
            yield Label(id="entry-label", classes="field-label")
            yield EntryLine(id="entry", type="integer",
                            placeholder=self.tr("tui.paper.tally_placeholder"))
            yield Static("", id="entry-status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one(EntryLine).focus()

    def refresh_data(self) -> None:
        ws, tr = self.ws, self.tr
        phase = ws.ballots.idea_vote_phase()
        table = self.query_one(DataTable)
        title = self.query_one("#tally-title", Label)
        if phase is None:
            title.update(tr("tui.paper.no_vote"))
            table.clear(columns=True)
            return
        title.update(tr("tui.paper.tally_title", phase=tr.text(phase.spec.title),
                        method=tr(f"method.{phase.spec.vote.method}" if phase.spec.vote
                                  else "method.dots")))
        keep = self.selected_id()
        result = ws.ballots.result(phase.key)
        themes = {t.key: tr.text(t.title) for t in ws.themes()}
        widths = reset_columns(table, [(tr("tui.col.id"), 4), (tr("tui.col.theme"), 14),
                                       (tr("tui.col.idea"), 0), (tr("tui.col.phone"), 7),
                                       (tr("tui.col.paper"), 7)], self.size.width or 80)
        items = sorted(result.overall, key=lambda i: (list(themes).index(i.theme)
                                                      if i.theme in themes else len(themes),
                                                      int(i.target)))
        for item in items:
            table.add_row(item.target, fit(themes.get(item.theme or "", "–"), widths[1]),
                          fit(item.label, widths[2]), str(item.phone), str(item.paper),
                          key=item.target)
        move_to_key(table, keep)
        self._label()

    def selected_id(self) -> str | None:
        return cursor_key(self.query_one(DataTable))

    def _label(self) -> None:
        idea = self.selected_id()
        text = self.ws.ideas.get(int(idea)).text if idea else ""
        self.query_one("#entry-label", Label).update(
            self.tr("tui.paper.tally_for", id=idea, text=fit(text, 50).rstrip()) if idea else "")

    def on_data_table_row_highlighted(self) -> None:
        self._label()

    @on(EntryLine.Step)
    def _step(self, event: EntryLine.Step) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1,
                                             table.cursor_row + event.delta)))

    @on(Input.Submitted, "#entry")
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        idea = self.selected_id()
        table = self.query_one(DataTable)
        if idea is None:
            return
        raw = event.value.strip()
        if raw:
            try:
                count = int(raw)
            except ValueError:
                self.query_one("#entry-status", Static).update(self.tr("tui.people.not_number"))
                return
            done = self.attempt(self.ws.ballots.set_paper_tally, int(idea), count)
            if not done:
                return
            self.query_one("#entry-status", Static).update(
                self.tr("tui.paper.tally_saved", id=idea, count=count))
            event.input.value = ""
        if table.cursor_row + 1 < table.row_count:
            table.move_cursor(row=table.cursor_row + 1)

    def action_back(self) -> None:
        self.dismiss(None)
