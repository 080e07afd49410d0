"""Moderation: edit (the original is kept), merge duplicates, hide with a reason, cost, theme.

Below the ideas, the pairs that look alike (core/duplicates.py) wait for the facilitator:
`j` merges the newer idea of the highlighted pair into the older, `x` says they are not the
same (remembered in the session file). Nothing is merged without that key.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer

from facilitator.core.duplicates import Suggestion
from facilitator.core.limits import parse_money
from facilitator.errors import FacilitatorError
from facilitator.kinds import IdeaStatus
from facilitator.store.records import BuildOnRow, IdeaRow
from facilitator.tui.dialogs import ChoiceDialog, TextPrompt
from facilitator.tui.screens.base import FacilitatorScreen
from facilitator.tui.widgets.literal import DataTable, Label, Static
from facilitator.tui.widgets.tables import cursor_key, move_to_key, reset_columns
from facilitator.tui.widgets.textfit import fit


class ModerationScreen(FacilitatorScreen[None]):
    BINDINGS = [
        Binding("e", "edit", "tui.key.edit"),
        Binding("y", "merge", "tui.key.merge"),
        Binding("h", "hide", "tui.key.hide"),
        Binding("r", "restore", "tui.key.restore"),
        Binding("t", "move", "tui.key.move"),
        Binding("c", "cost", "tui.key.cost"),
        Binding("a", "add", "tui.key.add_idea"),
        # Shown in the suggestions' own title line: the footer has no room left at 80 columns.
        Binding("j", "merge_suggested", "tui.key.merge_suggested", show=False),
        Binding("x", "not_same", "tui.key.not_same", show=False),
        Binding("escape", "back", "tui.key.back"),
    ]

    def __init__(self) -> None:
        super().__init__(id="moderation")
        self.ideas: dict[int, IdeaRow] = {}
        self.suggestions: list[Suggestion] = []
        self.build_ons: dict[int, list[BuildOnRow]] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="moderation-body"):
            yield Label(self.tr("tui.moderation.title"), classes="screen-title")
            yield Static(self.tr("tui.moderation.help"), classes="screen-help")
            yield DataTable(id="ideas", cursor_type="row", zebra_stripes=True)
            yield Static("", id="duplicates-title")
            yield DataTable(id="duplicates", cursor_type="row", show_header=False)
            yield Static("", id="idea-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one("#ideas", DataTable).focus()

    def on_resize(self, event: events.Resize) -> None:
        self.refresh_data()

    # -- the table -----------------------------------------------------------------
    def refresh_data(self) -> None:
        ws, tr = self.ws, self.tr
        table = self.query_one("#ideas", DataTable)
        keep = self.selected_id()
        themes: dict[int | None, str] = {t.id: tr.text(t.title) for t in ws.themes()}
        votes: dict[int, int] = {}
        phase = ws.ballots.idea_vote_phase()
        if phase is not None:
            votes = {int(i.target): i.phone + i.paper for i in ws.ballots.result(phase.key).overall}
        self.ideas = {i.id: i for i in ws.ideas.all()}
        self.build_ons = ws.ideas.build_ons()
        widths = reset_columns(table, [(tr("tui.col.id"), 4), (tr("tui.col.theme"), 14),
                                       (tr("tui.col.idea"), 0), (tr("tui.col.votes"), 6),
                                       (tr("tui.col.status"), 18)], self.size.width or 80)
        order = {theme_id: n for n, theme_id in enumerate(themes)}
        ordered = sorted(self.ideas.values(),
                         key=lambda i: (order.get(i.theme_id, len(order)), i.id))
        for idea in ordered:
            text = idea.text + (" ✎" if idea.edited else "")
            if self.build_ons.get(idea.id):   # how many notes build on it, before the cut
                text = f"↳{len(self.build_ons[idea.id])} {text}"
            table.add_row(str(idea.id), fit(themes.get(idea.theme_id, "–"), widths[1]),
                          fit(text, widths[2]), str(votes.get(idea.id, "")),
                          fit(self._status(idea), widths[4]), key=str(idea.id))
        move_to_key(table, None if keep is None else str(keep))
        self._show_duplicates()
        if self.query_one("#duplicates", DataTable).has_focus:
            self._show_pair()
        else:
            self._show_detail()

    # -- the pairs that look alike -----------------------------------------------------
    def _show_duplicates(self) -> None:
        tr = self.tr
        table = self.query_one("#duplicates", DataTable)
        keep = cursor_key(table)
        self.suggestions = self.ws.ideas.duplicates(self.fapp.duplicates, self.ideas.values())
        title = self.query_one("#duplicates-title", Static)
        title.update(tr("tui.duplicates.title", count=len(self.suggestions)))
        shown = bool(self.suggestions)
        title.display = table.display = shown
        (width,) = reset_columns(table, [("", 0)], self.size.width or 80)
        for s in self.suggestions:
            a, b = self.ideas[s.earlier], self.ideas[s.later]
            text = tr("tui.duplicates.pair", earlier=a.id, later=b.id, earlier_text=a.text,
                      later_text=b.text)
            if not s.same_theme:
                text += " " + tr("tui.duplicates.other_theme")
            table.add_row(fit(text, width), key=f"{s.earlier}-{s.later}")
        move_to_key(table, keep)
        if not shown and table.has_focus:
            self.query_one("#ideas", DataTable).focus()

    def selected_pair(self) -> Suggestion | None:
        """The highlighted suggestion (the first one until another is chosen)."""
        key = cursor_key(self.query_one("#duplicates", DataTable))
        return next((s for s in self.suggestions if f"{s.earlier}-{s.later}" == key), None)

    def action_merge_suggested(self) -> None:
        pair, tr = self.selected_pair(), self.tr
        if pair is None:
            self.notify(tr("tui.duplicates.none_selected"), timeout=4)
            return
        self.attempt(self.ws.ideas.merge, pair.later, pair.earlier,
                     done=tr("tui.moderation.merged", idea=pair.later, into=pair.earlier))

    def action_not_same(self) -> None:
        pair, tr = self.selected_pair(), self.tr
        if pair is None:
            self.notify(tr("tui.duplicates.none_selected"), timeout=4)
            return
        self.attempt(self.ws.ideas.not_the_same, pair.earlier, pair.later,
                     done=tr("tui.duplicates.dismissed", earlier=pair.earlier,
                             later=pair.later))

    def _status(self, idea: IdeaRow) -> str:
        tr = self.tr
        if idea.status == IdeaStatus.MERGED:
            return tr("tui.moderation.merged_into", into=idea.merged_into)
        if idea.status == IdeaStatus.HIDDEN:
            return tr("tui.moderation.hidden", reason=idea.hide_reason)
        return tr(f"source.{idea.source}")

    def selected_id(self) -> int | None:
        key = cursor_key(self.query_one("#ideas", DataTable))
        return int(key) if key else None

    def selected(self) -> IdeaRow | None:
        idea_id = self.selected_id()
        return self.ideas.get(idea_id) if idea_id is not None else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # The detail pane follows the list that has the focus (both move when refilled).
        pairs = self.query_one("#duplicates", DataTable)
        if event.data_table is pairs:
            if pairs.has_focus:
                self._show_pair()
        elif not pairs.has_focus:
            self._show_detail()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id == "duplicates":
            self._show_pair()
        elif event.widget.id == "ideas":
            self._show_detail()

    def _show_pair(self) -> None:
        """Both ideas of the highlighted pair, whole (the row is cut to the width)."""
        pair = self.selected_pair()
        if pair is None:
            return
        a, b = self.ideas[pair.earlier], self.ideas[pair.later]
        self.query_one("#idea-detail", Static).update(f"#{a.id} {a.text}\n#{b.id} {b.text}")

    def _show_detail(self) -> None:
        idea, tr = self.selected(), self.tr
        detail = self.query_one("#idea-detail", Static)
        if idea is None:
            detail.update(tr("tui.moderation.empty"))
            return
        text = f"#{idea.id} {idea.text}"
        if idea.edited:
            text += "\n" + tr("tui.moderation.original", text=idea.original_text)
        if idea.cost_cents is not None:
            text += "\n" + tr("tui.moderation.cost_is", cost=tr.money(idea.cost_cents))
        notes = self.build_ons.get(idea.id, [])
        if notes:
            text += "\n" + tr("tui.moderation.build_ons", n=len(notes))
            text += "".join(f"\n  ↳ {n.text}" for n in notes)
        detail.update(text)

    # -- actions ---------------------------------------------------------------------
    def action_edit(self) -> None:
        idea, tr = self.selected(), self.tr
        if idea is None:
            return
        note = tr("tui.moderation.original", text=idea.original_text) if idea.edited else ""
        self.app.push_screen(TextPrompt(
            tr("tui.moderation.edit_title", id=idea.id), tr("tui.col.idea"), value=idea.text,
            note=note, save=lambda text: self.refusal(self.ws.ideas.edit, idea.id, text)))

    def action_merge(self) -> None:
        idea, tr = self.selected(), self.tr
        if idea is None:
            return
        same_theme = [i for i in self.ideas.values()
                      if i.status == IdeaStatus.VISIBLE and i.id != idea.id]
        same_theme.sort(key=lambda i: (i.theme_id != idea.theme_id, i.id))
        options = [(str(i.id), f"#{i.id} {i.text}") for i in same_theme]

        def chosen(target: str | None) -> None:
            if target is not None:
                self.attempt(self.ws.ideas.merge, idea.id, int(target),
                             done=tr("tui.moderation.merged", idea=idea.id, into=target))

        self.app.push_screen(ChoiceDialog(tr("tui.moderation.merge_title", id=idea.id), options,
                                          note=tr("tui.moderation.merge_note", text=idea.text)),
                             chosen)

    def action_hide(self) -> None:
        idea, tr = self.selected(), self.tr
        if idea is None:
            return
        self.app.push_screen(TextPrompt(
            tr("tui.moderation.hide_title", id=idea.id), tr("tui.moderation.reason"),
            note=idea.text, placeholder=tr("tui.moderation.reason_placeholder"),
            save=lambda reason: self.refusal(self.ws.ideas.hide, idea.id, reason)))

    def action_restore(self) -> None:
        idea = self.selected()
        if idea is not None and idea.status != IdeaStatus.VISIBLE:
            self.attempt(self.ws.ideas.restore, idea.id,
                         done=self.tr("tui.moderation.restored", id=idea.id))

    def action_move(self) -> None:
        idea, tr = self.selected(), self.tr
        if idea is None:
            return
        options = [(t.key, tr.text(t.title)) for t in self.ws.themes()]
        if not options:
            return
        current = next((t.key for t in self.ws.themes() if t.id == idea.theme_id), None)

        def chosen(key: str | None) -> None:
            if key is not None:
                self.attempt(self.ws.ideas.move, idea.id, key)

        self.app.push_screen(ChoiceDialog(tr("tui.moderation.move_title", id=idea.id), options,
                                          current=current), chosen)

    def action_cost(self) -> None:
        idea, tr = self.selected(), self.tr
        if idea is None:
            return

        def save(text: str) -> str | None:
            try:
                cents = None if text.strip() in ("", "-") else parse_money(text)
            except FacilitatorError as exc:
                return exc.message(tr)
            return self.refusal(self.ws.ideas.set_cost, idea.id, cents)

        value = "" if idea.cost_cents is None else tr.money(idea.cost_cents)
        self.app.push_screen(TextPrompt(tr("tui.moderation.cost_title", id=idea.id),
                                        tr("tui.moderation.cost_label"), value=value,
                                        note=idea.text, save=save))

    def action_add(self) -> None:
        from facilitator.tui.screens.paper import PaperIdeasScreen

        self.app.push_screen(PaperIdeasScreen())

    def action_back(self) -> None:
        self.dismiss(None)
