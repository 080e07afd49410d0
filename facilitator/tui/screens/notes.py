"""Notes at any time, the written summary (Erätauko's fields), and the insights from phones.

The summary fields save themselves: shortly after typing stops, when the
field is left, and when the screen closes, so nothing typed is lost.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widgets import Footer, Input, TextArea

from facilitator.kinds import Source
from facilitator.tui.screens.base import FacilitatorScreen
from facilitator.tui.widgets.literal import Label, Static

AUTOSAVE_S = 1.5


class NotesScreen(FacilitatorScreen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "tui.key.save", priority=True),
        Binding("escape", "back", "tui.key.back"),
    ]

    def __init__(self) -> None:
        super().__init__(id="notes")
        self.saved: dict[str, str] = {}
        self._autosave: dict[str, Timer] = {}

    def compose(self) -> ComposeResult:
        tr = self.tr
        fields = self.ws.template.summary_fields
        summary = self.ws.records.summary()
        with VerticalScroll(id="notes-body"):
            yield Label(tr("tui.notes.title"), classes="screen-title")
            yield Label(tr("tui.notes.new"), classes="field-label")
            yield Input(id="note", placeholder=tr("tui.notes.placeholder"))
            yield Static("", id="note-status", classes="field-error")
            if fields:
                yield Label(tr("tui.notes.summary"), classes="section-title")
            for f in fields:
                yield Label(tr.text(f.title), classes="field-label")
                if f.help:
                    yield Static(tr.text(f.help), classes="field-help")
                self.saved[f.key] = summary.get(f.key, "")
                yield TextArea(self.saved[f.key], id=f"summary-{f.key}", soft_wrap=True,
                               classes="summary-field")
                yield Static("", id=f"saved-{f.key}", classes="field-help")
            if any(p.spec.accepts_insights for p in self.ws.phases()):
                yield Label(tr("tui.notes.paper_insight"), classes="field-label")
                yield Input(id="paper-insight",
                            placeholder=tr("tui.notes.paper_insight_placeholder"))
                yield Static("", id="paper-insight-status", classes="field-error")
            yield Label(id="insights-title", classes="section-title")
            yield Static(id="insights")
            yield Label(id="notes-title", classes="section-title")
            yield Static(id="notes-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one("#note", Input).focus()

    def refresh_data(self) -> None:
        ws, tr = self.ws, self.tr
        notes = ws.records.notes()
        titles = {p.key: tr.text(p.spec.title) for p in ws.phases()}
        listing = Text()
        for n, note in enumerate(reversed(notes)):
            if n:
                listing.append("\n")
            where = titles.get(note.phase_key or "", "")
            listing.append(f"{tr.time(note.created_at)} {where}\n", style="bold")
            listing.append(note.text)
        if not notes:
            listing.append(tr("tui.notes.none"), style="italic")
        self.query_one("#notes-title", Label).update(tr("tui.notes.list", n=len(notes)))
        self.query_one("#notes-list", Static).update(listing)
        insights = ws.records.insights()
        self.query_one("#insights-title", Label).update(tr("tui.notes.insights", n=len(insights)))
        shown = Text()
        for n, insight in enumerate(reversed(insights)):
            if n:
                shown.append("\n")
            shown.append("• " + insight.text.replace("\n", " "))
            if insight.source == Source.PAPER:
                shown.append(f" ({tr('source.paper')})", style="italic")
        if not insights:
            shown.append(tr("tui.dialogue.no_insights"), style="italic")
        self.query_one("#insights", Static).update(shown)
        # A field written elsewhere (the CLI) shows up here unless it is being typed in.
        stored = ws.records.summary()
        for key in list(self.saved):
            area = self.query_one(f"#summary-{key}", TextArea)
            value = stored.get(key, "")
            if value != self.saved[key] and area.text == self.saved[key] and not area.has_focus:
                self.saved[key] = value
                area.text = value

    # -- notes -------------------------------------------------------------------------
    @on(Input.Submitted, "#note")
    def _note(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            return
        done = self.attempt(self.ws.records.note, event.value)
        if done:
            event.input.value = ""
            self.query_one("#note-status", Static).update(self.tr("tui.notes.saved"))

    @on(Input.Submitted, "#paper-insight")
    def _paper_insight(self, event: Input.Submitted) -> None:
        """An insight slip from the closing round, typed in as it is written."""
        event.stop()
        if not event.value.strip():
            return
        done = self.attempt(self.ws.records.add_insight, event.value, source=Source.PAPER)
        if done and done.value is not None:
            event.input.value = ""
            self.query_one("#paper-insight-status", Static).update(
                self.tr("tui.notes.paper_insight_saved", id=done.value.id))

    # -- the summary saves itself -------------------------------------------------------------
    @on(TextArea.Changed, ".summary-field")
    def _typed(self, event: TextArea.Changed) -> None:
        key = (event.text_area.id or "").removeprefix("summary-")
        if event.text_area.text == self.saved.get(key):
            return
        timer = self._autosave.pop(key, None)
        if timer is not None:
            timer.stop()
        self._autosave[key] = self.set_timer(AUTOSAVE_S, lambda: self.save_field(key))

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        widget = event.widget
        name = widget.id or ""
        if isinstance(widget, TextArea) and name.startswith("summary-"):
            self.save_field(name.removeprefix("summary-"))

    def save_field(self, key: str) -> bool:
        """Save one summary field if it changed; False if core refused (the text stays)."""
        if self.fapp.ws is None or key not in self.saved:
            return True
        text = self.query_one(f"#summary-{key}", TextArea).text
        if text == self.saved[key]:
            return True
        if not self.attempt(self.ws.records.set_summary, key, text):
            return False
        self.saved[key] = text
        self.query_one(f"#saved-{key}", Static).update(
            self.tr("tui.notes.field_saved", time=self.tr.time(self.ws.now())))
        return True

    def save_pending(self) -> bool:
        return all([self.save_field(key) for key in list(self.saved)])

    def action_save(self) -> None:
        if self.save_pending():
            self.notify(self.tr("tui.notes.all_saved"), timeout=3)

    def action_back(self) -> None:
        if self.save_pending():
            self.dismiss(None)

    def on_unmount(self) -> None:
        for timer in self._autosave.values():
            timer.stop()
